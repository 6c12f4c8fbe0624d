// Delivery reports from a channel (WhatsApp's statuses webhook) applied to our replies. Reports
// arrive out of order and more than once, so a reply never moves back: sent < delivered < read;
// "failed" only replaces queued or sent, and a later delivered/read wins over it (the customer got
// it after all, on another device).
import type { Transaction } from 'kysely';
import type { DeliveryFailure, DeliveryStatus } from '../../../contract/index.ts';
import type { DB } from '../db/schema.ts';
import { recordChanges } from '../sync/record-changes.ts';

const RANK: Record<DeliveryStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: -1 };

function moves(from: DeliveryStatus, to: DeliveryStatus): boolean {
  if (to === 'failed') return from === 'queued' || from === 'sent';
  if (from === 'failed') return to === 'delivered' || to === 'read';
  return RANK[to] > RANK[from];
}

export interface DeliveryReport {
  channel: 'telegram' | 'whatsapp';
  channelMessageId: string;
  status: Exclude<DeliveryStatus, 'queued'>;
  at: Date;
  errorCode?: DeliveryFailure;
  error?: string;
}

/** 'applied', 'stale' (it would move backwards) or 'unknown' (not a reply of ours). */
export async function applyDeliveryReport(trx: Transaction<DB>, report: DeliveryReport): Promise<'applied' | 'stale' | 'unknown'> {
  const row = await trx
    .selectFrom('messages')
    .select(['id', 'delivery_status'])
    .where('channel', '=', report.channel)
    .where('channel_message_id', '=', report.channelMessageId)
    .where('direction', '=', 'out')
    .forUpdate()
    .executeTakeFirst();
  if (!row || !row.delivery_status) return 'unknown';
  if (!moves(row.delivery_status, report.status)) return 'stale';
  const failed = report.status === 'failed';
  await trx
    .updateTable('messages')
    .set({
      delivery_status: report.status, delivery_updated_at: report.at,
      delivery_error_code: failed ? (report.errorCode ?? 'channel_rejected') : null,
      delivery_error: failed ? (report.error ?? null) : null,
    })
    .where('id', '=', row.id)
    .execute();
  await recordChanges(trx, 'message', [row.id]);
  return 'applied';
}
