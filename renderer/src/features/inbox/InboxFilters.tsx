// The Inbox's filters: mine or everything in this PC's copy, channel, status, category, and a
// search over the customer's name, the address and the subject.
import { Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, CONVERSATION_STATUSES, type Channel, type ConversationStatus, type RequestCategory } from '../../../../contract/domain/conversation.ts';
import { ARTICLE_CATEGORIES } from '../../../../contract/domain/article.ts';
import type { InboxScope } from '../../../../contract/inbox-ipc.ts';

export interface InboxFilterState {
  scope: InboxScope;
  channel: Channel | null;
  status: ConversationStatus | null;
  category: RequestCategory | null;
  search: string;
}

export function InboxFilters({ value, onChange }: { value: InboxFilterState; onChange: (next: InboxFilterState) => void }) {
  const { t } = useTranslation();
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
      <SegmentedControl
        fullWidth
        size="xs"
        value={value.scope}
        onChange={(v) => set('scope', v as InboxScope)}
        aria-label={t('inbox.scope.label')}
        data={[
          { value: 'mine', label: t('inbox.scope.mine') },
          { value: 'all', label: t('inbox.scope.all') },
        ]}
        data-testid="inbox-scope"
      />
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
    </div>
  );
}
