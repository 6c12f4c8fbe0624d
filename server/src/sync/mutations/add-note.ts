// An internal note in a conversation: the operator's words or the path taken through a
// troubleshooting script. The client makes the note's id, so a resend after a lost answer (or a
// second device) cannot add it twice; the same id for something else is a conflict.
import type { z } from 'zod';
import type { MUTATION_SCHEMAS, Role } from '../../../../contract/index.ts';
import { conversationGotMessage, lockWritableConversation } from './conversation-access.ts';
import type { MutationContext } from './context.ts';
import { MutationRefused } from './refusal.ts';

const MAY_NOTE: Role[] = ['operator', 'personal_manager', 'supervisor', 'quality_manager'];

export async function addNote(ctx: MutationContext, args: z.output<(typeof MUTATION_SCHEMAS)['conversation.addNote']>): Promise<void> {
  const { agent, prefix, trx } = ctx;
  if (!MAY_NOTE.includes(agent.role)) throw new MutationRefused('forbidden', `this needs one of the roles: ${MAY_NOTE.join(', ')}`);
  const conversation = await lockWritableConversation(ctx, args.conversationId);
  const existing = await trx.selectFrom('messages').select(['conversation_id', 'author_agent_id', 'body']).where('id', '=', args.noteId).executeTakeFirst();
  if (existing) {
    if (existing.conversation_id === args.conversationId && existing.author_agent_id === agent.id && existing.body === args.body) return;
    throw new MutationRefused('conflict', 'a different message already has this id', `${prefix}.noteId`);
  }
  await trx
    .insertInto('messages')
    .values({ id: args.noteId, conversation_id: args.conversationId, direction: 'internal_note', author_agent_id: agent.id, body: args.body, created_at: ctx.now })
    .execute();
  await conversationGotMessage(ctx, conversation, args.noteId);
}
