// One clock for every SLA timer on screen: a single interval, started by the first timer that
// subscribes and stopped with the last, so a list of rows ticks without re-rendering the list —
// only the timers read it. Minutes are what the timers show; a tick every 15 s keeps them within
// a quarter of a minute.
import { useSyncExternalStore } from 'react';

export const SLA_TICK_MS = 15_000;

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, SLA_TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The shared clock's time, in ms; re-renders the caller on each tick. */
export function useSlaNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
