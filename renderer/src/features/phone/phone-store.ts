// The Phone feature's state outside React: the softphone of the signed-in agent, the agent's state,
// the calls in progress with the app's facts about each (client-made id, caller's number, the
// customer the screen pop found, the IVR choice), and the after-call work that follows an answered
// call. Views read snapshots through useSyncExternalStore; the softphone is injected, so the rules
// (auto-486, what gets logged, wrap-up and its timer) are tested in plain Node with a fake.
import type { PultApi } from '../../../../contract/ipc.ts';
import type { CallWrapUpInput } from '../../../../contract/phone-ipc.ts';
import type { SipAccount } from '../../../../contract/sip.ts';
import { DEFAULT_IVR_HEADER, DEFAULT_WRAP_UP_SECONDS } from '../../../../contract/sip.ts';
import type { CallSnapshot, RegistrationState, SoftphoneListener } from '../../sip/types.ts';
import { incomingVerdict, stateAfterWrapUp, type AgentState } from './agent-policy.ts';
import { callLogInput, type CallFacts } from './call-record.ts';
import { callerNumber, isPhoneNumber } from './caller-number.ts';

/** The part of a Softphone call the store drives. */
export interface CallControl {
  answer(): void;
  decline(code?: 486 | 603): void;
  hangup(): void;
  hold(): boolean;
  resume(): boolean;
  mute(): void;
  unmute(): void;
  sendDtmf(tones: string): void;
  /** The call's media connection, for getStats() (call quality). */
  readonly peerConnection?: RTCPeerConnection | undefined;
}

/** The part of the Softphone the store uses (renderer/src/sip/softphone.ts). */
export interface SoftphoneLike {
  readonly registration: RegistrationState;
  subscribe(listener: SoftphoneListener): () => void;
  start(): void;
  stop(): void;
  dial(input: string, extraHeaders?: string[]): { id: string; snapshot: CallSnapshot };
  call(id: string): CallControl | undefined;
  transfer(callId: string, input: string): void;
  completeTransfer(callId: string, consultId: string): void;
  conference(firstId: string, secondId: string): Promise<void>;
  endConference(): Promise<void>;
}

export interface SoftphoneFactoryOptions {
  account: SipAccount;
  password: string | undefined;
  captureHeaders: string[];
}

export interface PhoneCall {
  snapshot: CallSnapshot;
  facts: CallFacts;
  /** The screen pop's look-up: pending, found (facts.customerId set), or nobody with this number. */
  lookup: 'none' | 'pending' | 'found' | 'unknown' | 'failed';
}

export interface PendingWrapUp {
  callId: string;
  conversationId: string | null;
  number: string;
  customerId: string | null;
  direction: CallSnapshot['direction'];
  ivrChoice: string | null;
  /** When after-call work began (ms), for the countdown. */
  startedAt: number;
  totalSeconds: number;
  /** The state to go back to. */
  before: AgentState;
  /** The timer ran out: the agent is available again, the form stays until saved or skipped. */
  timedOut: boolean;
}

export interface PhoneSnapshot {
  /** Account and password known, softphone made. */
  configured: boolean;
  registration: RegistrationState;
  agent: AgentState;
  calls: PhoneCall[];
  /** The latest ended call, shown until the next one starts (why it ended, its facts). */
  lastEnded: PhoneCall | null;
  wrapUp: PendingWrapUp | null;
  lastDialed: string | null;
}

export interface PhoneStoreOptions {
  api: PultApi;
  createSoftphone: (opts: SoftphoneFactoryOptions) => SoftphoneLike;
  uuid?: () => string;
  now?: () => number;
  /** A call was logged or wrapped up: the history and tasks have changed. */
  onChanged?: () => void;
  /** A new call rings (after the auto-486 rule let it): the app pops the Phone section. */
  onRinging?: (call: PhoneCall) => void;
  /** What failed: the method the store called. */
  onError?: (what: PhoneStoreCall, e: unknown) => void;
  /**
   * Loads the found caller's card into the views' cache. The pop shows "found" once it is there
   * (or after CARD_WAIT_MS): the card is drawn once, with its data, instead of a spinner first.
   */
  prefetchCustomer?: (customerId: string) => Promise<unknown>;
}

/** The longest a found caller's pop waits for their card before it shows with a spinner. */
export const CARD_WAIT_MS = 300;

