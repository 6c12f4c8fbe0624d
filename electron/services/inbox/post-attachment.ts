// Posting one file to the server's /api/channels/attachments under an id this PC made (the server
// keeps it under that id; the same file again is the same attachment). Used by the composer's
// upload (reply-upload.ts) and by the sync's upload of files attached offline
// (upload-waiting-files.ts). Network failures are server_unreachable: the caller may keep the file.
import { MessageAttachment } from '../../../contract/domain/conversation.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../contract/server-api.ts';
import { ServiceError } from '../errors.ts';
import { createServerApi } from '../session/server-api.ts';
import { endpoint } from '../session/server-client.ts';

export const ATTACHMENTS_PATH = '/api/channels/attachments';
export const ATTACHMENT_ID_HEADER = 'x-attachment-id';
export const UPLOAD_TIMEOUT_MS = 120_000;

export interface PostAttachmentOptions {
  session: () => { serverUrl: string; token: string } | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface FileToPost {
  id: string;
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export async function postAttachment(opts: PostAttachmentOptions, file: FileToPost): Promise<MessageAttachment> {
  const s = opts.session();
  if (!s) throw new ServiceError('not_authenticated', 'sign in to attach files');
  const doFetch = opts.fetch ?? globalThis.fetch;
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? UPLOAD_TIMEOUT_MS);
  let res: Response;
  try {
    res = await doFetch(endpoint(s.serverUrl, ATTACHMENTS_PATH), {
      method: 'POST',
      headers: {
        accept: 'application/json',
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        authorization: `Bearer ${s.token}`,
        'content-type': file.mimeType,
        'x-file-name': encodeURIComponent(file.fileName),
        [ATTACHMENT_ID_HEADER]: file.id,
      },
      body: file.bytes,
      signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
      redirect: 'error',
    });
  } catch (e) {
    throw new ServiceError('server_unreachable', `cannot upload the file: ${e instanceof Error ? e.message : String(e)}`);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new ServiceError('server_unreachable', `the answer to the file upload broke off: ${e instanceof Error ? e.message : String(e)}`);
  }
  let json: unknown;
  try {
    json = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    json = null;
  }
  if (res.status === 413) throw new ServiceError('payload_too_large', 'the server refused the file as too large');
  if (res.status < 200 || res.status > 299) throw createServerApi({ session: opts.session }, 'file upload').failure(res.status, json);
  const parsed = MessageAttachment.safeParse(json);
  if (!parsed.success || parsed.data.id !== file.id) throw new ServiceError('incompatible_server', 'unexpected answer to the file upload');
  return parsed.data;
}
