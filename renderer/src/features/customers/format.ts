// How customers' numbers read on screen: phones in the national form operators dial
// («8 (916) 123-45-67»), money from kopecks in roubles, an address on one line, dates short.
import type { TFunction } from 'i18next';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { Address } from '../../../../contract/domain/customer.ts';

/** A Russian number nationally, any other internationally; what cannot be read stays as stored. */
export function formatPhone(e164: string): string {
  const p = parsePhoneNumberFromString(e164);
  if (!p) return e164;
  return p.country === 'RU' || p.countryCallingCode === '7' ? p.formatNational() : p.formatInternational();
}

export function formatMoney(kopecks: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'RUB', currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2 }).format(kopecks / 100);
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
