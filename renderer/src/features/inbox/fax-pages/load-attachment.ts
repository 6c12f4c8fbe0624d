// A message's file from the main process (`inbox.attachmentBytes`, contract/attachment-bytes-ipc.ts),
// chunk after chunk until it is whole. A refusal comes back as an AttachmentRefused with its reason.
import type { AttachmentPageType, AttachmentRefusal } from '../../../../../contract/attachment-bytes-ipc.ts';
import { ATTACHMENT_CHUNK_BYTES } from '../../../../../contract/attachment-bytes-ipc.ts';
import type { usePult } from '../../../api/api-context.tsx';

export class AttachmentRefused extends Error {
  readonly reason: AttachmentRefusal;
  constructor(reason: AttachmentRefusal) {
    super(`attachment refused: ${reason}`);
    this.reason = reason;
  }
}

export interface LoadedFile {
  type: AttachmentPageType;
  bytes: Uint8Array<ArrayBuffer>;
}

export async function loadAttachment(api: ReturnType<typeof usePult>, id: string, signal?: AbortSignal): Promise<LoadedFile> {
  let bytes: Uint8Array<ArrayBuffer> | null = null;
  let type: AttachmentPageType | null = null;
  for (let offset = 0; !bytes || offset < bytes.length; offset += ATTACHMENT_CHUNK_BYTES) {
    signal?.throwIfAborted();
    const r = await api.invoke('inbox.attachmentBytes', { id, offset });
    if (!r.ok) throw new AttachmentRefused(r.reason);
    bytes ??= new Uint8Array(r.size);
    type ??= r.type;
    const raw = atob(r.base64);
    for (let i = 0; i < raw.length && offset + i < bytes.length; i++) bytes[offset + i] = raw.charCodeAt(i);
  }
  return { type: type!, bytes };
}
