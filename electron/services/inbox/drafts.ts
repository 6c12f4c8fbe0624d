// Reply drafts in the replica (the worker's side): the text the operator has not sent yet, per
// conversation, on this PC only. Saving an empty text removes the draft. A reply the server
// refused comes back into its conversation's draft (restoreRejected), so nothing typed is lost.
import { z } from 'zod';
import { withRestoredText, type ConversationRef, type ReplyDraft, type SaveDraftInput } from '../../../contract/composer-ipc.ts';
import type { Db } from '../db/open-replica-file.ts';

export const RestoreDraftInput = z.strictObject({ conversationId: z.uuid(), body: z.string().max(4096) });
export type RestoreDraftInput = z.infer<typeof RestoreDraftInput>;

export interface ReplicaDrafts {
  get(input: z.input<typeof ConversationRef>): ReplyDraft | null;
  save(input: z.input<typeof SaveDraftInput>): void;
  /** Puts a refused reply's text back into the draft (after what is there, unless it is there already). */
  restoreRejected(input: RestoreDraftInput): ReplyDraft;
}

export function createReplicaDrafts(db: Db, now: () => Date = () => new Date()): ReplicaDrafts {
  const read = db.prepare('SELECT body, updated_at AS updatedAt FROM reply_draft WHERE conversation_id = ?');
  const write = db.prepare(
    `INSERT INTO reply_draft (conversation_id, body, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (conversation_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM reply_draft WHERE conversation_id = ?');
  const save = (conversationId: string, body: string) => {
    if (body.trim() === '') remove.run(conversationId);
    else write.run(conversationId, body, now().toISOString());
  };
  const restore = db.transaction((input: RestoreDraftInput): ReplyDraft => {
    const current = (read.get(input.conversationId) as ReplyDraft | undefined)?.body ?? '';
    save(input.conversationId, withRestoredText(current, input.body));
    return (read.get(input.conversationId) as ReplyDraft | undefined) ?? { body: '', updatedAt: now().toISOString() };
  });
  return {
    get: ({ conversationId }) => (read.get(conversationId) as ReplyDraft | undefined) ?? null,
    save: ({ conversationId, body }) => save(conversationId, body),
    restoreRejected: (input) => restore(input),
  };
}
