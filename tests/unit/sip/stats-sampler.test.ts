// Call quality from getStats() (renderer/src/sip/call-quality/): reports shaped like Chromium's
// RTCStatsReport (a Map of stats objects) go through the sampler one reading at a time; the timer
// is a hand-driven fake, so nothing here waits on the clock.
import { describe, expect, it } from 'vitest';
import { QualityWarning } from '../../../renderer/src/sip/call-quality/quality-warning.ts';
import { readStats } from '../../../renderer/src/sip/call-quality/stats-reading.ts';
import { StatsSampler, type QualityState, type SamplerTimer } from '../../../renderer/src/sip/call-quality/stats-sampler.ts';

interface Line {
  received: number;
  lost: number;
  jitter?: number;
  remoteRtt?: number;
  remoteFractionLost?: number;
  remoteJitter?: number;
  mime?: string;
}

/** The objects Chromium reports for an audio call, with the figures a test cares about. */
function report(line: Line): Map<string, Record<string, unknown>> {
  const stats: Record<string, unknown>[] = [
    { id: 'T01', type: 'transport', selectedCandidatePairId: 'CPgood' },
    { id: 'CPgood', type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.08 },
    { id: 'CPother', type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.9 },
    { id: 'CIT01_111', type: 'codec', mimeType: line.mime ?? 'audio/opus', clockRate: 48000, payloadType: 111 },
    {
      id: 'IT01A1', type: 'inbound-rtp', kind: 'audio', codecId: 'CIT01_111',
      packetsReceived: line.received, packetsLost: line.lost, jitter: line.jitter ?? 0.004,
    },
    { id: 'OT01A2', type: 'outbound-rtp', kind: 'audio', codecId: 'CIT01_111', packetsSent: line.received },
    { id: 'IT01V1', type: 'inbound-rtp', kind: 'video', packetsReceived: 10, packetsLost: 900, jitter: 0.5 },
  ];
  if (line.remoteRtt !== undefined || line.remoteFractionLost !== undefined) {
    stats.push({
      id: 'RI01A2', type: 'remote-inbound-rtp', kind: 'audio', codecId: 'CIT01_111',
      roundTripTime: line.remoteRtt, fractionLost: line.remoteFractionLost ?? 0, jitter: line.remoteJitter ?? 0.003,
    });
  }
  return new Map(stats.map((s) => [s['id'] as string, s]));
}

/** A sampler reading the given reports in turn, recording what it published. */
function sampler(...reports: Map<string, Record<string, unknown>>[]) {
  const published: QualityState[] = [];
  const queue = [...reports];
  const s = new StatsSampler({ getStats: async () => queue.shift() ?? report({ received: 0, lost: 0 }), onUpdate: (q) => published.push(q) });
  return { s, published, push: (r: Map<string, Record<string, unknown>>) => queue.push(r) };
}

describe('readStats', () => {
  it('takes the audio streams, the selected candidate pair and the codec', () => {
    const r = readStats(report({ received: 500, lost: 5, jitter: 0.012, remoteRtt: 0.05, remoteFractionLost: 0.02, mime: 'audio/PCMA' }));
    expect(r.received).toEqual({ packetsReceived: 500, packetsLost: 5, jitterMs: 12 });
    expect(r.sent?.rttMs).toBeCloseTo(50);
    expect(r.sent?.fractionLost).toBe(0.02);
    expect(r.pairRttMs).toBeCloseTo(80); // the transport's selected pair, not the other nominated one
    expect(r.codec).toBe('audio/PCMA');
  });

  it('falls back to the succeeded nominated pair (no transport stats) and to Firefox\'s "selected"', () => {
    const noTransport = report({ received: 1, lost: 0 });
    noTransport.delete('T01');
    noTransport.delete('CPgood');
    expect(readStats(noTransport).pairRttMs).toBeCloseTo(900);
    noTransport.set('CPff', { id: 'CPff', type: 'candidate-pair', selected: true, state: 'succeeded', currentRoundTripTime: 0.02 });
    expect(readStats(noTransport).pairRttMs).toBeCloseTo(20);
  });

  it('treats malformed or missing fields as not measured, never as NaN', () => {
    const r = report({ received: 100, lost: 0 });
    r.set('IT01A1', { id: 'IT01A1', type: 'inbound-rtp', kind: 'audio', packetsReceived: 100, packetsLost: 'many', jitter: Number.NaN });
    r.set('RI01A2', { id: 'RI01A2', type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: -1, fractionLost: 7 });
    r.set('junk', { id: 'junk' });
    const read = readStats(r);
    expect(read.received).toEqual({ packetsReceived: 100, packetsLost: 0, jitterMs: null });
    expect(read.sent).toEqual({ fractionLost: null, jitterMs: null, rttMs: null });
    expect(read.codec).toBe('audio/opus'); // the malformed inbound-rtp lost its codecId; outbound-rtp's is used
  });
});

