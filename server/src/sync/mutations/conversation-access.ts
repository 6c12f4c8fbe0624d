// What every write into a conversation does first and last: lock the conversation the agent may
// write into (a personal manager: their portfolio's only), and afterwards mark it updated, record
// the change and the new message, and bring it back into its assignee's scope (resolved long ago,
// it had dropped out; a note or a reply makes it current again).
import { recordChanges } from '../record-changes.ts';
import { recordNewChild } from '../record-child.ts';
import { refreshScopeOfRowsIn } from '../scope.ts';
import type { MutationContext } from './context.ts';
import { MutationRefused } from './refusal.ts';

export async function lockWritableConversation(ctx: MutationContext, conversationId: string) {
  const { agent, prefix, trx } = ctx;
  const conversation = await trx
    .selectFrom('conversations as cv')
    .leftJoin('customers as c', 'c.id', 'cv.customer_id')
    .select(['cv.id', 'cv.channel', 'cv.assignee_id', 'cv.last_inbound_at', 'c.personal_manager_id'])
    .where('cv.id', '=', conversationId)
    .forUpdate('cv')
    .executeTakeFirst();
  if (!conversation) throw new MutationRefused('not_found', 'the conversation no longer exists', `${prefix}.conversationId`);
  if (agent.role === 'personal_manager' && conversation.personal_manager_id !== agent.id) {
    throw new MutationRefused('forbidden', 'this customer is not in your portfolio', `${prefix}.conversationId`);
  }
  return conversation;
}

export async function conversationGotMessage(ctx: MutationContext, conversation: { id: string; assignee_id: string | null }, messageId: string): Promise<void> {
  const { trx } = ctx;
  await trx.updateTable('conversations').set({ updated_at: ctx.now }).where('id', '=', conversation.id).execute();
  await recordChanges(trx, 'conversation', [conversation.id]);
  await recordNewChild(trx, 'message', messageId, { entity: 'conversation', id: conversation.id });
  if (conversation.assignee_id) {
    await refreshScopeOfRowsIn(trx, conversation.assignee_id, [{ entity: 'conversation', ids: [conversation.id] }], { now: ctx.now, scopeDays: ctx.scopeDays });
  }
}
