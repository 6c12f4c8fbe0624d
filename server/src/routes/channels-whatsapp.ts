// WhatsApp Business Cloud API webhook. GET: Meta's subscription handshake (hub.mode=subscribe and
// our verify token → hub.challenge echoed; else 403). POST: X-Hub-Signature-256 is checked over the
// raw body (this route alone gets a raw-body parser) before anything is parsed or stored (missing or
// forged → 401), then JSON (→ 400 when cut off or malformed), the payload schema (→ 400), the inbox.
// Outside /api/: Meta cannot send our x-pult-protocol header.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { secretsEqual } from '../channels/constant-time.ts';
import { createGraphApi } from '../channels/whatsapp/graph-api.ts';
import { receiveWhatsAppWebhook } from '../channels/whatsapp/inbound.ts';
import { WhatsAppWebhook } from '../channels/whatsapp/payload.ts';
import { signatureValid } from '../channels/whatsapp/signature.ts';
import type { AppContext } from '../context.ts';
import { HttpError, parseInput } from '../http/errors.ts';

export const WHATSAPP_WEBHOOK_PATH = '/channels/whatsapp/webhook';
export const WHATSAPP_SIGNATURE_HEADER = 'x-hub-signature-256';

const Handshake = z.object({
  'hub.mode': z.string().max(64).optional(),
  'hub.verify_token': z.string().max(4096).optional(),
  'hub.challenge': z.string().max(256).optional(),
});

export function registerWhatsAppChannelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const settings = ctx.settings.channels;
  const whatsapp = settings.whatsapp;
  if (!whatsapp) {
    const off = async () => {
      throw new HttpError(404, 'not_found', 'the WhatsApp channel is not configured on this server');
    };
    app.get(WHATSAPP_WEBHOOK_PATH, off);
    app.post(WHATSAPP_WEBHOOK_PATH, off);
    return;
  }
  const api = createGraphApi(whatsapp, settings.apiTimeoutMs);

  app.get(WHATSAPP_WEBHOOK_PATH, async (req, reply) => {
    const q = Handshake.safeParse(req.query);
    const ok = q.success && q.data['hub.mode'] === 'subscribe' && q.data['hub.challenge'] !== undefined
      && q.data['hub.verify_token'] !== undefined && secretsEqual(q.data['hub.verify_token'], whatsapp.verifyToken);
    if (!ok) throw new HttpError(403, 'forbidden', 'wrong verify token or not a subscription request');
    return reply.type('text/plain; charset=utf-8').send(q.data['hub.challenge']);
  });

  // Encapsulated: the raw-body JSON parser applies to this route only.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post(WHATSAPP_WEBHOOK_PATH, async (req) => {
      const raw = req.body as Buffer;
      if (!signatureValid(raw, req.headers[WHATSAPP_SIGNATURE_HEADER], whatsapp.appSecret)) {
        req.log.warn({ channel: 'whatsapp', signature: req.headers[WHATSAPP_SIGNATURE_HEADER] ? 'wrong' : 'missing' }, 'webhook refused');
        throw new HttpError(401, 'not_authenticated', 'missing or wrong X-Hub-Signature-256');
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpError(400, 'invalid_input', 'the body is not valid JSON', 'body');
      }
      const payload = parseInput(WhatsAppWebhook, json);
      const r = await receiveWhatsAppWebhook({ db: ctx.db, api, maxBytes: settings.attachmentMaxBytes, now: ctx.now, log: req.log }, payload, raw);
      return { ok: true, ...r };
    });
  });
}
