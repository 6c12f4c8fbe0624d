// The replica's picture cache: read one, store one, and which pictures the articles refer to that
// are not stored yet (what to fetch while online so articles show them offline).
import { z } from 'zod';
import { KB_IMAGE_MAX_BYTES, kbImageRefs, KbImageName } from '../../../contract/kb-images.ts';
import type { Db } from '../db/open-replica-file.ts';

export const PutImageInput = z.strictObject({
  name: KbImageName,
  mime: z.enum(['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml']),
  /** base64 of the bytes (the worker boundary carries strings). */
  base64: z.string().max(Math.ceil(KB_IMAGE_MAX_BYTES / 3) * 4),
});
export type PutImageInput = z.infer<typeof PutImageInput>;

export interface StoredImage {
  mime: string;
  base64: string;
}

export interface ReplicaImages {
  get(name: string): StoredImage | null;
  put(input: PutImageInput): void;
  missing(limit: number): string[];
}

export function createReplicaImages(db: Db, now: () => Date = () => new Date()): ReplicaImages {
  const get = db.prepare('SELECT mime, bytes FROM kb_image WHERE name = ?');
  const put = db.prepare('INSERT INTO kb_image (name, mime, bytes, fetched_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET mime = excluded.mime, bytes = excluded.bytes, fetched_at = excluded.fetched_at');
  const has = db.prepare('SELECT 1 FROM kb_image WHERE name = ?').pluck();
  // Only bodies that mention the scheme are read; the rest of the KB is skipped by the LIKE.
  const bodies = db.prepare("SELECT data ->> '$.body' FROM article WHERE data LIKE '%kb-image:%'").pluck();
  return {
    get(name) {
      const row = get.get(name) as { mime: string; bytes: Buffer } | undefined;
      return row ? { mime: row.mime, base64: Buffer.from(row.bytes).toString('base64') } : null;
    },
    put(input) {
      const bytes = Buffer.from(input.base64, 'base64');
      if (bytes.length > KB_IMAGE_MAX_BYTES) throw new RangeError(`picture ${input.name} is over ${KB_IMAGE_MAX_BYTES} bytes`);
      put.run(input.name, input.mime, bytes, now().toISOString());
    },
    missing(limit) {
      const out = new Set<string>();
      for (const body of bodies.iterate() as Iterable<string>) {
        for (const name of kbImageRefs(body)) if (!has.get(name)) out.add(name);
        if (out.size >= limit) break;
      }
      return [...out].slice(0, limit);
    },
  };
}
