// Every mutation of contract/sync.ts MUTATION_SCHEMAS and the handler that applies it. Arguments
// are checked against the contract here, so a handler gets them typed and valid.
import type { z } from 'zod';
import { fromZodError, MUTATION_SCHEMAS, type MutationName } from '../../../../contract/index.ts';
import { addNote } from './add-note.ts';
import { assignConversation } from './assign-conversation.ts';
import { articleFeedback } from './article-feedback.ts';
import { completeTask } from './complete-task.ts';
import { createConnectionRequest } from './create-connection-request.ts';
import { linkCustomer } from './link-customer.ts';
import { logCall } from './log-call.ts';
import { setAgentState } from './set-agent-state.ts';
import { setConversationCategory } from './set-conversation-category.ts';
import { setConversationStatus } from './set-conversation-status.ts';
import { wrapUpCall } from './wrap-up-call.ts';
import type { MutationContext } from './context.ts';
import { MutationRefused } from './refusal.ts';
import { replyMessage } from './reply-message.ts';
import { setExtraService } from './set-extra-service.ts';
import { updateContacts } from './update-contacts.ts';

type Handlers = { [N in MutationName]: (ctx: MutationContext, args: z.output<(typeof MUTATION_SCHEMAS)[N]>) => Promise<void> };

const HANDLERS: Handlers = {
  'article.feedback': articleFeedback,
  'customer.updateContacts': updateContacts,
  'customer.setExtraService': setExtraService,
  'conversation.addNote': addNote,
  'conversation.assign': assignConversation,
  'conversation.setStatus': setConversationStatus,
  'conversation.setCategory': setConversationCategory,
  'conversation.linkCustomer': linkCustomer,
  'agent.setState': setAgentState,
  'call.log': logCall,
  'call.wrapUp': wrapUpCall,
  'task.complete': completeTask,
  'connectionRequest.create': createConnectionRequest,
  'message.reply': replyMessage,
};

/** Validates the arguments and applies the mutation; throws MutationRefused when it may not. */
export async function applyMutation(ctx: MutationContext, name: MutationName, args: unknown): Promise<void> {
  const parsed = MUTATION_SCHEMAS[name].safeParse(args);
  if (!parsed.success) {
    const e = fromZodError(parsed.error, ctx.prefix);
    throw new MutationRefused('invalid_input', e.message, e.field);
  }
  await (HANDLERS[name] as (ctx: MutationContext, args: unknown) => Promise<void>)(ctx, parsed.data);
}

export type { MutationContext } from './context.ts';
export { MutationRefused } from './refusal.ts';
