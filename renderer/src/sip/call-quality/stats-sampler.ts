// Call quality while a call is up: every few seconds reads the peer connection's getStats(),
// turns the change since the last reading into a sample (quality-sample.ts) and keeps the
// warning's state (quality-warning.ts). The timer is injected so tests drive it by hand.
import { qualitySample, type QualitySample } from './quality-sample.ts';
import { QualityWarning } from './quality-warning.ts';
import { readStats, type StatsReading, type StatsReportLike } from './stats-reading.ts';

export interface QualityState {
  sample: QualitySample;
  warning: boolean;
}

export interface SamplerTimer {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface StatsSamplerOptions {
  getStats: () => Promise<StatsReportLike>;
  onUpdate: (state: QualityState) => void;
  /** 2 s: RTCP reports come every few seconds, and a shorter interval only adds noise. */
  intervalMs?: number;
  timer?: SamplerTimer;
}

export const DEFAULT_SAMPLE_INTERVAL_MS = 2000;

const browserTimer: SamplerTimer = {
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
};

export class StatsSampler {
  private readonly opts: StatsSamplerOptions;
  private readonly timer: SamplerTimer;
  private readonly warning = new QualityWarning();
  private previous: StatsReading | null = null;
  private handle: unknown = null;
  /** A getStats() still under way: a slow one is not stacked with the next. */
  private busy = false;
  /** Bumped by stop(): a reading that arrives after it is dropped. */
  private generation = 0;

  constructor(opts: StatsSamplerOptions) {
    this.opts = opts;
    this.timer = opts.timer ?? browserTimer;
  }

  start(): void {
    if (this.handle !== null) return;
    this.handle = this.timer.setInterval(() => void this.sample(), this.opts.intervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS);
  }

  /** Stops sampling; the next start() begins afresh (after a hold, the counters' gap is not loss). */
  stop(): void {
    if (this.handle !== null) this.timer.clearInterval(this.handle);
    this.handle = null;
    this.generation++;
    this.previous = null;
    this.warning.reset();
  }

  /** Takes one sample now; null when there was nothing to rate or getStats() failed. */
  async sample(): Promise<QualityState | null> {
    if (this.busy) return null;
    this.busy = true;
    const generation = this.generation;
    let report: StatsReportLike;
    try {
      report = await this.opts.getStats();
    } catch {
      return null; // the connection closed under us (the call ended): nothing to rate
    } finally {
      this.busy = false;
    }
    if (generation !== this.generation) return null; // stopped meanwhile
    const reading = readStats(report);
    const sample = qualitySample(this.previous, reading);
    this.previous = reading;
    if (!sample) return null;
    const state = { sample, warning: this.warning.update(sample.mos) };
    this.opts.onUpdate(state);
    return state;
  }
}
