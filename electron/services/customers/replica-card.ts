// The customer card from the replica: the customer (the replica's row, or one the server sent when
// the replica has none), the tariff and extra services from the replica's catalogues, and the
// latest conversations, calls and payments the replica holds for that customer, and the promotions
// the operator can offer them.
import { z } from 'zod';
import type { Call, Conversation } from '../../../contract/domain/conversation.ts';
import type { Payment } from '../../../contract/domain/customer.ts';
import { Customer, type ExtraService, type Tariff } from '../../../contract/domain/customer.ts';
import { CUSTOMER_CARD_OFFERS, CUSTOMER_CARD_RECENT, type CustomerCard } from '../../../contract/customers-ipc.ts';
import { localDay, type Promotion } from '../../../contract/domain/promotion.ts';
import type { Db } from '../db/open-replica-file.ts';
import { offersFor } from './card-offers.ts';

export const CustomerCardInput = z.strictObject({
  id: z.uuid(),
  /** The server's row, for a customer outside the replica: decorated from the replica's data. */
  customer: Customer.optional(),
});
export type CustomerCardInput = z.infer<typeof CustomerCardInput>;

export function createReplicaCustomerCard(db: Db, now: () => Date = () => new Date()): (input: CustomerCardInput) => CustomerCard | null {
  const customer = db.prepare('SELECT data FROM customer WHERE id = ?').pluck();
  const tariff = db.prepare('SELECT data FROM tariff WHERE id = ?').pluck();
  const service = db.prepare('SELECT data FROM extra_service WHERE id = ?').pluck();
  const catalogue = db.prepare('SELECT data FROM extra_service ORDER BY name').pluck();
  const conversations = db.prepare('SELECT data FROM conversation WHERE customer_id = ? ORDER BY updated_at DESC LIMIT ?').pluck();
  const calls = db
    .prepare(
      `SELECT data FROM call WHERE customer_id = ? ORDER BY started_at DESC LIMIT ?`,
    )
    .pluck();
  const payments = db.prepare('SELECT data FROM payment WHERE customer_id = ? ORDER BY paid_at DESC LIMIT ?').pluck();
  // A few dozen rows: filtered in code, where the rules are readable.
  const promotions = db.prepare('SELECT data FROM promotion').pluck();
  const parse = <T>(data: unknown): T | null => (typeof data === 'string' ? (JSON.parse(data) as T) : null);

  return ({ id, customer: fromServer }) => {
    const local = parse<Customer>(customer.get(id));
    const c = local ?? (fromServer?.id === id ? fromServer : null);
    if (!c) return null;
    return {
      customer: c,
      source: local ? 'replica' : 'server',
      tariff: parse<Tariff>(tariff.get(c.tariffId)),
      extraServices: c.extraServiceIds.map((sid) => {
        const s = parse<ExtraService>(service.get(sid));
        return { id: sid, name: s?.name ?? null, monthlyFee: s?.monthlyFee ?? null };
      }),
      serviceCatalogue: (catalogue.all() as string[]).map((d) => JSON.parse(d) as ExtraService),
      conversations: (conversations.all(id, CUSTOMER_CARD_RECENT) as string[]).map((d) => JSON.parse(d) as Conversation),
      calls: (calls.all(id, CUSTOMER_CARD_RECENT) as string[]).map((d) => JSON.parse(d) as Call),
      payments: (payments.all(id, CUSTOMER_CARD_RECENT) as string[]).map((d) => JSON.parse(d) as Payment),
      offers: offersFor((promotions.all() as string[]).map((d) => JSON.parse(d) as Promotion), c.tariffId, localDay(now()), CUSTOMER_CARD_OFFERS),
    };
  };
}
