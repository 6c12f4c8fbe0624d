// Whose conversations the list shows, as a row of chips (five scopes with their counts need two
// lines in the panel): a radio group of plain buttons. ←/→ move between them as in any radio group.
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxScope } from '../../../../contract/inbox-ipc.ts';

export function InboxScopeChoice({ value, onChange, counts, scopes }: {
  value: InboxScope;
  onChange: (scope: InboxScope) => void;
  counts?: Partial<Record<InboxScope, number>>;
  scopes: readonly InboxScope[];
}) {
  const { t } = useTranslation();
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = scopes[(scopes.indexOf(value) + step + scopes.length) % scopes.length]!;
    onChange(next);
    e.currentTarget.querySelector<HTMLElement>(`[data-scope="${next}"]`)?.focus();
  };
  return (
    <div className="pult-scope-chips" role="radiogroup" aria-label={t('inbox.scope.label')} data-testid="inbox-scope" onKeyDown={onKeyDown}>
      {scopes.map((scope) => {
        const checked = scope === value;
        return (
          <button
            key={scope}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={checked ? 0 : -1}
            className="pult-scope-chip"
            data-scope={scope}
            data-checked={checked || undefined}
            title={scope === 'all' ? t('inbox.scope.allHint') : undefined}
            onClick={() => onChange(scope)}
            data-testid={`inbox-scope-${scope}`}
          >
            {t(`inbox.scope.${scope}`)}
            {counts?.[scope] !== undefined && (
              <span className="pult-scope-count" data-testid={`inbox-scope-count-${scope}`}>
                {counts[scope]}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
