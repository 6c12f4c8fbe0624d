// Article Markdown to the plain text that is indexed and that snippets are cut from. No Markdown
// library is installed, and a search index needs only the words: this drops the markup of the
// common CommonMark constructs (headings, quotes, lists, emphasis, code, links, images, tables,
// raw HTML) and keeps the text. It is not a renderer: the article view renders Markdown itself.

// Each rule with the strings at least one of which a line must hold for the rule to match: most
// lines hold none of them, and testing for a string is far cheaper than running the regex.
type Rule = readonly [RegExp, string, readonly string[]];

const LINE_RULES: readonly Rule[] = [
  [/^\s{0,3}(?:`{3,}|~{3,}).*$/, '', ['```', '~~~']], // code fence lines (the code inside stays)
  [/^\s{0,3}\[[^\]]+\]:\s*\S+.*$/, '', [']:']], // link reference definitions
  [/^\s{0,3}(?:[-*_]\s*){3,}$/, '', ['-', '*', '_']], // thematic break
  [/^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-{0,}:?\s*\|?\s*$/, '', ['---']], // table delimiter row
  [/^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/, '$1', ['#']], // ATX heading
  [/^\s{0,3}(?:>\s?)+/, '', ['>']], // block quote markers
  [/^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?/, '', ['-', '*', '+', '.', ')']], // list item marker (and task box)
];

const INLINE_RULES: readonly Rule[] = [
  [/!\[([^\]]*)\]\([^)]*\)/g, '$1', ['![']], // image → its alt text
  [/\[([^\]]+)\]\([^)]*\)/g, '$1', ['](']], // inline link → its text
  [/\[([^\]]+)\]\[[^\]]*\]/g, '$1', ['][']], // reference link → its text
  [/<((?:https?|mailto):[^>\s]+)>/g, '$1', ['<']], // autolink → the address
  [/<\/?[A-Za-z][^>]*>/g, '', ['<']], // raw HTML tags
  [/`+([^`]*?)`+/g, '$1', ['`']], // inline code
  [/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2', ['**', '__']], // strong
  [/(?<![\p{L}\p{N}])([*_])(?=\S)([\s\S]*?\S)\1(?![\p{L}\p{N}])/gu, '$2', ['*', '_']], // emphasis (not snake_case)
  [/~~(?=\S)([\s\S]*?\S)~~/g, '$1', ['~~']], // strikethrough
  [/\s*\|\s*/g, ' ', ['|']], // table cell borders
];

const apply = (line: string, rules: readonly Rule[]): string => {
  for (const [re, to, needs] of rules) if (needs.some((n) => line.includes(n))) line = line.replace(re, to);
  return line;
};

// Backslash-escaped punctuation is literal text: it is parked in the Private Use Area while the
// rules run (so «\*» never opens emphasis) and put back afterwards. (Articles hold no text of
// their own in that block of the Private Use Area.)
const ESCAPED = /\\([\\`*_{}[\]()#+\-.!|>~<])/g;
const PARKED = /[\uE000-\uE07F]/g;
const park = (_: string, ch: string) => String.fromCharCode(0xe000 + ch.charCodeAt(0));
const unpark = (ch: string) => String.fromCharCode(ch.charCodeAt(0) - 0xe000);

export function markdownToText(markdown: string): string {
  const lines = (markdown.includes('\r') ? markdown.replace(/\r\n?/g, '\n') : markdown).split('\n').map((line) => {
    const escaped = line.includes('\\');
    if (escaped) line = line.replace(ESCAPED, park);
    line = apply(apply(line, LINE_RULES), INLINE_RULES);
    return (escaped ? line.replace(PARKED, unpark) : line).trim();
  });
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
