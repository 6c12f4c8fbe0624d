// Who may change how a conversation is handled (its assignee, status and category), and the one
// write all three end with. The assignee changes them; supervisors and admins change any. Only
// operators hold conversations: scope.ts gives conversations to operators' replicas alone, so a
// conversation given to anyone else would vanish from every PC.
import type { AgentWithSite, Role } from '../../../../contract/index.ts';
import { recordChanges } from '../record-changes.ts';
import { refreshConversationsIn } from '../scope.ts';
import type { MutationContext } from './context.ts';
import { lockWritableConversation } from './conversation-access.ts';
import { MutationRefused } from './refusal.ts';

const LEADS: Role[] = ['supervisor', 'admin'];
/** Roles an assignee may have. */
export const ASSIGNABLE: Role[] = ['operator'];

export const isLead = (agent: AgentWithSite): boolean => LEADS.includes(agent.role);

export interface HandledConversation {
  id: string;
  status: string;
  category: string | null;
  assignee_id: string | null;
}

/** Locks the conversation for a change of its handling, refusing roles that never handle one. */
export async function lockHandledConversation(ctx: MutationContext, conversationId: string): Promise<HandledConversation> {
  const { agent, trx } = ctx;
  if (!isLead(agent) && !ASSIGNABLE.includes(agent.role)) {
    throw new MutationRefused('forbidden', `conversations are handled by operators; assigned by ${LEADS.join(', ')}`);
  }
  await lockWritableConversation(ctx, conversationId);
  return trx.selectFrom('conversations').select(['id', 'status', 'category', 'assignee_id']).where('id', '=', conversationId).executeTakeFirstOrThrow();
}

export async function agentName(ctx: MutationContext, agentId: string): Promise<string> {
  const row = await ctx.trx.selectFrom('agents').select('display_name').where('id', '=', agentId).executeTakeFirst();
  return row?.display_name ?? agentId;
}

/** A status or category is changed by the conversation's assignee, or by a supervisor or an admin. */
export async function requireAssigneeOrLead(ctx: MutationContext, conversation: HandledConversation): Promise<void> {
  const { agent, prefix } = ctx;
  if (isLead(agent) || conversation.assignee_id === agent.id) return;
  if (conversation.assignee_id === null) {
    throw new MutationRefused('forbidden', 'nobody handles this conversation: take it first', `${prefix}.conversationId`);
  }
  throw new MutationRefused('conflict', `${await agentName(ctx, conversation.assignee_id)} handles this conversation now`, `${prefix}.conversationId`);
}

/**
 * Writes the new handling, marks the conversation updated, puts it into the feed and moves it, with
 * its messages, calls and customer, out of the scope of who held it and into the new assignee's, and
 * in or out of the other operators' queues.
 */
export async function saveHandling(
  ctx: MutationContext,
  before: HandledConversation,
  set: Partial<Pick<HandledConversation, 'assignee_id' | 'status' | 'category'>>,
): Promise<void> {
  const { trx } = ctx;
  await trx.updateTable('conversations').set({ ...set, updated_at: ctx.now }).where('id', '=', before.id).execute();
  await recordChanges(trx, 'conversation', [before.id]);
  // Every agent, not only who held it and who holds it now: the conversation also sits in the
  // shared queue and the team queue of others (sync/scope.ts), which taking or resolving changes.
  await refreshConversationsIn(trx, [before.id], { now: ctx.now, scopeDays: ctx.scopeDays });
}