/** The methods the store calls on its own (the views call the others). */
export type PhoneStoreCall = 'agent.setState' | 'customers.search' | 'calls.log';

export type CallAction = 'answer' | 'decline' | 'hangup' | 'hold' | 'resume' | 'mute' | 'unmute';

const OFFLINE: AgentState = { state: 'offline', reason: null };

export class PhoneStore {
  private readonly opts: PhoneStoreOptions;
  private readonly uuid: () => string;
  private readonly now: () => number;
  private softphone: SoftphoneLike | null = null;
  private unsubscribe: (() => void) | null = null;
  private account: SipAccount | null = null;
  private key = '';
  private readonly calls = new Map<string, PhoneCall>();
  /** calls.log of each ended call, so a wrap-up is sent only after its call. */
  private readonly logged = new Map<string, Promise<unknown>>();
  /** Screen-pop look-ups under way, by SIP call id: a call's log waits for its customer. */
  private readonly lookups = new Map<string, Promise<string | null>>();
  private wrapTimer: ReturnType<typeof setTimeout> | null = null;
  private state: PhoneSnapshot = {
    configured: false,
    registration: { status: 'stopped' },
    agent: OFFLINE,
    calls: [],
    lastEnded: null,
    wrapUp: null,
    lastDialed: null,
  };
  private readonly listeners = new Set<() => void>();

