// Replies still in the outbox (the worker's side), for the thread to show at once as queued: the
// outbox row is the optimistic reply, so a refusal (the row leaves the outbox) takes it away and an
// acceptance hands over to the message the feed brings. message.reply carries only the files' ids;
// their names and sizes are kept beside it in reply_file, local to this PC.
import { z } from 'zod';
import type { ConversationRef, QueuedReply } from '../../../contract/composer-ipc.ts';
import { MessageAttachment, type MessageTemplate } from '../../../contract/domain/conversation.ts';
import type { Db } from '../db/open-replica-file.ts';

export const NoteReplyFilesInput = z.strictObject({ messageId: z.uuid(), files: z.array(MessageAttachment).max(10) });
export type NoteReplyFilesInput = z.infer<typeof NoteReplyFilesInput>;

export interface ReplicaQueuedReplies {
  list(input: z.input<typeof ConversationRef>): QueuedReply[];
  /** Keeps the files' names of a reply about to be queued; forgets those of replies gone from the outbox. */
  noteFiles(input: NoteReplyFilesInput): void;
}

interface Row {
  messageId: string;
  body: string;
  template: string | null;
  queuedAt: string;
}

export function createReplicaQueuedReplies(db: Db): ReplicaQueuedReplies {
  const queued = db.prepare(
    `SELECT args ->> '$.messageId' AS messageId, args ->> '$.body' AS body, args -> '$.template' AS template, created_at AS queuedAt
       FROM outbox WHERE name = 'message.reply' AND args ->> '$.conversationId' = ? ORDER BY seq`,
  );
  const inReplica = db.prepare('SELECT 1 FROM message WHERE id = ?').pluck();
  const filesOf = db.prepare('SELECT data FROM reply_file WHERE message_id = ? ORDER BY position').pluck();
  const insertFile = db.prepare('INSERT OR REPLACE INTO reply_file (message_id, position, data) VALUES (?, ?, ?)');
  const forgetSettled = db.prepare(
    `DELETE FROM reply_file WHERE message_id NOT IN (SELECT args ->> '$.messageId' FROM outbox WHERE name = 'message.reply')`,
  );
  const noteFiles = db.transaction((input: NoteReplyFilesInput) => {
    forgetSettled.run();
    input.files.forEach((f, i) => insertFile.run(input.messageId, i, JSON.stringify(f)));
  });
  return {
    list: ({ conversationId }) =>
      (queued.all(conversationId) as Row[])
        // Pushed and pulled back already, the message itself is in the thread.
        .filter((r) => !inReplica.get(r.messageId))
        .map((r) => ({
          messageId: r.messageId,
          body: r.body,
          template: r.template ? (JSON.parse(r.template) as MessageTemplate) : null,
          attachments: (filesOf.all(r.messageId) as string[]).map((d) => JSON.parse(d) as MessageAttachment),
          queuedAt: r.queuedAt,
        })),
    noteFiles: (input) => noteFiles(input),
  };
}
