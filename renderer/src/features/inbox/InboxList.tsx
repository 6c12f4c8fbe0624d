// The Inbox list, virtualised (@tanstack/react-virtual): only the rows in view (and a few around)
// are in the DOM, and only their pages are read from the replica, so 100 000 conversations scroll
// like 50. Keyboard: ↑/↓ (PageUp/PageDown, Home/End) move the cursor, Enter opens its conversation.
import { useRef, useState, type KeyboardEvent } from 'react';
import { Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { InboxRow } from '../../../../contract/inbox-ipc.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import type { InboxFilterState } from './InboxFilters.tsx';
import { INBOX_ROW_HEIGHT, InboxRowView, useRowWords } from './InboxRowView.tsx';
import { useInboxWindow } from './use-inbox.ts';
import { observeScrollerSize } from './observe-scroller-size.ts';
import { scrollWithoutFirstWrite } from './scroll-without-first-write.ts';
import { useSession } from '../../api/hooks.ts';

const OVERSCAN = 6;

const counts = new Map<string, Intl.NumberFormat>();
const formatCount = (n: number, language: string) => {
  let f = counts.get(language);
  if (!f) counts.set(language, (f = new Intl.NumberFormat(language === 'ru' ? 'ru-RU' : 'en-GB')));
  return f.format(n);
};

export function InboxList({ filter, selectedId, onOpen }: { filter: InboxFilterState; selectedId: string | null; onOpen: (row: InboxRow) => void }) {
  const { t, i18n } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState({ first: 0, last: 20 });
  const [cursor, setCursor] = useState(0);
  const [scrollToFn] = useState(scrollWithoutFirstWrite);
  const words = useRowWords();
  const list = useInboxWindow(filter, range.first, range.last);
  const me = useSession().data?.agent.id ?? null;
  const count = list.total ?? 0;
  // eslint-disable-next-line react-hooks/incompatible-library -- read afresh every render; nothing here memoises its functions
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => INBOX_ROW_HEIGHT,
    overscan: OVERSCAN,
    // Rows in the first draw, before the scroller is measured (a screen's worth; corrected at once).
    initialRect: { width: 320, height: INBOX_ROW_HEIGHT * 8 },
    observeElementRect: observeScrollerSize,
    scrollToFn,
    onChange: (v) => {
      const items = v.getVirtualItems();
      const first = items[0]?.index ?? 0;
      const last = items.at(-1)?.index ?? 0;
      setRange((r) => (r.first === first && r.last === last ? r : { first, last }));
    },
  });

  const moveTo = (index: number) => {
    const next = Math.min(Math.max(index, 0), count - 1);
    if (next < 0) return;
    setCursor(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const perPage = Math.max(1, Math.floor((scroller.current?.clientHeight ?? INBOX_ROW_HEIGHT * 8) / INBOX_ROW_HEIGHT) - 1);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowDown: cursor + 1, ArrowUp: cursor - 1, PageDown: cursor + perPage, PageUp: cursor - perPage, Home: 0, End: count - 1 };
    if (e.key in moves) {
      e.preventDefault();
      moveTo(moves[e.key]!);
    } else if (e.key === 'Enter') {
      const row = list.rowAt(cursor);
      if (row) {
        e.preventDefault();
        onOpen(row);
      }
    }
  };

  if (list.error && list.total === null) {
    return <Text c="red" size="sm" p="sm" role="alert">{t('inbox.listFailed', { reason: errorMessage(t, list.error) })}</Text>;
  }
  const empty = list.total === 0;
  return (
    <>
      <Text size="xs" c="dimmed" px="sm" py={4} data-testid="inbox-count" aria-live="polite">
        {list.total === null ? t('app.loading') : t('inbox.count', { count: list.total, n: formatCount(list.total, i18n.language) })}
      </Text>
      {empty && (
        <Text size="sm" c="dimmed" p="sm" data-testid="inbox-empty">
          {filter.scope === 'mine' && !filter.channel && !filter.status && !filter.category && !filter.search.trim() ? t('inbox.emptyMine') : t('inbox.empty')}
        </Text>
      )}
      <div
        ref={scroller}
        className="pult-inbox-scroller"
        tabIndex={0}
        role="listbox"
        aria-label={`${t('inbox.listLabel')}. ${t('inbox.keyboardHint')}`}
        aria-activedescendant={count > 0 ? `inbox-option-${cursor}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="inbox-list"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = list.rowAt(item.index);
            return (
              <div
                key={item.key}
                id={`inbox-option-${item.index}`}
                role="option"
                aria-selected={row ? row.id === selectedId : false}
                aria-posinset={item.index + 1}
                aria-setsize={count}
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: item.size, transform: `translateY(${item.start}px)` }}
                onClick={() => {
                  setCursor(item.index);
                  if (row) onOpen(row);
                }}
              >
                {row ? (
                  <InboxRowView row={row} active={item.index === cursor} selected={row.id === selectedId} me={me} words={words} />
                ) : (
                  <div className="pult-inbox-row" data-testid="inbox-row-loading" style={{ height: INBOX_ROW_HEIGHT }}>
                    <span className="pult-inbox-row-time">{t('inbox.loadingRow')}</span>
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
