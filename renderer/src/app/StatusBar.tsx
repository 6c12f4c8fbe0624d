// Bottom bar: server connection, sync of the local copy, the softphone's registration, who is signed in (name, role, site — translated), sign out.
import { Button, Divider, Group, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../contract/ipc.ts';
import { useLogout } from '../api/hooks.ts';
import { SipStatus } from '../features/phone/SipStatus.tsx';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { SyncIndicator } from './SyncIndicator.tsx';

export function StatusBar({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const logout = useLogout();
  const { agent } = session;
  return (
    <Group data-testid="status-bar" h="100%" px="sm" gap="sm" wrap="nowrap" justify="space-between">
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        <ConnectionIndicator />
        <Divider orientation="vertical" />
        <SyncIndicator />
        <Divider orientation="vertical" />
        <SipStatus />
        <Divider orientation="vertical" />
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }} aria-label={t('status.agent')}>
          <Text size="xs" fw={600} data-testid="agent-name" truncate>
            {agent.displayName}
          </Text>
          <Text size="xs" c="dimmed" data-testid="agent-role-site" truncate>
            {t(`roles.${agent.role}`)} · {t(`sites.${agent.site.id}`)}
          </Text>
        </Group>
      </Group>
      <Button
        data-testid="logout"
        variant="subtle"
        color="gray"
        size="compact-xs"
        leftSection={<IconLogout size={14} aria-hidden />}
        loading={logout.isPending}
        onClick={() => logout.mutate()}
      >
        {t('status.logout')}
      </Button>
    </Group>
  );
}
