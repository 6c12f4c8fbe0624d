// Pictures of knowledge-base articles kept for offline reading. Not synced rows (no version): a
// cache filled from the server by name and kept across a replica reset, since names do not change.
import type { Db } from '../open-replica-file.ts';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE kb_image (
      name TEXT PRIMARY KEY, mime TEXT NOT NULL, bytes BLOB NOT NULL, fetched_at TEXT NOT NULL
    ) STRICT;
  `);
}
