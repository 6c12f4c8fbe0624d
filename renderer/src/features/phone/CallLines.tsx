// Two lines at once (a consultation, a second call out): each line with who and how it stands;
// «Переключиться» puts the current line on hold and takes the other one back.
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCustomerCard } from '../customers/use-customers.ts';
import { callNumberText, durationText } from './call-format.ts';
import { usePhoneStore } from './PhoneProvider.tsx';
import type { PhoneCall } from './phone-store.ts';
import { useTicker } from './use-ticker.ts';

export function CallLines({ calls, focusedId }: { calls: PhoneCall[]; focusedId: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xs" data-testid="call-lines" data-count={calls.length}>
      <Stack gap={6}>
        <Text size="xs" c="dimmed" fw={500}>
          {t('phone.lines.title')}
        </Text>
        {calls.map((c, i) => (
          <Line key={c.snapshot.id} call={c} index={i + 1} focused={c.snapshot.id === focusedId} />
        ))}
      </Stack>
    </Paper>
  );
}

function Line({ call, index, focused }: { call: PhoneCall; index: number; focused: boolean }) {
  const { t } = useTranslation();
  const store = usePhoneStore();
  const s = call.snapshot;
  const card = useCustomerCard(call.facts.customerId);
  const name = card.data?.card?.customer.fullName ?? s.remoteName ?? callNumberText(call.facts.number);
  const now = useTicker(s.status === 'confirmed');
  const state = s.conference ? 'conference' : s.held ? 'held' : s.status === 'confirmed' ? 'talking' : 'calling';
  return (
    <Group gap="xs" wrap="nowrap" data-testid={`call-line-${index}`} data-state={state} data-focused={focused}>
      <Badge variant={focused ? 'filled' : 'light'} color="gray" size="sm" style={{ flexShrink: 0 }}>
        {index}
      </Badge>
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" fw={focused ? 600 : 400} truncate>
          {name}
        </Text>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" fw={500} c={state === 'held' ? 'orange' : state === 'calling' ? 'yellow.8' : 'teal'}>
            {t(`phone.lines.state.${state}`)}
          </Text>
          {s.confirmedAt !== undefined && (
            <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {durationText(now - s.confirmedAt)}
            </Text>
          )}
        </Group>
      </Stack>
      {s.held && !s.conference && (
        <Button size="compact-sm" variant="light" style={{ flexShrink: 0 }} data-testid={`call-line-${index}-swap`} leftSection={<IconArrowsExchange size={14} aria-hidden />} onClick={() => store.swap(s.id)}>
          {t('phone.lines.swap')}
        </Button>
      )}
    </Group>
  );
}
