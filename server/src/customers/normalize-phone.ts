// Phone numbers as operators type them ("8 (916) 123-45-67", "+7 916 123 45 67", "9161234567")
// to E.164, the one form stored and searched. Russia is the default country.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** E.164 of a valid number, or null. For data that is stored. */
export function normalizePhone(input: string): string | null {
  const p = parsePhoneNumberFromString(input, 'RU');
  return p && p.isValid() ? p.number : null;
}

/** E.164 of a number that could exist, or null. Looser, for searching. */
export function phoneForSearch(input: string): string | null {
  if (!/^[\d\s()+\-.]+$/.test(input)) return null;
  const p = parsePhoneNumberFromString(input, 'RU');
  return p && p.isPossible() ? p.number : null;
}
