// Progress of a long pull (the first sync above all): rows done, percent from the server's
// `remaining`, and time left from the rate observed in this run.
export interface SyncProgress {
  done: number;
  total: number;
  percent: number;
  /** null until a rate has been observed. */
  etaSeconds: number | null;
}

export interface ProgressMeter {
  /** `done`: rows done in total (a resumed first sync counts earlier runs); `rows`: this page's. */
  page(done: number, rows: number, remaining: number): SyncProgress;
}

export function createProgressMeter(now: () => number): ProgressMeter {
  const started = now();
  let thisRun = 0;
  return {
    page(done, rows, remaining) {
      thisRun += rows;
      const total = done + remaining;
      const seconds = (now() - started) / 1000;
      const rate = seconds > 0 ? thisRun / seconds : 0;
      return {
        done,
        total,
        percent: total === 0 ? 100 : Math.min(100, Math.floor((done * 100) / total)),
        etaSeconds: remaining === 0 ? 0 : rate > 0 ? Math.ceil(remaining / rate) : null,
      };
    },
  };
}