describe('StatsSampler', () => {
  it('rates a clean Opus call good, MOS about 4.4, from the first reading', async () => {
    const { s, published } = sampler(report({ received: 100, lost: 0, remoteRtt: 0.03, remoteFractionLost: 0 }));
    const state = await s.sample();
    expect(state?.sample).toMatchObject({ level: 'good', codec: 'audio/opus', lossPct: 0, jitterMs: 4 });
    expect(state?.sample.rttMs).toBeCloseTo(30);
    expect(state?.sample.mos).toBeGreaterThan(4.3);
    expect(state?.sample.mos).toBeLessThanOrEqual(4.5);
    expect(state?.warning).toBe(false);
    expect(published).toHaveLength(1);
  });

  it('rates loss over the last interval, not since the call began', async () => {
    const { s } = sampler(
      report({ received: 1000, lost: 0, remoteRtt: 0.03 }),
      report({ received: 1075, lost: 25, remoteRtt: 0.03 }), // 25 of the last 100 lost
      report({ received: 1175, lost: 25, remoteRtt: 0.03 }), // none of the next 100
    );
    expect((await s.sample())?.sample.lossPct).toBe(0);
    const lossy = await s.sample();
    expect(lossy?.sample.received?.lossPct).toBeCloseTo(25);
    expect(lossy?.sample.level).toBe('poor');
    const clean = await s.sample();
    expect(clean?.sample.lossPct).toBe(0);
    expect(clean?.sample.level).toBe('good');
  });

  it('rates the call by the worse side: the far end losing our audio makes it poor', async () => {
    const { s } = sampler(report({ received: 100, lost: 0, remoteRtt: 0.03, remoteFractionLost: 0.15, remoteJitter: 0.02 }));
    const sample = (await s.sample())!.sample;
    expect(sample.received?.lossPct).toBe(0);
    expect(sample.sent).toEqual({ lossPct: 15, jitterMs: 20 });
    expect(sample.lossPct).toBe(15);
    expect(sample.jitterMs).toBe(20);
    expect(sample.level).toBe('poor');
  });

  it('uses the selected pair\'s round-trip time until RTCP has measured one; long delay lowers MOS', async () => {
    const { s } = sampler(report({ received: 100, lost: 0 }), report({ received: 200, lost: 0, remoteRtt: 0.8 }));
    const first = (await s.sample())!.sample;
    expect(first.rttMs).toBeCloseTo(80);
    const second = (await s.sample())!.sample;
    expect(second.rttMs).toBeCloseTo(800);
    expect(second.mos).toBeLessThan(first.mos);
  });

  it('gives nothing when no audio moved (on hold) and keeps rating the next interval from there', async () => {
    const { s, published } = sampler(report({ received: 100, lost: 0 }), report({ received: 100, lost: 0 }), report({ received: 150, lost: 50 }));
    await s.sample();
    expect(await s.sample()).toBe(null);
    expect((await s.sample())?.sample.lossPct).toBeCloseTo(50);
    expect(published).toHaveLength(2);
  });

  it('starts afresh when the counters restart (a new stream) instead of reading negative packets', async () => {
    const { s } = sampler(report({ received: 5000, lost: 0 }), report({ received: 90, lost: 10 }));
    await s.sample();
    expect((await s.sample())?.sample.lossPct).toBeCloseTo(10);
  });

  it('survives getStats() failing (the call ended under it)', async () => {
    const published: QualityState[] = [];
    const s = new StatsSampler({ getStats: () => Promise.reject(new Error('closed')), onUpdate: (q) => published.push(q) });
    expect(await s.sample()).toBe(null);
    expect(published).toEqual([]);
  });

  it('warns after two poor samples in a row and clears after two good ones', async () => {
    const seq: Line[] = [
      { received: 1000, lost: 0 },
      { received: 1080, lost: 20 }, // poor, once
      { received: 1180, lost: 20 }, // good
      { received: 1260, lost: 40 }, // poor
      { received: 1340, lost: 60 }, // poor again: warning
      { received: 1440, lost: 60 }, // good, once: still warning
      { received: 1540, lost: 60 }, // good again: cleared
    ];
    const { s } = sampler(...seq.map((l) => report({ ...l, remoteRtt: 0.03 })));
    const warnings: boolean[] = [];
    for (let i = 0; i < seq.length; i++) warnings.push((await s.sample())!.warning);
    expect(warnings).toEqual([false, false, false, false, true, true, false]);
  });

  it('runs on the injected timer every 2 s by default, and drops a reading that lands after stop()', async () => {
    const intervals: { fn: () => void; ms: number }[] = [];
    let cleared = 0;
    const timer: SamplerTimer = {
      setInterval: (fn, ms) => intervals.push({ fn, ms }),
      clearInterval: () => void cleared++,
    };
    let release: (() => void) | null = null;
    const published: QualityState[] = [];
    let calls = 0;
    const s = new StatsSampler({
      timer,
      onUpdate: (q) => published.push(q),
      getStats: () => {
        calls++;
        return new Promise((resolve) => {
          release = () => resolve(report({ received: 100 * calls, lost: 0 }));
        });
      },
    });
    s.start();
    s.start(); // once only
    expect(intervals).toHaveLength(1);
    expect(intervals[0]!.ms).toBe(2000);

    const first = s.sample();
    intervals[0]!.fn(); // a tick while getStats() is still under way: not stacked
    expect(calls).toBe(1);
    release!();
    expect(await first).not.toBe(null);

    const late = s.sample();
    s.stop();
    expect(cleared).toBe(1);
    release!();
    expect(await late).toBe(null);
    expect(published).toHaveLength(1);
  });
});

describe('QualityWarning', () => {
  it('holds between 3.6 and 3.8 whichever way it is, so a line hovering there does not blink', () => {
    const w = new QualityWarning();
    expect([3.7, 3.5, 3.7, 3.5, 3.7].map((m) => w.update(m))).toEqual([false, false, false, false, false]);
    expect([3.5, 3.5].map((m) => w.update(m))).toEqual([false, true]);
    expect([3.7, 3.7, 3.7, 3.9, 3.7, 3.9, 3.7].map((m) => w.update(m))).toEqual([true, true, true, true, true, true, true]);
    expect([3.8, 4.2].map((m) => w.update(m))).toEqual([true, false]);
    w.update(1);
    w.update(1);
    expect(w.active).toBe(true);
    w.reset();
    expect(w.active).toBe(false);
  });
});
