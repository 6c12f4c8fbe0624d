// A plain-text e-mail's own words and the quoted letter below them ("> …" lines, "-----Original
// Message-----", "On … wrote:", «… пишет:»), so the quote can be folded under "показать цитату".
export interface SplitText {
  own: string;
  quote: string | null;
}

const QUOTE_START = [
  /^\s*-{2,}\s*(original message|forwarded message|исходное сообщение|пересылаемое сообщение)\s*-*\s*$/i,
  /^\s*(on\s.+\swrote|.+\s(пишет|написал|написала|написал\(а\))):\s*$/i,
  /^\s*>/,
];

export function splitQuote(text: string): SplitText {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((line, i) => i > 0 && QUOTE_START.some((re) => re.test(line)));
  if (at < 0) return { own: text, quote: null };
  const own = lines.slice(0, at).join('\n').trimEnd();
  const quote = lines.slice(at).join('\n').trim();
  return own ? { own, quote } : { own: text, quote: null };
}
