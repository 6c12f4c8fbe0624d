// After the WebSocket is replaced, the far end's dialog still names our old connection (the SIP
// server reaches a WebSocket client only through the connection its Contact came from, e.g.
// Kamailio's add_contact_alias), so its BYE, hold or transfer could never reach us. A re-INVITE
// over the new socket is a target refresh (RFC 3261 12.2): once the far end accepts it, its
// requests follow our new connection. Same SDP, same ICE: the media does not notice.
import type { RTCSession } from 'jssip/lib/RTCSession';

/** JsSIP's re-INVITE without the call-ending failure handler of renegotiate() (not in its types). */
interface ReInviter {
  _sendReinvite(options: { eventHandlers: { succeeded: () => void; failed: () => void } }): void;
}

/**
 * Sends the target refresh when the call is up and no offer is in flight. Its failure is ignored
 * on purpose: JsSIP's renegotiate() would end the call on it, yet the media may still be fine (when
 * the far end's connection was lost too, no in-dialog request can reach it until it refreshes).
 */
export function refreshDialogTarget(session: RTCSession): boolean {
  if (!session.isEstablished() || session.isEnded() || !session.isReadyToReOffer()) return false;
  (session as unknown as ReInviter)._sendReinvite({ eventHandlers: { succeeded: () => {}, failed: () => {} } });
  return true;
}
