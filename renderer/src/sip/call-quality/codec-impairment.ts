// What each audio codec costs in the E-model: its equipment impairment Ie (quality lost with no
// packet loss), its packet-loss robustness Bpl, and the delay it adds (packet + look-ahead).
//
// Sources of the constants:
// - G.711 (PCMU, PCMA): Ie 0, Bpl 25.1 — ITU-T G.113 (11/2007) Appendix I, G.711 with
//   packet loss concealment (G.711 Appendix I). WebRTC's NetEq conceals lost packets for every
//   codec, so the "with PLC" row applies.
// - G.722 and Opus: ITU-T gives no values for them on the narrowband scale of G.107. Both are
//   wideband, rated above G.711 in listening tests (ITU-T G.107.1 puts G.722 above G.711 on the
//   wideband scale), so Ie 0 here; Bpl is G.711's 25.1 on purpose — we give no credit for Opus
//   in-band FEC, which keeps the estimate on the pessimistic side.
// - Anything else: G.729A's Ie 11 and Bpl 19 (G.113 Appendix I), a low-bit-rate
//   codec, so an unknown codec is never rated better than a known one.
// - Delay: a 20 ms packet (WebRTC's default ptime) plus the codec's look-ahead: none for G.711 and
//   G.722, 6.5 ms for Opus (RFC 6716 §2: 26.5 ms algorithmic delay at 20 ms frames), 5 ms for G.729.

export interface CodecImpairment {
  /** Equipment impairment factor with no loss. */
  ie: number;
  /** Packet-loss robustness factor. */
  bpl: number;
  /** Packetisation plus look-ahead, ms. */
  delayMs: number;
}

const G711: CodecImpairment = { ie: 0, bpl: 25.1, delayMs: 20 };

const KNOWN: Readonly<Record<string, CodecImpairment>> = {
  pcmu: G711,
  pcma: G711,
  g722: { ie: 0, bpl: 25.1, delayMs: 20 },
  opus: { ie: 0, bpl: 25.1, delayMs: 26.5 },
};

export const DEFAULT_IMPAIRMENT: CodecImpairment = { ie: 11, bpl: 19, delayMs: 25 };

/** By codec name as in SDP or an RTCCodecStats mimeType: "opus", "PCMU", "audio/G722". */
export function codecImpairment(codec: string | null | undefined): CodecImpairment {
  return KNOWN[codecName(codec)] ?? DEFAULT_IMPAIRMENT;
}

/** "audio/PCMU" → "pcmu"; empty when unknown. */
export function codecName(codec: string | null | undefined): string {
  if (!codec) return '';
  const slash = codec.lastIndexOf('/');
  return (slash >= 0 ? codec.slice(slash + 1) : codec).trim().toLowerCase();
}
