// Two texts compared (text-diff.ts) as lines with +/− markers; inside a changed line the changed
// words are <ins>/<del>. A screen reader hears "added:" or "removed:" before each changed line.
import { VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DiffRow, TextDiff } from './text-diff.ts';
import './kb.css';

const MARKER = { same: ' ', added: '+', removed: '−' } as const;

export function DiffView({ diff }: { diff: TextDiff }) {
  const { t } = useTranslation();
  return (
    <div className="pult-diff" data-testid="kb-diff">
      {diff.rows.map((row, i) => (
        <Row key={i} row={row} />
      ))}
      {diff.gaveUp && <div className="pult-diff-row pult-diff-folded">{t('kb.history.gaveUp')}</div>}
    </div>
  );
}

function Row({ row }: { row: DiffRow }) {
  const { t } = useTranslation();
  if (row.kind === 'folded') return <div className="pult-diff-row pult-diff-folded">{t('kb.history.folded', { count: row.lines })}</div>;
  const Mark = row.kind === 'added' ? 'ins' : 'del';
  return (
    <div className={`pult-diff-row pult-diff-${row.kind}`} data-kind={row.kind}>
      <span className="pult-diff-marker" aria-hidden>
        {MARKER[row.kind]}
      </span>
      <span>
        {row.kind !== 'same' && <VisuallyHidden>{t(`kb.history.${row.kind}`)} </VisuallyHidden>}
        {row.parts.map((p, j) => (p.changed && row.kind !== 'same' ? <Mark key={j}>{p.text}</Mark> : <span key={j}>{p.text}</span>))}
      </span>
    </div>
  );
}
