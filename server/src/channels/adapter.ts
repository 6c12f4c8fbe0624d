// What the dispatcher needs from a channel: send one reply, and say how it went.
import type { DeliveryFailure, MessageTemplate } from '../../../contract/index.ts';

export interface OutboundFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface OutboundReply {
  messageId: string;
  /** The conversation's external address: Telegram chat id, WhatsApp wa_id. */
  to: string;
  body: string;
  template: MessageTemplate | null;
  files: OutboundFile[];
  /** When the customer last wrote (WhatsApp's 24-hour window), null if never. */
  lastInboundAt: Date | null;
}

export type SendResult =
  | { ok: true; channelMessageId: string }
  /** retryable: nothing went out and trying again may work (timeouts, 429, 5xx). */
  | { ok: false; retryable: boolean; code: DeliveryFailure; description: string };

export interface ChannelAdapter {
  send(reply: OutboundReply, now: Date): Promise<SendResult>;
}

/** A short, bounded description of an API's answer, for delivery_error (never a URL or token). */
export function describeFailure(status: number, text: string | undefined): string {
  return `${status}${text ? ` ${text}` : ''}`.slice(0, 2000);
}
