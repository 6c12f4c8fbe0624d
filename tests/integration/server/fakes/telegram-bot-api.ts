// A local Telegram Bot API for the channel tests: a node:http server on 127.0.0.1 that speaks the
// documented contract (https://core.telegram.org/bots/api): methods at /bot<token>/<method> with the
// {ok, result} / {ok: false, error_code, description} envelope, files through getFile and
// /file/bot<token>/<file_path>, sendPhoto/sendDocument as multipart/form-data. It records what
// it was sent, serves the files a test gives it, and fails on request.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { json, readBody } from './http-helpers.ts';

export interface SentToTelegram {
  method: string;
  chatId: string;
  text?: string;
  caption?: string;
  file?: { name: string; type: string; size: number; sha256: string };
}

interface StoredFile {
  fileId: string;
  uniqueId: string;
  path: string;
  bytes: Uint8Array;
}

export interface FakeTelegram {
  /** Use as apiBase. */
  url: string;
  token: string;
  sent: SentToTelegram[];
  /** How many times each file was downloaded, by file_id. */
  downloads: Map<string, number>;
  addFile(bytes: Uint8Array, ext: string): { fileId: string; uniqueId: string; size: number };
  /** The next `times` calls of `method` fail with this status and description. */
  failNext(method: string, status: number, description: string, times?: number): void;
  close(): Promise<void>;
}

export async function startFakeTelegram(): Promise<FakeTelegram> {
  const token = `${100000 + Math.floor(Math.random() * 900000)}:${randomBytes(16).toString('base64url')}`;
  const files = new Map<string, StoredFile>();
  const failures = new Map<string, Array<{ status: number; description: string }>>();
  const sent: SentToTelegram[] = [];
  const downloads = new Map<string, number>();
  let nextMessageId = 1000;

  const botMessage = (chatId: string, extra: Record<string, unknown>) => ({
    message_id: nextMessageId++,
    from: { id: Number(token.split(':')[0]), is_bot: true, first_name: 'Pult', username: 'pult_test_bot' },
    chat: { id: Number(chatId), type: 'private' },
    date: Math.floor(Date.now() / 1000),
    ...extra,
  });

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
      if (fileMatch) {
        const file = [...files.values()].find((f) => f.path === fileMatch[2]);
        if (fileMatch[1] !== token || !file) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
        downloads.set(file.fileId, (downloads.get(file.fileId) ?? 0) + 1);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.byteLength });
        res.end(file.bytes);
        return;
      }
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
      if (!m) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      if (m[1] !== token) return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      const method = m[2]!;
      const body = await readBody(req);
      const queued = failures.get(method);
      if (queued?.length) {
        const f = queued.shift()!;
        return json(res, f.status, { ok: false, error_code: f.status, description: f.description, ...(f.status === 429 ? { parameters: { retry_after: 1 } } : {}) });
      }
      const type = req.headers['content-type'] ?? '';
      let params: Record<string, unknown>;
      let form: FormData | null = null;
      if (type.startsWith('multipart/form-data')) {
        form = await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
        params = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'));
      } else if (type.startsWith('application/json')) {
        params = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      } else {
        params = Object.fromEntries(url.searchParams);
      }
      switch (method) {
        case 'getFile': {
          const f = files.get(String(params.file_id));
          if (!f) return json(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
          return json(res, 200, { ok: true, result: { file_id: f.fileId, file_unique_id: f.uniqueId, file_size: f.bytes.byteLength, file_path: f.path } });
        }
        case 'sendMessage': {
          if (typeof params.chat_id !== 'string' && typeof params.chat_id !== 'number') return json(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat_id is empty' });
          if (typeof params.text !== 'string' || !params.text) return json(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
          sent.push({ method, chatId: String(params.chat_id), text: params.text });
          return json(res, 200, { ok: true, result: botMessage(String(params.chat_id), { text: params.text }) });
        }
        case 'sendPhoto':
        case 'sendDocument': {
          const field = method === 'sendPhoto' ? 'photo' : 'document';
          const file = form?.get(field);
          if (!(file instanceof File)) return json(res, 400, { ok: false, error_code: 400, description: `Bad Request: there is no ${field} in the request` });
          const bytes = new Uint8Array(await file.arrayBuffer());
          const caption = typeof params.caption === 'string' ? params.caption : undefined;
          sent.push({
            method, chatId: String(params.chat_id), ...(caption ? { caption } : {}),
            file: { name: file.name, type: file.type, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') },
          });
          const id = randomBytes(8).toString('hex');
          const media = method === 'sendPhoto'
            ? { photo: [{ file_id: `p-${id}`, file_unique_id: id, width: 1, height: 1, file_size: bytes.byteLength }] }
            : { document: { file_id: `d-${id}`, file_unique_id: id, file_name: file.name, mime_type: file.type, file_size: bytes.byteLength } };
          return json(res, 200, { ok: true, result: botMessage(String(params.chat_id), { ...media, ...(caption ? { caption } : {}) }) });
        }
        default:
          return json(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
      }
    })().catch((e: unknown) => json(res, 500, { ok: false, error_code: 500, description: `fake failed: ${String(e)}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    sent,
    downloads,
    addFile(bytes, ext) {
      const uniqueId = randomBytes(8).toString('base64url');
      const fileId = `AgAC${randomBytes(24).toString('base64url')}`;
      files.set(fileId, { fileId, uniqueId, path: `${ext === 'jpg' ? 'photos' : 'documents'}/file_${files.size}.${ext}`, bytes });
      return { fileId, uniqueId, size: bytes.byteLength };
    },
    failNext(method, status, description, times = 1) {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push({ status, description });
      failures.set(method, list);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Updates as the Bot API sends them to a webhook (shapes from its documentation). */
export const telegramUpdates = {
  user: (id: number, username?: string) => ({ id, is_bot: false, first_name: 'Алёна', last_name: 'Иванова', language_code: 'ru', ...(username ? { username } : {}) }),
  text(updateId: number, messageId: number, from: { id: number; username?: string }, text: string, date: number) {
    return {
      update_id: updateId,
      message: {
        message_id: messageId, from: this.user(from.id, from.username), date,
        chat: { id: from.id, first_name: 'Алёна', last_name: 'Иванова', ...(from.username ? { username: from.username } : {}), type: 'private' },
        text,
      },
    };
  },
  photo(updateId: number, messageId: number, from: { id: number }, file: { fileId: string; uniqueId: string; size: number }, caption: string, date: number) {
    return {
      update_id: updateId,
      message: {
        message_id: messageId, from: this.user(from.id), date, chat: { id: from.id, first_name: 'Алёна', type: 'private' },
        photo: [
          { file_id: `${file.fileId}-small`, file_unique_id: `${file.uniqueId}-s`, width: 90, height: 67, file_size: 1200 },
          { file_id: file.fileId, file_unique_id: file.uniqueId, width: 1280, height: 960, file_size: file.size },
        ],
        caption,
      },
    };
  },
  document(updateId: number, messageId: number, from: { id: number }, doc: { fileId: string; uniqueId: string; size?: number; name: string; mime: string }, date: number) {
    return {
      update_id: updateId,
      message: {
        message_id: messageId, from: this.user(from.id), date, chat: { id: from.id, first_name: 'Алёна', type: 'private' },
        document: { file_name: doc.name, mime_type: doc.mime, file_id: doc.fileId, file_unique_id: doc.uniqueId, ...(doc.size !== undefined ? { file_size: doc.size } : {}) },
      },
    };
  },
};
