// WhatsApp's 24-hour window as the composer sees it: the customer's last message in the thread
// (the replica's newest inbound message; the conversation row does not carry last_inbound_at) and
// whether a free-form reply may still go out. The server checks again by its own clock when the
// reply arrives (reply-message.ts), so a reply queued offline across the limit is still refused there.
import type { Channel, Message } from '../../../../contract/domain/conversation.ts';

export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export function lastInboundAt(messages: readonly Pick<Message, 'direction' | 'createdAt'>[]): string | null {
  let latest: string | null = null;
  let latestMs = -Infinity;
  for (const m of messages) {
    if (m.direction !== 'in') continue;
    const ms = Date.parse(m.createdAt);
    if (ms > latestMs) {
      latestMs = ms;
      latest = m.createdAt;
    }
  }
  return latest;
}

export type ReplyWindow = { kind: 'free' } | { kind: 'templates_only'; lastInboundAt: string | null };

/** Free-form replies everywhere but WhatsApp after 24 hours without the customer writing. */
export function replyWindow(channel: Channel, messages: readonly Pick<Message, 'direction' | 'createdAt'>[], now: number): ReplyWindow {
  if (channel !== 'whatsapp') return { kind: 'free' };
  const last = lastInboundAt(messages);
  if (last && now - Date.parse(last) < WHATSAPP_WINDOW_MS) return { kind: 'free' };
  return { kind: 'templates_only', lastInboundAt: last };
}

/** When the window closes (or closed), for the composer to say so. */
export function windowClosesAt(last: string): number {
  return Date.parse(last) + WHATSAPP_WINDOW_MS;
}
