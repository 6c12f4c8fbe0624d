// Who wrote: the customer whose contacts hold the sender's Telegram id or @username, WhatsApp id,
// phone (E.164, through normalizePhone) or e-mail. Only an unambiguous match counts: two customers
// sharing a phone leave the conversation unlinked for the operator to link by hand.
import { sql, type Transaction } from 'kysely';
import { normalizePhone } from '../customers/normalize-phone.ts';
import type { DB } from '../db/schema.ts';

export interface ContactHints {
  /** Forms customers.telegram_id may hold: the numeric user id, "@username". */
  telegramIds?: string[];
  whatsappId?: string;
  phones?: string[];
  emails?: string[];
}

export async function matchCustomer(trx: Transaction<DB>, hints: ContactHints): Promise<string | null> {
  const phones = [...new Set((hints.phones ?? []).map((p) => normalizePhone(p)).filter((p): p is string => p !== null))];
  const emails = [...new Set((hints.emails ?? []).map((e) => e.trim().toLowerCase()).filter(Boolean))];
  const telegram = [...new Set(hints.telegramIds ?? [])];
  const tries: Array<() => Promise<Array<{ id: string }>>> = [];
  if (telegram.length) tries.push(() => trx.selectFrom('customers').select('id').where('telegram_id', 'in', telegram).limit(2).execute());
  if (hints.whatsappId) tries.push(() => trx.selectFrom('customers').select('id').where('whatsapp_id', '=', hints.whatsappId!).limit(2).execute());
  if (phones.length) tries.push(() => trx.selectFrom('customers').select('id').where(sql<boolean>`phones && ${phones}::text[]`).limit(2).execute());
  if (emails.length) tries.push(() => trx.selectFrom('customers').select('id').where(sql<boolean>`emails && ${emails}::text[]`).limit(2).execute());
  // The most specific contact first: a messenger id names one person, a phone may be a family's.
  for (const attempt of tries) {
    const rows = await attempt();
    if (rows.length === 1) return rows[0]!.id;
    if (rows.length > 1) return null;
  }
  return null;
}

/**
 * When the contacts match nobody (or more than one customer): the customer the latest earlier
 * conversation from this very address was linked to — by an operator by hand, typically
 * (conversation.linkCustomer), so a sender linked once stays linked.
 */
export async function linkedByHand(trx: Transaction<DB>, channel: string, externalAddress: string): Promise<string | null> {
  const row = await trx
    .selectFrom('conversations')
    .select('customer_id')
    .where('channel', '=', channel as never)
    .where('external_address', '=', externalAddress)
    .where('customer_id', 'is not', null)
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.customer_id ?? null;
}
