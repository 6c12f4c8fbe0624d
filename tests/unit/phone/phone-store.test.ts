// The Phone store's rules with a fake softphone and a fake main process: a call to a Not-ready or
// wrap-up agent is declined with 486 at once and still logged; a Ready agent's call rings, the
// screen pop finds the customer by the caller's number and the log carries them; an answered call
// opens after-call work (agent in wrap_up), whose timer returns the agent to the state before; the
// wrap-up is sent only after its call's log.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodInput, MethodName, MethodOutput, PultApi } from '../../../contract/ipc.ts';
import type { SipAccount } from '../../../contract/sip.ts';
import { CARD_WAIT_MS, PhoneStore, type CallControl, type SoftphoneLike } from '../../../renderer/src/features/phone/phone-store.ts';
import type { CallSnapshot, RegistrationState, SoftphoneListener } from '../../../renderer/src/sip/types.ts';

const CUSTOMER = '0b9a7c1e-2d3f-4a5b-8c6d-7e8f9a0b1c2d';
const account: SipAccount = { websocketUris: ['ws://127.0.0.1:5066'], extension: '1002', iceServers: [], dtmfMode: 'rfc4733', registerExpires: 300, wrapUpSeconds: 30 };

class FakeCall implements CallControl {
  declined: number | null = null;
  private readonly phone: FakeSoftphone;
  snap: CallSnapshot;
  constructor(phone: FakeSoftphone, snap: CallSnapshot) {
    this.phone = phone;
    this.snap = snap;
  }
  set(p: Partial<CallSnapshot>) {
    this.snap = { ...this.snap, ...p };
    this.phone.emit({ type: 'call', call: this.snap });
  }
  answer() { this.set({ status: 'confirmed', confirmedAt: this.snap.startedAt + 2000 }); }
  decline(code: 486 | 603 = 486) { this.declined = code; this.set({ status: 'ended', endedAt: this.snap.startedAt + 10, endedBy: 'local', statusCode: code, reason: code === 486 ? 'sip.reason.busy' : 'sip.reason.declined' }); }
  hangup() { this.set({ status: 'ended', endedAt: this.snap.startedAt + 60_000, endedBy: 'local', reason: 'sip.reason.hungUp' }); }
  remoteHangup() { this.set({ status: 'ended', endedAt: this.snap.startedAt + 60_000, endedBy: 'remote', reason: 'sip.reason.hungUp' }); }
  hold() { this.set({ held: true }); return true; }
  resume() { this.set({ held: false }); return true; }
  mute() {}
  unmute() {}
  sendDtmf() {}
}

class FakeSoftphone implements SoftphoneLike {
  registration: RegistrationState = { status: 'stopped' };
  readonly calls = new Map<string, FakeCall>();
  private readonly listeners = new Set<SoftphoneListener>();
  started = false;
  subscribe(l: SoftphoneListener) { this.listeners.add(l); return () => this.listeners.delete(l); }
  emit(e: Parameters<SoftphoneListener>[0]) { for (const l of this.listeners) l(e); }
  start() { this.started = true; this.registration = { status: 'registered' }; this.emit({ type: 'registration', state: this.registration }); }
  stop() { this.started = false; }
  dial(input: string) {
    const call = new FakeCall(this, { id: `out-${this.calls.size}`, direction: 'outbound', remoteUser: input, status: 'dialing', held: false, remoteHeld: false, muted: false, startedAt: Date.now() });
    this.calls.set(call.snap.id, call);
    this.emit({ type: 'call', call: call.snap });
    return { id: call.snap.id, snapshot: call.snap };
  }
  call(id: string) { return this.calls.get(id); }
  readonly transfers: string[][] = [];
  transfer(callId: string, input: string) { this.transfers.push(['blind', callId, input]); }
  completeTransfer(callId: string, consultId: string) { this.transfers.push(['attended', callId, consultId]); }
  async conference(a: string, b: string) { this.transfers.push(['conference', a, b]); }
  async endConference() { this.transfers.push(['split']); }
  /** An INVITE arrives. */
  ring(id: string, remoteUser: string, headers?: Record<string, string>, extra: Partial<CallSnapshot> = {}): FakeCall {
    const call = new FakeCall(this, { id, direction: 'inbound', remoteUser, status: 'ringing', held: false, remoteHeld: false, muted: false, startedAt: Date.now(), ...(headers ? { headers } : {}), ...extra });
    this.calls.set(id, call);
    this.emit({ type: 'incoming', call: call.snap });
    return call;
  }
}

type Invoked = { method: MethodName; input: unknown };

