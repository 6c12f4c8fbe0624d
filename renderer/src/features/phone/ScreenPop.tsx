// The screen pop: while a call rings (and during it), the caller's customer card — found by the
// caller's number in the replica, else on the server — with their open requests on top. A number
// nobody has says so; an internal extension is a colleague.
import { Alert, Badge, Group, Loader, Stack, Text } from '@mantine/core';
import { IconUserQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CustomerCardView } from '../customers/CustomerCardView.tsx';
import { useCustomerCard } from '../customers/use-customers.ts';
import { callNumberText } from './call-format.ts';
import { isPhoneNumber } from './caller-number.ts';
import type { PhoneCall } from './phone-store.ts';
import { ProspectEntry } from './ProspectForm.tsx';

export function ScreenPop({ call }: { call: PhoneCall }) {
  const { t } = useTranslation();
  const { lookup, facts } = call;
  const number = callNumberText(facts.number);
  if (facts.customerId) {
    return (
      <Stack gap="xs" data-testid="screen-pop" data-state="found" h="100%">
        <OpenRequests customerId={facts.customerId} />
        <div style={{ flex: 1, minHeight: 0 }}>
          <CustomerCardView id={facts.customerId} />
        </div>
      </Stack>
    );
  }
  if (lookup === 'pending') {
    return (
      <Group gap="xs" p="md" data-testid="screen-pop" data-state="pending">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          {t('phone.pop.searching', { number })}
        </Text>
      </Group>
    );
  }
  if (!isPhoneNumber(facts.number)) {
    return (
      <Text size="sm" c="dimmed" p="md" data-testid="screen-pop" data-state="extension">
        {t('phone.pop.extension', { number })}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      <Alert
        variant="light"
        color={lookup === 'failed' ? 'red' : 'gray'}
        icon={<IconUserQuestion size={18} />}
        data-testid="screen-pop"
        data-state={lookup === 'failed' ? 'failed' : 'unknown'}
        title={lookup === 'failed' ? t('phone.pop.failed') : t('phone.pop.unknown', { number })}
      >
        {t('phone.pop.unknownHint')}
      </Alert>
      {/* A new caller may want to get connected: the request is taken right here. */}
      <ProspectEntry key={facts.callId} callId={facts.callId} number={facts.number} />
    </Stack>
  );
}

/** Requests of this customer still open (new, in progress, waiting for the customer). */
function OpenRequests({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const card = useCustomerCard(customerId);
  const open = (card.data?.card?.conversations ?? []).filter((c) => c.status !== 'resolved');
  if (!card.data?.card) return null;
  return (
    <Group gap="xs" data-testid="screen-pop-open-requests" data-count={open.length}>
      <Text size="sm" fw={500}>
        {open.length ? t('phone.pop.openRequests', { count: open.length }) : t('phone.pop.noOpenRequests')}
      </Text>
      {open.slice(0, 3).map((c) => (
        <Badge key={c.id} variant="light" color="yellow" size="sm">
          {c.subject ?? (c.category ? t(`kb.categories.${c.category}`) : t('customers.noSubject'))}
        </Badge>
      ))}
    </Group>
  );
}
