// The softphone: one JsSIP user agent for the operator's SIP account, its registration state with
// the reason in words when it fails, and the calls in and out. Subscribers get plain snapshots.
import { C, UA, WebSocketInterface } from 'jssip';
import type { IncomingResponse } from 'jssip/lib/SIPMessage';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import { SipAccount, type SipAccountInput } from '../../../contract/sip.ts';
import { Call, type TakeOverEvent } from './call.ts';
import { LocalConference } from './conference.ts';
import { refreshDialogTarget } from './dialog-refresh.ts';
import { dialTarget, dialUri } from './dial-target.ts';
import { guardedSocket } from './guarded-socket.ts';
import { browserRecoveryEnv, watchNetwork, type RecoveryEnv, type RecoveryTarget } from './network-recovery.ts';
import { sipReason } from './reasons.ts';
import type { Refusal } from './sip-screen.ts';
import type { CallSnapshot, RegistrationState, SoftphoneEvent, SoftphoneListener } from './types.ts';
import { sipDomain, socketWeights, uaConfig } from './ua-config.ts';

export interface SoftphoneOptions {
  account: SipAccountInput;
  /** From the OS keychain; never stored by the softphone. */
  password?: string;
  /** How long to wait for a usable ICE candidate before sending what there is. */
  iceTimeoutMs?: number;
  /** INVITE headers to keep on incoming calls (the PBX's IVR choice, e.g. X-IVR-Choice). */
  captureHeaders?: readonly string[];
  /** Calls at once (two lines); a call beyond them is answered 486 and logged. */
  maxLines?: number;
  /** Where to watch for 'online' and wake-ups (network-recovery.ts); the browser's by default. */
  recoveryEnv?: RecoveryEnv;
  /** The microphone to open for each call (the chosen device); any microphone by default. */
  audioInput?: () => MediaTrackConstraints | true;
}

/** The parts of JsSIP's Transport we use: it is public in UA.js (`ua.transport`) but not typed. */
interface JssipTransport {
  connect(): void;
  disconnect(): void;
}

/** Refusals kept for the log and diagnostics; older ones are dropped, their count kept. */
const REFUSALS_KEPT = 100;

export class DialError extends Error {
  readonly code = 'sip.dial.invalid';
  readonly input: string;
  constructor(input: string) {
    super(`not a number or extension that can be dialled: "${input}"`);
    this.input = input;
  }
}

export class TransferError extends Error {
  readonly code = 'sip.transfer.invalid';
}

export class Softphone {
  readonly account: SipAccount;
  private readonly ua: UA;
  private readonly listeners = new Set<SoftphoneListener>();
  private readonly calls = new Map<string, Call>();
  private reg: RegistrationState = { status: 'stopped' };
  private readonly iceTimeoutMs: number;
  private readonly captureHeaders: readonly string[];
  private readonly maxLines: number;
  private readonly refusalLog: Refusal[] = [];
  private refusedTotal = 0;
  private readonly lastLogged = new Map<string, { at: number; skipped: number }>();
  private readonly recoveryEnv: RecoveryEnv | undefined;
  private readonly audioInput: () => MediaTrackConstraints | true;
  private stopWatching: (() => void) | null = null;
  private framesHeard = 0;
  /** The WebSocket closed under a started softphone: calls need a target refresh once back. */
  private socketLost = false;
  /** Sessions JsSIP made for an attended transfer to us (INVITE with Replaces), and whose call they replace. */
  private readonly replacing = new WeakMap<RTCSession, string>();
  /** Sessions JsSIP made because the far end transferred us (REFER). */
  private readonly referred = new WeakSet<RTCSession>();
  private conferenceMix: { calls: [Call, Call]; mixer: LocalConference } | null = null;

  constructor(opts: SoftphoneOptions) {
    this.account = SipAccount.parse(opts.account);
    this.iceTimeoutMs = opts.iceTimeoutMs ?? 1000;
    this.captureHeaders = opts.captureHeaders ?? [];
    this.maxLines = opts.maxLines ?? 2;
    this.recoveryEnv = opts.recoveryEnv;
    this.audioInput = opts.audioInput ?? (() => true);
    const sockets = socketWeights(this.account.websocketUris).map(({ uri, weight }) => ({
      socket: guardedSocket(new WebSocketInterface(uri), (r) => this.refuse(r), () => { this.framesHeard++; }),
      weight,
    }));
    this.ua = new UA({ ...uaConfig(this.account, opts.password), sockets });
    this.wire();
  }

  get registration(): RegistrationState { return this.reg; }
  get activeCalls(): CallSnapshot[] { return [...this.calls.values()].map((c) => c.snapshot); }
  call(id: string): Call | undefined { return this.calls.get(id); }
  /** What the softphone refused from the network (newest last), and how many in all. */
  get refusals(): { recent: readonly Refusal[]; total: number } { return { recent: [...this.refusalLog], total: this.refusedTotal }; }

