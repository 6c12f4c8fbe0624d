// The history's comparison of two article texts: changed lines as −/+ pairs with the changed words
// marked (Russian words whole, not letter by letter), unchanged stretches folded, nothing for equal texts.
import { describe, expect, it } from 'vitest';
import { diffText, type DiffRow } from '../../../renderer/src/features/kb/text-diff.ts';

const marked = (row: DiffRow | undefined) => (row && 'parts' in row ? row.parts.filter((p) => p.changed).map((p) => p.text.trim()) : []);
const text = (row: DiffRow | undefined) => (row && 'parts' in row ? row.parts.map((p) => p.text).join('') : '');

describe('diffText', () => {
  it('pairs a changed line as removed then added, marking whole Russian words', () => {
    const d = diffText('# Оплата\n\nКомиссия 2% при оплате картой.', '# Оплата\n\nКомиссия 0% при оплате картой банка.');
    expect(d.changed).toBe(true);
    const kinds = d.rows.map((r) => r.kind);
    expect(kinds).toEqual(['same', 'same', 'removed', 'added']);
    expect(text(d.rows[2])).toBe('Комиссия 2% при оплате картой.');
    expect(text(d.rows[3])).toBe('Комиссия 0% при оплате картой банка.');
    expect(marked(d.rows[2])).toEqual(['2']);
    expect(marked(d.rows[3])).toEqual(['0', 'банка']);
  });

  it('shows added and removed lines whole, without pairing', () => {
    const d = diffText('Первый шаг\nВторой шаг', 'Первый шаг\nВторой шаг\nТретий шаг');
    expect(d.rows.map((r) => r.kind)).toEqual(['same', 'same', 'added']);
    expect(text(d.rows[2])).toBe('Третий шаг');
    const gone = diffText('a\nb\nc', 'a\nc');
    expect(gone.rows.map((r) => r.kind)).toEqual(['same', 'removed', 'same']);
  });

  it('folds a long unchanged stretch, keeping two lines of context on each side', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `Строка ${i + 1}`);
    const after = [...lines];
    after[20] = 'Строка двадцать один';
    const d = diffText(lines.join('\n'), after.join('\n'));
    expect(d.rows[0]).toEqual({ kind: 'folded', lines: 18 });
    expect(d.rows.map((r) => r.kind)).toEqual(['folded', 'same', 'same', 'removed', 'added', 'same', 'same', 'folded']);
    expect(d.rows.at(-1)).toEqual({ kind: 'folded', lines: 7 });
  });

  it('has no rows for equal texts', () => {
    expect(diffText('Текст', 'Текст')).toEqual({ rows: [], changed: false, gaveUp: false });
  });
});
