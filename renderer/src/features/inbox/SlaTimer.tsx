// A conversation's running SLA clock as a badge (the conversation's header): which one (first reply
// or resolution), time left or overdue, orange in the last fifth of the target, red once overdue,
// grey while waiting for the customer. The list's rows show the same clock as a SlaChip.
import { memo } from 'react';
import { Badge, Tooltip } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import type { ConversationSla, ConversationStatus } from '../../../../contract/domain/conversation.ts';
import type { SlaLevel } from './sla.ts';
import { useSlaView } from './use-sla-view.ts';

export const SLA_COLOR: Record<SlaLevel, string> = { ok: 'teal', warning: 'orange', overdue: 'red', paused: 'gray' };

export interface SlaTimerProps {
  sla: ConversationSla | null | undefined;
  status: ConversationStatus;
  createdAt: string;
  size?: 'xs' | 'sm';
}

export const SlaTimer = memo(function SlaTimer({ sla, status, createdAt, size = 'xs' }: SlaTimerProps) {
  const view = useSlaView(sla, status, createdAt);
  if (!view) return null;
  return (
    <Tooltip label={view.hint} withArrow openDelay={400}>
      <Badge
        size={size}
        variant={view.level === 'ok' || view.level === 'paused' ? 'light' : 'filled'}
        color={SLA_COLOR[view.level]}
        leftSection={<IconClockHour4 size={11} aria-hidden />}
        data-testid="sla-timer"
        data-level={view.level}
        data-kind={view.kind}
        aria-label={view.label}
        style={{ textTransform: 'none', flexShrink: 0 }}
      >
        {view.label}
      </Badge>
    </Tooltip>
  );
});
