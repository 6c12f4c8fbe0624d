// The reply composer: replies queued through the outbox (offline too), canned responses and drafts
// from the replica, and files uploaded to the server through this process (kept in the replica
// while offline, and uploaded by the sync before the reply).
import type { Services } from '../services/compose.ts';
import { createReplyService } from '../services/inbox/reply.ts';
import { createReplyUploads } from '../services/inbox/reply-upload.ts';
import type { SyncedReplica } from '../services/sync/sync-service.ts';
import type { Handlers } from './handlers.ts';

type ComposerMethods = Extract<keyof Handlers, `composer.${string}`>;

export function composerHandlers(s: Services, synced: () => SyncedReplica): Pick<Handlers, ComposerMethods> {
  const replies = createReplyService({ synced });
  const uploads = createReplyUploads({
    session: () => s.session.current(),
    keep: (file) => synced().db.keepUpload(file),
    offline: () => s.connection.status().state === 'offline',
  });
  // Any composer call watches the current replica, so refusals of replies queued before a restart
  // also come back into their drafts once the composer is used.
  const replica = () => {
    const r = synced();
    replies.watch(r);
    return r.db;
  };
  return {
    'composer.send': (input) => replies.send(input),
    'composer.queued': async (input) => ({ replies: await replica().queuedReplies(input) }),
    'composer.cannedResponses': async () => ({ responses: await replica().cannedResponses() }),
    'composer.getDraft': (input) => replica().replyDraft(input),
    'composer.saveDraft': async (input) => {
      await replica().saveReplyDraft(input);
      return { ok: true as const };
    },
    'composer.uploadStart': (input) => uploads.start(input),
    'composer.uploadChunk': (input) => uploads.chunk(input),
    'composer.uploadFinish': ({ uploadId }) => uploads.finish(uploadId),
    'composer.uploadCancel': ({ uploadId }) => uploads.cancel(uploadId),
  };
}
