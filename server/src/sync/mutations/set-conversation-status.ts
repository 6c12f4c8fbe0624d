// New / open / waiting for the customer / resolved, set by the assignee, a supervisor or an admin.
// Resolved stays in the assignee's replica for the scope's days after this change (updated now).
import type { z } from 'zod';
import type { MUTATION_SCHEMAS } from '../../../../contract/index.ts';
import type { MutationContext } from './context.ts';
import { lockHandledConversation, requireAssigneeOrLead, saveHandling } from './conversation-rights.ts';

type Args = z.output<(typeof MUTATION_SCHEMAS)['conversation.setStatus']>;

export async function setConversationStatus(ctx: MutationContext, args: Args): Promise<void> {
  const conversation = await lockHandledConversation(ctx, args.conversationId);
  await requireAssigneeOrLead(ctx, conversation);
  if (conversation.status === args.status) return;
  await saveHandling(ctx, conversation, { status: args.status });
}
