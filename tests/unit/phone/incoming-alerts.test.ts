// The incoming-call alerts over a fake Phone store: one ring while calls ring, stopped on answer,
// decline or cancel; do not disturb declines at once (486 through the store) without a ring;
// auto-answer counts down, beeps, then answers — and the agent can cancel it; an agent who is not
// Ready (the store declines) never hears a ring start.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IncomingAlerts, type AlertSettings } from '../../../renderer/src/features/phone/incoming-alerts.ts';
import type { CallAction, PhoneCall, PhoneSnapshot } from '../../../renderer/src/features/phone/phone-store.ts';
import type { CallSnapshot } from '../../../renderer/src/sip/types.ts';

class FakeStore {
  state = { agent: { state: 'ready', reason: null }, calls: [] as PhoneCall[] } as unknown as PhoneSnapshot;
  acts: Array<[string, CallAction]> = [];
  private listeners = new Set<() => void>();
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getSnapshot = () => this.state;
  act = (id: string, action: CallAction) => {
    this.acts.push([id, action]);
    if (action === 'decline') this.setStatus(id, 'ended');
    if (action === 'answer') this.setStatus(id, 'answering');
  };
  ring(id: string, direction: CallSnapshot['direction'] = 'inbound') {
    const snapshot: CallSnapshot = { id, direction, remoteUser: '+79161234567', status: 'ringing', held: false, remoteHeld: false, muted: false, startedAt: 0 };
    this.set({ calls: [...this.state.calls, { snapshot, facts: { callId: id, number: '+79161234567', customerId: null, ivrChoice: null, conversationId: null }, lookup: 'none' }] });
  }
  setStatus(id: string, status: CallSnapshot['status']) {
    const calls = this.state.calls.map((c) => (c.snapshot.id === id ? { ...c, snapshot: { ...c.snapshot, status } } : c)).filter((c) => c.snapshot.status !== 'ended');
    this.set({ calls });
  }
  set(patch: Partial<PhoneSnapshot>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}

function setup(settings: Partial<AlertSettings> = {}) {
  const store = new FakeStore();
  const sounds = { rings: 0, stops: 0, beeps: 0, on: false };
  const alerts = new IncomingAlerts({
    store,
    sounds: {
      ring: () => {
        sounds.rings++;
        sounds.on = true;
      },
      stopRing: () => {
        sounds.stops++;
        sounds.on = false;
      },
      beep: () => {
        sounds.beeps++;
        return Promise.resolve();
      },
    },
    now: () => Date.now(),
  });
  alerts.configure({ doNotDisturb: false, autoAnswer: { enabled: false, delaySeconds: 3 }, ringVolume: 0.6, ...settings });
  alerts.start();
  return { store, sounds, alerts };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('IncomingAlerts', () => {
  it('rings once while calls ring and stops when the call is answered', async () => {
    const { store, sounds } = setup();
    store.ring('c1');
    await settle();
    expect(sounds).toMatchObject({ rings: 1, on: true });
    store.ring('c2'); // a second call: still one ring
    await settle();
    expect(sounds.rings).toBe(1);
    store.setStatus('c2', 'ended');
    await settle();
    expect(sounds.on).toBe(true);
    store.setStatus('c1', 'answering');
    await settle();
    expect(sounds).toMatchObject({ rings: 1, stops: 1, on: false });
  });

  it('stops ringing when the caller gives up', async () => {
    const { store, sounds } = setup();
    store.ring('c1');
    await settle();
    store.setStatus('c1', 'ended');
    await settle();
    expect(sounds.on).toBe(false);
  });

  it('never rings an outbound call', async () => {
    const { store, sounds } = setup();
    store.ring('c1', 'outbound');
    await settle();
    expect(sounds.rings).toBe(0);
  });

  it('a call the store declines at once (agent not Ready) starts no ring', async () => {
    const { store, sounds } = setup();
    store.ring('c1');
    store.setStatus('c1', 'ended'); // same tick, as PhoneStore.onIncoming does
    await settle();
    expect(sounds.rings).toBe(0);
  });

  it('do not disturb declines with the store (486) and does not ring', async () => {
    const { store, sounds } = setup({ doNotDisturb: true, autoAnswer: { enabled: true, delaySeconds: 0 } });
    store.ring('c1');
    await settle();
    expect(store.acts).toEqual([['c1', 'decline']]);
    expect(sounds.rings).toBe(0);
    expect(store.state.calls).toEqual([]);
  });

  it('auto-answer: counts down while ringing, then beeps and answers', async () => {
    const { store, sounds, alerts } = setup({ autoAnswer: { enabled: true, delaySeconds: 3 } });
    store.ring('c1');
    await settle();
    const pending = alerts.getSnapshot().autoAnswer;
    expect(pending?.sipId).toBe('c1');
    expect(pending!.answerAt - Date.now()).toBe(3000);
    expect(sounds.on).toBe(true);
    await vi.advanceTimersByTimeAsync(2999);
    expect(store.acts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sounds.beeps).toBe(1);
    expect(store.acts).toEqual([['c1', 'answer']]);
    expect(alerts.getSnapshot().autoAnswer).toBeNull();
    expect(sounds.on).toBe(false);
  });

  it('auto-answer cancelled: the call goes on ringing and is not answered', async () => {
    const { store, sounds, alerts } = setup({ autoAnswer: { enabled: true, delaySeconds: 2 } });
    store.ring('c1');
    await settle();
    alerts.cancelAutoAnswer();
    await vi.advanceTimersByTimeAsync(5000);
    expect(store.acts).toEqual([]);
    expect(sounds).toMatchObject({ beeps: 0, on: true });
    expect(alerts.getSnapshot().autoAnswer).toBeNull();
  });

  it('auto-answer is dropped when the caller hangs up first', async () => {
    const { store, alerts } = setup({ autoAnswer: { enabled: true, delaySeconds: 2 } });
    store.ring('c1');
    await settle();
    store.setStatus('c1', 'ended');
    await settle();
    expect(alerts.getSnapshot().autoAnswer).toBeNull();
    await vi.advanceTimersByTimeAsync(5000);
    expect(store.acts).toEqual([]);
  });

  it('does not auto-answer a second call while the agent is on one', async () => {
    const { store, alerts } = setup({ autoAnswer: { enabled: true, delaySeconds: 0 } });
    store.ring('c1');
    await settle();
    await vi.advanceTimersByTimeAsync(10);
    store.setStatus('c1', 'confirmed');
    store.ring('c2');
    await settle();
    expect(alerts.getSnapshot().autoAnswer).toBeNull();
    expect(store.acts).toEqual([['c1', 'answer']]);
  });

  it('dispose stops the ring', async () => {
    const { store, sounds, alerts } = setup();
    store.ring('c1');
    await settle();
    alerts.dispose();
    expect(sounds.on).toBe(false);
  });
});
