// A conversation's running SLA clock as a small badge: which one (first reply or resolution), time
// left or overdue, orange in the last fifth of the target, red once overdue, grey while waiting
// for the customer. Reads the shared clock itself, so a ticking timer re-renders only itself.
import { memo } from 'react';
import { Badge, Tooltip } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ConversationSla, ConversationStatus } from '../../../../contract/domain/conversation.ts';
import { slaDuration, slaState, type SlaLevel } from './sla.ts';
import { useSlaNow } from './sla-clock.ts';

const COLOR: Record<SlaLevel, string> = { ok: 'teal', warning: 'orange', overdue: 'red', paused: 'gray' };

export interface SlaTimerProps {
  sla: ConversationSla | null | undefined;
  status: ConversationStatus;
  createdAt: string;
  size?: 'xs' | 'sm';
  /** The list row's form: the time alone (−: overdue), the full words in its label and tooltip. */
  compact?: boolean;
}

export const SlaTimer = memo(function SlaTimer({ sla, status, createdAt, size = 'xs', compact = false }: SlaTimerProps) {
  const now = useSlaNow();
  const { t } = useTranslation();
  const state = slaState({ sla, status, createdAt }, now);
  if (!state) return null;
  const d = slaDuration(state.leftMs);
  const span = d.days > 0 ? t('sla.days', { d: d.days, h: d.hours }) : d.hours > 0 ? t('sla.hours', { h: d.hours, m: String(d.minutes).padStart(2, '0') }) : t('sla.minutes', { m: d.minutes });
  const label = state.level === 'overdue' ? t(`sla.overdue.${state.kind}`, { span }) : state.level === 'paused' ? t('sla.paused', { span }) : t(`sla.left.${state.kind}`, { span });
  const hint = state.level === 'paused' ? t('sla.pausedHint') : t(`sla.hint.${state.kind}`);
  const short = state.level === 'overdue' ? `−${span}` : span;
  return (
    <Tooltip label={compact ? `${label}. ${hint}` : hint} withArrow openDelay={400}>
      <Badge
        size={size}
        variant={state.level === 'ok' || state.level === 'paused' ? 'light' : 'filled'}
        color={COLOR[state.level]}
        leftSection={<IconClockHour4 size={11} aria-hidden />}
        data-testid="sla-timer"
        data-level={state.level}
        data-kind={state.kind}
        aria-label={label}
        style={{ textTransform: 'none', flexShrink: 0 }}
      >
        {compact ? short : label}
      </Badge>
    </Tooltip>
  );
});
