// Conversations as the renderer reads them from the replica: one thread with its internal notes
// (those still waiting in the outbox too), and the operator's recent ones to save a script path to.
import { z } from 'zod';
import { Channel, Conversation, ConversationStatus, Message } from './domain/conversation.ts';
import { MUTATION_SCHEMAS } from './sync.ts';

export const CONVERSATION_THREAD_MAX = 500;

/** A note queued in the outbox: shown in the thread as "waiting to be sent". */
export const QueuedNote = z.object({ noteId: z.uuid(), body: z.string(), queuedAt: z.iso.datetime({ offset: true }) });
export type QueuedNote = z.infer<typeof QueuedNote>;

export const ConversationThread = z.object({
  conversation: Conversation,
  customerName: z.string().nullable(),
  /** Oldest first; the latest CONVERSATION_THREAD_MAX. */
  messages: z.array(Message).max(CONVERSATION_THREAD_MAX),
  /** Agents' names by id, for note authors. */
  authors: z.record(z.string(), z.string()),
  queuedNotes: z.array(QueuedNote),
});
export type ConversationThread = z.infer<typeof ConversationThread>;

export const ConversationGetInput = z.strictObject({ id: z.uuid() });
export const ConversationGetResult = ConversationThread.nullable();

export const RECENT_CONVERSATIONS_MAX = 50;
export const RecentConversationsInput = z.strictObject({ limit: z.number().int().min(1).max(RECENT_CONVERSATIONS_MAX).optional() });
export const RecentConversation = z.object({
  id: z.uuid(),
  channel: Channel,
  status: ConversationStatus,
  subject: z.string().nullable(),
  customerName: z.string().nullable(),
  externalAddress: z.string(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type RecentConversation = z.infer<typeof RecentConversation>;
export const RecentConversations = z.array(RecentConversation).max(RECENT_CONVERSATIONS_MAX);

/** The client makes the note's id (so a resend is the same note). */
export const AddNoteInput = MUTATION_SCHEMAS['conversation.addNote'].omit({ noteId: true });
export type AddNoteInput = z.infer<typeof AddNoteInput>;
export const AddNoteResult = z.object({ queued: z.literal(true), noteId: z.uuid() });
