// The server connection in the status bar: icon + colour + words, and the time offline began.
// Screen readers hear changes (role=status). `data-state` is for tests and styling.
import { Group, Text, Tooltip } from '@mantine/core';
import { IconCircleCheckFilled, IconLoader2, IconPlugConnectedX, IconUserOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../../../contract/ipc.ts';
import { useConnectionStatus } from '../api/hooks.ts';

const LOOK: Record<ConnectionStatus['state'], { color: string; Icon: typeof IconLoader2 }> = {
  online: { color: 'teal', Icon: IconCircleCheckFilled },
  connecting: { color: 'yellow', Icon: IconLoader2 },
  offline: { color: 'red', Icon: IconPlugConnectedX },
  signed_out: { color: 'gray', Icon: IconUserOff },
};

/** "14:05", or "12.03, 14:05" when it began on another day. */
export function formatSince(iso: string, language: string, now = new Date()): string {
  const since = new Date(iso);
  const sameDay = since.toDateString() === now.toDateString();
  const fmt = new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    ...(sameDay ? {} : { day: '2-digit', month: '2-digit' }),
  });
  return fmt.format(since);
}

export function ConnectionIndicator() {
  const { t, i18n } = useTranslation();
  const status = useConnectionStatus();
  const state: ConnectionStatus['state'] = status.data?.state ?? 'connecting';
  const { color, Icon } = LOOK[state];
  const server = status.data?.serverUrl ?? '';
  const label =
    state === 'offline' && status.data
      ? t('connection.offline', { time: formatSince(status.data.since, i18n.language) })
      : t(`connection.${state}`);
  const title = state === 'online' ? t('connection.onlineTitle', { server }) : state === 'offline' ? t('connection.offlineTitle', { server }) : label;
  return (
    <Tooltip label={title} openDelay={400} withArrow>
      <Group
        gap={6}
        wrap="nowrap"
        data-testid="connection-status"
        data-state={state}
        role="status"
        aria-live="polite"
        tabIndex={0}
        aria-label={`${label}. ${title === label ? '' : title}`.trim()}
      >
        <Icon size={16} color={`var(--mantine-color-${color}-filled)`} aria-hidden />
        <Text size="xs" fw={500} style={{ whiteSpace: 'nowrap', color: state === 'offline' ? 'var(--mantine-color-red-text)' : undefined }}>
          {label}
        </Text>
      </Group>
    </Tooltip>
  );
}
