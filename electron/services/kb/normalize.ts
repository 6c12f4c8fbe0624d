// One normalisation for index and query, so both sides always agree: lower case, diacritics off
// (which also folds ё to е) except the breve of й — й is a letter of its own in Russian, and
// folding it to и (as FTS5's unicode61 `remove_diacritics` does) would merge unrelated words.
// Words that mix Cyrillic and Latin look-alikes («оплaта» typed with a Latin a, «rоuter» with a
// Cyrillic о) are folded to the script most of their letters are in.

const MARK = /\p{M}/gu;
const BREVE = '\u0306';

/** Lower case, no diacritics but й, NFC. Keeps everything else (spaces, punctuation) as it is. */
export function foldCase(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(MARK, (mark: string, at: number, s: string) => (mark === BREVE && (s[at - 1] === 'и') ? mark : ''))
    .normalize('NFC');
}

// Lower-case pairs that look the same on screen (from their capitals: А/A, В/B, Е/E, К/K, М/M, Н/H,
// О/O, Р/P, С/C, Т/T, У/Y, Х/X).
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а', b: 'в', e: 'е', k: 'к', m: 'м', h: 'н', o: 'о', p: 'р', c: 'с', t: 'т', y: 'у', x: 'х',
};
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LATIN_TO_CYRILLIC).map(([latin, cyrillic]) => [cyrillic, latin]),
);

// Both tables hold only basic letters, so the basic alphabets are all a mix needs to be told by.
const CYRILLIC = /[а-я]/g;
const LATIN = /[a-z]/g;
const HAS_CYRILLIC = /[а-я]/;
const HAS_LATIN = /[a-z]/;

/** A run of letters (already case-folded) with look-alikes of the minority script swapped. */
export function foldLookalikes(word: string): string {
  if (!HAS_LATIN.test(word) || !HAS_CYRILLIC.test(word)) return word;
  const cyrillic = word.match(CYRILLIC)!.length;
  const latin = word.match(LATIN)!.length;
  const map = cyrillic >= latin ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
  let out = '';
  for (const ch of word) out += map[ch] ?? ch;
  return out;
}