  subscribe(listener: SoftphoneListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Connects and registers; JsSIP re-registers before expiry and reconnects with backoff (and
   * registers again on every reconnect). network-recovery.ts adds what JsSIP does not notice.
   */
  start(): void {
    this.setRegistration({ status: 'connecting' });
    this.ua.start();
    this.stopWatching ??= watchNetwork(this.recoveryTarget(), this.recoveryEnv ?? browserRecoveryEnv(), {
      onRecover: (reason, action) => console.info(`[sip] ${reason}: ${action}`),
    });
  }

  /** Ends every call, unregisters and closes the WebSocket. */
  stop(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    this.ua.terminateSessions();
    this.ua.stop();
    this.setRegistration({ status: 'stopped' });
  }

  /** Calls what the operator typed (extension, phone number in any form, SIP URI). */
  dial(input: string, extraHeaders: string[] = []): Call {
    const target = dialTarget(input);
    if (!target) throw new DialError(input);
    const session = this.ua.call(dialUri(target, sipDomain(this.account)), {
      mediaConstraints: this.media(),
      pcConfig: this.pcConfig(),
      extraHeaders,
    });
    // 'newRTCSession' has already made the Call (JsSIP emits it inside ua.call()).
    return this.calls.get(session.id)!;
  }

  /** Blind transfer: the call goes to what the operator typed; our leg ends once it rings there. */
  transfer(callId: string, input: string): void {
    const call = this.calls.get(callId);
    const target = dialTarget(input);
    if (!target) throw new DialError(input);
    if (!call || call.snapshot.status !== 'confirmed') throw new TransferError('only a call in progress can be transferred');
    call.transfer(dialUri(target, sipDomain(this.account)), target.kind === 'uri' ? target.uri : target.user);
  }

  /**
   * Attended transfer: `callId` (on hold, the customer) is handed to the far end of `consultId`
   * (the colleague we consulted on the other line), who takes it over with Replaces.
   */
  completeTransfer(callId: string, consultId: string): void {
    const call = this.calls.get(callId);
    const consult = this.calls.get(consultId);
    if (!call || !consult || call === consult || call.snapshot.status !== 'confirmed' || consult.snapshot.status !== 'confirmed') {
      throw new TransferError('an attended transfer needs two calls in progress');
    }
    call.transfer(consult.session.remote_identity.uri.toString(), consult.snapshot.remoteUser, consult);
  }

  /** Joins two calls in progress into a three-way conference mixed here (both taken off hold). */
  async conference(firstId: string, secondId: string): Promise<void> {
    const pair = [this.calls.get(firstId), this.calls.get(secondId)];
    if (!pair[0] || !pair[1] || pair[0] === pair[1] || pair.some((c) => c!.snapshot.status !== 'confirmed')) {
      throw new TransferError('a conference needs two calls in progress');
    }
    const calls = pair as [Call, Call];
    await this.endConference();
    for (const c of calls) {
      if (c.snapshot.held) c.resume();
      // The microphone track must be live for the mix; muting is the conference's from here on.
      if (c.snapshot.muted) c.unmute();
    }
    const mixer = await LocalConference.start(calls[0], calls[1]);
    this.conferenceMix = { calls, mixer };
    const mic = {
      get muted() { return mixer.micMuted; },
      setMuted: (muted: boolean) => {
        mixer.setMicMuted(muted);
        for (const c of calls) c.noteMuted(muted);
      },
    };
    for (const c of calls) c.setConference(mic);
  }

  /** Splits the conference back into two calls (or one, when the other has ended). */
  async endConference(): Promise<void> {
    const conf = this.conferenceMix;
    if (!conf) return;
    this.conferenceMix = null;
    const muted = conf.mixer.micMuted;
    await conf.mixer.end();
    for (const c of conf.calls) {
      if (c.snapshot.status === 'ended') continue;
      c.setConference(null);
      // A microphone muted in the conference stays muted on the calls that go on.
      if (muted) c.mute();
    }
  }

  private recoveryTarget(): RecoveryTarget {
    const transport = (): JssipTransport => (this.ua as unknown as { transport: JssipTransport }).transport;
    return {
      isConnected: () => this.ua.isConnected(),
      framesHeard: () => this.framesHeard,
      register: () => this.ua.register(),
      reconnect: () => {
        const t = transport();
        // disconnect() also cancels a pending backoff timer; connect() then opens a socket now, and
        // JsSIP registers again on 'connected'. Calls stay up: their media does not use the socket.
        t.disconnect();
        t.connect();
      },
    };
  }

  /** Audio only (JsSIP asks for video too unless told), from the chosen microphone. */
  private media(): MediaStreamConstraints {
    return { audio: this.audioInput(), video: false };
  }

  private pcConfig(): RTCConfiguration {
    return { iceServers: this.account.iceServers };
  }

  private wire(): void {
    const ua = this.ua;
    ua.on('connecting', ({ socket }) => this.setRegistration({ status: 'connecting', server: socket.url }));
    ua.on('connected', ({ socket }) => this.setRegistration({ status: 'registering', server: socket.url }));
    ua.on('disconnected', ({ socket }) => {
      if (this.reg.status === 'stopped') return;
      this.socketLost = true;
      this.setRegistration({ status: 'failed', reason: sipReason(C.causes.CONNECTION_ERROR), server: socket.url });
    });
    ua.on('registered', () => {
      this.setRegistration({ status: 'registered', server: this.reg.server });
      if (!this.socketLost) return;
      this.socketLost = false;
      for (const call of this.calls.values()) {
        if (call.snapshot.status === 'confirmed') refreshDialogTarget(call.session);
      }
    });
    ua.on('unregistered', () => { if (this.reg.status !== 'stopped') this.setRegistration({ status: 'registering', server: this.reg.server }); });
    ua.on('registrationFailed', ({ response, cause }) => {
      const statusCode = (response as IncomingResponse | null)?.status_code;
      this.setRegistration({
        status: 'failed',
        reason: sipReason(cause, statusCode),
        ...(statusCode ? { statusCode } : {}),
        server: this.reg.server,
      });
    });
    ua.on('newRTCSession', ({ session, originator, request }: RTCSessionEvent) => {
      const replacesCallId = this.replacing.get(session);
      // A flood of INVITEs (or a third call while two lines are busy) gets 486, not a Call each.
      // A call replacing one of ours (attended transfer to us) takes that call's line.
      if (originator === 'remote' && replacesCallId === undefined && this.calls.size >= this.maxLines) {
        session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
        this.refuse({ at: new Date().toISOString(), reason: 'too_many_calls', sample: `INVITE from ${request.from.uri.user ?? '?'}` });
        return;
      }
      const headers: Record<string, string> = {};
      if (originator === 'remote') {
        for (const name of this.captureHeaders) {
          const value = request.getHeader(name);
          if (value) headers[name.toLowerCase()] = value.slice(0, 256);
        }
      }
      const call = new Call(session, originator === 'remote' ? 'inbound' : 'outbound', {
        dtmfMode: this.account.dtmfMode,
        pcConfig: this.pcConfig(),
        media: () => this.media(),
        iceTimeoutMs: this.iceTimeoutMs,
        onChange: (c) => this.onCallChange(c),
        onDtmf: (c, tone) => this.emit({ type: 'dtmf', callId: c.id, tone }),
        onRefer: (c, e) => this.onRefer(c, e),
        onReplaces: (c, e) => this.onReplaces(c, e),
        headers,
        initial: {
          ...(replacesCallId !== undefined ? { replacesCallId } : {}),
          ...(this.referred.has(session) ? { referred: true } : {}),
        },
      });
      this.calls.set(call.id, call);
      if (originator === 'remote') this.emit({ type: 'incoming', call: call.snapshot });
      else this.emit({ type: 'call', call: call.snapshot });
      // The colleague who consulted us hands the customer over: take the call at once.
      if (replacesCallId !== undefined) call.answer();
    });
  }

  /** The far end transfers us (REFER): we call the target (with Replaces, when it says so). */
  private onRefer(call: Call, e: TakeOverEvent): void {
    console.info(`[sip] call ${call.id}: transferred by the far end`);
    e.accept((session) => this.referred.add(session), { mediaConstraints: this.media(), pcConfig: this.pcConfig() });
  }

  /** An INVITE with Replaces for one of our calls: the new call takes its place (JsSIP ends the old one). */
  private onReplaces(call: Call, e: TakeOverEvent): void {
    call.markReplaced();
    e.accept((session) => this.replacing.set(session, call.id));
  }

  private onCallChange(call: Call): void {
    if (call.snapshot.status === 'ended' && this.conferenceMix?.calls.includes(call)) void this.endConference();
    this.emit({ type: 'call', call: call.snapshot });
    // Ended calls leave the softphone; history keeps them (a later slice).
    if (call.snapshot.status === 'ended') this.calls.delete(call.id);
  }

  private refuse(r: Refusal): void {
    this.refusedTotal++;
    this.refusalLog.push(r);
    if (this.refusalLog.length > REFUSALS_KEPT) this.refusalLog.shift();
    // One console line a second per reason: a flood is counted, not printed line by line.
    const now = Date.now();
    const last = this.lastLogged.get(r.reason);
    if (last && now - last.at < 1000) last.skipped++;
    else {
      console.warn(`[sip] refused (${r.reason}): ${r.sample}${last?.skipped ? ` (and ${last.skipped} more like it)` : ''}`);
      this.lastLogged.set(r.reason, { at: now, skipped: 0 });
    }
    this.emit({ type: 'refused', refusal: r });
  }

  private setRegistration(state: RegistrationState): void {
    this.reg = state;
    this.emit({ type: 'registration', state });
  }

  private emit(event: SoftphoneEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (e) {
        console.error('softphone listener failed', e);
      }
    }
  }
}
