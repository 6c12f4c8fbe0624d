// Words of a text with their offsets, so a snippet can be cut from the original text. A word may
// be a hyphenated compound (Wi-Fi, MAC-адрес, онлайн-банк): its parts are kept apart, because the
// index holds both the parts and the parts written together.

export interface Word {
  /** Offsets into the text the word was found in. */
  start: number;
  end: number;
  /** The compound's parts as written (a plain word has one). */
  parts: string[];
}

const WORD = /[\p{L}\p{N}\p{M}]+(?:[-\u2010\u2011][\p{L}\p{N}\p{M}]+)*/gu;
const HYPHEN = /[-\u2010\u2011]/;

/** Longer runs (hashes, pasted garbage) are cut: no real word is this long, and it bounds the work. */
export const MAX_PART_LENGTH = 48;

const cut = (part: string): string => (part.length > MAX_PART_LENGTH ? part.slice(0, MAX_PART_LENGTH) : part);

/** The words of `text`, or its first `max` words. */
export function words(text: string, max = Infinity): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    if (out.length >= max) break;
    const s = m[0];
    out.push({ start: m.index, end: m.index + s.length, parts: HYPHEN.test(s) ? s.split(HYPHEN).map(cut) : [cut(s)] });
  }
  return out;
}
