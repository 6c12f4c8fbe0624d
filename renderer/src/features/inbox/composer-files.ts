// Files the operator attaches to a reply: checked before anything is uploaded (pictures and PDF,
// not empty, under the server's 50 MB, at most ten), then sent to the main process in chunks,
// which uploads them to the server (the renderer never talks to the server itself).
import {
  REPLY_FILE_MAX_BYTES,
  REPLY_FILE_TYPES,
  REPLY_FILES_MAX,
  UPLOAD_CHUNK_BYTES,
  type ReplyFileType,
  type UploadedFile,
} from '../../../../contract/composer-ipc.ts';
import type { PultApi } from '../../../../contract/ipc.ts';

export type FileProblem = { key: 'type' } | { key: 'empty' } | { key: 'tooLarge'; maxMb: number } | { key: 'tooMany'; max: number };

const BY_EXTENSION: Record<string, ReplyFileType> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', pdf: 'application/pdf',
};

/** The file's type as we accept it: the browser's, or by extension when the browser gives none. */
export function replyFileType(file: Pick<File, 'name' | 'type'>): ReplyFileType | null {
  if ((REPLY_FILE_TYPES as readonly string[]).includes(file.type)) return file.type as ReplyFileType;
  if (file.type) return null;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return BY_EXTENSION[ext] ?? null;
}

export function checkReplyFile(file: Pick<File, 'name' | 'type' | 'size'>, alreadyAttached: number): FileProblem | null {
  if (alreadyAttached >= REPLY_FILES_MAX) return { key: 'tooMany', max: REPLY_FILES_MAX };
  if (!replyFileType(file)) return { key: 'type' };
  if (file.size === 0) return { key: 'empty' };
  if (file.size > REPLY_FILE_MAX_BYTES) return { key: 'tooLarge', maxMb: REPLY_FILE_MAX_BYTES / (1024 * 1024) };
  return null;
}

function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Uploads through the main process; `signal` cancels between chunks. */
export async function uploadReplyFile(
  api: Pick<PultApi, 'invoke'>,
  file: File,
  opts: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<UploadedFile> {
  const mimeType = replyFileType(file);
  if (!mimeType) throw new Error('unsupported file type');
  const { uploadId } = await api.invoke('composer.uploadStart', { fileName: file.name, mimeType, size: file.size });
  try {
    for (let index = 0, at = 0; at < file.size; index++, at += UPLOAD_CHUNK_BYTES) {
      opts.signal?.throwIfAborted();
      const chunk = new Uint8Array(await file.slice(at, at + UPLOAD_CHUNK_BYTES).arrayBuffer());
      await api.invoke('composer.uploadChunk', { uploadId, index, data: base64(chunk) });
      opts.onProgress?.(Math.min(1, (at + chunk.length) / file.size));
    }
    opts.signal?.throwIfAborted();
    return await api.invoke('composer.uploadFinish', { uploadId });
  } catch (e) {
    void api.invoke('composer.uploadCancel', { uploadId }).catch(() => undefined);
    throw e;
  }
}

/** A file in the composer: on its way to the server, there (with its attachment; or kept here while offline), or failed. */
export interface DraftFile {
  key: string;
  file: File;
  /** blob: URL of a picture for its thumbnail; revoked when the file leaves the composer. */
  previewUrl: string | null;
  state: 'uploading' | 'ready' | 'failed';
  progress: number;
  /** `waiting`: kept on this PC while offline; it goes to the server with the reply. */
  attachment?: UploadedFile;
  error?: string;
}
