// Taking, returning, handing over a conversation, setting its status or category and linking its
// customer by hand, in the main
// process: each is queued in the outbox with the conversation's row patched in the replica at once
// (the list and the view show it offline too); the replica undoes the patch if the server refuses
// (db/pending.ts). Taking a new conversation opens it, as the server does. `state` lists what of a
// conversation is still queued and the operators it can be handed to.
import type { z } from 'zod';
import {
  CONVERSATION_ACTIONS,
  type ConversationAction,
  type ConversationActionsState,
  type PendingConversationAction,
} from '../../../contract/conversation-actions-ipc.ts';
import type { Agent } from '../../../contract/domain/agent.ts';
import type { Conversation } from '../../../contract/domain/conversation.ts';
import type { MUTATION_SCHEMAS } from '../../../contract/sync.ts';
import type { ReplicaCalls } from '../db/replica-client.ts';
import type { RowPatch } from '../db/row-patch.ts';
import type { Outbox } from '../sync/outbox.ts';

type ArgsOf<N extends ConversationAction> = z.output<(typeof MUTATION_SCHEMAS)[N]>;
type Db = Pick<ReplicaCalls, 'getRow' | 'listOutbox' | 'assignees'>;

export interface ConversationActions {
  assign(args: ArgsOf<'conversation.assign'>): Promise<{ queued: true }>;
  setStatus(args: ArgsOf<'conversation.setStatus'>): Promise<{ queued: true }>;
  setCategory(args: ArgsOf<'conversation.setCategory'>): Promise<{ queued: true }>;
  linkCustomer(args: ArgsOf<'conversation.linkCustomer'>): Promise<{ queued: true }>;
  state(conversationId: string): Promise<ConversationActionsState>;
}

/** The row's fields after the action, as the server will set them (only those that change). */
export function patchFor(action: ConversationAction, args: ArgsOf<ConversationAction>, row: Conversation, me: string): Partial<Conversation> {
  if (action === 'conversation.assign') {
    const { assigneeId } = args as ArgsOf<'conversation.assign'>;
    return { assigneeId, ...(assigneeId === me && row.status === 'new' ? { status: 'open' as const } : {}) };
  }
  if (action === 'conversation.setStatus') return { status: (args as ArgsOf<'conversation.setStatus'>).status };
  if (action === 'conversation.linkCustomer') return { customerId: (args as ArgsOf<'conversation.linkCustomer'>).customerId };
  return { category: (args as ArgsOf<'conversation.setCategory'>).category };
}

const isAction = (name: string): name is ConversationAction => (CONVERSATION_ACTIONS as readonly string[]).includes(name);

export function createConversationActions(deps: { db: () => Db; outbox: () => Pick<Outbox, 'enqueue'>; agentId: () => string }): ConversationActions {
  async function queue<N extends ConversationAction>(name: N, args: ArgsOf<N>): Promise<{ queued: true }> {
    const row = (await deps.db().getRow('conversation', args.conversationId))?.data as Conversation | undefined;
    // Not in the replica (it left this PC's scope meanwhile): the mutation still goes, the server decides.
    const apply: RowPatch[] = row ? [{ entity: 'conversation', id: row.id, set: patchFor(name, args, row, deps.agentId()) }] : [];
    await deps.outbox().enqueue(name, args as never, { apply });
    return { queued: true };
  }
  return {
    assign: (args) => queue('conversation.assign', args),
    setStatus: (args) => queue('conversation.setStatus', args),
    setCategory: (args) => queue('conversation.setCategory', args),
    linkCustomer: (args) => queue('conversation.linkCustomer', args),
    async state(conversationId) {
      const db = deps.db();
      const [outbox, assignees, row] = await Promise.all([db.listOutbox(), db.assignees(), db.getRow('conversation', conversationId)]);
      const assigneeId = (row?.data as Conversation | undefined)?.assigneeId ?? null;
      const assignee = assigneeId ? ((await db.getRow('agent', assigneeId))?.data as Agent | undefined) : undefined;
      const pending: PendingConversationAction[] = outbox
        .filter((e) => isAction(e.name) && (e.args as { conversationId?: unknown }).conversationId === conversationId)
        .map((e) => ({ seq: e.seq, name: e.name as ConversationAction, queuedAt: e.createdAt }));
      return { pending, assignees, assigneeName: assignee?.displayName ?? null };
    },
  };
}
