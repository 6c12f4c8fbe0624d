// Linking a conversation to its customer by hand, beside the conversation: when the sender's
// address matched nobody (or the wrong customer). A search as in the Customers section (the replica
// first, then the server), a click on the right one, and the link is queued like any conversation
// action: the card appears at once (the replica's row is patched), offline too, and the server
// refusing it (not the assignee, say) is shown in the conversation's toolbar.
import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconLink, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { addressLine, formatPhone } from '../customers/format.ts';
import { useCustomerSearch } from '../customers/use-customers.ts';
import { useConversationAction } from './use-conversation-actions.ts';

const SHOWN = 6;

export function LinkCustomer({ conversationId, onDone }: { conversationId: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const search = useCustomerSearch(query);
  const action = useConversationAction();
  const results = query.trim() ? (search.data?.results ?? []).slice(0, SHOWN) : [];
  const link = (customerId: string) =>
    action.mutate({ action: 'conversation.linkCustomer', args: { conversationId, customerId } }, { onSuccess: () => onDone?.() });
  return (
    <Paper withBorder p="sm" data-testid="link-customer">
      <Group gap={6} mb={4} wrap="nowrap">
        <IconLink size={16} aria-hidden />
        <Text size="sm" fw={600}>{t('inbox.link.title')}</Text>
      </Group>
      <Text size="xs" c="dimmed" mb={6}>{t('inbox.link.hint')}</Text>
      <TextInput
        size="xs"
        leftSection={<IconSearch size={14} />}
        placeholder={t('inbox.link.search')}
        aria-label={t('inbox.link.search')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        data-testid="link-customer-search"
        autoFocus
      />
      <Stack gap={4} mt={6}>
        {results.map((c) => (
          <UnstyledButton
            key={c.id}
            className="pult-link-customer-hit"
            onClick={() => link(c.id)}
            disabled={action.isPending}
            aria-label={t('inbox.link.chooseNamed', { name: c.fullName })}
            data-testid="link-customer-hit"
            data-id={c.id}
          >
            <Text size="sm" fw={500} truncate>{c.fullName}</Text>
            <Text size="xs" c="dimmed" truncate>
              {[c.accountNumber, c.phone ? formatPhone(c.phone) : null, addressLine(t, c.address)].filter(Boolean).join(' · ')}
            </Text>
          </UnstyledButton>
        ))}
        {query.trim() && search.data && results.length === 0 && (
          <Text size="xs" c="dimmed" data-testid="link-customer-nothing">{search.data.offline ? t('inbox.link.offline') : t('inbox.link.nothing')}</Text>
        )}
      </Stack>
      {onDone && (
        <Group justify="flex-end" mt={6}>
          <Button size="xs" variant="subtle" color="gray" onClick={onDone}>{t('inbox.link.cancel')}</Button>
        </Group>
      )}
    </Paper>
  );
}
