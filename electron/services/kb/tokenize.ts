// Words of a text with their offsets, so a snippet can be cut from the original text. A word may
// be a hyphenated compound (Wi-Fi, MAC-адрес, онлайн-банк): its parts are kept apart, because the
// index holds both the parts and the parts written together.
//
// A word is what WORD matches: letters, digits and marks, runs joined by single hyphens. Indexing
// tokenises every article, and the regex (Unicode property classes) was the costly part of it, so
// the scan below walks the text by code unit with a table of which ones are word characters; it
// finds exactly the words WORD finds (tests/unit/kb/tokenize.test.ts checks).

export interface Word {
  /** Offsets into the text the word was found in. */
  start: number;
  end: number;
  /** The compound's parts as written (a plain word has one). */
  parts: string[];
}

export const WORD = /[\p{L}\p{N}\p{M}]+(?:[-\u2010\u2011][\p{L}\p{N}\p{M}]+)*/gu;
export const HYPHEN = /[-\u2010\u2011]/;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/** Longer runs (hashes, pasted garbage) are cut: no real word is this long, and it bounds the work. */
export const MAX_PART_LENGTH = 48;

export const cut = (part: string): string => (part.length > MAX_PART_LENGTH ? part.slice(0, MAX_PART_LENGTH) : part);

// Per UTF-16 code unit outside the surrogates: 0 not looked at yet, 1 a word character, 2 not.
const kind = new Uint8Array(0x10000);
const astral = new Map<number, boolean>();

/** How many code units the word character at `i` takes (1 or 2), or 0 if it is none. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    let k = kind[c]!;
    if (k === 0) kind[c] = k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    return k === 1 ? 1 : 0;
  }
  const cp = text.codePointAt(i)!;
  if (cp <= 0xffff) return 0; // a lone surrogate
  let is = astral.get(cp);
  if (is === undefined) astral.set(cp, (is = WORD_CHAR.test(String.fromCodePoint(cp))));
  return is ? 2 : 0;
}

const isHyphen = (c: number) => c === 0x2d || c === 0x2010 || c === 0x2011;

function runEnd(text: string, i: number): number {
  for (let w; i < text.length && (w = wordCharAt(text, i)) > 0; ) i += w;
  return i;
}

/**
 * Calls `onWord` with each word's offsets and whether it has a hyphen, in order, until it returns
 * false.
 */
export function scanWords(text: string, onWord: (start: number, end: number, compound: boolean) => boolean | void): void {
  for (let i = 0; i < text.length; ) {
    const w = wordCharAt(text, i);
    if (w === 0) {
      i++;
      continue;
    }
    const start = i;
    let end = runEnd(text, i + w);
    let compound = false;
    while (end + 1 < text.length && isHyphen(text.charCodeAt(end)) && wordCharAt(text, end + 1) > 0) {
      compound = true;
      end = runEnd(text, end + 1);
    }
    if (onWord(start, end, compound) === false) return;
    i = end;
  }
}

/** The words of `text`, or its first `max` words. */
export function words(text: string, max = Infinity): Word[] {
  const out: Word[] = [];
  if (max <= 0) return out;
  scanWords(text, (start, end, compound) => {
    const s = text.slice(start, end);
    out.push({ start, end, parts: compound ? s.split(HYPHEN).map(cut) : [cut(s)] });
    return out.length < max;
  });
  return out;
}
