// The Inbox's filters: whose (mine and the queue, mine, the shared queue, the team's, everything in
// this PC's copy — each with its count), channel, status, category, and a search over the
// customer's name, the address and the subject.
import { Chip, Group, Select, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, CONVERSATION_STATUSES, type Channel, type ConversationStatus, type RequestCategory } from '../../../../contract/domain/conversation.ts';
import { ARTICLE_CATEGORIES } from '../../../../contract/domain/article.ts';
import { INBOX_SCOPES, type InboxScope } from '../../../../contract/inbox-ipc.ts';
import { setQueueNotificationsWanted, useQueueNotificationsWanted } from './inbox-notify-settings.ts';

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
  const { t } = useTranslation();
  const queueNotices = useQueueNotificationsWanted();
  const set = <K extends keyof InboxFilterState>(k: K, v: InboxFilterState[K]) => onChange({ ...value, [k]: v });
  /** One of the three pick-lists (channel, status, category): empty means any. */
  const filterSelect = <K extends 'channel' | 'status' | 'category'>(k: K, data: Array<{ value: NonNullable<InboxFilterState[K]>; label: string }>) => {
    const label = t(`inbox.filters.${k as 'channel'}`); // i18next's typed keys cannot follow the generic
    return (
      <Select
        size="xs"
        value={value[k]}
        onChange={(v) => set(k, v as InboxFilterState[K])}
        placeholder={label}
        aria-label={label}
        clearable
        data={data}
        data-testid={`inbox-filter-${k}`}
      />
    );
  };
  return (
    <div data-testid="inbox-filters">
      {/* Chips rather than a segmented control: five scopes with their counts need two lines in the panel. */}
      <Chip.Group multiple={false} value={value.scope} onChange={(v) => set('scope', v as InboxScope)}>
        <Group gap={4} role="radiogroup" aria-label={t('inbox.scope.label')} data-testid="inbox-scope">
          {INBOX_SCOPES.map((scope) => (
            <Tooltip key={scope} label={t('inbox.scope.allHint')} disabled={scope !== 'all'} openDelay={400}>
              <Chip value={scope} size="xs" radius="sm" wrapperProps={{ 'data-testid': `inbox-scope-${scope}` }}>
                {t(`inbox.scope.${scope}`)}
                {counts?.[scope] !== undefined && (
                  <Text component="span" size="10px" c="dimmed" ml={4} data-testid={`inbox-scope-count-${scope}`}>
                    {counts[scope]}
                  </Text>
                )}
              </Chip>
            </Tooltip>
          ))}
        </Group>
      </Chip.Group>
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
      <Group mt={6} gap={6} grow wrap="nowrap">
        {filterSelect('channel', CHANNELS.map((c) => ({ value: c, label: t(`inbox.channel.${c}`) })))}
        {filterSelect('status', CONVERSATION_STATUSES.map((s) => ({ value: s, label: t(`inbox.status.${s}`) })))}
      </Group>
      <Group mt={6} gap={6} grow wrap="nowrap">
        {filterSelect('category', ARTICLE_CATEGORIES.map((c) => ({ value: c, label: t(`kb.categories.${c}`) })))}
      </Group>
      <Switch
        mt={6}
        size="xs"
        checked={queueNotices}
        onChange={(e) => setQueueNotificationsWanted(e.currentTarget.checked)}
        label={t('inboxNotify.queueToggle')}
        data-testid="inbox-notify-queue"
      />
    </div>
  );
}
