// The one way a customer's message enters the inbox, whatever the channel: deduplicated by the
// channel's message id, put into the sender's open conversation (a new one, status new and
// unassigned, if there is none), linked to the customer its contacts match, with its files, and
// written to the change feed the way every other write is. Runs inside the caller's synced
// transaction (withSyncedTransaction), so the webhook's "processed" mark commits with it.
// Several messages in one transaction (a batch of letters) share an InboundFeed: the change-feed
// work, most of a message's cost, is then done once for all of them by flushInboundFeed.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { recordChanges } from '../sync/record-changes.ts';
import { recordNewChildren } from '../sync/record-child.ts';
import { DEFAULT_SCOPE_DAYS, refreshConversationsIn } from '../sync/scope.ts';
import { storeAttachment, type IncomingFile } from './attachment-store.ts';
import { linkedByHand, matchCustomer, type ContactHints } from './match-customer.ts';

export type InboundChannel = 'email' | 'fax' | 'whatsapp' | 'telegram';

/** A message as every channel adapter hands it over. */
export interface InboundMessage {
  channel: InboundChannel;
  /** Unique within the channel (Telegram: "<chat id>:<message id>"; WhatsApp: the wamid). */
  channelMessageId: string;
  /** Where replies go: Telegram chat id, WhatsApp wa_id, e-mail address. */
  externalAddress: string;
  body: string;
  /** When the customer sent it, by the channel's clock. */
  sentAt: Date;
  contact: ContactHints;
  files: IncomingFile[];
  subject?: string | null;
  /**
   * E-mail and fax thread by their headers (email/thread.ts): join this conversation, or start a
   * new one. Unset: the sender's open conversation on the channel, else a new one.
   */
  thread?: { conversationId: string } | 'new';
}

export type IngestResult =
  | { status: 'stored'; messageId: string; conversationId: string; newConversation: boolean }
  | { status: 'duplicate'; messageId: string };

const MAX_BODY = 1_000_000;

/** What the messages ingested so far in a transaction still owe the change feed. */
export interface InboundFeed {
  /**
   * Conversations whose place in scope is new: opened (each enters the shared queue, every
   * operator's feed), or given their customer just now (who comes into the holders' scope).
   */
  opened: Set<string>;
  /** Conversations written (opened ones too). */
  touched: Set<string>;
  messages: Array<{ id: string; conversationId: string }>;
  /** The latest `now` a message was ingested at (the queue rules do not depend on it). */
  now: Date;
}

export const newInboundFeed = (now: Date): InboundFeed => ({ opened: new Set(), touched: new Set(), messages: [], now });

/**
 * Writes what the feed owes, in the caller's transaction, after the last ingestInbound of it and
 * before the transaction commits: one scope refresh for all the conversations opened (it carries
 * their messages along, sync/scope.ts), the touched conversations' changes, and the other new
 * messages to whoever holds their conversation. The same feed rows as flushing after every message.
 */
export async function flushInboundFeed(trx: Transaction<DB>, feed: InboundFeed): Promise<void> {
  if (feed.opened.size) await refreshConversationsIn(trx, [...feed.opened], { now: feed.now, scopeDays: DEFAULT_SCOPE_DAYS });
  // The refresh wrote the opened ones as they are now; the others changed for those holding them.
  await recordChanges(trx, 'conversation', [...feed.touched].filter((id) => !feed.opened.has(id)));
  const joined = feed.messages.filter((m) => !feed.opened.has(m.conversationId));
  await recordNewChildren(trx, 'message', 'conversation', joined.map((m) => ({ id: m.id, parentId: m.conversationId })));
  feed.opened.clear();
  feed.touched.clear();
  feed.messages = [];
}

/**
 * Stores one inbound message. With a `feed`, its change-feed work is left in it for the caller's
 * flushInboundFeed; without one, it is done before this returns.
 */
export async function ingestInbound(trx: Transaction<DB>, msg: InboundMessage, now: Date, feed?: InboundFeed): Promise<IngestResult> {
  const owed = feed ?? newInboundFeed(now);
  const r = await ingestOne(trx, msg, now, owed);
  if (!feed) await flushInboundFeed(trx, owed);
  return r;
}

async function ingestOne(trx: Transaction<DB>, msg: InboundMessage, now: Date, feed: InboundFeed): Promise<IngestResult> {
  const seen = await trx
    .selectFrom('messages')
    .select('id')
    .where('channel', '=', msg.channel)
    .where('channel_message_id', '=', msg.channelMessageId)
    .executeTakeFirst();
  if (seen) return { status: 'duplicate', messageId: seen.id };

  // The sender's open conversation on this channel; locked, so two messages of one sender arriving
  // together land in one conversation (the second waits, then fails 40001 and retries, and finds it).
  const thread = msg.thread;
  let conversation = thread === 'new'
    ? undefined
    : await trx
      .selectFrom('conversations')
      .select(['id', 'customer_id', 'status'])
      .$if(thread === undefined, (q) => q.where('channel', '=', msg.channel).where('external_address', '=', msg.externalAddress).where('status', '<>', 'resolved'))
      .$if(thread !== undefined, (q) => q.where('id', '=', (thread as { conversationId: string }).conversationId))
      .orderBy('updated_at', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
  const newConversation = !conversation;
  if (!conversation) {
    const id = randomUUID();
    const customerId = (await matchCustomer(trx, msg.contact)) ?? (await linkedByHand(trx, msg.channel, msg.externalAddress));
    await trx
      .insertInto('conversations')
      .values({
        id, channel: msg.channel, customer_id: customerId, external_address: msg.externalAddress, subject: msg.subject ?? null,
        status: 'new', category: null, assignee_id: null, created_at: now, updated_at: now, last_inbound_at: msg.sentAt,
      })
      .execute();
    conversation = { id, customer_id: customerId, status: 'new' };
    // Unassigned, it enters the shared queue: every operator's feed (sync/scope.ts), with its
    // messages, when the feed is flushed.
    feed.opened.add(id);
  } else {
    const customerId = conversation.customer_id ?? (await matchCustomer(trx, msg.contact)) ?? (await linkedByHand(trx, msg.channel, msg.externalAddress));
    await trx
      .updateTable('conversations')
      .set((eb) => ({
        updated_at: now,
        customer_id: customerId,
        // The customer answered: no longer waiting for them.
        status: conversation!.status === 'waiting_customer' ? 'open' : conversation!.status,
        last_inbound_at: eb.fn('greatest', [eb.ref('last_inbound_at'), eb.val(msg.sentAt)]),
      }))
      .where('id', '=', conversation.id)
      .execute();
    // A customer linked just now enters the scope of whoever holds the conversation (their card,
    // payments): the scope refresh at the flush brings them, as it does for a new conversation.
    if (conversation.customer_id === null && customerId !== null) feed.opened.add(conversation.id);
  }

  const messageId = randomUUID();
  await trx
    .insertInto('messages')
    .values({
      id: messageId, conversation_id: conversation.id, direction: 'in', author_agent_id: null, body: msg.body.slice(0, MAX_BODY),
      created_at: msg.sentAt, channel: msg.channel, channel_message_id: msg.channelMessageId,
    })
    .execute();
  for (const [position, file] of msg.files.entries()) {
    await storeAttachment(trx, file, { messageId, position, now });
  }
  feed.touched.add(conversation.id);
  feed.messages.push({ id: messageId, conversationId: conversation.id });
  if (now > feed.now) feed.now = now;
  return { status: 'stored', messageId, conversationId: conversation.id, newConversation };
}
