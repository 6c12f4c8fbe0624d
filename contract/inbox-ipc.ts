// The Inbox between the renderer and the main process: one list of the replica's conversations
// across channels (phone calls included), read a page at a time with the total for the list's
// height, filtered and searched in SQL; the calls of a phone conversation; and "seen on this PC".
import { z } from 'zod';
import { Call, Channel, ConversationSla, ConversationStatus, Message, RequestCategory } from './domain/conversation.ts';
import { AgentId } from './domain/agent.ts';
import { COMPOSER_METHODS } from './composer-ipc.ts';
import { REMOTE_IMAGE_METHODS } from './remote-image-ipc.ts';
import { ATTACHMENT_BYTES_METHODS } from './attachment-bytes-ipc.ts';
import { CONVERSATION_ACTION_METHODS } from './conversation-actions-ipc.ts';

/** The most rows one call returns: a virtual list asks for the window it shows, a little more. */
export const INBOX_PAGE_MAX = 200;
export const INBOX_SEARCH_MAX = 200;
export const INBOX_PREVIEW_MAX = 160;
export const INBOX_CALLS_MAX = 50;

/**
 * mine_unassigned: the operator's own and the shared queue's (the default: their work and what
 * waits for anyone); mine; unassigned: the shared queue; team: the teammates'; all: the whole copy.
 */
export const INBOX_SCOPES = ['mine_unassigned', 'mine', 'unassigned', 'team', 'all'] as const;
export const InboxScope = z.enum(INBOX_SCOPES);
export type InboxScope = z.infer<typeof InboxScope>;

export const InboxFilter = z.strictObject({
  /** Whose conversations (INBOX_SCOPES), of those in this PC's replica. */
  scope: InboxScope,
  channel: Channel.nullable().default(null),
  status: ConversationStatus.nullable().default(null),
  category: RequestCategory.nullable().default(null),
  /** Part of the customer's name, the address (e-mail, number, chat id) or the subject. */
  search: z.string().trim().max(INBOX_SEARCH_MAX).default(''),
});
export type InboxFilter = z.input<typeof InboxFilter>;

/** Pages of a fixed size: the virtual list asks for the pages its window covers. */
export const INBOX_PAGES_MAX = 10_000;
export const InboxListInput = InboxFilter.extend({
  page: z.number().int().min(0).max(INBOX_PAGES_MAX),
  pageSize: z.number().int().min(1).max(INBOX_PAGE_MAX),
  /** Also count every scope under the same other filters (scopeCounts), for the scope switch. */
  counts: z.boolean().default(false),
});
export type InboxListInput = z.input<typeof InboxListInput>;

export const InboxRow = z.object({
  id: z.uuid(),
  channel: Channel,
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  externalAddress: z.string(),
  subject: z.string().nullable(),
  /** The last message as plain text (markup stripped), cut to INBOX_PREVIEW_MAX; null when none. */
  preview: z.string().max(INBOX_PREVIEW_MAX + 1).nullable(),
  previewDirection: Message.shape.direction.nullable(),
  status: ConversationStatus,
  category: RequestCategory.nullable(),
  assigneeId: AgentId.nullable(),
  /** The assignee's name from the agent directory (team queue rows show it); null when unassigned. */
  assigneeName: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  /** The customer wrote (or called) after the last time this PC opened it, or after our last answer. */
  unread: z.boolean(),
  /** Service-level due times (the conversation's), null where the channel has none. */
  sla: ConversationSla.nullable(),
});
export type InboxRow = z.infer<typeof InboxRow>;

export const InboxListResult = z.object({
  /** Rows matching the filter, for the list's height. */
  total: z.number().int().nonnegative(),
  page: z.number().int().nonnegative(),
  rows: z.array(InboxRow).max(INBOX_PAGE_MAX),
  /** With page 0: how many rows each scope has under the same channel, status, category and search. */
  scopeCounts: z.record(InboxScope, z.number().int().nonnegative()).optional(),
});
export type InboxListResult = z.infer<typeof InboxListResult>;

export const InboxConversationInput = z.strictObject({ id: z.uuid() });
export const InboxCalls = z.object({ calls: z.array(Call).max(INBOX_CALLS_MAX) });
export type InboxCalls = z.infer<typeof InboxCalls>;

// Desktop notifications of new customers' messages (electron/services/inbox/notify-inbox.ts).
/** At most this many notices per look: a burst is summed up by the page, not shown one by one. */
export const ARRIVALS_MAX = 20;
export const InboxArrivalsInput = z.strictObject({
  /** null: the first look — only the watermark comes back. */
  after: z.number().int().nonnegative().nullable(),
  /** The conversation open on screen, and whether the window has the focus. */
  openConversationId: z.uuid().nullable(),
  focused: z.boolean(),
  /** Also tell about customers' messages in unassigned conversations (the shared queue). */
  queue: z.boolean(),
});
export type InboxArrivalsInput = z.input<typeof InboxArrivalsInput>;

export const InboxNotice = z.object({
  conversationId: z.uuid(),
  messageId: z.uuid(),
  kind: z.enum(['assigned', 'queue']),
  channel: Channel,
  customerId: z.uuid().nullable(),
  /** The customer's name when the replica has it, else the address they wrote from. */
  from: z.string(),
  externalAddress: z.string(),
  preview: z.string().max(INBOX_PREVIEW_MAX + 1),
});
export type InboxNotice = z.infer<typeof InboxNotice>;

export const InboxArrivals = z.object({ watermark: z.number().int().nonnegative(), notices: z.array(InboxNotice).max(ARRIVALS_MAX) });
export type InboxArrivals = z.infer<typeof InboxArrivals>;

/**
 * Does a message body look like HTML (an e-mail's text/html part) rather than plain text? The list's
 * preview strips it and the conversation view sanitises it; a text with a lone < or > stays text.
 */
export function looksLikeHtml(body: string): boolean {
  return /<(!doctype|html|head|body|div|p|br|table|span|a|img|b|i|u|strong|em|font|blockquote|style|script|svg|iframe|meta|object|embed|link|form|ul|ol|li|h[1-6])\b[^>]*>/i.test(body);
}

/** Spread into contract/ipc.ts `methods`. */
export const INBOX_METHODS = {
  /** A window of the Inbox list from the replica with the filter's total; works offline. */
  'inbox.list': { input: InboxListInput, output: InboxListResult },
  /** A phone conversation's calls (with their wrap-up), oldest first. */
  'inbox.calls': { input: InboxConversationInput, output: InboxCalls },
  /** The operator opened the conversation on this PC: it is no longer unread here. */
  'inbox.markSeen': { input: InboxConversationInput, output: z.object({ ok: z.literal(true) }) },
  /** Customers' messages that arrived since the watermark and deserve a desktop notification. */
  'inbox.arrivals': { input: InboxArrivalsInput, output: InboxArrivals },
  /** The reply composer (contract/composer-ipc.ts). */
  ...COMPOSER_METHODS,
  /** Assignment, status and category (contract/conversation-actions-ipc.ts). */
  ...CONVERSATION_ACTION_METHODS,
  /** Letters' remote images on request (contract/remote-image-ipc.ts). */
  ...REMOTE_IMAGE_METHODS,
  /** Messages' files (a fax's pages) from the server (contract/attachment-bytes-ipc.ts). */
  ...ATTACHMENT_BYTES_METHODS,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
