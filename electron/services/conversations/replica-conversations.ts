// Conversations read from the replica: one thread (messages oldest first, authors' names, and the
// notes still waiting in the outbox), and the most recently updated ones: the agent's own first,
// open before resolved.
import { z } from 'zod';
import {
  CONVERSATION_THREAD_MAX,
  RECENT_CONVERSATIONS_MAX,
  type ConversationGetInput,
  type ConversationThread,
  type QueuedNote,
  type RecentConversation,
  RecentConversationsInput,
} from '../../../contract/conversations-ipc.ts';
import type { Conversation, Message } from '../../../contract/domain/conversation.ts';
import type { Db } from '../db/open-replica-file.ts';

/** The renderer's query, plus the signed-in agent (their own conversations come first). */
export const ReplicaRecentInput = RecentConversationsInput.extend({ agentId: z.uuid().optional() });

export interface ReplicaConversations {
  thread(input: z.input<typeof ConversationGetInput>): ConversationThread | null;
  recent(input: z.input<typeof ReplicaRecentInput>): RecentConversation[];
}

export function createReplicaConversations(db: Db): ReplicaConversations {
  const conversation = db.prepare('SELECT data FROM conversation WHERE id = ?').pluck();
  const customerName = db.prepare("SELECT data ->> '$.fullName' FROM customer WHERE id = ?").pluck();
  const messages = db
    .prepare('SELECT data FROM (SELECT data, created_at FROM message WHERE conversation_id = ? ORDER BY created_at DESC LIMIT ?) ORDER BY created_at')
    .pluck();
  const agentName = db.prepare('SELECT display_name FROM agent WHERE id = ?').pluck();
  const queued = db.prepare(
    `SELECT args ->> '$.noteId' AS noteId, args ->> '$.body' AS body, created_at AS queuedAt FROM outbox
     WHERE name = 'conversation.addNote' AND args ->> '$.conversationId' = ? ORDER BY seq`,
  );
  const recent = db
    .prepare(
      // The agent's own first: the replica also holds the shared and team queues (sync/scope.ts).
      `SELECT v.data, c.data ->> '$.fullName' AS customer_name FROM conversation v LEFT JOIN customer c ON c.id = v.customer_id
       ORDER BY (v.assignee_id IS NOT ?), (v.status = 'resolved'), v.updated_at DESC LIMIT ?`,
    );

  return {
    thread({ id }) {
      const raw = conversation.get(id) as string | undefined;
      if (!raw) return null;
      const conv = JSON.parse(raw) as Conversation;
      const list = (messages.all(id, CONVERSATION_THREAD_MAX) as string[]).map((m) => JSON.parse(m) as Message);
      const authors: Record<string, string> = {};
      for (const m of list) {
        if (m.authorAgentId && !(m.authorAgentId in authors)) {
          const name = agentName.get(m.authorAgentId) as string | undefined;
          if (name) authors[m.authorAgentId] = name;
        }
      }
      const have = new Set(list.map((m) => m.id));
      const queuedNotes = (queued.all(id) as QueuedNote[]).filter((n) => !have.has(n.noteId));
      const name = conv.customerId ? ((customerName.get(conv.customerId) as string | undefined) ?? null) : null;
      return { conversation: conv, customerName: name, messages: list, authors, queuedNotes };
    },
    recent({ limit, agentId }) {
      const rows = recent.all(agentId ?? null, Math.min(limit ?? 20, RECENT_CONVERSATIONS_MAX)) as Array<{ data: string; customer_name: string | null }>;
      return rows.map((r) => {
        const c = JSON.parse(r.data) as Conversation;
        return { id: c.id, channel: c.channel, status: c.status, subject: c.subject, customerName: r.customer_name, externalAddress: c.externalAddress, updatedAt: c.updatedAt };
      });
    },
  };
}
