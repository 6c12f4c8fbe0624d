// Do not disturb in the Phone header: a switch the agent flips, and while it is on a red badge
// beside it, so nobody forgets that calls are being turned away. A personal setting: it stays on
// across restarts until switched off.
import { Badge, Group, Switch, Tooltip } from '@mantine/core';
import { IconBellOff } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useSettings, useUpdateSettings } from '../../api/hooks.ts';
import { errorMessage } from '../../i18n/error-message.ts';

export function DndToggle() {
  const { t } = useTranslation();
  const on = useSettings().data?.doNotDisturb ?? false;
  const update = useUpdateSettings();
  const set = (doNotDisturb: boolean) =>
    update.mutate({ doNotDisturb }, { onError: (e) => notifications.show({ color: 'red', title: t('settings.saveFailed'), message: errorMessage(t, e) }) });
  return (
    <Group gap="xs" pb={6} data-testid="dnd" data-on={on}>
      <Tooltip label={t('phone.dnd.hint')} multiline w={260} withArrow>
        <Switch data-testid="dnd-toggle" color="red" checked={on} onChange={(e) => set(e.currentTarget.checked)} label={t('phone.dnd.label')} />
      </Tooltip>
      {on && (
        <Badge data-testid="dnd-badge" color="red" variant="filled" size="lg" leftSection={<IconBellOff size={14} aria-hidden />} role="status">
          {t('phone.dnd.badge')}
        </Badge>
      )}
    </Group>
  );
}
