// The one way a customer's message enters the inbox, whatever the channel: deduplicated by the
// channel's message id, put into the sender's open conversation (a new one, status new and
// unassigned, if there is none), linked to the customer its contacts match, with its files, and
// written to the change feed the way every other write is. Runs inside the caller's synced
// transaction (withSyncedTransaction), so the webhook's "processed" mark commits with it.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { recordChanges } from '../sync/record-changes.ts';
import { recordNewChild } from '../sync/record-child.ts';
import { DEFAULT_SCOPE_DAYS, refreshConversationsIn } from '../sync/scope.ts';
import { storeAttachment, type IncomingFile } from './attachment-store.ts';
import { matchCustomer, type ContactHints } from './match-customer.ts';

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

export async function ingestInbound(trx: Transaction<DB>, msg: InboundMessage, now: Date): Promise<IngestResult> {
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
    const customerId = await matchCustomer(trx, msg.contact);
    await trx
      .insertInto('conversations')
      .values({
        id, channel: msg.channel, customer_id: customerId, external_address: msg.externalAddress, subject: msg.subject ?? null,
        status: 'new', category: null, assignee_id: null, created_at: now, updated_at: now, last_inbound_at: msg.sentAt,
      })
      .execute();
    conversation = { id, customer_id: customerId, status: 'new' };
    // Unassigned, it enters the shared queue: every operator's feed (sync/scope.ts), before the
    // message below, which then follows it to them. Queue rules do not depend on scopeDays.
    await refreshConversationsIn(trx, [id], { now, scopeDays: DEFAULT_SCOPE_DAYS });
  } else {
    const customerId = conversation.customer_id ?? (await matchCustomer(trx, msg.contact));
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
    // TODO(scope): a customer linked just now enters the assignee's scope (their card, payments).
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
  await recordChanges(trx, 'conversation', [conversation.id]);
  await recordNewChild(trx, 'message', messageId, { entity: 'conversation', id: conversation.id });
  return { status: 'stored', messageId, conversationId: conversation.id, newConversation };
}
