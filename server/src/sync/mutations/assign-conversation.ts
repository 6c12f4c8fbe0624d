// Who handles a conversation. An operator takes one that is free (or already theirs), and returns
// to the queue or hands over only their own; supervisors and admins assign any to any operator.
// Taking a new conversation opens it. A resolved conversation is not assigned: reopen it first
// (a new message from the customer comes in as a new conversation anyway, channels/ingest.ts).
// The conversation moves between the replicas of who held it and who holds it, in this transaction.
import type { z } from 'zod';
import type { MUTATION_SCHEMAS, Role } from '../../../../contract/index.ts';
import type { MutationContext } from './context.ts';
import { agentName, ASSIGNABLE, isLead, lockHandledConversation, saveHandling } from './conversation-rights.ts';
import { MutationRefused } from './refusal.ts';

type Args = z.output<(typeof MUTATION_SCHEMAS)['conversation.assign']>;

export async function assignConversation(ctx: MutationContext, args: Args): Promise<void> {
  const { agent, prefix, trx } = ctx;
  const conversation = await lockHandledConversation(ctx, args.conversationId);
  const target = args.assigneeId;
  if (target === conversation.assignee_id) return; // already so: a resend, or two clicks
  if (conversation.status === 'resolved') {
    throw new MutationRefused('conflict', 'the conversation is resolved; reopen it before assigning it', `${prefix}.conversationId`);
  }
  if (!isLead(agent)) {
    const holder = conversation.assignee_id;
    // Taking: only what is free. Returning or handing over: only one's own.
    if (holder !== null && holder !== agent.id) {
      throw new MutationRefused('conflict', `${await agentName(ctx, holder)} handles this conversation now`, `${prefix}.conversationId`);
    }
    if (holder === null && target !== agent.id) {
      throw new MutationRefused('forbidden', 'only a supervisor assigns a conversation nobody handles to someone else', `${prefix}.assigneeId`);
    }
  }
  if (target !== null && target !== agent.id) {
    const assignee = await trx.selectFrom('agents').select(['role', 'display_name']).where('id', '=', target).executeTakeFirst();
    if (!assignee) throw new MutationRefused('not_found', 'no such agent', `${prefix}.assigneeId`);
    if (!ASSIGNABLE.includes(assignee.role as Role)) {
      throw new MutationRefused('invalid_input', `${assignee.display_name} (${assignee.role}) does not handle conversations`, `${prefix}.assigneeId`);
    }
  } else if (target === agent.id && !ASSIGNABLE.includes(agent.role)) {
    throw new MutationRefused('invalid_input', `a ${agent.role} does not handle conversations; assign an operator`, `${prefix}.assigneeId`);
  }
  const opens = target === agent.id && conversation.status === 'new';
  await saveHandling(ctx, conversation, { assignee_id: target, ...(opens ? { status: 'open' } : {}) });
}
