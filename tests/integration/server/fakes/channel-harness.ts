// The server on a test database with the chat channels pointed at the local fakes, a clock the test
// moves, the reply dispatcher driven by hand (no timer), and helpers to push a reply and read back
// what was stored.
import { randomUUID } from 'node:crypto';
import { SYNC_API, SYNC_PROTOCOL_VERSION, PushResponse, type Role } from '../../../../contract/index.ts';
import { createDispatcher, type Dispatcher } from '../../../../server/src/channels/dispatcher.ts';
import { DEFAULT_CHANNEL_SETTINGS, type ChannelSettings } from '../../../../server/src/channels/settings.ts';
import { storeAttachment } from '../../../../server/src/channels/attachment-store.ts';
import type { LogOptions } from '../../../../server/src/http/logger.ts';
import { startHarness, type Harness } from '../harness.ts';

export interface ChannelHarness extends Harness {
  settings: ChannelSettings;
  clock: { now: Date };
  dispatcher: Dispatcher;
  /** Pushes one mutation as the role; returns its result. */
  push(role: Role, name: string, args: unknown): Promise<PushResponse['results'][number]>;
  counts(): Promise<{ messages: number; conversations: number; attachments: number; blobs: number; events: number }>;
  message(id: string): Promise<Record<string, unknown>>;
  /** An uploaded file not yet in any message (what a reply's attachmentIds refer to). */
  upload(bytes: Uint8Array, fileName: string, mimeType: string): Promise<string>;
}

export async function startChannelHarness(channels: Partial<ChannelSettings>, start: Date, log?: LogOptions): Promise<ChannelHarness> {
  const settings: ChannelSettings = {
    ...DEFAULT_CHANNEL_SETTINGS,
    dispatchIntervalMs: 0,
    dispatchBackoffMs: 0,
    dispatchMaxAttempts: 3,
    apiTimeoutMs: 15_000,
    attachmentMaxBytes: 64 * 1024,
    ...channels,
  };
  const clock = { now: start };
  // Sessions last long enough for tests that move the clock a day on (WhatsApp's window).
  const h = await startHarness({ settings: { channels: settings, sessionTtlMs: 30 * 24 * 60 * 60 * 1000 }, now: () => clock.now, ...(log ? { log } : {}) });
  const db = h.database.db;
  const dispatcher = createDispatcher({ db, settings, now: () => clock.now, log: h.app.log });
  const count = async (table: 'messages' | 'conversations' | 'attachments' | 'attachment_blobs' | 'channel_webhook_events') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    ...h,
    settings,
    clock,
    dispatcher,
    async push(role, name, args) {
      const token = await h.tokenFor(role);
      const r = await h.request({ method: 'POST', url: SYNC_API.push, token, body: { protocol: SYNC_PROTOCOL_VERSION, clientId: randomUUID(), mutations: [{ seq: 1, name, args }] } });
      if (r.statusCode !== 200) throw new Error(`push: ${r.statusCode} ${r.body}`);
      return PushResponse.parse(r.json()).results[0]!;
    },
    async counts() {
      return {
        messages: await count('messages'), conversations: await count('conversations'), attachments: await count('attachments'),
        blobs: await count('attachment_blobs'), events: await count('channel_webhook_events'),
      };
    },
    async message(id) {
      return (await db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as unknown as Record<string, unknown>;
    },
    upload(bytes, fileName, mimeType) {
      return db.transaction().execute((trx) => storeAttachment(trx, { fileName, mimeType, bytes }, { messageId: null, position: 0, now: clock.now }));
    },
  };
}
