// One call-quality sample from two stats readings a few seconds apart: loss over that interval in
// each direction (ours from inbound-rtp counters, the far end's from its RTCP report), jitter, the
// round-trip time, and the E-model's R and MOS for the worse direction — a call is as good as the
// side that hears worse.
import { eModel } from './e-model.ts';
import type { StatsReading } from './stats-reading.ts';

export type QualityLevel = 'good' | 'fair' | 'poor';

export interface DirectionQuality {
  lossPct: number;
  jitterMs: number | null;
}

export interface QualitySample {
  mos: number;
  r: number;
  /** Round-trip time, ms; null when neither RTCP nor ICE has measured it yet. */
  rttMs: number | null;
  /** The worse direction's jitter and loss. */
  jitterMs: number | null;
  lossPct: number;
  /** mimeType of the codec, e.g. "audio/opus". */
  codec: string | null;
  level: QualityLevel;
  /** What we hear, and what the far end hears of us (null: no report yet). */
  received: DirectionQuality | null;
  sent: DirectionQuality | null;
}

/** MOS 4.0 and 3.6 are R 80 and 70, G.107 Annex B's "satisfied" and "many dissatisfied" bounds. */
export function qualityLevel(mos: number): QualityLevel {
  if (mos >= 4) return 'good';
  if (mos >= 3.6) return 'fair';
  return 'poor';
}

/** null when no audio moved in either direction (on hold, before media starts). */
export function qualitySample(previous: StatsReading | null, current: StatsReading): QualitySample | null {
  const received = receivedQuality(previous, current);
  const sent = current.sent?.fractionLost != null ? { lossPct: current.sent.fractionLost * 100, jitterMs: current.sent.jitterMs } : null;
  const rttMs = current.sent?.rttMs ?? current.pairRttMs;
  const directions = [received, sent].filter((d): d is DirectionQuality => d !== null);
  if (!directions.length) return null;

  const rated = directions.map((d) => ({
    d,
    ...eModel({ oneWayDelayMs: (rttMs ?? 0) / 2, jitterMs: d.jitterMs ?? 0, lossPct: d.lossPct, codec: current.codec }),
  }));
  const worst = rated.reduce((a, b) => (b.r < a.r ? b : a));
  const jitters = directions.flatMap((d) => (d.jitterMs === null ? [] : [d.jitterMs]));
  return {
    mos: worst.mos,
    r: worst.r,
    rttMs,
    jitterMs: jitters.length ? Math.max(...jitters) : null,
    lossPct: Math.max(...directions.map((d) => d.lossPct)),
    codec: current.codec,
    level: qualityLevel(worst.mos),
    received,
    sent,
  };
}

/** Loss over the interval; since the call began on the first reading or after the counters restarted. */
function receivedQuality(previous: StatsReading | null, current: StatsReading): DirectionQuality | null {
  const now = current.received;
  if (!now) return null;
  const before = previous?.received;
  const restarted = !before || now.packetsReceived < before.packetsReceived;
  const received = restarted ? now.packetsReceived : now.packetsReceived - before.packetsReceived;
  // packetsLost can go down (late packets counted after all); never below zero over an interval.
  const lost = Math.max(0, restarted ? now.packetsLost : now.packetsLost - before.packetsLost);
  if (received + lost <= 0) return null;
  return { lossPct: (100 * lost) / (received + lost), jitterMs: now.jitterMs };
}
