// Two texts compared line by line (jsdiff), and inside a changed line word by word, as rows a view
// can show with +/− markers. Long unchanged stretches fold into one "N lines unchanged" row.
import { diffArrays, diffLines } from 'diff';

export interface DiffPart {
  text: string;
  /** Inside a changed line: this is the part that changed. */
  changed: boolean;
}
export type DiffRow =
  | { kind: 'same' | 'added' | 'removed'; parts: DiffPart[] }
  | { kind: 'folded'; lines: number };

export interface TextDiff {
  rows: DiffRow[];
  changed: boolean;
  /** The texts were too far apart to compare in time: rows show the new text whole. */
  gaveUp: boolean;
}

const LINE_DIFF_TIMEOUT_MS = 500;
/** Word-level marks only for lines short enough to compare quickly. */
const WORD_DIFF_MAX_CHARS = 4000;
// jsdiff's own word pattern knows Latin letters only; Intl's segmenter splits Russian into words.
const segmenter = new Intl.Segmenter('ru', { granularity: 'word' });

/** Words and marks, each with the spaces after it: both texts come back exactly, spaces included. */
function tokens(line: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(line)) {
    if (/^\s+$/.test(segment) && out.length > 0) out[out.length - 1] += segment;
    else out.push(segment);
  }
  return out;
}

function linesOf(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

const whole = (kind: 'same' | 'added' | 'removed', text: string): DiffRow => ({ kind, parts: [{ text, changed: false }] });

/** A removed line and the added line that replaced it, with the changed words marked in each. */
function pairRows(before: string, after: string): [DiffRow, DiffRow] {
  if (before.length + after.length > WORD_DIFF_MAX_CHARS) return [whole('removed', before), whole('added', after)];
  const [from, to] = [tokens(before), tokens(after)];
  // A word is the same whatever spaces follow it; each side then shows its own tokens, exactly.
  const words = diffArrays(from, to, { comparator: (x, y) => x.trimEnd() === y.trimEnd() });
  const removed: DiffPart[] = [];
  const added: DiffPart[] = [];
  let [i, j] = [0, 0];
  for (const w of words) {
    if (!w.added) removed.push({ text: from.slice(i, (i += w.count)).join(''), changed: w.removed });
    if (!w.removed) added.push({ text: to.slice(j, (j += w.count)).join(''), changed: w.added });
  }
  return [{ kind: 'removed', parts: removed }, { kind: 'added', parts: added }];
}

function changeRows(removed: string[], added: string[]): DiffRow[] {
  const pairs = Math.min(removed.length, added.length);
  const out: DiffRow[] = [];
  const paired = Array.from({ length: pairs }, (_, i) => pairRows(removed[i]!, added[i]!));
  out.push(...paired.map(([r]) => r), ...removed.slice(pairs).map((l) => whole('removed', l)));
  out.push(...paired.map(([, a]) => a), ...added.slice(pairs).map((l) => whole('added', l)));
  return out;
}

/** Keeps `context` unchanged lines around each change; longer unchanged runs fold. */
function fold(rows: DiffRow[], context: number): DiffRow[] {
  const out: DiffRow[] = [];
  let i = 0;
  while (i < rows.length) {
    if (rows[i]!.kind !== 'same') {
      out.push(rows[i++]!);
      continue;
    }
    let end = i;
    while (end < rows.length && rows[end]!.kind === 'same') end++;
    const keepBefore = i === 0 ? 0 : context;
    const keepAfter = end === rows.length ? 0 : context;
    const run = end - i;
    if (run > keepBefore + keepAfter + 1) {
      out.push(...rows.slice(i, i + keepBefore), { kind: 'folded', lines: run - keepBefore - keepAfter }, ...rows.slice(end - keepAfter, end));
    } else out.push(...rows.slice(i, end));
    i = end;
  }
  return out;
}

export function diffText(before: string, after: string, context = 2): TextDiff {
  // Each line ends in a newline, so the last line does not count as changed for the lack of one.
  const nl = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);
  const changes = diffLines(nl(before), nl(after), { timeout: LINE_DIFF_TIMEOUT_MS });
  if (!changes) return { rows: linesOf(after).map((l) => whole('same', l)), changed: before !== after, gaveUp: true };
  const rows: DiffRow[] = [];
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    if (!c.added && !c.removed) rows.push(...linesOf(c.value).map((l) => whole('same', l)));
    else if (c.removed && changes[i + 1]?.added) rows.push(...changeRows(linesOf(c.value), linesOf(changes[++i]!.value)));
    else rows.push(...(c.added ? changeRows([], linesOf(c.value)) : changeRows(linesOf(c.value), [])));
  }
  const changed = rows.some((r) => r.kind !== 'same');
  return { rows: changed ? fold(rows, context) : [], changed, gaveUp: false };
}
