// What the SIP test page exposes as window.sip, for the spec to drive one softphone per page.
import type { SipAccountInput } from '../../../contract/sip.ts';
import type { Refusal } from '../../../renderer/src/sip/sip-screen.ts';
import type { CallSnapshot, RegistrationState, RegistrationStatus } from '../../../renderer/src/sip/types.ts';

export type CallAction = 'answer' | 'decline486' | 'decline603' | 'hangup' | 'hold' | 'resume' | 'mute' | 'unmute';

export interface SipDriver {
  start(account: SipAccountInput, password?: string): void;
  registration(): RegistrationState;
  /** Every registration status the softphone went through since start(), oldest first. */
  registrationHistory(): RegistrationStatus[];
  /** Returns the new call's id; `headers` go into the INVITE (as a PBX would add X-IVR-Choice). */
  dial(target: string, headers?: string[]): string;
  /** The id of the latest inbound call, if any rang. */
  incoming(): string | null;
  /** The call's latest state; kept after it ended. */
  snapshot(id: string): CallSnapshot | null;
  act(id: string, action: CallAction): void;
  dtmf(id: string, tones: string): void;
  /** Tones the far end sent by SIP INFO. */
  dtmfReceived(): string[];
  /** Sum of inbound-rtp audio packetsReceived from getStats(). */
  inboundPackets(id: string): Promise<number>;
  /** The audio transceiver's negotiated direction (sendrecv, sendonly, recvonly, inactive). */
  direction(id: string): string | null;
  /** What the softphone refused from the network, newest last, and how many in all. */
  refusals(): { recent: Refusal[]; total: number };
  /** Ids of the calls the softphone holds now (ringing, in progress). */
  liveCalls(): string[];
  /** Blind transfer of a call in progress to what an operator would type. */
  transfer(id: string, target: string): void;
  /** Attended transfer: `id` is handed to the far end of `consultId`. */
  completeTransfer(id: string, consultId: string): void;
  conference(first: string, second: string): Promise<void>;
  endConference(): Promise<void>;
  /** inbound-rtp totalAudioEnergy: grows only while the far end sends sound, not silence. */
  inboundEnergy(id: string): Promise<number>;
  stop(): void;
}

declare global {
  interface Window { sip: SipDriver }
}
