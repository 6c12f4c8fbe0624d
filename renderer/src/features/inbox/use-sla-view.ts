// A conversation's running SLA clock in words: which one (first reply or resolution), time left or
// overdue, its level, the long label and the hint. Reads the shared clock, so whatever shows it
// re-renders with the clock and nothing else does.
import { useTranslation } from 'react-i18next';
import type { ConversationSla, ConversationStatus } from '../../../../contract/domain/conversation.ts';
import { slaDuration, slaState, type SlaLevel } from './sla.ts';
import { useSlaNow } from './sla-clock.ts';

export interface SlaView {
  level: SlaLevel;
  kind: string;
  /** «Ответ через 4 мин», «Ответ просрочен на 2 ч 05 мин», … */
  label: string;
  hint: string;
  /** The time alone, − when overdue (the list row's form). */
  short: string;
}

export function useSlaView(sla: ConversationSla | null | undefined, status: ConversationStatus, createdAt: string): SlaView | null {
  const now = useSlaNow();
  const { t } = useTranslation();
  const state = slaState({ sla, status, createdAt }, now);
  if (!state) return null;
  const d = slaDuration(state.leftMs);
  const span = d.days > 0 ? t('sla.days', { d: d.days, h: d.hours }) : d.hours > 0 ? t('sla.hours', { h: d.hours, m: String(d.minutes).padStart(2, '0') }) : t('sla.minutes', { m: d.minutes });
  const label = state.level === 'overdue' ? t(`sla.overdue.${state.kind}`, { span }) : state.level === 'paused' ? t('sla.paused', { span }) : t(`sla.left.${state.kind}`, { span });
  const hint = state.level === 'paused' ? t('sla.pausedHint') : t(`sla.hint.${state.kind}`);
  return { level: state.level, kind: state.kind, label, hint, short: state.level === 'overdue' ? `−${span}` : span };
}
