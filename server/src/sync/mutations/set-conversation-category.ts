// The conversation's category tag (one of the knowledge base's categories, or none), set by the
// assignee, a supervisor or an admin.
import type { z } from 'zod';
import type { MUTATION_SCHEMAS } from '../../../../contract/index.ts';
import type { MutationContext } from './context.ts';
import { lockHandledConversation, requireAssigneeOrLead, saveHandling } from './conversation-rights.ts';

type Args = z.output<(typeof MUTATION_SCHEMAS)['conversation.setCategory']>;

export async function setConversationCategory(ctx: MutationContext, args: Args): Promise<void> {
  const conversation = await lockHandledConversation(ctx, args.conversationId);
  await requireAssigneeOrLead(ctx, conversation);
  if (conversation.category === args.category) return;
  await saveHandling(ctx, conversation, { category: args.category });
}
