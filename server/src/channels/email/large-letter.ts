// A letter too large to fetch whole (its size is over what the attachment limit allows, as base64
// grows a file by a third): its headers and MIME structure are fetched instead, its text parts
// downloaded, and each attachment downloaded only if it fits the limit; the others are listed as
// refused too_large with their size, so the operator sees the letter, its words and what was left out.
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import type { IncomingFile } from '../attachment-store.ts';
import { cleanFileName, cleanMimeType } from '../attachment-store.ts';
import { parseLetter, type Letter } from './parse-letter.ts';

const TEXT_MAX = 2 * 1024 * 1024;

/** The letter's source may be fetched whole when it is at most this large. */
export const wholeLetterMaxBytes = (attachmentMaxBytes: number) => Math.ceil(attachmentMaxBytes * 1.4) + 1024 * 1024;

function leaves(node: MessageStructureObject): MessageStructureObject[] {
  return node.childNodes?.length ? node.childNodes.flatMap(leaves) : [node];
}

async function download(client: ImapFlow, uid: number, part: string, maxBytes: number): Promise<Buffer | 'too_large' | 'failed'> {
  const d = await client.download(String(uid), part, { uid: true });
  if (!d.content) return 'failed';
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of d.content as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      d.content.destroy();
      return 'too_large';
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

export async function fetchLargeLetter(client: ImapFlow, uid: number, opts: { maxBytes: number; receivedAt: Date }): Promise<{ letter: Letter; source: Buffer }> {
  const msg = await client.fetchOne(String(uid), { uid: true, headers: true, bodyStructure: true }, { uid: true });
  if (!msg || !msg.headers || !msg.bodyStructure) throw new Error(`letter UID ${uid} vanished while it was being read`);
  // The headers alone parse into the letter's sender, subject and threading ids.
  const headers = Buffer.concat([msg.headers, Buffer.from('\r\n')]);
  const head = await parseLetter(headers, opts);
  let text = '';
  let html = '';
  const files: IncomingFile[] = [];
  for (const [i, part] of leaves(msg.bodyStructure).entries()) {
    const partId = part.part ?? '1';
    const isAttachment = part.disposition === 'attachment' || !!part.dispositionParameters?.filename || !!part.parameters?.name;
    if (!isAttachment && (part.type === 'text/plain' || part.type === 'text/html') && (part.size ?? 0) <= TEXT_MAX) {
      const got = await download(client, uid, partId, TEXT_MAX);
      if (Buffer.isBuffer(got)) {
        if (part.type === 'text/html') html += got.toString('utf8');
        else text += got.toString('utf8');
      }
      continue;
    }
    const fileName = cleanFileName(part.dispositionParameters?.filename ?? part.parameters?.name, `attachment-${i + 1}`);
    const mimeType = cleanMimeType(part.type);
    // The encoded size: base64 carries 3 bytes in 4 characters (line breaks aside).
    const size = part.encoding?.toLowerCase() === 'base64' ? Math.floor(((part.size ?? 0) * 3) / 4 * 0.974) : (part.size ?? 0);
    if (size > opts.maxBytes) {
      files.push({ fileName, mimeType, size, refused: 'too_large' });
      continue;
    }
    const got = await download(client, uid, partId, opts.maxBytes);
    files.push(Buffer.isBuffer(got) ? { fileName, mimeType, bytes: got } : { fileName, mimeType, size, refused: got === 'too_large' ? 'too_large' : 'download_failed' });
  }
  // eslint-disable-next-line no-control-regex
  const body = (html.trim() ? html : text).replace(/\u0000/g, '');
  return { letter: { ...head, body, files, unreadable: false }, source: headers };
}
