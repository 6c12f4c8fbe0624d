// The sync's step before each push: files attached while offline (waiting-uploads.ts) that queued
// replies name go to the server under their ids, so the reply that follows finds them. A network
// failure stops the run (the sync retries with backoff, the files stay); a file the server refuses
// for good (type, size, a taken id, no right to upload) leaves this PC, and the reply naming it is
// then refused by the server with a reason the operator reads beside the reply, whose text goes back
// into the draft.
import type { ReplicaCalls } from '../db/replica-client.ts';
import { ServiceError } from '../errors.ts';
import { silentLog, type Log } from '../log.ts';
import { SyncError } from '../sync/sync-error.ts';
import { postAttachment } from './post-attachment.ts';

const REFUSED_FOR_GOOD = new Set(['invalid_input', 'payload_too_large', 'conflict', 'forbidden', 'not_found']);

export interface UploadWaitingOptions {
  db: Pick<ReplicaCalls, 'dueUploads' | 'waitingUpload' | 'dropUpload'>;
  session: () => { serverUrl: string; token: string } | null;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  log?: Log;
}

/** Uploads every due file; returns how many went to the server. */
export async function uploadWaitingFiles(opts: UploadWaitingOptions): Promise<number> {
  const log = opts.log ?? silentLog;
  let sent = 0;
  for (const id of await opts.db.dueUploads()) {
    opts.signal?.throwIfAborted();
    const file = await opts.db.waitingUpload(id);
    if (!file) continue;
    try {
      await postAttachment({ session: opts.session, ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.signal ? { signal: opts.signal } : {}) }, file);
      sent++;
    } catch (e) {
      if (!(e instanceof ServiceError) || !REFUSED_FOR_GOOD.has(e.code)) {
        const err = e instanceof ServiceError ? e : null;
        throw new SyncError(err?.code ?? 'server_unreachable', `a file attached offline could not be uploaded yet: ${e instanceof Error ? e.message : String(e)}`);
      }
      log.warn({ code: e.code, id }, 'a file attached offline was refused by the server; its reply will be refused too');
    }
    await opts.db.dropUpload(id);
  }
  return sent;
}
