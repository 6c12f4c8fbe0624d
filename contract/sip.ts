// The softphone's SIP account: what IT presets and the operator completes in settings. The password
// is not here on purpose: it lives in the OS keychain and reaches the softphone only at start.
import { z } from 'zod';
import { WsUrl } from './config.ts';

export const DTMF_MODES = ['rfc4733', 'info'] as const;
/** rfc4733: telephone-event packets in the RTP stream; info: SIP INFO requests (application/dtmf-relay). */
export const DtmfMode = z.enum(DTMF_MODES);
export type DtmfMode = z.infer<typeof DtmfMode>;

const IceUrl = z.string().regex(/^(stun|stuns|turn|turns):\S+$/, 'expected a stun:, stuns:, turn: or turns: URL');

/** One STUN/TURN server, in the shape RTCPeerConnection takes. */
export const IceServer = z.strictObject({
  urls: z.union([IceUrl, z.array(IceUrl).min(1).max(8)]),
  username: z.string().max(256).optional(),
  credential: z.string().max(256).optional(),
});
export type IceServer = z.infer<typeof IceServer>;

/** An extension or SIP user part: digits, letters and the few marks SIP user names use. */
const SipUser = z.string().min(1).max(64).regex(/^[A-Za-z0-9._+-]+$/, 'expected a SIP user name like 1001');

export const SipAccount = z.strictObject({
  /** Tried in order; the next one when a server fails (JsSIP's socket failover). */
  websocketUris: z.array(WsUrl).min(1).max(8),
  /** The domain of the SIP URI (sip:EXT@DOMAIN); the first WebSocket URI's host when absent. */
  domain: z.string().min(1).max(255).regex(/^[A-Za-z0-9.-]+$/, 'expected a host name like pbx.example.ru').optional(),
  extension: SipUser,
  /** Digest user name when it differs from the extension. */
  authUser: SipUser.optional(),
  displayName: z.string().max(128).optional(),
  iceServers: z.array(IceServer).max(8).default([]),
  dtmfMode: DtmfMode.default('rfc4733'),
  /** Seconds a registration lasts; JsSIP re-registers before it runs out. */
  registerExpires: z.number().int().min(60).max(3600).default(300),
  /** The INVITE header where the PBX puts the caller's IVR choice (the call's topic); X-IVR-Choice when absent. */
  ivrHeader: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'expected a SIP header name like X-IVR-Choice').optional(),
  /** Seconds of after-call work (Wrap-up) before the agent is Ready again; 60 when absent, 0: no timer. */
  wrapUpSeconds: z.number().int().min(0).max(1800).optional(),
});
export type SipAccount = z.infer<typeof SipAccount>;
export type SipAccountInput = z.input<typeof SipAccount>;

export const DEFAULT_IVR_HEADER = 'X-IVR-Choice';
export const DEFAULT_WRAP_UP_SECONDS = 60;
