// What the operator typed into the one search box, read as a phone and/or account number (digits
// only), an address fragment (letters and digits: «Профсоюзная 12к2, кв 45»), or a name (letters
// only; the same words are also tried as a street). Phones are read by libphonenumber-js with
// Russia as the default country, like the server does, so «8 (916) 123-45-67», «+7 916 1234567»
// and «9161234567» are one number. Never throws: anything unreadable is `empty`.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { searchWords } from './search-key.ts';

/** More words than this are ignored (a name has three; an address line rarely more). */
export const MAX_QUERY_WORDS = 6;
const MAX_WORD = 40;

export type ParsedQuery =
  | { kind: 'empty' }
  | { kind: 'number'; phone: string | null; account: string | null; digits: string }
  | { kind: 'name'; words: string[] }
  | { kind: 'address'; words: string[]; numbers: string[] };

// Street types, «дом», «кв.» and the like: typed or not, abbreviated in many ways, and not what
// tells two addresses apart — they are left out of the comparison. Words are split at hyphens, so
// «пр-т» and «б-р» arrive as «пр» «т» and «б» «р».
const ADDRESS_FILLERS = new Set([
  'г', 'город', 'ул', 'улица', 'д', 'дом', 'кв', 'квартира', 'к', 'корп', 'корпус', 'стр', 'строение', 'пр', 'т', 'просп',
  'проспект', 'пер', 'переулок', 'ш', 'шоссе', 'б', 'р', 'бульвар', 'наб', 'набережная', 'пл', 'площадь', 'мкр',
  'микрорайон', 'пос', 'поселок', 'п', 'дер', 'деревня', 'с', 'село', 'тер', 'снт', 'обл', 'область',
]);

export function phoneOf(text: string): string | null {
  if (!/^[\d\s()+\-.]+$/.test(text)) return null;
  try {
    const p = parsePhoneNumberFromString(text, 'RU');
    return p && p.isPossible() ? p.number : null;
  } catch {
    return null;
  }
}

export function parseCustomerQuery(raw: string): ParsedQuery {
  // Control and format characters (zero-width spaces pasted from a chat) are noise here.
  const text = raw.replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim();
  if (!text) return { kind: 'empty' };
  if (/^[\d\s()+\-.]+$/.test(text)) {
    const digits = text.replace(/\D/g, '');
    if (!digits) return { kind: 'empty' };
    const account = /^\d{6,12}$/.test(digits) && !text.includes('+') ? digits : null;
    return { kind: 'number', phone: phoneOf(text), account, digits };
  }
  const words = searchWords(text)
    .slice(0, MAX_QUERY_WORDS)
    .map((w) => w.slice(0, MAX_WORD));
  if (words.length === 0) return { kind: 'empty' };
  if (!words.some((w) => /\d/.test(w))) return { kind: 'name', words };
  const kept = words.filter((w) => !ADDRESS_FILLERS.has(w));
  const numbers = kept.filter((w) => /^\d/.test(w));
  const letters = kept.filter((w) => !/^\d/.test(w));
  // Only numbers left («д. 5 кв. 12»): too little to tell one address from thousands.
  if (letters.length === 0) return { kind: 'empty' };
  return { kind: 'address', words: letters, numbers };
}
