// Handling a conversation from the Inbox: take it, return it to the queue, hand it over, set its
// status and category, link it to its customer by hand. Each is queued in the outbox with the conversation patched in the replica at
// once (offline too) and undone if the server refuses; `state` tells the toolbar what is still
// waiting to be sent and whom a conversation can be handed to (the replica's agent directory).
import { z } from 'zod';
import { Agent } from './domain/agent.ts';
import { MUTATION_SCHEMAS } from './sync.ts';

export const CONVERSATION_ACTIONS = ['conversation.assign', 'conversation.setStatus', 'conversation.setCategory', 'conversation.linkCustomer'] as const;
export const ConversationAction = z.enum(CONVERSATION_ACTIONS);
export type ConversationAction = z.infer<typeof ConversationAction>;

const Queued = z.object({ queued: z.literal(true) });

export const ConversationActionsStateInput = z.strictObject({ conversationId: z.uuid() });

/** A change of this conversation still in the outbox (not yet accepted by the server). */
export const PendingConversationAction = z.object({
  seq: z.number().int().positive(),
  name: ConversationAction,
  queuedAt: z.iso.datetime({ offset: true }),
});
export type PendingConversationAction = z.infer<typeof PendingConversationAction>;

/** The agents a conversation can be given to (operators), by name; at most this many. */
export const ASSIGNEES_MAX = 2000;
export const ConversationActionsState = z.object({
  pending: z.array(PendingConversationAction).max(200),
  assignees: z.array(Agent.pick({ id: true, displayName: true, siteId: true })).max(ASSIGNEES_MAX),
  /** Who handles the conversation now, by name from the directory (whatever their role); null: nobody or unknown here. */
  assigneeName: z.string().nullable(),
});
export type ConversationActionsState = z.infer<typeof ConversationActionsState>;

/** Spread into contract/inbox-ipc.ts INBOX_METHODS. */
export const CONVERSATION_ACTION_METHODS = {
  /** Take (assigneeId = me), return to the queue (null) or hand over (another operator). */
  'conversationActions.assign': { input: MUTATION_SCHEMAS['conversation.assign'], output: Queued },
  'conversationActions.setStatus': { input: MUTATION_SCHEMAS['conversation.setStatus'], output: Queued },
  'conversationActions.setCategory': { input: MUTATION_SCHEMAS['conversation.setCategory'], output: Queued },
  /** The customer the conversation is about (null: none), when the sender's address matched nobody or the wrong one. */
  'conversationActions.linkCustomer': { input: MUTATION_SCHEMAS['conversation.linkCustomer'], output: Queued },
  /** What of this conversation waits in the outbox, and the operators it can be handed to. */
  'conversationActions.state': { input: ConversationActionsStateInput, output: ConversationActionsState },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
