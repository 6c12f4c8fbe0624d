// What the softphone tells its subscribers: registration and each call's state, as plain data a
// React store can keep (no JsSIP objects leak out).
import type { SipReasonKey } from './reasons.ts';
import type { Refusal } from './sip-screen.ts';

export type RegistrationStatus = 'stopped' | 'connecting' | 'registering' | 'registered' | 'failed';

export interface RegistrationState {
  status: RegistrationStatus;
  /** Why it failed, when it did. */
  reason?: SipReasonKey;
  statusCode?: number;
  /** The WebSocket server in use. */
  server?: string;
}

export type CallDirection = 'inbound' | 'outbound';

/**
 * A transfer of this call to a colleague. blind: REFER to the target, our leg ends once the target
 * rings; attended: REFER with Replaces after a consultation call on the other line.
 * requested: REFER sent (or accepted by the far end); ringing: the target rings; done: our leg is
 * handed over; failed: the far end or the target refused — the call stays with us.
 */
export interface TransferState {
  kind: 'blind' | 'attended';
  target: string;
  state: 'requested' | 'ringing' | 'done' | 'failed';
  reason?: SipReasonKey;
  statusCode?: number;
}
/** dialing: INVITE not yet answered by anyone; ringing: the far end rings (outbound) or we do (inbound). */
export type CallStatus = 'dialing' | 'ringing' | 'answering' | 'confirmed' | 'ended';

export interface CallSnapshot {
  id: string;
  direction: CallDirection;
  /** The far end's user part (number or extension) and display name. */
  remoteUser: string;
  remoteName?: string;
  /** Headers of the INVITE the softphone was asked to keep (e.g. the IVR choice), by lower-case name. */
  headers?: Record<string, string>;
  status: CallStatus;
  /** We put it on hold / the far end did. */
  held: boolean;
  remoteHeld: boolean;
  muted: boolean;
  startedAt: number;
  confirmedAt?: number;
  endedAt?: number;
  /** Why it ended, when it did not end by a normal hang-up. */
  reason?: SipReasonKey;
  statusCode?: number;
  /** Who ended it. */
  endedBy?: 'local' | 'remote' | 'system';
  /** This call is being (or was) transferred by us. */
  transfer?: TransferState;
  /** An attended transfer to us: this call took over (and ended) the one with this id. */
  replacesCallId?: string;
  /** Ended because a transferred call took its place (no after-call work for it). */
  replaced?: boolean;
  /** The consultation leg of an attended transfer we completed (no after-call work for it). */
  transferLeg?: boolean;
  /** Made because the far end of another call transferred us (REFER) to this target. */
  referred?: boolean;
  /** In a three-way conference mixed here. */
  conference?: boolean;
}

export type SoftphoneEvent =
  | { type: 'registration'; state: RegistrationState }
  | { type: 'incoming'; call: CallSnapshot }
  | { type: 'call'; call: CallSnapshot }
  /** A DTMF tone the far end sent by SIP INFO (RFC 4733 tones raise no event in JsSIP). */
  | { type: 'dtmf'; callId: string; tone: string }
  /** A frame or a call the softphone refused (sip-screen.ts), for the log. */
  | { type: 'refused'; refusal: Refusal };

export type SoftphoneListener = (event: SoftphoneEvent) => void;
