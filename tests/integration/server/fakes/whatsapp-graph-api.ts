// A local WhatsApp Business Cloud API (Graph API) for the channel tests: a node:http server on
// 127.0.0.1 with the documented contract: GET /{media-id} → {url, mime_type, sha256, file_size, id}
// and the file at that url, both behind the bearer token; POST /{phone-number-id}/media (multipart)
// → {id}; POST /{phone-number-id}/messages → {messaging_product, contacts, messages: [{id: wamid}]};
// errors as {error: {message, type, code, error_data, fbtrace_id}}. It records what it was sent,
// serves the media a test gives it, and fails on request. Also builds signed webhook payloads.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { json, readBody } from './http-helpers.ts';

export interface GraphFailure {
  status: number;
  code: number;
  message: string;
  details?: string;
}

export interface FakeWhatsApp {
  /** Use as graphBase. */
  url: string;
  accessToken: string;
  phoneNumberId: string;
  /** Bodies POSTed to /{phone-number-id}/messages. */
  sent: Array<Record<string, unknown>>;
  /** Files POSTed to /{phone-number-id}/media, by the id given back. */
  uploads: Map<string, { name: string; type: string; size: number; sha256: string }>;
  mediaDownloads: number;
  addMedia(bytes: Uint8Array, mimeType: string): string;
  failNext(path: 'messages' | 'media', failure: GraphFailure, times?: number): void;
  close(): Promise<void>;
}

const graphError = (f: GraphFailure) => ({
  error: {
    message: f.message, type: 'OAuthException', code: f.code,
    ...(f.details ? { error_data: { messaging_product: 'whatsapp', details: f.details } } : {}),
    fbtrace_id: randomBytes(8).toString('base64url'),
  },
});

export const wamid = () => `wamid.HBgL${randomBytes(24).toString('base64url')}`;

