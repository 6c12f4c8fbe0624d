// Call quality by the E-model of ITU-T G.107, in the simplified form used by VoIP monitoring:
//   R = 93.2 − Id − Ie-eff
// - 93.2 is G.107's R for its default values (Ro − Is with no impairments added).
// - Id, the delay impairment, is Cole & Rosenbluth's fit of G.107's Id at default parameters
//   ("Voice over IP performance monitoring", ACM SIGCOMM CCR 31(2), 2001):
//   Id = 0.024·d + 0.11·(d − 177.3)·H(d − 177.3), d the mouth-to-ear delay in ms: network one-way
//   delay + jitter buffer + codec. The jitter buffer is taken as twice the RFC 3550 interarrival
//   jitter, the usual size of an adaptive buffer that absorbs it.
// - Ie-eff = Ie + (95 − Ie)·Ppl / (Ppl/BurstR + Bpl), G.107's effective equipment impairment,
//   with random loss (BurstR = 1), Ppl in percent; Ie and Bpl per codec in codec-impairment.ts.
// - MOS = 1 + 0.035·R + R·(R − 60)·(100 − R)·7·10⁻⁶ for 0 < R < 100 (G.107 Annex B),
//   1 at or below 0 and 4.5 at or above 100; kept within 1..4.5 (the cubic dips just under 1
//   for R below about 6.5).
import { codecImpairment } from './codec-impairment.ts';

export interface EModelInput {
  /** Network one-way delay, ms (half the round-trip time). */
  oneWayDelayMs: number;
  /** Interarrival jitter, ms. */
  jitterMs: number;
  /** Packets lost, percent (0..100). */
  lossPct: number;
  /** Codec name or mimeType ("opus", "audio/PCMA"); unknown ones get a conservative default. */
  codec?: string | null;
}

export interface EModelResult {
  r: number;
  mos: number;
  /** The mouth-to-ear delay the model used, ms. */
  delayMs: number;
}

/** G.107's R with all impairments at their defaults and none added. */
export const R_DEFAULT = 93.2;
/** Random loss: bursts no longer than chance would make them (G.107's BurstR = 1). */
const BURST_R = 1;

export function eModel(input: EModelInput): EModelResult {
  const impairment = codecImpairment(input.codec);
  const delayMs = nonNegative(input.oneWayDelayMs) + 2 * nonNegative(input.jitterMs) + impairment.delayMs;
  const lossPct = Math.min(100, nonNegative(input.lossPct));
  const idelay = 0.024 * delayMs + (delayMs > 177.3 ? 0.11 * (delayMs - 177.3) : 0);
  const ieEff = impairment.ie + ((95 - impairment.ie) * lossPct) / (lossPct / BURST_R + impairment.bpl);
  const r = clamp(R_DEFAULT - idelay - ieEff, 0, 100);
  return { r, mos: mosFromR(r), delayMs };
}

export function mosFromR(r: number): number {
  if (!(r > 0)) return 1;
  if (r >= 100) return 4.5;
  return clamp(1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6, 1, 4.5);
}

/** What getStats can give: undefined, NaN or a negative number mean "nothing measured". */
function nonNegative(x: number): number {
  return x > 0 ? x : 0;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
