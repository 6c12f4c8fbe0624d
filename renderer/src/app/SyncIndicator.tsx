// The replica's sync in the status bar: up to date / syncing with a progress ring (percent and time
// left) / not synced since HH:MM, with the number of changes waiting to be sent. Click = sync now.
import { Group, RingProgress, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconCloudCheck, IconCloudOff, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSyncNow, useSyncStatus } from '../api/hooks.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatSince } from './ConnectionIndicator.tsx';

export function SyncIndicator() {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus();
  const syncNow = useSyncNow();
  const s = status.data;
  if (!s) return null;

  const queued = s.queued > 0 ? t('sync.queued', { count: s.queued }) : '';
  let label: string;
  let icon;
  if (s.state === 'syncing') {
    const p = s.progress;
    label = p ? t('sync.syncingProgress', { percent: p.percent }) : t('sync.syncing');
    icon = p ? (
      <RingProgress size={18} thickness={3} roundCaps sections={[{ value: p.percent, color: 'blue' }]} aria-hidden />
    ) : (
      <IconRefresh size={16} className="pult-spin" aria-hidden />
    );
  } else if (s.state === 'online') {
    label = t('sync.upToDate');
    icon = <IconCloudCheck size={16} color="var(--mantine-color-teal-filled)" aria-hidden />;
  } else {
    const update = s.reason?.code === 'incompatible_server';
    label = update ? t('sync.updateNeeded') : t('sync.offline', { time: formatSince(s.since, i18n.language) });
    icon = update ? (
      <IconAlertTriangle size={16} color="var(--mantine-color-orange-filled)" aria-hidden />
    ) : (
      <IconCloudOff size={16} color="var(--mantine-color-red-filled)" aria-hidden />
    );
  }
  const details = [
    s.progress ? t('sync.progressDetails', { done: s.progress.done, total: s.progress.total, eta: s.progress.etaSeconds ?? '—' }) : '',
    s.reason && s.reason.code !== 'incompatible_server' ? errorMessage(t, s.reason) : '',
    s.reason?.code === 'incompatible_server' ? t('errors.incompatible_server') : '',
    queued,
    t('sync.clickToSync'),
  ].filter(Boolean);

  return (
    <Tooltip label={details.join(' · ')} openDelay={300} withArrow multiline maw={360}>
      <UnstyledButton
        data-testid="sync-status"
        data-state={s.state}
        onClick={() => syncNow.mutate()}
        aria-label={[label, ...details].join('. ')}
      >
        <Group gap={6} wrap="nowrap" role="status" aria-live="polite">
          {icon}
          <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
            {label}
            {queued ? ` · ${queued}` : ''}
          </Text>
        </Group>
      </UnstyledButton>
    </Tooltip>
  );
}
