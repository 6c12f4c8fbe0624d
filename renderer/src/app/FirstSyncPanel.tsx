// While the replica is filled for the first time: what is happening and why, a progress bar, rows
// done of total, percent and time left. Not blocking: what has arrived can be used already. Above
// it, when the replica had to be made anew, why (ReplicaRecreatedNotice).
import { Group, Paper, Progress, Text, ThemeIcon } from '@mantine/core';
import { IconDatabaseImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../api/hooks.ts';
import { ReplicaRecreatedNotice } from './ReplicaRecreatedNotice.tsx';

export function FirstSyncPanel() {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus();
  const p = status.data?.state === 'syncing' ? status.data.progress : undefined;
  if (!p?.firstSync) return <ReplicaRecreatedNotice />;
  const number = (n: number) => n.toLocaleString(i18n.language === 'en' ? 'en-US' : 'ru-RU');
  const eta =
    p.etaSeconds === null
      ? t('sync.firstSync.etaUnknown')
      : t('sync.firstSync.eta', { time: p.etaSeconds < 90 ? t('sync.firstSync.seconds', { count: p.etaSeconds }) : t('sync.firstSync.minutes', { count: Math.round(p.etaSeconds / 60) }) });
  return (
    <>
      <ReplicaRecreatedNotice />
      <Paper withBorder p="md" radius="md" data-testid="first-sync" role="status" aria-live="polite">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <ThemeIcon size={40} radius="md" variant="light" aria-hidden>
            <IconDatabaseImport size={24} />
          </ThemeIcon>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Text fw={600}>{t('sync.firstSync.title')}</Text>
            <Text size="sm" c="dimmed" mb="sm">
              {t('sync.firstSync.body')}
            </Text>
            <Progress value={p.percent} size="lg" striped animated aria-label={`${p.percent}%`} />
            <Group justify="space-between" mt={6}>
              <Text size="sm" data-testid="first-sync-rows">
                {t('sync.firstSync.rows', { done: number(p.done), total: number(p.total) })} · {p.percent}%
              </Text>
              <Text size="sm" c="dimmed" data-testid="first-sync-eta">
                {eta}
              </Text>
            </Group>
          </div>
        </Group>
      </Paper>
    </>
  );
}
