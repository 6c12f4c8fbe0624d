// How customers' numbers read on screen: phones in the national form operators dial
// («8 (916) 123-45-67»), money from kopecks in roubles, an address on one line, dates short.
import type { TFunction } from 'i18next';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { Address } from '../../../../contract/domain/customer.ts';

/** A Russian number nationally, any other internationally; what cannot be read stays as stored. */
/** Parsing a number costs a fraction of a millisecond; lists show the same numbers on every render. */
const formattedPhones = new Map<string, string>();
const FORMATTED_PHONES_KEPT = 2000;

export function formatPhone(e164: string): string {
  const known = formattedPhones.get(e164);
  if (known !== undefined) return known;
  const p = parsePhoneNumberFromString(e164);
  const text = !p ? e164 : p.country === 'RU' || p.countryCallingCode === '7' ? p.formatNational() : p.formatInternational();
  if (formattedPhones.size >= FORMATTED_PHONES_KEPT) formattedPhones.clear();
  formattedPhones.set(e164, text);
  return text;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(kopecks: number, language: string): string {
  let f = moneyFormats.get(language);
  if (!f) {
    f = new Intl.NumberFormat(language, { style: 'currency', currency: 'RUB', currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2 });
    moneyFormats.set(language, f);
  }
  return f.format(kopecks / 100);
}

export function addressLine(t: TFunction, a: Address): string {
  const parts = { street: a.street, house: a.house, city: a.city };
  return a.apartment ? t('customers.addressLine', { ...parts, apartment: a.apartment }) : t('customers.addressLineHouse', parts);
}

// Intl formatters are costly to build (a history of 200 rows built 200 per render): one per language.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(iso: string, language: string): string {
  let f = dateTimeFormats.get(language);
  if (!f) dateTimeFormats.set(language, (f = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' })));
  return f.format(new Date(iso));
}

export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date(iso));
}
