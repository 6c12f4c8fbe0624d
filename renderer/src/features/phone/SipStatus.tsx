// The softphone's registration in the status bar: a dot and a word, and the reason in words when
// registration failed (wrong password, server unreachable, …). Nothing when no account is set up.
import { Group, Text, Tooltip } from '@mantine/core';
import { IconPhone, IconPhoneOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { usePhoneSelect } from './PhoneProvider.tsx';

const COLORS = { stopped: 'gray', connecting: 'yellow', registering: 'yellow', registered: 'teal', failed: 'red' } as const;

export function SipStatus() {
  const { t } = useTranslation();
  const reg = usePhoneSelect((s) => s.registration);
  const configured = usePhoneSelect((s) => s.configured);
  const text = configured ? t(`phone.registration.${reg.status}`) : t('phone.registration.notSetUp');
  const reason = reg.status === 'failed' && reg.reason ? t(reg.reason) : null;
  const Icon = reg.status === 'registered' ? IconPhone : IconPhoneOff;
  const color = configured ? COLORS[reg.status] : 'gray';
  return (
    <Tooltip label={reg.server ?? t('phone.registration.noServer')} withArrow disabled={!configured}>
      <Group gap={6} wrap="nowrap" data-testid="sip-status" data-status={configured ? reg.status : 'not_set_up'} role="status" style={{ minWidth: 0 }}>
        <Icon size={14} color={`var(--mantine-color-${color}-6)`} aria-hidden />
        <Text size="xs" truncate>
          {text}
          {reason && (
            <Text span size="xs" c="red.7" data-testid="sip-status-reason">
              {' '}· {reason}
            </Text>
          )}
        </Text>
      </Group>
    </Tooltip>
  );
}
