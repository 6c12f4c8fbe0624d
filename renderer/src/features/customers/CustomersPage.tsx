// Customers: one search box for a name, phone, account number or address, searched as you type in
// the local replica (the server only when the replica has nobody); the results on the left, the
// card beside them. Keyboard: the search field has focus; ↓/↑ move through the results, Enter
// opens one.
import { useState } from 'react';
import { Group, NavLink, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerSearchResult } from '../../../../contract/customers-ipc.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { CustomerCardView } from './CustomerCardView.tsx';
import { CustomerHitLine } from './CustomerHitLine.tsx';
import { useCustomerSearch } from './use-customers.ts';
import { useResultKeys } from '../../ui/use-result-keys.ts';
import { SectionSearchField } from '../../ui/SectionSearchField.tsx';

export function CustomersPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const search = useCustomerSearch(query);
  const hits = query.trim() ? (search.data?.results ?? []) : [];

  const { cursor, setCursor, onKeyDown: onKey } = useResultKeys(hits.map((h) => h.id), setSelected);

  return (
    <Stack gap="sm" h="calc(100vh - 180px)" data-testid="customers-page">
      <SectionSearchField
        testId="customers-search"
        label={t('customers.search')}
        placeholder={t('customers.searchPlaceholder')}
        maxLength={200}
        value={query}
        fetching={search.isFetching}
        onChange={(v) => {
          setQuery(v);
          setCursor(0);
        }}
        onKeyDown={onKey}
      />
      <Group align="stretch" gap="md" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <Paper withBorder w={400} style={{ flexShrink: 0 }}>
          <ScrollArea h="100%" type="auto">
            <Summary query={query} result={query.trim() ? search.data : undefined} error={search.error ? errorMessage(t, search.error) : null} />
            <Stack gap={0} role="listbox" aria-label={t('customers.results')} data-testid="customers-results">
              {hits.map((h, i) => (
                <NavLink
                  key={h.id}
                  role="option"
                  aria-selected={h.id === selected}
                  data-testid="customer-hit"
                  data-source={h.source}
                  active={h.id === selected || i === cursor}
                  variant="light"
                  onClick={() => {
                    setSelected(h.id);
                    setCursor(i);
                  }}
                  label={<CustomerHitLine hit={h} />}
                />
              ))}
            </Stack>
          </ScrollArea>
        </Paper>
        <div style={{ flex: 1, minWidth: 0 }}>
          <CustomerCardView id={selected} />
        </div>
      </Group>
    </Stack>
  );
}

function Summary({ query, result, error }: { query: string; result: CustomerSearchResult | undefined; error: string | null }) {
  const { t } = useTranslation();
  let text: string;
  let warn = false;
  if (error) text = error;
  else if (!query.trim()) text = t('customers.typeToSearch');
  else if (!result) text = t('app.loading');
  else if (result.offline) {
    text = t('customers.offline');
    warn = true;
  } else if (result.results.length === 0) text = result.askedServer ? t('customers.nothingAnywhere') : t('customers.nothingLocal');
  else if (result.askedServer) text = t('customers.foundOnServer', { count: result.results.length });
  else text = t('customers.found', { count: result.results.length });
  return (
    <Text
      size="xs"
      c={error ? 'red' : warn ? 'orange.8' : 'dimmed'}
      px="sm"
      py={6}
      data-testid="customers-summary"
      data-offline={result?.offline ? 'true' : undefined}
      role="status"
    >
      {text}
    </Text>
  );
}
