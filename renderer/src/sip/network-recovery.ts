// When to make the user agent prove it is still registered. JsSIP reconnects and re-registers by
// itself when its WebSocket closes (UA.js registers on every 'connected'), but it learns nothing
// when the network changes under a socket that stays open, or when the PC wakes from sleep: the
// socket may be dead while JsSIP still says "connected" (versatica/JsSIP#737, #894). So on the
// browser's 'online' event, on WAKE_EVENT (the desktop app's power monitor says the PC resumed),
// and when the wall clock jumped far past our timer (a wake the page noticed by itself), we
// re-register at once; if not a single frame comes back soon, the socket is treated as dead and
// replaced. (Not "is it registered?": JsSIP keeps that flag up while a refresh REGISTER is pending.)

/** Dispatched on the window when the operating system reports a resume from sleep (Electron). */
export const WAKE_EVENT = 'pult:wake';

export interface RecoveryTarget {
  /** JsSIP's view of the WebSocket; a half-open socket still says true. */
  isConnected(): boolean;
  /** Frames received from the SIP server so far (any frame proves the socket alive). */
  framesHeard(): number;
  /** Sends a REGISTER now. */
  register(): void;
  /** Drops the WebSocket (if any) and opens a new one now, without JsSIP's backoff. */
  reconnect(): void;
}

export type RecoveryReason = 'online' | 'wake';

export interface RecoveryEnv {
  /** Where 'online' and 'offline' fire (window). */
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** Where 'visibilitychange' fires (document); optional. */
  visibility?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> & { visibilityState: string };
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RecoveryOptions {
  /** How often the watchdog looks at the clock. */
  tickMs?: number;
  /**
   * A tick later than this beyond tickMs counts as a wake. Above a minute on purpose: Chromium
   * throttles timers of a hidden page to one a minute, which is not a sleep.
   */
  wakeGapMs?: number;
  /** No frame within this after the REGISTER is taken as a dead socket: reconnect. */
  probeMs?: number;
  /** At most one recovery in this window: a burst of events re-registers once. */
  minGapMs?: number;
  onRecover?: (reason: RecoveryReason, action: 'register' | 'reconnect') => void;
}

export function browserRecoveryEnv(): RecoveryEnv {
  return {
    events: window,
    visibility: document,
    now: () => Date.now(),
    setInterval: (fn, ms) => window.setInterval(fn, ms),
    clearInterval: (h) => window.clearInterval(h as number),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (h) => window.clearTimeout(h as number),
  };
}

/** Starts watching; returns the function that stops it. */
export function watchNetwork(target: RecoveryTarget, env: RecoveryEnv, opts: RecoveryOptions = {}): () => void {
  const tickMs = opts.tickMs ?? 5_000;
  const wakeGapMs = opts.wakeGapMs ?? 65_000;
  const probeMs = opts.probeMs ?? 8_000;
  const minGapMs = opts.minGapMs ?? 10_000;
  let lastTick = env.now();
  let lastRecovery = -Infinity;
  let probe: unknown = null;

  const recover = (reason: RecoveryReason) => {
    const now = env.now();
    if (now - lastRecovery < minGapMs) return;
    lastRecovery = now;
    if (probe !== null) env.clearTimeout(probe);
    probe = null;
    if (!target.isConnected()) {
      opts.onRecover?.(reason, 'reconnect');
      target.reconnect();
      return;
    }
    opts.onRecover?.(reason, 'register');
    const heard = target.framesHeard();
    target.register();
    probe = env.setTimeout(() => {
      probe = null;
      if (target.framesHeard() > heard) return;
      opts.onRecover?.(reason, 'reconnect');
      target.reconnect();
    }, probeMs);
  };

  const checkClock = () => {
    const now = env.now();
    const late = now - lastTick - tickMs;
    lastTick = now;
    if (late > wakeGapMs) recover('wake');
  };
  const onOnline = () => recover('online');
  const onWake = () => {
    lastTick = env.now();
    recover('wake');
  };
  // A page made visible again runs its timers late; look at the clock now rather than at the next tick.
  const onVisible = () => { if (env.visibility?.visibilityState === 'visible') checkClock(); };

  env.events.addEventListener('online', onOnline);
  env.events.addEventListener(WAKE_EVENT, onWake);
  env.visibility?.addEventListener('visibilitychange', onVisible);
  const timer = env.setInterval(checkClock, tickMs);
  return () => {
    env.events.removeEventListener('online', onOnline);
    env.events.removeEventListener(WAKE_EVENT, onWake);
    env.visibility?.removeEventListener('visibilitychange', onVisible);
    env.clearInterval(timer);
    if (probe !== null) env.clearTimeout(probe);
  };
}
