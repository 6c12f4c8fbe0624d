// The folded text that customer search compares: lower case, ё as е (people type «Алена» for
// «Алёна»), punctuation and hyphens as spaces, so «Иванова-Петрова» has two words to start with.
// The replica's index stores names and addresses folded by these functions, and queries are folded
// the same way; a change here needs CUSTOMER_INDEX_VERSION bumped (db/customer-index.ts).
import type { Address } from '../../../contract/domain/customer.ts';

/** The folded words of `text`, one space between them. A slash stays inside a word: house «12/1» is one word. */
function foldedWords(text: string): string {
  return (
    text
      // Same result as toLocaleLowerCase('ru-RU') (only tr/az/lt have special rules), a third the cost.
      .toLowerCase()
      .replace(/ё/g, 'е')
      .replace(/[^\p{L}\p{N}/]+/gu, ' ')
      .trim()
  );
}

/** Words of `text`, folded. */
export function searchWords(text: string): string[] {
  const words = foldedWords(text);
  return words === '' ? [] : words.split(' ');
}

/**
 * A space before every word, so "starts a word" is LIKE '% word%'. Built from the folded string
 * itself, without searchWords' array (a first sync makes two keys for every customer).
 */
export function wordKey(text: string): string {
  const words = foldedWords(text);
  return words === '' ? '' : ` ${words}`;
}

export const nameKey = (fullName: string): string => wordKey(fullName);

export function addressKey(a: Address): string {
  return wordKey([a.street, a.house, a.apartment ?? '', a.city].join(' '));
}
