// When the softphone re-registers or replaces its socket (renderer/src/sip/network-recovery.ts):
// driven by real EventTargets and vitest's fake clock, against a target that records its calls.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WAKE_EVENT, watchNetwork, type RecoveryEnv, type RecoveryTarget } from '../../../renderer/src/sip/network-recovery.ts';

class FakeUa implements RecoveryTarget {
  connected = true;
  frames = 0;
  /** What a REGISTER does: answered (the socket lives) or lost (half-open socket). */
  registerAnswers = true;
  calls: string[] = [];
  isConnected() { return this.connected; }
  framesHeard() { return this.frames; }
  register() {
    this.calls.push('register');
    if (this.registerAnswers) this.frames++;
  }
  reconnect() {
    this.calls.push('reconnect');
    this.connected = true;
  }
}

class FakeDocument extends EventTarget {
  visibilityState = 'visible';
}

let ua: FakeUa;
let win: EventTarget;
let doc: FakeDocument;
let stop: () => void;

function env(): RecoveryEnv {
  return {
    events: win,
    visibility: doc,
    now: () => Date.now(),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
}

/** The PC sleeps: the wall clock moves on, no timer runs meanwhile. */
function sleep(ms: number) {
  vi.setSystemTime(Date.now() + ms);
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T09:00:00Z') });
  ua = new FakeUa();
  win = new EventTarget();
  doc = new FakeDocument();
  stop = watchNetwork(ua, env(), { tickMs: 5_000, wakeGapMs: 65_000, probeMs: 8_000, minGapMs: 10_000 });
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('watchNetwork', () => {
  it('does nothing while the network and the clock behave', () => {
    win.dispatchEvent(new Event('offline'));
    vi.advanceTimersByTime(10 * 60_000);
    expect(ua.calls).toEqual([]);
  });

  it("re-registers once on 'online' over a live socket, and keeps that socket", () => {
    win.dispatchEvent(new Event('offline'));
    win.dispatchEvent(new Event('online'));
    expect(ua.calls).toEqual(['register']);
    vi.advanceTimersByTime(60_000);
    expect(ua.calls).toEqual(['register']);
  });

  it("on 'online' with the socket down, reconnects at once instead of waiting for JsSIP's backoff", () => {
    ua.connected = false;
    win.dispatchEvent(new Event('online'));
    expect(ua.calls).toEqual(['reconnect']);
  });

  it('replaces a half-open socket: a REGISTER unanswered within probeMs leads to one reconnect', () => {
    ua.registerAnswers = false;
    win.dispatchEvent(new Event('online'));
    expect(ua.calls).toEqual(['register']);
    vi.advanceTimersByTime(7_999);
    expect(ua.calls).toEqual(['register']);
    vi.advanceTimersByTime(1);
    expect(ua.calls).toEqual(['register', 'reconnect']);
    vi.advanceTimersByTime(60_000);
    expect(ua.calls).toEqual(['register', 'reconnect']);
  });

  it('the operating system says it resumed (the desktop app): re-registers at once, and the next tick does not count it again', () => {
    sleep(20 * 60_000);
    win.dispatchEvent(new Event(WAKE_EVENT));
    expect(ua.calls).toEqual(['register']);
    // The page's own clock watch sees the jump at its next tick: already handled, not again.
    vi.advanceTimersByTime(5_000);
    expect(ua.calls).toEqual(['register']);
  });

  it('treats a wall-clock jump far past the timer as a wake and re-registers', () => {
    vi.advanceTimersByTime(4_000);
    sleep(20 * 60_000);
    vi.advanceTimersByTime(1_000); // the first tick after the wake
    expect(ua.calls).toEqual(['register']);
  });

  it('sees the wake at once when the page becomes visible, not at the next tick', () => {
    sleep(5 * 60_000);
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(ua.calls).toEqual(['register']);
    vi.advanceTimersByTime(5_000);
    expect(ua.calls).toEqual(['register']);
  });

  it("a minute's lateness (Chromium throttling a hidden page) is not a wake", () => {
    sleep(55_000);
    vi.advanceTimersByTime(5_000);
    expect(ua.calls).toEqual([]);
  });

  it('no storm: a burst of online events and a wake re-register once; a later event again', () => {
    sleep(10 * 60_000);
    for (let i = 0; i < 20; i++) win.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(5_000); // the wake tick, within minGapMs of the first online
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(ua.calls).toEqual(['register']);
    vi.advanceTimersByTime(10_000);
    win.dispatchEvent(new Event('online'));
    expect(ua.calls).toEqual(['register', 'register']);
  });

  it('stops listening when stopped', () => {
    stop();
    win.dispatchEvent(new Event('online'));
    sleep(20 * 60_000);
    vi.advanceTimersByTime(60_000);
    expect(ua.calls).toEqual([]);
  });
});
