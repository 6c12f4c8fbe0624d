// The customer a conversation is about, linked by hand: the sender's address matched nobody (or two
// customers sharing a phone, or the wrong one). By whoever may change the conversation's handling
// (the assignee, a supervisor or an admin). The conversation then carries the customer into the
// replicas that hold it (their card, payments and history), and later conversations from the same
// address are linked to that customer when they come in (channels/ingest.ts).
import type { z } from 'zod';
import type { MUTATION_SCHEMAS } from '../../../../contract/index.ts';
import { recordChanges } from '../record-changes.ts';
import { refreshScopeOfRowsIn } from '../scope.ts';
import type { MutationContext } from './context.ts';
import { lockHandledConversation, requireAssigneeOrLead } from './conversation-rights.ts';
import { MutationRefused } from './refusal.ts';

type Args = z.output<(typeof MUTATION_SCHEMAS)['conversation.linkCustomer']>;

export async function linkCustomer(ctx: MutationContext, args: Args): Promise<void> {
  const { trx, prefix } = ctx;
  const conversation = await lockHandledConversation(ctx, args.conversationId);
  await requireAssigneeOrLead(ctx, conversation);
  if (args.customerId !== null) {
    const customer = await trx.selectFrom('customers').select('id').where('id', '=', args.customerId).executeTakeFirst();
    if (!customer) throw new MutationRefused('not_found', 'no such customer', `${prefix}.customerId`);
  }
  const current = await trx.selectFrom('conversations').select('customer_id').where('id', '=', conversation.id).executeTakeFirstOrThrow();
  if (current.customer_id === args.customerId) return; // already so: a resend, or two clicks
  await trx.updateTable('conversations').set({ customer_id: args.customerId, updated_at: ctx.now }).where('id', '=', conversation.id).execute();
  await recordChanges(trx, 'conversation', [conversation.id]);
  // The customer comes into the scope of whoever holds the conversation (and of the queues'
  // operators); the one before is listed too, so it leaves where nothing else keeps it.
  const before = current.customer_id ? [{ entity: 'customer' as const, ids: [current.customer_id] }] : [];
  await refreshScopeOfRowsIn(trx, 'all', [{ entity: 'conversation', ids: [conversation.id] }, ...before], { now: ctx.now, scopeDays: ctx.scopeDays });
}