function fakeApi(invoked: Invoked[], customers: Record<string, string> = {}): PultApi {
  return {
    async invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      invoked.push({ method, input });
      const answers: Partial<Record<MethodName, unknown>> = {
        'agent.setState': { queued: true, at: new Date().toISOString() },
        'calls.log': { queued: true },
        'calls.wrapUp': { queued: true },
        'customers.search': (() => {
          const q = (input as { query: string }).query;
          const id = customers[q];
          const hit = id ? [{ id, fullName: 'Иванова Анна', accountNumber: '100200', phone: q, address: {}, tariffName: null, balance: 0, matched: 'phone', source: 'replica' }] : [];
          return { results: hit, offline: false, askedServer: !id };
        })(),
      };
      return answers[method] as MethodOutput<M>;
    },
    on: () => () => undefined,
  };
}

let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('PhoneStore', () => {
  let invoked: Invoked[];
  let phone: FakeSoftphone;
  let store: PhoneStore;
  let ringing: string[];

  beforeEach(() => {
    invoked = [];
    ringing = [];
    phone = new FakeSoftphone();
    store = new PhoneStore({
      api: fakeApi(invoked, { '+79161234567': CUSTOMER }),
      createSoftphone: () => phone,
      uuid,
      onRinging: (c) => ringing.push(c.snapshot.id),
    });
    store.configure(account, 'secret');
  });
  afterEach(() => {
    store.dispose();
    vi.useRealTimers();
  });

  const calls = (m: MethodName) => invoked.filter((i) => i.method === m).map((i) => i.input);

  it('starts the softphone for the account and shows its registration', () => {
    expect(phone.started).toBe(true);
    expect(store.getSnapshot()).toMatchObject({ configured: true, registration: { status: 'registered' }, agent: { state: 'offline' } });
  });

  it.each([
    [{ state: 'not_ready', reason: 'lunch' }],
    [{ state: 'wrap_up', reason: null }],
    [{ state: 'offline', reason: null }],
  ] as const)('declines a call with 486 at once when the agent is %j, and logs it as declined', async (agent) => {
    await store.setAgentState(agent);
    const call = phone.ring('in-1', '89161234567');
    expect(call.declined).toBe(486);
    expect(ringing).toEqual([]);
    await flush();
    // Logged with the customer the look-up found after the 486 had gone.
    expect(calls('calls.log')).toEqual([expect.objectContaining({ direction: 'in', number: '+79161234567', customerId: CUSTOMER, result: 'declined', answeredAt: null })]);
    expect(store.getSnapshot().wrapUp).toBeNull();
  });

  it('after a reload the state the main process kept is shown again without being sent again; a choice made meanwhile wins', async () => {
    store.restoreAgentState({ state: 'not_ready', reason: 'training' });
    expect(store.getSnapshot().agent).toEqual({ state: 'not_ready', reason: 'training' });
    expect(calls('agent.setState')).toEqual([]);
    await store.setAgentState({ state: 'ready', reason: null });
    store.restoreAgentState({ state: 'not_ready', reason: 'lunch' });
    expect(store.getSnapshot().agent).toEqual({ state: 'ready', reason: null });
  });

  it('a Ready agent: the call rings, the screen pop finds the customer, the IVR choice is the topic', async () => {
    await store.setAgentState({ state: 'ready', reason: null });
    const call = phone.ring('in-2', '89161234567', { 'x-ivr-choice': 'Нет интернета' });
    expect(call.declined).toBeNull();
    expect(ringing).toEqual(['in-2']);
    expect(calls('customers.search')).toEqual([{ query: '+79161234567', limit: 5 }]);
    await flush();
    const ringingCall = store.getSnapshot().calls[0]!;
    expect(ringingCall).toMatchObject({ lookup: 'found', facts: { number: '+79161234567', customerId: CUSTOMER, ivrChoice: 'Нет интернета' } });
  });

  it('a found caller shows once their card is loaded, or after CARD_WAIT_MS when it is slow; the call log does not wait for the card', async () => {
    const asked: string[] = [];
    let cardLoaded: () => void = () => undefined;
    const slowPhone = new FakeSoftphone();
    const s2 = new PhoneStore({
      api: fakeApi(invoked, { '+79161234567': CUSTOMER }),
      createSoftphone: () => slowPhone,
      uuid,
      prefetchCustomer: (id) => {
        asked.push(id);
        return new Promise<void>((r) => { cardLoaded = r; });
      },
    });
    s2.configure(account, undefined);
    await s2.setAgentState({ state: 'ready', reason: null });
    const first = slowPhone.ring('in-30', '+79161234567');
    await flush();
    expect(asked).toEqual([CUSTOMER]);
    expect(s2.getSnapshot().calls[0]!.lookup).toBe('pending'); // the card is on its way
    cardLoaded();
    await flush();
    expect(s2.getSnapshot().calls[0]).toMatchObject({ lookup: 'found', facts: { customerId: CUSTOMER } });
    first.remoteHangup();
    await flush();
    invoked.length = 0;

    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const late = slowPhone.ring('in-31', '+79161234567');
    late.remoteHangup(); // ends before the pop showed: still logged with the customer
    await vi.advanceTimersByTimeAsync(0);
    expect(calls('calls.log')).toEqual([expect.objectContaining({ customerId: CUSTOMER })]);
    const ringing2 = slowPhone.ring('in-32', '+79161234567');
    await vi.advanceTimersByTimeAsync(CARD_WAIT_MS - 1);
    expect(s2.getSnapshot().calls.find((c) => c.snapshot.id === 'in-32')!.lookup).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(s2.getSnapshot().calls.find((c) => c.snapshot.id === 'in-32')!.lookup).toBe('found'); // a slow card never hides who calls
    ringing2.remoteHangup();
    s2.dispose();
  });

  it('an unknown number says so; a second call while on a call gets 486', async () => {
    await store.setAgentState({ state: 'ready', reason: null });
    const first = phone.ring('in-3', '+74956428585');
    await flush();
    expect(store.getSnapshot().calls[0]!.lookup).toBe('unknown');
    first.answer();
    const second = phone.ring('in-4', '+79161234567');
    expect(second.declined).toBe(486);
  });

  it('a call that ends before its look-up answers is logged once the customer is known', async () => {
    let answer: (v: unknown) => void = () => undefined;
    const slow: PultApi = {
      invoke: (async (method: MethodName, input: unknown) => {
        if (method === 'customers.search') {
          return new Promise<unknown>((r) => { answer = r; });
        }
        return fakeApi(invoked).invoke(method as 'calls.log', input as never);
      }) as PultApi['invoke'],
      on: () => () => undefined,
    };
    const slowPhone = new FakeSoftphone();
    const s2 = new PhoneStore({ api: slow, createSoftphone: () => slowPhone, uuid });
    s2.configure(account, undefined);
    await s2.setAgentState({ state: 'ready', reason: null });
    const call = slowPhone.ring('in-9', '+79161234567');
    call.answer();
    call.remoteHangup();
    await flush();
    expect(calls('calls.log')).toEqual([]);
    answer({ results: [{ id: CUSTOMER, matched: 'phone', phone: '+79161234567' }], offline: false, askedServer: false });
    await flush();
    expect(calls('calls.log')).toEqual([expect.objectContaining({ customerId: CUSTOMER, result: 'answered' })]);
    expect(s2.getSnapshot().wrapUp?.customerId).toBe(CUSTOMER);
    s2.dispose();
  });

  it('answered and hung up: logged with the customer, after-call work opens with the agent in wrap_up, then back to Ready on time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    await store.setAgentState({ state: 'ready', reason: null });
    const call = phone.ring('in-5', '+79161234567', { 'x-ivr-choice': '2' });
    await vi.advanceTimersByTimeAsync(0);
    call.answer();
    call.remoteHangup();
    await vi.advanceTimersByTimeAsync(0);
    const [log] = calls('calls.log') as Array<Record<string, unknown>>;
    expect(log).toMatchObject({ direction: 'in', number: '+79161234567', customerId: CUSTOMER, result: 'answered', ivrChoice: '2' });
    expect(log!.callId).toMatch(/^00000000-0000-4000-8000-/);
    const snap = store.getSnapshot();
    expect(snap.wrapUp).toMatchObject({ callId: log!.callId, customerId: CUSTOMER, totalSeconds: 30, timedOut: false, before: { state: 'ready' } });
    expect(snap.agent).toEqual({ state: 'wrap_up', reason: null });
    // A call now is declined: the agent is wrapping up.
    expect(phone.ring('in-6', '+79161234567').declined).toBe(486);

    await vi.advanceTimersByTimeAsync(30_000);
    expect(store.getSnapshot().agent).toEqual({ state: 'ready', reason: null });
    expect(store.getSnapshot().wrapUp).toMatchObject({ timedOut: true });
    expect(calls('agent.setState')).toEqual([
      { state: 'ready', reason: null },
      { state: 'wrap_up', reason: null },
      { state: 'ready', reason: null },
    ]);
  });

  it('saving the wrap-up sends it after the log and returns the agent to the state before the call', async () => {
    await store.setAgentState({ state: 'not_ready', reason: 'meeting' });
    // A personal manager calls out while Not ready.
    const id = store.dial('8 916 123-45-67');
    expect(store.getSnapshot().lastDialed).toBe('8 916 123-45-67');
    const call = phone.calls.get(id)!;
    call.answer();
    call.hangup();
    await flush();
    const wrapUp = store.getSnapshot().wrapUp!;
    expect(wrapUp).toMatchObject({ direction: 'outbound', before: { state: 'not_ready', reason: 'meeting' } });
    await store.saveWrapUp({ callId: wrapUp.callId, conversationId: uuid(), codeId: 'tech.slow', result: 'resolved', note: '' });
    const order = invoked.map((i) => i.method).filter((m) => m === 'calls.log' || m === 'calls.wrapUp');
    expect(order).toEqual(['calls.log', 'calls.wrapUp']);
    expect(store.getSnapshot().wrapUp).toBeNull();
    expect(store.getSnapshot().agent).toEqual({ state: 'not_ready', reason: 'meeting' });
  });

  it('a new account restarts the softphone; no account stops it', () => {
    const before = phone;
    const next = new FakeSoftphone();
    (store as unknown as { opts: { createSoftphone: () => SoftphoneLike } }).opts.createSoftphone = () => next;
    store.configure(account, 'secret');
    expect(next.started).toBe(false);
    store.configure({ ...account, extension: '1003' }, 'secret');
    expect(before.started).toBe(false);
    expect(next.started).toBe(true);
    store.configure(null, undefined);
    expect(next.started).toBe(false);
    expect(store.getSnapshot().configured).toBe(false);
  });

  describe('two lines and transfers', () => {
    it('dialling during a call puts that call on hold first; swap holds one line and resumes the other', async () => {
      await store.setAgentState({ state: 'ready', reason: null });
      const first = phone.ring('in-20', '+79161234567');
      first.answer();
      const second = store.dial('1003');
      expect(first.snap.held).toBe(true);
      phone.calls.get(second)!.answer();
      store.swap('in-20');
      expect(phone.calls.get(second)!.snap.held).toBe(true);
      expect(first.snap.held).toBe(false);
      expect(store.getSnapshot().calls.map((c) => [c.snapshot.id, c.snapshot.held])).toEqual([['in-20', false], [second, true]]);
    });

    it('transfers and the conference go to the softphone with the calls the operator chose', async () => {
      store.transfer('in-1', '1003');
      store.completeTransfer('in-1', 'out-1');
      await store.conference('in-1', 'out-1');
      await store.endConference();
      expect(phone.transfers).toEqual([['blind', 'in-1', '1003'], ['attended', 'in-1', 'out-1'], ['conference', 'in-1', 'out-1'], ['split']]);
    });

    it('a call handed to us by a colleague (Replaces) is not declined while on a call: it pops the card', async () => {
      await store.setAgentState({ state: 'ready', reason: null });
      const consult = phone.ring('in-21', '1002');
      consult.answer();
      const handed = phone.ring('in-22', '+79161234567', undefined, { replacesCallId: 'in-21' });
      expect(handed.declined).toBeNull();
      expect(ringing).toEqual(['in-21', 'in-22']);
      await flush();
      expect(store.getSnapshot().calls.find((c) => c.snapshot.id === 'in-22')).toMatchObject({ lookup: 'found', facts: { customerId: CUSTOMER } });
      // The consultation leg it replaced ends without after-call work; the customer's call has it.
      consult.set({ replaced: true });
      consult.hangup();
      await flush();
      expect(store.getSnapshot().wrapUp).toBeNull();
      handed.answer();
      handed.remoteHangup();
      await flush();
      expect(store.getSnapshot().wrapUp).toMatchObject({ customerId: CUSTOMER });
    });

    it('after an attended transfer the consultation leg has no wrap-up; the transferred customer call has one', async () => {
      await store.setAgentState({ state: 'ready', reason: null });
      const customer = phone.ring('in-23', '+79161234567');
      customer.answer();
      const consultId = store.dial('1003');
      const consult = phone.calls.get(consultId)!;
      consult.answer();
      consult.set({ transferLeg: true });
      consult.remoteHangup();
      await flush();
      expect(store.getSnapshot().wrapUp).toBeNull();
      customer.set({ transfer: { kind: 'attended', target: '1003', state: 'done' } });
      customer.hangup();
      await flush();
      expect(store.getSnapshot().wrapUp).toMatchObject({ customerId: CUSTOMER, direction: 'inbound' });
      // Both calls are logged.
      expect(calls('calls.log')).toHaveLength(2);
    });
  });
});
