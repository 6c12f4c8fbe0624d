// A short passage of the article's plain text around the best cluster of hits, as segments
// ({ text, hit }) the UI can render without HTML. The passage is chosen in JS from the original
// text, not with FTS5's snippet(): the FTS table holds stems («роутер»), and the operator must
// read the article's own words («роутера»). Which words are hits is decided by the caller with the
// same terms the index holds (word-hits.ts), so what is marked is exactly what was found.
import type { Word } from './tokenize.ts';
import type { SnippetSegment } from './types.ts';

/** About two lines in the result list. */
export const WINDOW_WORDS = 24;
const MAX_CHARS = 240;
/** Words shown before the first hit, for context. */
const LEAD_WORDS = 4;
/** Candidate windows considered in a long article (one per hit). */
const MAX_WINDOWS = 200;

/**
 * The first word of the best window: the one with the most distinct query terms, then the most
 * hits, then the earliest. `which`: per word of the text, the query term it matches or -1.
 */
export function bestWindow(which: ArrayLike<number>): number {
  let best = { start: 0, score: -1 };
  let tried = 0;
  for (let h = 0; h < which.length && tried < MAX_WINDOWS; h++) {
    if (which[h]! < 0) continue;
    tried++;
    const start = Math.max(0, h - LEAD_WORDS);
    const end = Math.min(which.length, start + WINDOW_WORDS);
    const distinct = new Set<number>();
    let hits = 0;
    for (let i = start; i < end; i++) {
      if (which[i]! < 0) continue;
      distinct.add(which[i]!);
      hits++;
    }
    const score = distinct.size * 1000 + hits;
    if (score > best.score) best = { start, score };
  }
  return best.start;
}

/**
 * The segments of the window that starts at word `start`. `all` holds the text's words at least up
 * to the window's end; `total` is how many words the whole text has (for the closing ellipsis).
 */
export function cutSnippet(text: string, all: readonly Word[], which: ArrayLike<number>, start: number, total: number): SnippetSegment[] {
  if (all.length === 0 || start >= all.length) return text.trim() ? [{ text: collapse(text.slice(0, MAX_CHARS)).trim(), hit: false }] : [];
  const segments: SnippetSegment[] = [];
  const push = (s: string, hit: boolean) => {
    if (!s) return;
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) last.text += s;
    else segments.push({ text: s, hit });
  };

  const first = all[start]!;
  if (start > 0) push('… ', false);
  // From the text's very start if the window is there (keeps an opening «quote»).
  let at = start === 0 ? 0 : first.start;
  let i = start;
  for (; i < all.length && i < start + WINDOW_WORDS; i++) {
    const w = all[i]!;
    if (w.end - first.start > MAX_CHARS && i > start) break;
    const gap = collapse(text.slice(at, w.start));
    push(i === start ? gap.trimStart() : gap, false);
    push(text.slice(w.start, Math.min(w.end, w.start + MAX_CHARS)), (which[i] ?? -1) >= 0);
    at = w.end;
  }
  if (i < total) push(' …', false);
  else push(collapse(text.slice(at)).trimEnd(), false);
  return segments;
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ');
