// A call in progress (or being set up): who, its state and timer, hold/resume, mute, a DTMF keypad
// (for the far end's IVR), transfer and conference (TransferControls), and hang up.
import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconDialpad, IconMicrophone, IconMicrophoneOff, IconPhoneOff, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CallParty } from './CallParty.tsx';
import { CallQuality } from './CallQuality.tsx';
import { DialPad } from './DialPad.tsx';
import { TransferControls } from './TransferControls.tsx';
import { durationText } from './call-format.ts';
import { usePhoneStore } from './PhoneProvider.tsx';
import type { PhoneCall } from './phone-store.ts';
import { useTicker } from './use-ticker.ts';

export function ActiveCallPanel({ call, other = null }: { call: PhoneCall; other?: PhoneCall | null }) {
  const { t } = useTranslation();
  const store = usePhoneStore();
  const [keypad, setKeypad] = useState(false);
  const [sent, setSent] = useState('');
  const s = call.snapshot;
  const confirmed = s.status === 'confirmed';
  const now = useTicker(confirmed);
  const act = (a: Parameters<typeof store.act>[1]) => store.act(s.id, a);
  const statusText = confirmed ? (s.held ? t('phone.call.onHold') : s.remoteHeld ? t('phone.call.remoteHold') : t('phone.call.connected')) : t(`phone.call.status.${s.status}`);

  return (
    <Paper withBorder p="md" data-testid="active-call" data-status={s.status}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div style={{ flex: 1, minWidth: 0 }}>
            <CallParty call={call} />
          </div>
          <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
            <Badge color={confirmed ? (s.held ? 'orange' : 'teal') : 'yellow'} variant="light" data-testid="call-status">
              {statusText}
            </Badge>
            {confirmed && <CallQuality sipId={s.id} active={!s.held && !s.remoteHeld} />}
            {confirmed && s.confirmedAt !== undefined && (
              <Text size="xl" fw={600} data-testid="call-timer" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {durationText(now - s.confirmedAt)}
              </Text>
            )}
          </Stack>
        </Group>
        <Group gap="xs">
          <Button
            variant={s.held ? 'filled' : 'default'}
            color={s.held ? 'orange' : undefined}
            data-testid="call-hold"
            aria-pressed={s.held}
            disabled={!confirmed}
            leftSection={s.held ? <IconPlayerPlay size={16} aria-hidden /> : <IconPlayerPause size={16} aria-hidden />}
            onClick={() => act(s.held ? 'resume' : 'hold')}
          >
            {s.held ? t('phone.call.resume') : t('phone.call.hold')}
          </Button>
          <Button
            variant={s.muted ? 'filled' : 'default'}
            color={s.muted ? 'orange' : undefined}
            data-testid="call-mute"
            aria-pressed={s.muted}
            disabled={!confirmed}
            leftSection={s.muted ? <IconMicrophoneOff size={16} aria-hidden /> : <IconMicrophone size={16} aria-hidden />}
            onClick={() => act(s.muted ? 'unmute' : 'mute')}
          >
            {s.muted ? t('phone.call.unmute') : t('phone.call.mute')}
          </Button>
          <Button variant={keypad ? 'light' : 'default'} data-testid="call-keypad" aria-expanded={keypad} disabled={!confirmed} leftSection={<IconDialpad size={16} aria-hidden />} onClick={() => setKeypad((k) => !k)}>
            {t('phone.call.keypad')}
          </Button>
          <Button color="red" data-testid="call-hangup" leftSection={<IconPhoneOff size={16} aria-hidden />} onClick={() => act('hangup')} ml="auto">
            {t('phone.call.hangup')}
          </Button>
        </Group>
        <TransferControls call={call} other={other} />
        {keypad && confirmed && (
          <Stack gap={4}>
            <DialPad
              testId="dtmf-pad"
              onKey={(k) => {
                store.sendDtmf(s.id, k);
                setSent((v) => (v + k).slice(-24));
              }}
            />
            <Text size="xs" c="dimmed" data-testid="dtmf-sent">
              {sent ? t('phone.call.dtmfSent', { tones: sent }) : t('phone.call.dtmfHint')}
            </Text>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
