// The Inbox: one list of the conversations in this PC's copy across every channel (phone calls
// included) with its filters on the left, the open conversation in the middle and the customer's
// card on the right (or a search to link one by hand). The search waits for a pause in typing
// before it asks the replica.
//
// It opens on "mine and the queue": what a first-line operator works on is their own conversations
// and whatever waits for anyone — new chats and letters nobody took — in one list, so new work is
// not out of sight while they answer their own; "mine", "queue", "team" and "all" narrow or widen it.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { InboxRow } from '../../../../contract/inbox-ipc.ts';
import { useConversation } from '../conversations/use-conversations.ts';
import { CustomerCardView } from '../customers/CustomerCardView.tsx';
import { ConversationView } from './ConversationView.tsx';
import { InboxFilters, type InboxFilterState } from './InboxFilters.tsx';
import { InboxList } from './InboxList.tsx';
import { LinkCustomer } from './LinkCustomer.tsx';
import { onOpenRequest, setConversationOnScreen } from './inbox-open-request.ts';
import { INBOX_OPENING_FILTER, useInboxScopeCounts } from './use-inbox.ts';
import './inbox.css';

const SEARCH_PAUSE_MS = 250;

export function InboxPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<InboxFilterState>(INBOX_OPENING_FILTER);
  const [search] = useDebouncedValue(filter.search, SEARCH_PAUSE_MS);
  const [open, setOpen] = useState<Pick<InboxRow, 'id' | 'customerId' | 'externalAddress'> | null>(null);
  const applied = { ...filter, search: search.trim() };
  const counts = useInboxScopeCounts(applied);
  // A notification's click: that conversation, whatever the list shows.
  useEffect(() => onOpenRequest(setOpen), []);
  useEffect(() => {
    setConversationOnScreen(open?.id ?? null);
    return () => setConversationOnScreen(null);
  }, [open?.id]);
  return (
    <Group align="stretch" gap="sm" wrap="nowrap" h="calc(100vh - 170px)" data-testid="inbox-page">
      <Paper withBorder w={340} p={6} style={{ flexShrink: 0, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <InboxFilters value={filter} onChange={setFilter} counts={counts} />
        {/* A new filter is a new list: cursor and scroll start at the top. */}
        <InboxList key={JSON.stringify(applied)} filter={applied} selectedId={open?.id ?? null} onOpen={setOpen} />
      </Paper>
      <Paper withBorder p="sm" style={{ flex: 1, minWidth: 0 }}>
        {/* A native scroller: Mantine's ScrollArea is a dozen components drawn each time the Inbox opens. */}
        <div className="pult-scroll-y">
          {open ? <ConversationView key={open.id} id={open.id} /> : <Text c="dimmed" size="sm" data-testid="inbox-pick">{t('inbox.pick')}</Text>}
        </div>
      </Paper>
      {open && (
        <div style={{ width: 330, flexShrink: 0, minHeight: 0 }} aria-label={t('inbox.customerCard')}>
          <ScrollArea h="100%" type="auto">
            <ConversationCustomer key={open.id} open={open} />
          </ScrollArea>
        </div>
      )}
    </Group>
  );
}

/**
 * The customer beside the conversation: as the replica's row says now (a link made by hand shows at
 * once), else as the list row said; with a search to link one when there is none, or another.
 */
function ConversationCustomer({ open }: { open: Pick<InboxRow, 'id' | 'customerId' | 'externalAddress'> }) {
  const { t } = useTranslation();
  const thread = useConversation(open.id);
  const [changing, setChanging] = useState(false);
  const customerId = thread.data ? thread.data.conversation.customerId : open.customerId;
  if (!customerId) {
    return (
      <Stack gap="sm">
        <Alert variant="light" color="gray" data-testid="inbox-unknown-customer">{t('inbox.unknownCustomer', { address: open.externalAddress })}</Alert>
        <LinkCustomer conversationId={open.id} />
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      {changing && <LinkCustomer conversationId={open.id} onDone={() => setChanging(false)} />}
      <CustomerCardView id={customerId} />
      {!changing && (
        <Button size="xs" variant="subtle" color="gray" leftSection={<IconLink size={14} />} onClick={() => setChanging(true)} title={t('inbox.link.changeHint')} data-testid="link-customer-change">
          {t('inbox.link.change')}
        </Button>
      )}
    </Stack>
  );
}