export async function startFakeWhatsApp(): Promise<FakeWhatsApp> {
  const accessToken = `EAAG${randomBytes(32).toString('base64url')}`;
  const phoneNumberId = '106540352242922';
  const media = new Map<string, { bytes: Uint8Array; mimeType: string }>();
  const failures = new Map<string, GraphFailure[]>();
  const sent: Array<Record<string, unknown>> = [];
  const uploads = new Map<string, { name: string; type: string; size: number; sha256: string }>();
  let base = '';
  const fake: FakeWhatsApp = {
    url: '',
    accessToken,
    phoneNumberId,
    sent,
    uploads,
    mediaDownloads: 0,
    addMedia(bytes, mimeType) {
      const id = String(1_000_000_000_000 + media.size);
      media.set(id, { bytes, mimeType });
      return id;
    },
    failNext(path, failure, times = 1) {
      const list = failures.get(path) ?? [];
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(path, list);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (req.headers.authorization !== `Bearer ${accessToken}`) {
        return json(res, 401, graphError({ status: 401, code: 190, message: 'Invalid OAuth access token - Cannot parse access token' }));
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = await readBody(req);
      const download = /^\/lookaside\/(\d+)$/.exec(url.pathname);
      if (req.method === 'GET' && download) {
        const m = media.get(download[1]!);
        if (!m) return json(res, 404, graphError({ status: 404, code: 100, message: 'Unsupported get request' }));
        fake.mediaDownloads++;
        res.writeHead(200, { 'content-type': m.mimeType, 'content-length': m.bytes.byteLength });
        res.end(m.bytes);
        return;
      }
      const mediaInfo = /^\/(\d+)$/.exec(url.pathname);
      if (req.method === 'GET' && mediaInfo) {
        const m = media.get(mediaInfo[1]!);
        if (!m) return json(res, 400, graphError({ status: 400, code: 100, message: 'Invalid parameter' }));
        return json(res, 200, {
          messaging_product: 'whatsapp', url: `${base}/lookaside/${mediaInfo[1]}`, mime_type: m.mimeType,
          sha256: createHash('sha256').update(m.bytes).digest('hex'), file_size: m.bytes.byteLength, id: mediaInfo[1],
        });
      }
      const post = new RegExp(`^/${phoneNumberId}/(messages|media)$`).exec(url.pathname);
      if (req.method === 'POST' && post) {
        const queued = failures.get(post[1]!);
        if (queued?.length) {
          const f = queued.shift()!;
          return json(res, f.status, graphError(f));
        }
        if (post[1] === 'media') {
          const form = await new Response(new Uint8Array(body), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
          const file = form.get('file');
          if (form.get('messaging_product') !== 'whatsapp' || !(file instanceof File)) {
            return json(res, 400, graphError({ status: 400, code: 100, message: 'Invalid parameter' }));
          }
          const bytes = new Uint8Array(await file.arrayBuffer());
          const id = String(2_000_000_000_000 + uploads.size);
          uploads.set(id, { name: file.name, type: String(form.get('type')), size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
          return json(res, 200, { id });
        }
        const msg = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        if (msg.messaging_product !== 'whatsapp' || typeof msg.to !== 'string' || typeof msg.type !== 'string') {
          return json(res, 400, graphError({ status: 400, code: 100, message: 'Invalid parameter' }));
        }
        sent.push(msg);
        const id = wamid();
        return json(res, 200, {
          messaging_product: 'whatsapp', contacts: [{ input: msg.to, wa_id: msg.to }],
          messages: [{ id, ...(msg.type === 'template' ? { message_status: 'accepted' } : {}) }],
        });
      }
      return json(res, 400, graphError({ status: 400, code: 100, message: 'Unsupported request' }));
    })().catch((e: unknown) => json(res, 500, graphError({ status: 500, code: 1, message: `fake failed: ${String(e)}` })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  fake.url = base;
  return fake;
}

/** Webhook payloads as the Cloud API sends them (shapes from its documentation). */
export function whatsappPayloads(phoneNumberId: string) {
  const envelope = (value: Record<string, unknown>) => ({
    object: 'whatsapp_business_account',
    entry: [{
      id: '102290129340398',
      changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '74951234567', phone_number_id: phoneNumberId }, ...value } }],
    }],
  });
  const contact = (waId: string) => ({ contacts: [{ profile: { name: 'Иван Петров' }, wa_id: waId }] });
  const ts = (d: Date) => String(Math.floor(d.getTime() / 1000));
  return {
    text: (waId: string, id: string, body: string, at: Date) =>
      envelope({ ...contact(waId), messages: [{ from: waId, id, timestamp: ts(at), type: 'text', text: { body } }] }),
    image: (waId: string, id: string, mediaId: string, caption: string, at: Date) =>
      envelope({ ...contact(waId), messages: [{ from: waId, id, timestamp: ts(at), type: 'image', image: { caption, mime_type: 'image/jpeg', sha256: 'x', id: mediaId } }] }),
    document: (waId: string, id: string, mediaId: string, filename: string, at: Date) =>
      envelope({ ...contact(waId), messages: [{ from: waId, id, timestamp: ts(at), type: 'document', document: { filename, mime_type: 'application/pdf', sha256: 'x', id: mediaId } }] }),
    sticker: (waId: string, id: string, at: Date) =>
      envelope({ ...contact(waId), messages: [{ from: waId, id, timestamp: ts(at), type: 'sticker', sticker: { mime_type: 'image/webp', sha256: 'x', id: '999', animated: false } }] }),
    status: (id: string, status: string, recipient: string, at: Date, error?: { code: number; title: string; details: string }) =>
      envelope({
        statuses: [{
          id, status, timestamp: ts(at), recipient_id: recipient,
          ...(status === 'sent' || status === 'delivered' ? { conversation: { id: 'c1', origin: { type: 'service' } }, pricing: { billable: true, pricing_model: 'PMP', category: 'service' } } : {}),
          ...(error ? { errors: [{ code: error.code, title: error.title, message: error.title, error_data: { details: error.details } }] } : {}),
        }],
      }),
  };
}

export const signWith = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
