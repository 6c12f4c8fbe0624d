// Customer search in the replica, as operators type: a name in any case, with ё or е, by the
// starts of its words in any order; a phone in every Russian way of writing it; an account number
// whole or by its first digits; an address by street and house. Results say which field matched
// and carry the tariff's name.
import { afterAll, describe, expect, it } from 'vitest';
import { ALYONA, ANNA, HYPHEN, IVAN, storeWithPeople } from './helpers.ts';

const { db, store } = storeWithPeople();
afterAll(() => db.close());
const ids = (query: string, limit?: number) => store.searchCustomers({ query, ...(limit ? { limit } : {}) }).hits.map((h) => h.id);
const first = (query: string) => store.searchCustomers({ query }).hits[0];

describe('by name', () => {
  it.each([
    ['иванова ан'],
    ['ИВАНОВА АННА'],
    ['Иванова Анна Сергеевна'],
    ['анна иванова'],
    ['Анна Серг'],
    ['  иванова   анна  '],
  ])('finds «Иванова Анна Сергеевна» by %j', (q) => {
    expect(ids(q)).toEqual([ANNA.id]);
    expect(first(q)).toMatchObject({ matched: 'name', source: 'replica' });
  });

  it('folds ё and е both ways', () => {
    expect(ids('федорова алена')).toEqual([ALYONA.id]);
    expect(ids('Фёдорова Алёна')).toEqual([ALYONA.id]);
    expect(ids('фЁдоРова')).toEqual([ALYONA.id]);
  });

  it('ranks the whole surname over a longer one that starts with it', () => {
    expect(ids('иванов').slice(0, 2)).toEqual([IVAN.id, ANNA.id]);
    expect(ids('иванова')).toEqual([ANNA.id]);
  });

  it('reads both parts of a double surname as words', () => {
    expect(ids('корсакова')).toEqual([HYPHEN.id]);
    expect(ids('Римская-Корсакова Ольга')).toEqual([HYPHEN.id]);
  });

  it('falls back to a word inside the name when no word starts with it', () => {
    expect(ids('ванова')).toEqual([ANNA.id]);
  });

  it('returns the line an operator needs: account, main phone, address, tariff, balance', () => {
    expect(first('иванова анна')).toEqual({
      id: ANNA.id,
      fullName: ANNA.fullName,
      accountNumber: '40512345',
      phone: '+79161234567',
      address: ANNA.address,
      tariffName: 'Домашний 300',
      balance: ANNA.balance,
      matched: 'name',
      source: 'replica',
    });
    expect(first('федорова')?.tariffName).toBe('Домашний 100');
  });
});

describe('by phone', () => {
  it.each([
    ['8 (916) 123-45-67'],
    ['+7 916 1234567'],
    ['89161234567'],
    ['9161234567'],
    ['+7 (916) 123 45 67'],
    ['8-916-123-45-67'],
    ['7 916 123 45 67'],
  ])('finds the customer by %j, the matched number shown', (q) => {
    expect(ids(q)).toEqual([ANNA.id]);
    expect(first(q)).toMatchObject({ matched: 'phone', phone: '+79161234567' });
  });

  it('finds a landline and shows that number', () => {
    expect(first('8 (495) 642-85-85')).toMatchObject({ id: ANNA.id, matched: 'phone', phone: '+74956428585' });
  });

  it('finds nobody by a half-typed or unknown number', () => {
    expect(ids('8 (916) 123-4')).toEqual([]);
    expect(ids('8 (916) 000-00-00')).toEqual([]);
  });
});

describe('by account number', () => {
  it('finds it whole and by its first digits (6 to 12), exact first', () => {
    expect(first('40512345')).toMatchObject({ id: ANNA.id, matched: 'account' });
    expect(ids('405123')).toEqual([ANNA.id]);
    expect(ids('405')).toEqual([]); // fewer than 6 digits: not an account number yet
    expect(ids('405 987 65')).toEqual([ALYONA.id]);
    expect(ids('123456789012')).toEqual([HYPHEN.id]);
  });
});

describe('by address', () => {
  it.each([
    ['Профсоюзная 12к2'],
    ['профсоюзная ул., д. 12к2, кв. 45'],
    ['улица Профсоюзная 12'],
    ['профсоюзная 12 45'],
  ])('finds the flat by %j', (q) => {
    expect(ids(q)).toEqual([ANNA.id]);
    expect(first(q)?.matched).toBe('address');
  });

  it('tells house numbers apart (5 is not 15), street words stay prefixes', () => {
    expect(ids('Ленина 5')).toEqual([ALYONA.id]);
    expect(ids('Ленина 15')).toEqual([IVAN.id]);
    expect(ids('ленина 1')).toEqual([]);
    expect(ids('пр-т Ленина 5')).toEqual([ALYONA.id]);
    expect(ids('9 мая 12/1')).toEqual([HYPHEN.id]);
  });

  it('tries a word without digits as a street after the names', () => {
    const hits = store.searchCustomers({ query: 'ленина' }).hits;
    expect(hits.map((h) => [h.id, h.matched])).toEqual([
      [ALYONA.id, 'address'], // «проспект Ленина» sorts before «улица Ленина»
      [IVAN.id, 'address'],
    ]);
  });
});

describe('bounds', () => {
  it('returns no more than the limit, and nothing for an empty query', () => {
    expect(ids('а', 1)).toHaveLength(1);
    expect(ids('')).toEqual([]);
    expect(ids('   ')).toEqual([]);
  });
});
