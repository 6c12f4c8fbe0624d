// What deserves a desktop notification among the messages the replica received since the last
// look: customers' messages in the operator's own conversations (and, if they asked for it, in the
// shared queue), not while that conversation is open in a focused window, and nothing of what
// was there before the page started watching (the first sync's history, a reload). The page asks
// after every sync with the watermark it was given; the replica's rowid says what arrived since
// (an upsert keeps a row's rowid, so a delivery update is not "new").
import type { Channel } from '../../../contract/domain/conversation.ts';
import { ARRIVALS_MAX, INBOX_PREVIEW_MAX, InboxArrivalsInput, type InboxArrivals, type InboxNotice } from '../../../contract/inbox-ipc.ts';
import type { Db } from '../db/open-replica-file.ts';
import { previewText } from './preview-text.ts';

/** A message older than this when it reaches the PC is history (a conversation back in scope), not news. */
export const FRESH_MS = 10 * 60 * 1000;

/** One customer's message the replica received, with what the decision needs. */
export interface Arrival {
  messageId: string;
  conversationId: string;
  direction: 'in' | 'out' | 'internal_note';
  createdAt: string;
  assigneeId: string | null;
  channel: Channel;
  customerId: string | null;
  customerName: string | null;
  externalAddress: string;
  body: string;
}

export interface NoticeContext {
  me: string;
  now: Date;
  openConversationId: string | null;
  focused: boolean;
  queue: boolean;
}

/** The decision, pure: which arrivals become notices. */
export function decideInboxNotices(arrivals: readonly Arrival[], ctx: NoticeContext): InboxNotice[] {
  const out: InboxNotice[] = [];
  for (const a of arrivals) {
    if (a.direction !== 'in') continue; // the operator's own replies and notes, colleagues' too
    if (ctx.now.getTime() - Date.parse(a.createdAt) > FRESH_MS) continue;
    if (ctx.focused && a.conversationId === ctx.openConversationId) continue; // they are reading it
    const kind = a.assigneeId === ctx.me ? 'assigned' : a.assigneeId === null && ctx.queue ? 'queue' : null;
    if (!kind) continue;
    out.push({
      conversationId: a.conversationId, messageId: a.messageId, kind, channel: a.channel, customerId: a.customerId,
      from: a.customerName ?? a.externalAddress, externalAddress: a.externalAddress, preview: previewText(a.body).slice(0, INBOX_PREVIEW_MAX),
    });
  }
  return out.slice(0, ARRIVALS_MAX);
}

interface ArrivalRow {
  seq: number;
  message: string;
  conversation: string;
  customer_name: string | null;
}

export function createInboxArrivals(db: Db, now: () => Date = () => new Date()) {
  const watermark = db.prepare('SELECT coalesce(max(rowid), 0) FROM message').pluck();
  // Customers' messages only, in conversations of this agent or nobody's (what can be notified).
  const since = db.prepare(
    `SELECT m.rowid AS seq, m.data AS message, v.data AS conversation, c.full_name AS customer_name
       FROM message m JOIN conversation v ON v.id = m.conversation_id
       LEFT JOIN customer c ON c.id = v.customer_id
      WHERE m.rowid > ? AND m.data ->> '$.direction' = 'in' AND (v.assignee_id = ? OR v.assignee_id IS NULL)
      ORDER BY m.rowid LIMIT 200`,
  );
  return (agentId: string, raw: InboxArrivalsInput): InboxArrivals => {
    const input = InboxArrivalsInput.parse(raw);
    const top = watermark.get() as number;
    if (input.after === null || input.after >= top) return { watermark: top, notices: [] };
    const rows = since.all(input.after, agentId) as ArrivalRow[];
    const arrivals = rows.map((r): Arrival => {
      const m = JSON.parse(r.message) as { id: string; direction: Arrival['direction']; body: string; createdAt: string };
      const v = JSON.parse(r.conversation) as { id: string; assigneeId: string | null; channel: Channel; customerId: string | null; externalAddress: string };
      return {
        messageId: m.id, conversationId: v.id, direction: m.direction, createdAt: m.createdAt, assigneeId: v.assigneeId, channel: v.channel,
        customerId: v.customerId, customerName: r.customer_name, externalAddress: v.externalAddress, body: m.body,
      };
    });
    // 200 a look at most; the rest (a burst) is skipped, not queued: the list shows it anyway.
    const notices = decideInboxNotices(arrivals, { me: agentId, now: now(), openConversationId: input.openConversationId, focused: input.focused, queue: input.queue });
    return { watermark: top, notices };
  };
}
