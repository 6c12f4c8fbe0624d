// Whatever lands in the search box — SQL, LIKE wildcards, control characters, emoji, walls of
// digits — the replica answers with a bounded list and never throws; malformed arguments are
// refused by the worker interface before they reach SQLite.
import { afterAll, describe, expect, it } from 'vitest';
import { REPLICA_ARGS } from '../../../electron/services/db/replica-api.ts';
import { parseCustomerQuery } from '../../../electron/services/customers/parse-query.ts';
import { ANNA, PEOPLE, storeWithPeople } from './helpers.ts';

const { db, store } = storeWithPeople();
afterAll(() => db.close());

const HOSTILE = [
  '%',
  '_',
  '\\',
  '%%%%',
  "' OR 1=1 --",
  "'; DROP TABLE customer; --",
  '"); DELETE FROM customer_search; --',
  'иван%',
  'ив_н',
  '\u0000\u0001\u0002',
  '\u200b\u200e\u202e',
  '🙂🙂🙂',
  '+',
  '()--..',
  '+'.repeat(200),
  '9'.repeat(200),
  'я'.repeat(200),
  'а '.repeat(100),
  '1 2 3 4 5 6 7 8 9 а',
  'ул. д. кв. корп.',
  '\t\n\r',
  'NaN',
  'null',
  '__proto__',
];

describe('hostile search text', () => {
  it.each(HOSTILE.map((q) => [JSON.stringify(q).slice(0, 40), q]))('%s answers a bounded list without throwing', (_label, q) => {
    const r = store.searchCustomers({ query: q });
    expect(Array.isArray(r.hits)).toBe(true);
    expect(r.hits.length).toBeLessThanOrEqual(20);
    expect(() => parseCustomerQuery(q)).not.toThrow();
  });

  it('never lets a LIKE wildcard match anything: it is punctuation between words', () => {
    for (const q of ['%', '_', '%_%', '\\%']) expect(store.searchCustomers({ query: q }).hits).toEqual([]);
    expect(store.searchCustomers({ query: 'ив_н' })).toEqual(store.searchCustomers({ query: 'ив н' }));
  });

  it('leaves the replica intact', () => {
    expect(store.countRows('customer')).toBe(PEOPLE.length);
    expect(store.searchCustomers({ query: 'иванова анна' }).hits.map((h) => h.id)).toEqual([ANNA.id]);
  });
});

describe('worker arguments', () => {
  it.each([
    ['a query over 200 characters', [{ query: 'я'.repeat(201) }]],
    ['a limit over 50', [{ query: 'иван', limit: 51 }]],
    ['a zero limit', [{ query: 'иван', limit: 0 }]],
    ['a fractional limit', [{ query: 'иван', limit: 1.5 }]],
    ['an unknown key', [{ query: 'иван', sql: 'x' }]],
    ['a number for the query', [{ query: 42 }]],
    ['no argument', []],
  ])('searchCustomers refuses %s', (_what, args) => {
    expect(REPLICA_ARGS.searchCustomers.safeParse(args).success).toBe(false);
  });

  it.each([
    ['an id that is not a UUID', [{ id: "1' OR '1'='1" }]],
    ['a server row that is not a customer', [{ id: ANNA.id, customer: { id: ANNA.id } }]],
    ['an unknown key', [{ id: ANNA.id, extra: true }]],
  ])('customerCard refuses %s', (_what, args) => {
    expect(REPLICA_ARGS.customerCard.safeParse(args).success).toBe(false);
  });
});
