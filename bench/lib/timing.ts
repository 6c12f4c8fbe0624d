// Timing helpers for the benchmarks: a bounded number of runs, warm-up first, percentiles reported.
export interface Sample {
  runs: number;
  totalMs: number;
  p50Ms: number;
  p95Ms: number;
  opsPerSec: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** Runs `fn` `runs` times (after `warmup` untimed runs) and reports per-run times. */
export async function measure(runs: number, fn: () => unknown, warmup = Math.min(200, Math.ceil(runs / 10))): Promise<Sample> {
  for (let i = 0; i < warmup; i++) await fn();
  const times = new Array<number>(runs);
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times[i] = performance.now() - t;
  }
  const totalMs = performance.now() - start;
  times.sort((a, b) => a - b);
  return { runs, totalMs, p50Ms: percentile(times, 0.5), p95Ms: percentile(times, 0.95), opsPerSec: (runs / totalMs) * 1000 };
}

export interface Row {
  scenario: string;
  measured: string;
  baseline: string;
  /** measured / baseline, of the figure named in `of`. */
  ratio: number;
  of: string;
}

export const fmtMs = (ms: number) => (ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
export const fmtOps = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
