// Who is on the line: the customer's name when the screen pop found them (else the caller's SIP
// display name), the number, and the call's topic — the IVR choice the PBX sent.
import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCustomerCard } from '../customers/use-customers.ts';
import { callNumberText } from './call-format.ts';
import type { PhoneCall } from './phone-store.ts';

export function CallParty({ call }: { call: PhoneCall }) {
  const { t } = useTranslation();
  const card = useCustomerCard(call.facts.customerId);
  const name = card.data?.card?.customer.fullName ?? call.snapshot.remoteName ?? null;
  return (
    <Stack gap={2}>
      {name && (
        <Text fw={700} size="lg" data-testid="call-party-name" lineClamp={2}>
          {name}
        </Text>
      )}
      <Text size={name ? 'sm' : 'lg'} fw={name ? 400 : 700} c={name ? 'dimmed' : undefined} data-testid="call-party-number" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {callNumberText(call.facts.number)}
      </Text>
      {call.facts.ivrChoice && (
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            {t('phone.call.topic')}
          </Text>
          <Badge variant="light" color="violet" data-testid="call-topic">
            {call.facts.ivrChoice}
          </Badge>
        </Group>
      )}
    </Stack>
  );
}
