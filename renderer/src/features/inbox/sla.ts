// Where a conversation stands against its service levels, at a given moment: which clock runs
// (the first reply until there is one, then the resolution), how long is left or how long it is
// overdue, and whether to warn. Pure: the clock is passed in, so one shared tick drives every row.
// The due times come from the server (contract ConversationSla): it fixes them when the
// conversation opens and moves the resolution's on by the time spent waiting for the customer.
import type { ConversationSla, ConversationStatus } from '../../../../contract/domain/conversation.ts';

/** Warn when less than this share of the target is left. */
export const SLA_WARN_SHARE = 0.2;

export type SlaKind = 'first_response' | 'resolution';
export type SlaLevel = 'ok' | 'warning' | 'overdue' | 'paused';

export interface SlaState {
  kind: SlaKind;
  level: SlaLevel;
  /** Due minus now (frozen at the pause while paused); negative when overdue. */
  leftMs: number;
}

export interface SlaSubject {
  sla: ConversationSla | null | undefined;
  status: ConversationStatus;
  createdAt?: string;
}

/**
 * The running clock, or null when none runs: no targets (phone), resolved, or the first reply is
 * in and there is no resolution target. `openedAt` (the conversation's createdAt) sizes the warning;
 * without it, warn in the last SLA_WARN_SHARE of… nothing: only overdue shows.
 */
export function slaState(subject: SlaSubject, now: number): SlaState | null {
  const { sla, status } = subject;
  if (!sla || status === 'resolved') return null;
  const opened = subject.createdAt ? Date.parse(subject.createdAt) : Number.NaN;
  if (sla.firstResponseDueAt && !sla.firstResponseAt) {
    return clock('first_response', Date.parse(sla.firstResponseDueAt), opened, now, null);
  }
  if (sla.resolutionDueAt) {
    return clock('resolution', Date.parse(sla.resolutionDueAt), opened, now, sla.pausedAt ? Date.parse(sla.pausedAt) : null);
  }
  return null;
}

function clock(kind: SlaKind, due: number, opened: number, now: number, pausedAt: number | null): SlaState {
  const at = pausedAt ?? now;
  const leftMs = due - at;
  const target = due - opened;
  let level: SlaLevel = leftMs < 0 ? 'overdue' : Number.isFinite(target) && target > 0 && leftMs < target * SLA_WARN_SHARE ? 'warning' : 'ok';
  if (pausedAt !== null && level !== 'overdue') level = 'paused';
  return { kind, level, leftMs };
}

/** "4 мин", "1 ч 05 мин", "2 д 3 ч": the size of a duration, rounded down to the minute. */
export function slaDuration(ms: number): { days: number; hours: number; minutes: number } {
  const total = Math.floor(Math.abs(ms) / 60_000);
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 };
}
