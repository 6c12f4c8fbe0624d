// What the softphone does with a new incoming call, given the agent's state: only a Ready agent
// with a free line lets it ring. Everyone else answers 486 Busy Here at once, so the PBX routes
// the call to a colleague instead of letting it ring out here.
import type { AgentStateName, NotReadyReason } from '../../../../contract/domain/agent-state.ts';

export interface AgentState {
  state: AgentStateName;
  reason: NotReadyReason | null;
}

export type IncomingVerdict = { action: 'ring' } | { action: 'decline'; code: 486; why: 'not_ready' | 'wrap_up' | 'offline' | 'busy' };

/** `busy`: the agent already has a call (one line for now). */
export function incomingVerdict(agent: AgentState, busy: boolean): IncomingVerdict {
  if (agent.state !== 'ready') return { action: 'decline', code: 486, why: agent.state };
  if (busy) return { action: 'decline', code: 486, why: 'busy' };
  return { action: 'ring' };
}

/**
 * The state after-call work returns to: the one the agent had before the call (a personal manager
 * calling out while Not ready stays Not ready), and Ready when that was Wrap-up itself.
 */
export function stateAfterWrapUp(before: AgentState): AgentState {
  return before.state === 'wrap_up' ? { state: 'ready', reason: null } : before;
}

/** Seconds left of the wrap-up timer; null when there is no timer (0 s configured). */
export function wrapUpSecondsLeft(startedAtMs: number, totalSeconds: number, nowMs: number): number | null {
  if (totalSeconds <= 0) return null;
  return Math.max(0, Math.ceil(totalSeconds - (nowMs - startedAtMs) / 1000));
}
