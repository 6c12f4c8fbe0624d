// The few figures call quality needs, read out of one RTCStatsReport. getStats() is the browser's
// data and its fields differ between browsers and versions, so each stats object passes a zod
// schema in which a missing or malformed field becomes "not measured" instead of a wrong number.
import { z } from 'zod';

/** An RTCStatsReport, or a Map of stats objects in tests. */
export interface StatsReportLike {
  forEach(callback: (value: unknown) => void): void;
}

export interface StatsReading {
  /** Our audio from the far end (inbound-rtp); counters are cumulative. */
  received: { packetsLost: number; packetsReceived: number; jitterMs: number | null } | null;
  /** What the far end reports about our audio (remote-inbound-rtp, from its RTCP receiver reports). */
  sent: { fractionLost: number | null; jitterMs: number | null; rttMs: number | null } | null;
  /** The selected ICE candidate pair's round-trip time (STUN consent checks). */
  pairRttMs: number | null;
  /** The codec's mimeType, e.g. "audio/opus". */
  codec: string | null;
}

const seconds = z.number().nonnegative().finite().optional().catch(undefined);
const count = z.number().finite().optional().catch(undefined);
const text = z.string().optional().catch(undefined);

const InboundRtp = z.object({
  type: z.literal('inbound-rtp'),
  kind: text,
  packetsLost: count,
  packetsReceived: count,
  jitter: seconds,
  codecId: text,
});
const RemoteInboundRtp = z.object({
  type: z.literal('remote-inbound-rtp'),
  kind: text,
  roundTripTime: seconds,
  fractionLost: z.number().min(0).max(1).optional().catch(undefined),
  jitter: seconds,
  codecId: text,
});
const OutboundRtp = z.object({ type: z.literal('outbound-rtp'), kind: text, codecId: text });
const CandidatePair = z.object({
  type: z.literal('candidate-pair'),
  id: z.string(),
  state: text,
  nominated: z.boolean().optional().catch(undefined),
  /** Firefox marks the pair in use; Chromium names it on the transport. */
  selected: z.boolean().optional().catch(undefined),
  currentRoundTripTime: seconds,
});
const Transport = z.object({ type: z.literal('transport'), selectedCandidatePairId: text });
const Codec = z.object({ type: z.literal('codec'), id: z.string(), mimeType: z.string() });

const Stat = z.discriminatedUnion('type', [InboundRtp, RemoteInboundRtp, OutboundRtp, CandidatePair, Transport, Codec]);
type Stat = z.infer<typeof Stat>;

export function readStats(report: StatsReportLike): StatsReading {
  const stats: Stat[] = [];
  report.forEach((value) => {
    const parsed = Stat.safeParse(value);
    if (parsed.success) stats.push(parsed.data);
  });
  const audio = <T extends { kind?: string | undefined }>(s: T) => s.kind === undefined || s.kind === 'audio';
  const inbound = stats.filter((s) => s.type === 'inbound-rtp').find(audio);
  const remote = stats.filter((s) => s.type === 'remote-inbound-rtp').find(audio);
  const outbound = stats.filter((s) => s.type === 'outbound-rtp').find(audio);
  const codecs = new Map(stats.flatMap((s) => (s.type === 'codec' ? [[s.id, s.mimeType] as const] : [])));
  const codecId = inbound?.codecId ?? outbound?.codecId ?? remote?.codecId;

  return {
    received: inbound
      ? { packetsLost: inbound.packetsLost ?? 0, packetsReceived: inbound.packetsReceived ?? 0, jitterMs: ms(inbound.jitter) }
      : null,
    sent: remote ? { fractionLost: remote.fractionLost ?? null, jitterMs: ms(remote.jitter), rttMs: ms(remote.roundTripTime) } : null,
    pairRttMs: ms(selectedPair(stats)?.currentRoundTripTime),
    codec: (codecId && codecs.get(codecId)) ?? null,
  };
}

function selectedPair(stats: Stat[]) {
  const pairs = stats.filter((s) => s.type === 'candidate-pair');
  const named = stats.flatMap((s) => (s.type === 'transport' && s.selectedCandidatePairId ? [s.selectedCandidatePairId] : []))[0];
  return (
    pairs.find((p) => p.id === named) ??
    pairs.find((p) => p.selected) ??
    pairs.find((p) => p.nominated && p.state === 'succeeded')
  );
}

function ms(secondsValue: number | undefined): number | null {
  return secondsValue === undefined ? null : secondsValue * 1000;
}
