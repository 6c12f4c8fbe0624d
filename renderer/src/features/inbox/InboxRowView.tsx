// One row of the Inbox list: channel icon, the customer's name (or the address they wrote from),
// time, subject or the last message, status and category, whose it is when not the operator's own
// (free, or a teammate's), the running SLA clock, and a dot when unread. A fixed height, so the
// virtual list places rows without measuring them. The SLA timer ticks by itself (SlaTimer).
import { memo } from 'react';
import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InboxRow } from '../../../../contract/inbox-ipc.ts';
import { CHANNEL_LOOK, STATUS_COLOR } from './channel-look.ts';
import { listTime } from './inbox-time.ts';
import { SlaTimer } from './SlaTimer.tsx';

export const INBOX_ROW_HEIGHT = 78;

export const InboxRowView = memo(function InboxRowView({ row, active, selected, me }: { row: InboxRow; active: boolean; selected: boolean; me?: string | null }) {
  const { t, i18n } = useTranslation();
  const look = CHANNEL_LOOK[row.channel];
  const Icon = look.icon;
  const who = row.customerName ?? row.externalAddress;
  const by = row.previewDirection && row.previewDirection !== 'in' ? t(`inbox.previewBy.${row.previewDirection}`) : '';
  const line = row.subject ?? (row.preview ? `${by}${row.preview}` : t('inbox.noMessages'));
  return (
    <div
      className="pult-inbox-row"
      data-active={active || undefined}
      data-selected={selected || undefined}
      data-unread={row.unread || undefined}
      data-testid="inbox-row"
      data-id={row.id}
      data-channel={row.channel}
      data-status={row.status}
      data-queue={row.assigneeId === null ? 'unassigned' : me && row.assigneeId !== me ? 'team' : undefined}
      style={{ height: INBOX_ROW_HEIGHT }}
    >
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Icon size={16} stroke={1.7} color={`var(--mantine-color-${look.color}-6)`} aria-label={t(`inbox.channel.${row.channel}`)} role="img" style={{ flexShrink: 0 }} />
          <Text size="sm" fw={row.unread ? 700 : 500} truncate data-testid="inbox-row-name">
            {who}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {listTime(row.updatedAt, i18n.language)}
          </Text>
          {row.unread && <span className="pult-inbox-unread" role="img" aria-label={t('inbox.unread')} data-testid="inbox-row-unread" />}
        </Group>
      </Group>
      <Text size="xs" c={row.subject ? undefined : 'dimmed'} truncate mt={2} data-testid="inbox-row-line">
        {line}
      </Text>
      {row.subject && row.preview && (
        <Text size="xs" c="dimmed" truncate>
          {by}
          {row.preview}
        </Text>
      )}
      <Group gap={4} mt={3} wrap="nowrap">
        <Badge size="xs" variant="light" color={STATUS_COLOR[row.status]} data-testid="inbox-row-status">
          {t(`inbox.status.${row.status}`)}
        </Badge>
        {row.category && (
          <Badge size="xs" variant="outline" color="gray" data-testid="inbox-row-category">
            {t(`kb.categories.${row.category}`)}
          </Badge>
        )}
        {row.assigneeId === null ? (
          <Badge size="xs" variant="dot" color="violet" title={t('queues.unassignedHint')} data-testid="inbox-row-unassigned" style={{ textTransform: 'none' }}>
            {t('queues.unassigned')}
          </Badge>
        ) : (
          me && row.assigneeId !== me && row.assigneeName && (
            <Text size="10px" c="dimmed" truncate data-testid="inbox-row-assignee">
              {t('queues.assignedTo', { name: row.assigneeName })}
            </Text>
          )
        )}
        <span style={{ marginLeft: 'auto' }}>
          <SlaTimer sla={row.sla} status={row.status} createdAt={row.createdAt} compact />
        </span>
      </Group>
    </div>
  );
});
