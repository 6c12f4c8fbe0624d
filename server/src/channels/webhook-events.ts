// Webhook deliveries already processed, so a replay (the channel resending after a timeout, or an
// attacker repeating a captured request) changes nothing.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export type WebhookChannel = 'telegram' | 'whatsapp';

export async function wasProcessed(db: Kysely<DB>, channel: WebhookChannel, eventId: string): Promise<boolean> {
  return !!(await db.selectFrom('channel_webhook_events').select('event_id').where('channel', '=', channel).where('event_id', '=', eventId).executeTakeFirst());
}

/** Records the event in the transaction that processes it; false if it was processed already. */
export async function markProcessed(trx: Transaction<DB>, channel: WebhookChannel, eventId: string, now: Date): Promise<boolean> {
  const r = await trx
    .insertInto('channel_webhook_events')
    .values({ channel, event_id: eventId, received_at: now })
    .onConflict((oc) => oc.columns(['channel', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Meta resends a delivery for up to 7 days, Telegram for about a day: older marks can go. */
export const WEBHOOK_EVENT_KEEP_MS = 8 * 24 * 60 * 60 * 1000;

export async function pruneWebhookEvents(db: Kysely<DB>, now: Date): Promise<number> {
  const r = await db.deleteFrom('channel_webhook_events').where('received_at', '<', new Date(now.getTime() - WEBHOOK_EVENT_KEEP_MS)).executeTakeFirst();
  return Number(r.numDeletedRows);
}
