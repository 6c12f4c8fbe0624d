// Sending a reply from the composer (the main process's side): the reply gets its id here, the
// names of its files are kept beside it, and message.reply is queued in the outbox — which is the
// optimistic reply the thread shows at once as queued (queued-replies.ts), offline too. The draft is
// cleared once the reply is queued. When the server refuses a reply, its text goes back into the
// conversation's draft (nothing typed is lost) while the outbox row, and so the queued bubble, goes.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SendReplyInput } from '../../../contract/composer-ipc.ts';
import type { SyncRejected } from '../../../contract/sync-status.ts';
import { silentLog, type Log } from '../log.ts';
import type { SyncedReplica } from '../sync/sync-service.ts';

const RejectedReply = z.object({ conversationId: z.uuid(), body: z.string().max(4096) });

export interface ReplyService {
  send(input: z.output<typeof SendReplyInput>): Promise<{ queued: true; messageId: string }>;
  /** Makes sure refusals of this replica's replies come back into drafts (idempotent). */
  watch(r: SyncedReplica): void;
}

export function createReplyService(opts: { synced: () => SyncedReplica; log?: Log }): ReplyService {
  const log = opts.log ?? silentLog;
  // One listener per engine (a new sign-in makes a new one); engines are never reused.
  const watched = new WeakSet<object>();
  const watch = (r: SyncedReplica) => {
    if (watched.has(r.engine)) return;
    watched.add(r.engine);
    r.engine.onRejected((x: SyncRejected) => {
      if (x.name !== 'message.reply') return;
      const args = RejectedReply.safeParse(x.args);
      if (!args.success) return;
      void r.db.restoreReplyDraft(args.data).catch((e: unknown) => log.warn({ err: e }, 'a refused reply could not go back into its draft'));
    });
  };
  return {
    watch,
    async send(input) {
      const r = opts.synced();
      watch(r);
      const messageId = randomUUID();
      if (input.attachments.length) await r.db.noteReplyFiles({ messageId, files: input.attachments });
      await r.engine.enqueue('message.reply', {
        conversationId: input.conversationId,
        messageId,
        body: input.body,
        ...(input.attachments.length ? { attachmentIds: input.attachments.map((a) => a.id) } : {}),
        ...(input.template ? { template: input.template } : {}),
      });
      await r.db.saveReplyDraft({ conversationId: input.conversationId, body: '' });
      return { queued: true as const, messageId };
    },
  };
}
