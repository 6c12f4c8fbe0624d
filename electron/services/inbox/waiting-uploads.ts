// Files attached offline (the worker's side): kept with their bytes until the sync uploads them
// (upload-waiting-files.ts). Only files a queued reply names are uploaded; a file the operator
// attached and then removed, or never sent, is forgotten a day later (its reply may still be in
// the composer meanwhile).
import { z } from 'zod';
import { REPLY_FILE_MAX_BYTES, ReplyFileType } from '../../../contract/composer-ipc.ts';
import type { Db } from '../db/open-replica-file.ts';

export const KeepUploadInput = z.strictObject({
  id: z.uuid(),
  fileName: z.string().min(1).max(255),
  mimeType: ReplyFileType,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= REPLY_FILE_MAX_BYTES, 'between 1 byte and the file limit'),
});
export type KeepUploadInput = z.infer<typeof KeepUploadInput>;

export interface WaitingUpload {
  id: string;
  fileName: string;
  mimeType: ReplyFileType;
  sha256: string;
  bytes: Uint8Array;
}

/** Kept longer than this and named by no queued reply: forgotten. */
export const UNSENT_FILE_KEPT_MS = 24 * 60 * 60 * 1000;

export interface ReplicaWaitingUploads {
  keep(input: KeepUploadInput): void;
  /** The ids of kept files that queued replies name, oldest first; forgets the stale ones. */
  due(): string[];
  /** A kept file with its bytes (null once it is gone). */
  get(id: string): WaitingUpload | null;
  /** The file is on the server (or refused there): its bytes leave this PC. */
  drop(id: string): void;
  count(): number;
}

export function createReplicaWaitingUploads(db: Db, now: () => number = Date.now): ReplicaWaitingUploads {
  const insert = db.prepare(
    'INSERT OR REPLACE INTO waiting_upload (id, file_name, mime_type, size, sha256, bytes, kept_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const named = `SELECT value FROM outbox, json_each(outbox.args, '$.attachmentIds') WHERE outbox.name = 'message.reply'`;
  const due = db.prepare(`SELECT id FROM waiting_upload WHERE id IN (${named}) ORDER BY kept_at, id`).pluck();
  const forget = db.prepare(`DELETE FROM waiting_upload WHERE kept_at < ? AND id NOT IN (${named})`);
  const get = db.prepare('SELECT id, file_name AS fileName, mime_type AS mimeType, sha256, bytes FROM waiting_upload WHERE id = ?');
  const drop = db.prepare('DELETE FROM waiting_upload WHERE id = ?');
  const count = db.prepare('SELECT count(*) FROM waiting_upload').pluck();
  return {
    keep(input) {
      insert.run(input.id, input.fileName, input.mimeType, input.bytes.byteLength, input.sha256, input.bytes, new Date(now()).toISOString());
    },
    due() {
      forget.run(new Date(now() - UNSENT_FILE_KEPT_MS).toISOString());
      return due.all() as string[];
    },
    get(id) {
      const row = get.get(id) as (Omit<WaitingUpload, 'bytes'> & { bytes: Buffer }) | undefined;
      return row ? { ...row, bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) } : null;
    },
    drop(id) {
      drop.run(id);
    },
    count: () => count.get() as number,
  };
}
