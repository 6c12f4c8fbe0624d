// How the one search box reads what was typed: phones in every Russian format to E.164 (the
// server's rules: libphonenumber-js, Russia by default), 6–12 digits as an account number too,
// letters as a name, letters with digits as an address with its filler words left out.
import { describe, expect, it } from 'vitest';
import { parseCustomerQuery } from '../../../electron/services/customers/parse-query.ts';
import { worthAskingServer } from '../../../electron/services/customers/customer-service.ts';
import { addressKey, nameKey } from '../../../electron/services/customers/search-key.ts';

describe('phone numbers', () => {
  it.each(['8 (916) 123-45-67', '+7 916 1234567', '89161234567', '9161234567', '+7(916)123-45-67', '8.916.123.45.67', '7 916 123 45 67'])(
    '%j is +79161234567',
    (q) => expect(parseCustomerQuery(q)).toMatchObject({ kind: 'number', phone: '+79161234567' }),
  );

  it('reads a Moscow landline, and nothing from a half-typed number', () => {
    expect(parseCustomerQuery('8 (495) 642-85-85')).toMatchObject({ phone: '+74956428585' });
    expect(parseCustomerQuery('8 (916) 12')).toMatchObject({ kind: 'number', phone: null });
  });
});

describe('account numbers', () => {
  it('takes 6 to 12 digits, also when they could be a phone', () => {
    expect(parseCustomerQuery('40512345')).toMatchObject({ kind: 'number', account: '40512345', phone: null });
    expect(parseCustomerQuery('9161234567')).toMatchObject({ account: '9161234567', phone: '+79161234567' });
    expect(parseCustomerQuery('12345')).toMatchObject({ account: null });
    expect(parseCustomerQuery('1234567890123')).toMatchObject({ account: null });
    expect(parseCustomerQuery('+7 916 1234567')).toMatchObject({ account: null }); // a plus means phone
  });
});

describe('names and addresses', () => {
  it('folds case and ё, splits double surnames', () => {
    expect(parseCustomerQuery('  Фёдорова  АЛЁНА ')).toEqual({ kind: 'name', words: ['федорова', 'алена'] });
    expect(parseCustomerQuery('Римская-Корсакова')).toEqual({ kind: 'name', words: ['римская', 'корсакова'] });
    expect(nameKey('Римская-Корсакова Ольга')).toBe(' римская корсакова ольга');
  });

  it('leaves street types, «д.» and «кв.» out of an address', () => {
    expect(parseCustomerQuery('ул. Профсоюзная, д. 12к2, кв. 45')).toEqual({ kind: 'address', words: ['профсоюзная'], numbers: ['12к2', '45'] });
    expect(parseCustomerQuery('пр-т Ленина 5')).toEqual({ kind: 'address', words: ['ленина'], numbers: ['5'] });
    expect(parseCustomerQuery('д. 5 кв. 12')).toEqual({ kind: 'empty' });
    expect(addressKey({ region: 'Москва', city: 'Москва', street: 'улица 9 Мая', house: '12/1', apartment: null })).toBe(' улица 9 мая 12/1 москва');
  });

  it('reads nothing from blanks and punctuation', () => {
    for (const q of ['', '   ', '()', '+', '-- ..', '\u200b']) expect(parseCustomerQuery(q)).toEqual({ kind: 'empty' });
  });
});

describe('when the server is worth asking', () => {
  it('asks for whole numbers and names of three letters or more, never for addresses', () => {
    expect(worthAskingServer(parseCustomerQuery('8 916 123-45-67'))).toBe(true);
    expect(worthAskingServer(parseCustomerQuery('40512345'))).toBe(true);
    expect(worthAskingServer(parseCustomerQuery('8 916 1'))).toBe(false); // 5 digits: neither
    expect(worthAskingServer(parseCustomerQuery('8 916 12'))).toBe(true); // 6 digits: maybe an account
    expect(worthAskingServer(parseCustomerQuery('Ив'))).toBe(false);
    expect(worthAskingServer(parseCustomerQuery('Ива'))).toBe(true);
    expect(worthAskingServer(parseCustomerQuery('Ленина 5'))).toBe(false);
  });
});
