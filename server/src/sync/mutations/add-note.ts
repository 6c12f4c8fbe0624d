// An internal note in a conversation: the operator's words or the path taken through a
// troubleshooting script. The client makes the note's id, so a resend after a lost answer (or a
// second device) cannot add it twice; the same id for something else is a conflict.
import type { z } from 'zod';
import type { MUTATION_SCHEMAS, Role } from '../../../../contract/index.ts';
import { recordChanges } from '../record-changes.ts';
import { recordNewChild } from '../record-child.ts';
import { refreshScopeOfRowsIn } from '../scope.ts';
import type { MutationContext } from './context.ts';
import { MutationRefused } from './refusal.ts';

const MAY_NOTE: Role[] = ['operator', 'personal_manager', 'supervisor', 'quality_manager'];

export async function addNote(ctx: MutationContext, args: z.output<(typeof MUTATION_SCHEMAS)['conversation.addNote']>): Promise<void> {
  const { agent, prefix, trx } = ctx;
  if (!MAY_NOTE.includes(agent.role)) throw new MutationRefused('forbidden', `this needs one of the roles: ${MAY_NOTE.join(', ')}`);
  const conversation = await trx
    .selectFrom('conversations as cv')
    .leftJoin('customers as c', 'c.id', 'cv.customer_id')
    .select(['cv.id', 'cv.assignee_id', 'c.personal_manager_id'])
    .where('cv.id', '=', args.conversationId)
    .forUpdate('cv')
    .executeTakeFirst();
  if (!conversation) throw new MutationRefused('not_found', 'the conversation no longer exists', `${prefix}.conversationId`);
  if (agent.role === 'personal_manager' && conversation.personal_manager_id !== agent.id) {
    throw new MutationRefused('forbidden', 'this customer is not in your portfolio', `${prefix}.conversationId`);
  }
  const existing = await trx.selectFrom('messages').select(['conversation_id', 'author_agent_id', 'body']).where('id', '=', args.noteId).executeTakeFirst();
  if (existing) {
    if (existing.conversation_id === args.conversationId && existing.author_agent_id === agent.id && existing.body === args.body) return;
    throw new MutationRefused('conflict', 'a different message already has this id', `${prefix}.noteId`);
  }
  await trx
    .insertInto('messages')
    .values({ id: args.noteId, conversation_id: args.conversationId, direction: 'internal_note', author_agent_id: agent.id, body: args.body, created_at: ctx.now })
    .execute();
  await trx.updateTable('conversations').set({ updated_at: ctx.now }).where('id', '=', args.conversationId).execute();
  await recordChanges(trx, 'conversation', [args.conversationId]);
  await recordNewChild(trx, 'message', args.noteId, { entity: 'conversation', id: args.conversationId });
  // The conversation is updated now: resolved long ago, it comes back into its assignee's scope with
  // its messages, calls, customer and payments (a note added from a search, or by a supervisor).
  if (conversation.assignee_id) {
    await refreshScopeOfRowsIn(trx, conversation.assignee_id, [{ entity: 'conversation', ids: [args.conversationId] }], { now: ctx.now, scopeDays: ctx.scopeDays });
  }
}