  constructor(opts: PhoneStoreOptions) {
    this.opts = opts;
    this.uuid = opts.uuid ?? (() => crypto.randomUUID());
    this.now = opts.now ?? Date.now;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PhoneSnapshot => this.state;

  /** Starts (or restarts, when the account or password changed) the softphone; null stops it. */
  configure(account: SipAccount | null, password: string | undefined): void {
    const key = account ? JSON.stringify([account, password ?? null]) : '';
    if (key === this.key) return;
    this.key = key;
    this.stopSoftphone();
    this.account = account;
    if (!account) return this.set({ configured: false, registration: { status: 'stopped' } });
    const phone = this.opts.createSoftphone({ account, password, captureHeaders: [this.ivrHeader()] });
    this.softphone = phone;
    this.unsubscribe = phone.subscribe((e) => {
      if (e.type === 'registration') this.set({ registration: e.state });
      else if (e.type === 'incoming') this.onIncoming(e.call);
      else if (e.type === 'call') this.onCall(e.call);
    });
    this.set({ configured: true, registration: phone.registration });
    phone.start();
  }

  /** Signed out or closed: the softphone stops, timers end. */
  dispose(): void {
    this.key = '';
    this.stopSoftphone();
    if (this.wrapTimer) clearTimeout(this.wrapTimer);
    this.wrapTimer = null;
  }

  /** The state set before the page reloaded (the main process kept it): shown again, not sent again. */
  restoreAgentState(saved: AgentState | null): void {
    if (saved && this.state.agent === OFFLINE) this.set({ agent: saved });
  }

  async setAgentState(next: AgentState): Promise<void> {
    this.set({ agent: next });
    try {
      await this.opts.api.invoke('agent.setState', next);
    } catch (e) {
      this.opts.onError?.('agent.setState', e);
    }
  }

  /**
   * Throws DialError (sip.dial.invalid) when the input is not something to call. A call already in
   * progress goes on hold first: the new one is the second line.
   */
  dial(input: string): string {
    if (!this.softphone) throw new Error('the softphone is not set up');
    for (const c of this.calls.values()) {
      if (c.snapshot.status === 'confirmed' && !c.snapshot.held && !c.snapshot.conference) this.softphone.call(c.snapshot.id)?.hold();
    }
    const call = this.softphone.dial(input);
    this.set({ lastDialed: input.trim() });
    // 'call' for the new session has already been emitted inside dial(); make sure it is tracked.
    const tracked = this.calls.get(call.id) ?? this.track(call.snapshot);
    // Who we call: the customer, when the number is theirs, goes into the call's log.
    if (tracked.lookup === 'none') this.lookUp(tracked);
    return call.id;
  }

  act(sipId: string, action: CallAction): void {
    const call = this.softphone?.call(sipId);
    if (!call) return;
    if (action === 'decline') call.decline(486);
    else call[action]();
  }

  /** Two lines: the other calls go on hold, this one is taken off hold. */
  swap(sipId: string): void {
    const phone = this.softphone;
    if (!phone) return;
    for (const c of this.calls.values()) {
      if (c.snapshot.id !== sipId && c.snapshot.status === 'confirmed' && !c.snapshot.held) phone.call(c.snapshot.id)?.hold();
    }
    const target = this.calls.get(sipId);
    if (target?.snapshot.held) phone.call(sipId)?.resume();
  }

  /** Blind transfer; throws DialError for input that is not a number or extension. */
  transfer(sipId: string, input: string): void {
    this.softphone?.transfer(sipId, input);
  }

  /** Attended transfer: the held call goes to the far end of the consultation call. */
  completeTransfer(sipId: string, consultId: string): void {
    this.softphone?.completeTransfer(sipId, consultId);
  }

  async conference(firstId: string, secondId: string): Promise<void> {
    await this.softphone?.conference(firstId, secondId);
  }

  async endConference(): Promise<void> {
    await this.softphone?.endConference();
  }

  sendDtmf(sipId: string, tones: string): void {
    this.softphone?.call(sipId)?.sendDtmf(tones);
  }

  /** The call's RTCPeerConnection, for the call-quality indicator; undefined before media is set up. */
  peerConnection(sipId: string): RTCPeerConnection | undefined {
    return this.softphone?.call(sipId)?.peerConnection;
  }

  /** Saves the wrap-up (after the call's log) and ends after-call work. */
  async saveWrapUp(input: CallWrapUpInput): Promise<void> {
    await this.logged.get(input.callId);
    await this.opts.api.invoke('calls.wrapUp', input);
    this.opts.onChanged?.();
    await this.endWrapUp();
  }

  /** Closes the form without saving (the call stays in the history without a wrap-up). */
  async endWrapUp(): Promise<void> {
    const w = this.state.wrapUp;
    if (!w) return;
    if (this.wrapTimer) clearTimeout(this.wrapTimer);
    this.wrapTimer = null;
    this.set({ wrapUp: null });
    if (this.state.agent.state === 'wrap_up') await this.setAgentState(stateAfterWrapUp(w.before));
  }

  private ivrHeader(): string {
    return this.account?.ivrHeader ?? DEFAULT_IVR_HEADER;
  }

  private stopSoftphone(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.softphone?.stop();
    this.softphone = null;
  }

  private onIncoming(snapshot: CallSnapshot): void {
    // A colleague hands us a customer after consulting us (attended transfer): the softphone takes
    // it at once in place of the consultation call; no state rule applies, the card pops.
    if (snapshot.replacesCallId !== undefined) {
      const call = this.track(snapshot);
      this.lookUp(call);
      this.opts.onRinging?.(this.calls.get(snapshot.id) ?? call);
      return;
    }
    const busy = [...this.calls.values()].some((c) => c.snapshot.id !== snapshot.id && c.snapshot.status !== 'ended');
    const call = this.track(snapshot);
    const verdict = incomingVerdict(this.state.agent, busy);
    // Looked up in every case: even a declined call is logged with its customer.
    this.lookUp(call);
    if (verdict.action === 'decline') {
      // The PBX hears 486 at once and tries a colleague; the call is still logged (declined).
      this.softphone?.call(snapshot.id)?.decline(verdict.code);
      return;
    }
    this.opts.onRinging?.(this.calls.get(snapshot.id) ?? call);
  }

  private track(snapshot: CallSnapshot): PhoneCall {
    const number = callerNumber(snapshot.remoteUser);
    const ivr = snapshot.headers?.[this.ivrHeader().toLowerCase()] ?? null;
    const call: PhoneCall = {
      snapshot,
      facts: { callId: this.uuid(), number, customerId: null, ivrChoice: ivr, conversationId: null },
      lookup: 'none',
    };
    this.calls.set(snapshot.id, call);
    this.publishCalls({ lastEnded: null });
    return call;
  }

  private lookUp(call: PhoneCall): void {
    const id = call.snapshot.id;
    if (!isPhoneNumber(call.facts.number)) return this.patchCall(id, { lookup: 'unknown' });
    this.patchCall(id, { lookup: 'pending' });
    const found = this.opts.api.invoke('customers.search', { query: call.facts.number, limit: 5 }).then(
      (r) => {
        const hit = r.results.find((h) => h.matched === 'phone' && h.phone === call.facts.number) ?? r.results.find((h) => h.matched === 'phone');
        const customerId = hit?.id ?? null;
        const show = () => {
          const current = this.calls.get(id) ?? (this.state.lastEnded?.snapshot.id === id ? this.state.lastEnded : null);
          if (current) this.patchCall(id, { lookup: hit ? 'found' : 'unknown', facts: { ...current.facts, customerId } });
          const w = this.state.wrapUp;
          if (customerId && w?.callId === call.facts.callId && !w.customerId) this.set({ wrapUp: { ...w, customerId } });
        };
        if (customerId && this.opts.prefetchCustomer) this.afterCard(customerId, show);
        else show();
        return customerId;
      },
      (e: unknown) => {
        this.opts.onError?.('customers.search', e);
        this.patchCall(id, { lookup: 'failed' });
        return null;
      },
    );
    this.lookups.set(id, found);
  }

  /** Runs show() once the card is cached, failed to load, or CARD_WAIT_MS passed — whichever is first. */
  private afterCard(customerId: string, show: () => void): void {
    let shown = false;
    const once = () => {
      if (shown) return;
      shown = true;
      clearTimeout(timer);
      show();
    };
    const timer = setTimeout(once, CARD_WAIT_MS);
    this.opts.prefetchCustomer!(customerId).then(once, once);
  }

  private onCall(snapshot: CallSnapshot): void {
    const known = this.calls.get(snapshot.id) ?? this.track(snapshot);
    known.snapshot = snapshot;
    if (snapshot.status !== 'ended') return this.publishCalls();
    this.calls.delete(snapshot.id);
    this.publishCalls({ lastEnded: { ...known } });
    const lookup = this.lookups.get(snapshot.id);
    this.lookups.delete(snapshot.id);
    // The log waits for a look-up still under way (a short call, a declined one), not longer.
    const logged = (lookup ?? Promise.resolve(known.facts.customerId))
      .then((customerId) => this.opts.api.invoke('calls.log', callLogInput({ ...known.facts, customerId: customerId ?? known.facts.customerId }, snapshot)))
      .then(
        () => this.opts.onChanged?.(),
        (e: unknown) => this.opts.onError?.('calls.log', e),
      );
    this.logged.set(known.facts.callId, logged);
    // A consultation leg that a transfer ended (ours or the colleague's) has nothing to wrap up.
    const handOverLeg = snapshot.replaced === true || snapshot.transferLeg === true;
    if (snapshot.confirmedAt !== undefined && !handOverLeg) void this.startWrapUp(known, snapshot);
  }

  private async startWrapUp(call: PhoneCall, snapshot: CallSnapshot): Promise<void> {
    // A second answered call ending during an open form: the earlier form is closed unsaved.
    const before = this.state.wrapUp?.before ?? this.state.agent;
    if (this.wrapTimer) clearTimeout(this.wrapTimer);
    const totalSeconds = this.account?.wrapUpSeconds ?? DEFAULT_WRAP_UP_SECONDS;
    this.set({
      wrapUp: {
        callId: call.facts.callId,
        conversationId: call.facts.conversationId,
        number: call.facts.number,
        customerId: call.facts.customerId,
        direction: snapshot.direction,
        ivrChoice: call.facts.ivrChoice,
        startedAt: this.now(),
        totalSeconds,
        before,
        timedOut: false,
      },
    });
    await this.setAgentState({ state: 'wrap_up', reason: null });
    if (totalSeconds > 0) {
      this.wrapTimer = setTimeout(() => {
        this.wrapTimer = null;
        const w = this.state.wrapUp;
        if (!w || w.callId !== call.facts.callId) return;
        this.set({ wrapUp: { ...w, timedOut: true } });
        if (this.state.agent.state === 'wrap_up') void this.setAgentState(stateAfterWrapUp(w.before));
      }, totalSeconds * 1000);
    }
  }

  private patchCall(sipId: string, patch: Partial<PhoneCall>): void {
    const call = this.calls.get(sipId);
    if (call) {
      this.calls.set(sipId, { ...call, ...patch });
      return this.publishCalls();
    }
    const last = this.state.lastEnded;
    if (last?.snapshot.id === sipId) this.set({ lastEnded: { ...last, ...patch } });
  }

  private publishCalls(extra: Partial<PhoneSnapshot> = {}): void {
    this.set({ calls: [...this.calls.values()], ...extra });
  }

  private set(patch: Partial<PhoneSnapshot>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}
