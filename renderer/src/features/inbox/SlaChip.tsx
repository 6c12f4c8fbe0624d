// The SLA clock in a list row: the time alone (− when overdue), its words in the label and the
// native tooltip. Plain elements, not a Mantine Badge in a Tooltip: a screen of rows draws at once.
import { memo } from 'react';
import type { ConversationSla, ConversationStatus } from '../../../../contract/domain/conversation.ts';
import { SLA_COLOR } from './SlaTimer.tsx';
import { useSlaView } from './use-sla-view.ts';
import { chipStyle } from './chip-style.ts';

export const SlaChip = memo(function SlaChip({ sla, status, createdAt }: { sla: ConversationSla | null | undefined; status: ConversationStatus; createdAt: string }) {
  const view = useSlaView(sla, status, createdAt);
  if (!view) return null;
  return (
    <span
      className="pult-chip pult-chip-sla"
      style={chipStyle(SLA_COLOR[view.level]!, view.level === 'ok' || view.level === 'paused' ? 'light' : 'filled')}
      title={`${view.label}. ${view.hint}`}
      data-testid="sla-timer"
      data-level={view.level}
      data-kind={view.kind}
      aria-label={view.label}
      role="img"
    >
      {view.short}
    </span>
  );
});
