// The Inbox's filters: whose (mine and the queue, mine, the shared queue, the team's, everything in
// this PC's copy — each with its count), channel, status, category, and a search over the
// customer's name, the address and the subject.
//
// The scopes are plain radio buttons and the pick-lists native selects: they are drawn every time
// the Inbox opens, and Mantine's Chip/Tooltip/Select took 90 ms of that (measured in the inbox
// bench), while these look alike and keep the platform's keyboard and screen-reader behaviour.
import { memo } from 'react';
import { Switch, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, CONVERSATION_STATUSES, type Channel, type ConversationStatus, type RequestCategory } from '../../../../contract/domain/conversation.ts';
import { ARTICLE_CATEGORIES } from '../../../../contract/domain/article.ts';
import { INBOX_SCOPES, type InboxScope } from '../../../../contract/inbox-ipc.ts';
import { setQueueNotificationsWanted, useQueueNotificationsWanted } from './inbox-notify-settings.ts';
import { InboxScopeChoice } from './InboxScopeChoice.tsx';

export interface InboxFilterState {
  scope: InboxScope;
  channel: Channel | null;
  status: ConversationStatus | null;
  category: RequestCategory | null;
  search: string;
}

export function InboxFilters({ value, onChange, counts }: {
  value: InboxFilterState;
  onChange: (next: InboxFilterState) => void;
  /** Rows per scope under the other filters; absent while the first page is on its way. */
  counts?: Partial<Record<InboxScope, number>>;
}) {
  return (
    <div data-testid="inbox-filters">
      <InboxScopeChoice value={value.scope} onChange={(scope) => onChange({ ...value, scope })} counts={counts} scopes={INBOX_SCOPES} />
      <InboxFilterFields value={value} onChange={onChange} />
    </div>
  );
}

/** The search, the pick-lists and the queue's notifications: not drawn again when only the counts change. */
const InboxFilterFields = memo(function InboxFilterFields({ value, onChange }: { value: InboxFilterState; onChange: (next: InboxFilterState) => void }) {
  const { t } = useTranslation();
  const queueNotices = useQueueNotificationsWanted();
  const set = <K extends keyof InboxFilterState>(k: K, v: InboxFilterState[K]) => onChange({ ...value, [k]: v });
  /** One of the three pick-lists (channel, status, category): the empty choice means any. */
  const filterSelect = <K extends 'channel' | 'status' | 'category'>(k: K, data: Array<{ value: NonNullable<InboxFilterState[K]>; label: string }>) => (
    <select
      className="pult-select"
      value={value[k] ?? ''}
      onChange={(e) => set(k, (e.currentTarget.value || null) as InboxFilterState[K])}
      aria-label={t(`inbox.filters.${k as 'channel'}`)} // i18next's typed keys cannot follow the generic
      data-testid={`inbox-filter-${k}`}
      data-chosen={value[k] ? true : undefined}
    >
      <option value="">{t(`inbox.filters.any.${k as 'channel'}`)}</option>
      {data.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
  return (
    <>
      <TextInput
        mt={6}
        size="xs"
        value={value.search}
        onChange={(e) => set('search', e.currentTarget.value)}
        // ↓ from the search goes on to the list, as in the customer search.
        onKeyDown={(e) => {
          if (e.key !== 'ArrowDown') return;
          e.preventDefault();
          document.querySelector<HTMLElement>('[data-testid="inbox-list"]')?.focus();
        }}
        placeholder={t('inbox.filters.searchPlaceholder')}
        aria-label={t('inbox.filters.search')}
        leftSection={<IconSearch size={14} aria-hidden />}
        maxLength={200}
        data-testid="inbox-search"
        data-section-focus
      />
      <div className="pult-inbox-selects">
        {filterSelect('channel', CHANNELS.map((c) => ({ value: c, label: t(`inbox.channel.${c}`) })))}
        {filterSelect('status', CONVERSATION_STATUSES.map((s) => ({ value: s, label: t(`inbox.status.${s}`) })))}
      </div>
      <div className="pult-inbox-selects">
        {filterSelect('category', ARTICLE_CATEGORIES.map((c) => ({ value: c, label: t(`kb.categories.${c}`) })))}
      </div>
      <Switch
        mt={6}
        size="xs"
        checked={queueNotices}
        onChange={(e) => setQueueNotificationsWanted(e.currentTarget.checked)}
        label={t('inboxNotify.queueToggle')}
        data-testid="inbox-notify-queue"
      />
    </>
  );
});
