// A reply to the customer, in the conversation's channel. Stored queued (the dispatcher sends it
// and records sent / failed, channels/dispatcher.ts), so a reply written offline and pushed later
// takes the same path. The client makes the message's id: a resend is the same reply. WhatsApp's
// 24-hour window is checked here by the server's clock: outside it a free-form reply is kept as
// failed with the reason whatsapp_window_closed (the thread shows it, in the operator's language,
// with the hint to send a template); a template is always allowed.
import type { z } from 'zod';
import type { MUTATION_SCHEMAS, Role } from '../../../../contract/index.ts';
import { windowOpen } from '../../channels/whatsapp/window.ts';
import { conversationGotMessage, lockWritableConversation } from './conversation-access.ts';
import type { MutationContext } from './context.ts';
import { MutationRefused } from './refusal.ts';

const MAY_REPLY: Role[] = ['operator', 'personal_manager', 'supervisor'];
// Every channel with an adapter (channels/dispatcher.ts); phone calls have no written reply.
const REPLY_CHANNELS = new Set(['telegram', 'whatsapp', 'email', 'fax']);

type Args = z.output<(typeof MUTATION_SCHEMAS)['message.reply']>;

export async function replyMessage(ctx: MutationContext, args: Args): Promise<void> {
  const { agent, prefix, trx } = ctx;
  if (!MAY_REPLY.includes(agent.role)) throw new MutationRefused('forbidden', `this needs one of the roles: ${MAY_REPLY.join(', ')}`);
  const conversation = await lockWritableConversation(ctx, args.conversationId);
  if (!REPLY_CHANNELS.has(conversation.channel)) {
    throw new MutationRefused('invalid_input', `a ${conversation.channel} conversation takes no written reply`, `${prefix}.conversationId`);
  }
  if (args.template && conversation.channel !== 'whatsapp') {
    throw new MutationRefused('invalid_input', 'templates are sent through WhatsApp only', `${prefix}.template`);
  }

  const existing = await trx.selectFrom('messages').select(['conversation_id', 'author_agent_id', 'body', 'direction']).where('id', '=', args.messageId).executeTakeFirst();
  if (existing) {
    if (existing.conversation_id === args.conversationId && existing.author_agent_id === agent.id && existing.body === args.body && existing.direction === 'out') return;
    throw new MutationRefused('conflict', 'a different message already has this id', `${prefix}.messageId`);
  }

  const attachmentIds = [...new Set(args.attachmentIds ?? [])];
  let faxPages = 0;
  if (attachmentIds.length) {
    const rows = await trx.selectFrom('attachments').select(['id', 'message_id', 'sha256', 'mime_type']).where('id', 'in', attachmentIds).forUpdate().execute();
    for (const [i, id] of attachmentIds.entries()) {
      const row = rows.find((r) => r.id === id);
      if (!row || !row.sha256) throw new MutationRefused('not_found', 'this file was not uploaded or was not kept', `${prefix}.attachmentIds.${i}`);
      if (row.message_id !== null) throw new MutationRefused('conflict', 'this file already belongs to another message', `${prefix}.attachmentIds.${i}`);
    }
    faxPages = rows.filter((r) => r.mime_type === 'application/pdf').length;
  }
  // The fax gateway sends the attached PDF as the pages; a fax without one would be refused there,
  // after the operator has moved on: say so now.
  if (conversation.channel === 'fax' && faxPages === 0) {
    throw new MutationRefused('invalid_input', 'a fax goes out as an attached PDF: attach one', `${prefix}.attachmentIds`);
  }

  const closed = conversation.channel === 'whatsapp' && !args.template && !windowOpen(conversation.last_inbound_at, ctx.now);
  await trx
    .insertInto('messages')
    .values({
      id: args.messageId, conversation_id: args.conversationId, direction: 'out', author_agent_id: agent.id, body: args.body, created_at: ctx.now,
      channel: conversation.channel, delivery_updated_at: ctx.now, template: args.template ? JSON.stringify(args.template) : null,
      ...(closed
        ? { delivery_status: 'failed', delivery_error_code: 'whatsapp_window_closed', delivery_error: 'more than 24 hours since the customer last wrote; only a template may be sent' }
        : { delivery_status: 'queued', next_attempt_at: ctx.now }),
    })
    .execute();
  for (const [position, id] of attachmentIds.entries()) {
    await trx.updateTable('attachments').set({ message_id: args.messageId, position }).where('id', '=', id).execute();
  }
  await conversationGotMessage(ctx, conversation, args.messageId);
}
