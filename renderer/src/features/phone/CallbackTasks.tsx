// Callbacks promised at wrap-up, soonest first: when, whom, why, a Call button and Done.
import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconClockHour4, IconPhoneCall } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TaskListItem } from '../../../../contract/phone-ipc.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { formatDateTime } from '../customers/format.ts';
import { callNumberText } from './call-format.ts';
import { usePhone, usePhoneStore } from './PhoneProvider.tsx';
import { useCompleteTask, useTasks } from './use-phone-api.ts';
import { useTicker } from './use-ticker.ts';

export function CallbackTasks() {
  const { t } = useTranslation();
  const tasks = useTasks();
  const items = tasks.data?.items ?? [];
  if (tasks.error) return <Text c="red" size="sm">{errorMessage(t, tasks.error)}</Text>;
  if (items.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid="tasks-empty">
        {tasks.isPending ? t('app.loading') : t('phone.tasks.empty')}
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="tasks">
      {items.map((item) => (
        <TaskRow key={item.task.id} item={item} />
      ))}
    </Stack>
  );
}

function TaskRow({ item }: { item: TaskListItem }) {
  const { t, i18n } = useTranslation();
  const phone = usePhone();
  const store = usePhoneStore();
  const complete = useCompleteTask();
  const { task } = item;
  const now = useTicker(true);
  const overdue = Date.parse(task.dueAt) < now;
  const canCall = Boolean(task.number) && phone.registration.status === 'registered' && phone.calls.length === 0;
  return (
    <Paper withBorder p="xs" data-testid="task" data-task-id={task.id}>
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Badge size="sm" variant="light" color={overdue ? 'red' : 'blue'} leftSection={<IconClockHour4 size={11} aria-hidden />}>
              {formatDateTime(task.dueAt, i18n.language)}
            </Badge>
            <Text size="sm" fw={500}>
              {item.customerName ?? (task.number ? callNumberText(task.number) : t('phone.tasks.noNumber'))}
            </Text>
            {item.pending && (
              <Text size="xs" c="dimmed">
                {t('phone.history.pending')}
              </Text>
            )}
          </Group>
          {task.note && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {task.note}
            </Text>
          )}
        </div>
        <Group gap={6} wrap="nowrap">
          {task.number && (
            <Button size="xs" color="teal" variant="light" leftSection={<IconPhoneCall size={14} aria-hidden />} disabled={!canCall} onClick={() => store.dial(task.number!)} data-testid="task-call">
              {callNumberText(task.number)}
            </Button>
          )}
          <Tooltip label={t('phone.tasks.done')} withArrow>
            <ActionIcon variant="light" color="gray" aria-label={t('phone.tasks.done')} loading={complete.isPending} onClick={() => complete.mutate(task.id)} data-testid="task-done">
              <IconCheck size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </Paper>
  );
}
