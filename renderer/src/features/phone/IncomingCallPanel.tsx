// A call ringing here: who (with the screen pop beside it), Answer and Decline (486: the PBX tries
// a colleague).
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPhoneIncoming, IconPhoneOff, IconPhone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CallParty } from './CallParty.tsx';
import { AutoAnswerCountdown } from './incoming-countdown.tsx';
import { usePhoneStore } from './PhoneProvider.tsx';
import type { PhoneCall } from './phone-store.ts';

export function IncomingCallPanel({ call }: { call: PhoneCall }) {
  const { t } = useTranslation();
  const store = usePhoneStore();
  const answering = call.snapshot.status === 'answering';
  return (
    <Paper withBorder p="md" data-testid="incoming-call" className="pult-ringing" role="alert" aria-live="assertive">
      <Stack gap="md">
        <Group gap="xs">
          <IconPhoneIncoming size={18} color="var(--mantine-color-teal-6)" aria-hidden />
          <Text fw={600}>{t('phone.call.incoming')}</Text>
        </Group>
        <CallParty call={call} />
        <AutoAnswerCountdown sipId={call.snapshot.id} />
        <Group gap="sm" grow>
          <Button color="teal" size="md" data-testid="call-answer" loading={answering} leftSection={<IconPhone size={18} aria-hidden />} onClick={() => store.act(call.snapshot.id, 'answer')}>
            {t('phone.call.answer')}
          </Button>
          <Button color="red" variant="light" size="md" data-testid="call-decline" disabled={answering} leftSection={<IconPhoneOff size={18} aria-hidden />} onClick={() => store.act(call.snapshot.id, 'decline')}>
            {t('phone.call.decline')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
