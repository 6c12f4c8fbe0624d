// Files of messages: bytes stored once per content (attachment_blobs, by sha256), one attachments
// row per file as a message carries it. A file that was refused (too large, not downloadable) gets
// a row without bytes, so the thread still says a file was there and why it is missing.
import { createHash, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A file that came with a message or is about to go out with one. */
export type IncomingFile =
  | { fileName: string; mimeType: string; bytes: Uint8Array }
  | { fileName: string; mimeType: string; size: number; refused: 'too_large' | 'download_failed' };

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Safe, bounded file name: no path, no control characters; a default when there is none. */
export function cleanFileName(name: string | null | undefined, fallback: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || fallback).slice(0, 255);
}

export function cleanMimeType(mime: string | null | undefined): string {
  return mime && /^[\w.+-]+\/[\w.+-]+$/.test(mime) && mime.length <= 255 ? mime.toLowerCase() : 'application/octet-stream';
}

/** Stores the file (its bytes once per content) and returns its attachment id (`link.id` when given). */
export async function storeAttachment(
  trx: Transaction<DB>,
  file: IncomingFile,
  link: { messageId: string | null; position: number; now: Date; id?: string },
): Promise<string> {
  const id = link.id ?? randomUUID();
  let sha256: string | null = null;
  let size: number;
  if ('bytes' in file) {
    sha256 = sha256Hex(file.bytes);
    size = file.bytes.byteLength;
    await trx.insertInto('attachment_blobs').values({ sha256, size, bytes: file.bytes }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
  } else {
    size = file.size;
  }
  await trx
    .insertInto('attachments')
    .values({
      id, message_id: link.messageId, position: link.position, sha256, file_name: file.fileName, mime_type: file.mimeType, size,
      refused: 'refused' in file ? file.refused : null, created_at: link.now,
    })
    .execute();
  return id;
}
