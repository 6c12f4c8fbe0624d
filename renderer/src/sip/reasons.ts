// Why a registration failed or a call ended, as an i18n key (sip.reason.*) the status bar and the
// call view put into words. SIP status codes say the most; JsSIP's cause covers the rest
// (no response at all, the WebSocket failed, the microphone was refused).
import { C } from 'jssip';

export const SIP_REASONS = [
  'unauthorized', 'forbidden', 'notFound', 'unavailable', 'busy', 'declined', 'canceled', 'noAnswer',
  'timeout', 'unreachable', 'incompatible', 'addressIncomplete', 'serverError', 'microphone', 'media',
  'hungUp', 'redirected', 'unknown',
] as const;
export type SipReason = (typeof SIP_REASONS)[number];
export type SipReasonKey = `sip.reason.${SipReason}`;

const key = (r: SipReason): SipReasonKey => `sip.reason.${r}`;

function byStatus(code: number): SipReason | null {
  if (code === 401 || code === 407) return 'unauthorized';
  if (code === 403) return 'forbidden';
  if (code === 404 || code === 604) return 'notFound';
  if (code === 408) return 'timeout';
  if (code === 410 || code === 430 || code === 480) return 'unavailable';
  if (code === 484) return 'addressIncomplete';
  if (code === 486 || code === 600) return 'busy';
  if (code === 487) return 'canceled';
  if (code === 488 || code === 606) return 'incompatible';
  if (code === 603) return 'declined';
  if (code >= 300 && code < 400) return 'redirected';
  if (code >= 500 && code < 600) return 'serverError';
  return null;
}

const BY_CAUSE: Record<string, SipReason> = {
  [C.causes.CONNECTION_ERROR]: 'unreachable',
  [C.causes.REQUEST_TIMEOUT]: 'timeout',
  [C.causes.AUTHENTICATION_ERROR]: 'unauthorized',
  [C.causes.BUSY]: 'busy',
  [C.causes.REJECTED]: 'declined',
  [C.causes.REDIRECTED]: 'redirected',
  [C.causes.UNAVAILABLE]: 'unavailable',
  [C.causes.NOT_FOUND]: 'notFound',
  [C.causes.ADDRESS_INCOMPLETE]: 'addressIncomplete',
  [C.causes.INCOMPATIBLE_SDP]: 'incompatible',
  [C.causes.MISSING_SDP]: 'incompatible',
  [C.causes.BAD_MEDIA_DESCRIPTION]: 'incompatible',
  [C.causes.BYE]: 'hungUp',
  [C.causes.CANCELED]: 'canceled',
  [C.causes.NO_ANSWER]: 'noAnswer',
  [C.causes.EXPIRES]: 'noAnswer',
  [C.causes.USER_DENIED_MEDIA_ACCESS]: 'microphone',
  [C.causes.WEBRTC_ERROR]: 'media',
  [C.causes.RTP_TIMEOUT]: 'media',
  [C.causes.NO_ACK]: 'media',
};

/**
 * The reason key for a failure. A final SIP status wins over JsSIP's cause, because JsSIP folds
 * several codes into one cause (403 and 603 both become "Rejected"; a 503 becomes "SIP Failure Code").
 */
export function sipReason(cause: string | undefined, statusCode?: number): SipReasonKey {
  const fromStatus = statusCode !== undefined ? byStatus(statusCode) : null;
  return key(fromStatus ?? (cause !== undefined ? BY_CAUSE[cause] : undefined) ?? 'unknown');
}
