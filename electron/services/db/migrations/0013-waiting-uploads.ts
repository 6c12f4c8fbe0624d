// Files attached to a reply while the server could not be reached: their bytes wait here, in the
// encrypted replica, under the attachment id the queued reply already names, until the sync uploads
// them just before it pushes the reply (inbox/waiting-uploads.ts). Local, like reply_file: never
// synced, left alone by the sync reset.
import type { Db } from '../open-replica-file.ts';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE waiting_upload (
      id TEXT PRIMARY KEY, file_name TEXT NOT NULL, mime_type TEXT NOT NULL,
      size INTEGER NOT NULL, sha256 TEXT NOT NULL, bytes BLOB NOT NULL, kept_at TEXT NOT NULL
    ) STRICT;
  `);
}
