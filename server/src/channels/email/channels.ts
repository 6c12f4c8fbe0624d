// The e-mail and fax channels as the server runs them: their reply adapters for the dispatcher, and
// a reader per mailbox started with the server and stopped with it (not when dispatchIntervalMs is
// 0: tests start readers themselves).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { ChannelAdapter } from '../adapter.ts';
import type { ChannelSettings } from '../settings.ts';
import { faxRoute, gatewayAddressOf } from '../fax/route.ts';
import { startImapReader, type ImapReader } from './imap-reader.ts';
import { emailRoute } from './receive-letter.ts';
import { createSmtpTransport, smtpAdapter } from './smtp-adapter.ts';

const isPdf = (f: { mimeType: string; fileName: string }) => f.mimeType === 'application/pdf' || /\.pdf$/i.test(f.fileName);

export function mailAdapters(settings: ChannelSettings, db: Kysely<DB>): { email?: ChannelAdapter; fax?: ChannelAdapter } {
  const out: { email?: ChannelAdapter; fax?: ChannelAdapter } = {};
  if (settings.email) {
    out.email = smtpAdapter(db, createSmtpTransport(settings.email.smtp, settings.apiTimeoutMs), { channel: 'email', from: settings.email.from, recipient: (to) => to });
  }
  if (settings.fax) {
    const fax = settings.fax;
    out.fax = smtpAdapter(db, createSmtpTransport(fax.smtp, settings.apiTimeoutMs), {
      channel: 'fax',
      from: fax.from,
      recipient: (to) => gatewayAddressOf(fax.gatewayAddress, to),
      check: (reply) =>
        !/^\+\d{6,15}$/.test(reply.to) ? 'the fax number of this conversation is not known'
        : !reply.files.some(isPdf) ? 'a fax is sent as a PDF: attach one'
        : null,
    });
  }
  return out;
}

export function startMailReaders(app: FastifyInstance, ctx: AppContext): void {
  const settings = ctx.settings.channels;
  if (settings.dispatchIntervalMs <= 0) return;
  const readers: ImapReader[] = [];
  const common = { db: ctx.db, attachmentMaxBytes: settings.attachmentMaxBytes, now: ctx.now, log: app.log, timeoutMs: settings.apiTimeoutMs };
  app.addHook('onReady', async () => {
    if (settings.email) readers.push(startImapReader({ ...common, imap: settings.email.imap, route: emailRoute }));
    if (settings.fax) readers.push(startImapReader({ ...common, imap: settings.fax.imap, route: faxRoute(settings.fax.numberRule) }));
  });
  app.addHook('onClose', async () => {
    await Promise.all(readers.map((r) => r.stop()));
  });
}
