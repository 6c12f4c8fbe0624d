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
        <Select
          size="xs"
          value={value.channel}
          onChange={(v) => set('channel', v as Channel | null)}
          placeholder={t('inbox.filters.channel')}
          aria-label={t('inbox.filters.channel')}
          clearable
          data={CHANNELS.map((c) => ({ value: c, label: t(`inbox.channel.${c}`) }))}
          data-testid="inbox-filter-channel"
        />
        <Select
          size="xs"
          value={value.status}
          onChange={(v) => set('status', v as ConversationStatus | null)}
          placeholder={t('inbox.filters.status')}
          aria-label={t('inbox.filters.status')}
          clearable
          data={CONVERSATION_STATUSES.map((s) => ({ value: s, label: t(`inbox.status.${s}`) }))}
          data-testid="inbox-filter-status"
        />
      </Group>
      <Group mt={6} gap={6} grow wrap="nowrap">
        <Select
          size="xs"
          value={value.category}
          onChange={(v) => set('category', v as RequestCategory | null)}
          placeholder={t('inbox.filters.category')}
          aria-label={t('inbox.filters.category')}
          clearable
          data={ARTICLE_CATEGORIES.map((c) => ({ value: c, label: t(`kb.categories.${c}`) }))}
          data-testid="inbox-filter-category"
        />
      </Group>
    </div>
  );
}
