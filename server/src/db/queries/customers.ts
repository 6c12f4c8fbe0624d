// Customers: search (name, phone, account number), read, and changes of personal data.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Address, ConnectionType, Customer } from '../../../../contract/index.ts';
import type { Updateable } from 'kysely';
import { recordChanges } from '../../sync/record-changes.ts';
import type { CustomerRow, CustomersTable, DB } from '../schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export function extraServicesOf(idColumn: 'customers.id') {
  return sql<string[]>`array(select ces.extra_service_id from customer_extra_services ces where ces.customer_id = ${sql.ref(idColumn)} order by ces.extra_service_id)`.as('extra_service_ids');
}

export function toCustomer(r: CustomerRow & { extra_service_ids: string[] }): Customer {
  return {
    id: r.id,
    accountNumber: r.account_number,
    fullName: r.full_name,
    phones: r.phones,
    emails: r.emails,
    telegramId: r.telegram_id,
    whatsappId: r.whatsapp_id,
    address: {
      region: r.address_region,
      city: r.address_city,
      street: r.address_street,
      house: r.address_house,
      apartment: r.address_apartment,
    },
    connectionType: r.connection_type as ConnectionType,
    tariffId: r.tariff_id,
    extraServiceIds: r.extra_service_ids,
    balance: r.balance,
    personalManagerId: r.personal_manager_id,
    createdAt: r.created_at.toISOString(),
  };
}

export interface CustomerSearch {
  /** LIKE patterns over name_search, all must match. */
  namePatterns?: string[];
  phone?: string;
  accountNumber?: string;
  /** Only this personal manager's portfolio. */
  managerId?: string;
  limit: number;
}

export async function searchCustomers(db: Db, s: CustomerSearch): Promise<Customer[]> {
  let q = db.selectFrom('customers').selectAll('customers').select(extraServicesOf('customers.id'));
  q = q.where((eb) => {
    const any = [];
    if (s.namePatterns?.length) any.push(eb.and(s.namePatterns.map((p) => eb('name_search', 'like', p))));
    if (s.phone) any.push(eb('phones', '@>', sql<string[]>`array[${s.phone}]::text[]`));
    if (s.accountNumber) any.push(eb('account_number', '=', s.accountNumber));
    return any.length ? eb.or(any) : eb.val(false);
  });
  if (s.managerId) q = q.where('personal_manager_id', '=', s.managerId);
  const rows = await q.orderBy('full_name').orderBy('id').limit(s.limit).execute();
  return rows.map(toCustomer);
}

export async function getCustomer(db: Db, id: string, opts: { forUpdate?: boolean } = {}): Promise<Customer | null> {
  let q = db.selectFrom('customers').selectAll('customers').select(extraServicesOf('customers.id')).where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? toCustomer(r) : null;
}

export interface PersonalDataChange {
  phones?: string[];
  emails?: string[];
  address?: Address;
}

/**
 * Writes the given fields and puts the change in the sync feed; returns the dotted names of the
 * fields whose value changed. Run it in withSyncedTransaction, which stamps the feed rows.
 */
export async function updatePersonalData(trx: Transaction<DB>, before: Customer, change: PersonalDataChange, now: Date): Promise<string[]> {
  const changed: string[] = [];
  const set: Updateable<CustomersTable> = {};
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (change.phones && !same(change.phones, before.phones)) {
    changed.push('phones');
    set.phones = change.phones;
  }
  if (change.emails && !same(change.emails, before.emails)) {
    changed.push('emails');
    set.emails = change.emails;
  }
  if (change.address) {
    for (const key of ['region', 'city', 'street', 'house', 'apartment'] as const) {
      if (change.address[key] !== before.address[key]) {
        changed.push(`address.${key}`);
        if (key === 'apartment') set.address_apartment = change.address.apartment;
        else set[`address_${key}`] = change.address[key];
      }
    }
  }
  if (changed.length === 0) return [];
  await trx
    .updateTable('customers')
    .set({ ...set, updated_at: now })
    .where('id', '=', before.id)
    .execute();
  await recordChanges(trx, 'customer', [before.id]);
  return changed;
}
