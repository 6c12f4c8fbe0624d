// What happens to a call that the agent-state rule (agent-policy.ts) let ring: do not disturb
// declines it with 486, as Not ready does, so the PBX tries a colleague; auto-answer (headset users)
// answers it after a beep and the chosen delay when the agent can take it; otherwise it rings.
import type { AutoAnswerSettings } from '../../../../contract/config.ts';
import type { AgentState } from './agent-policy.ts';

export interface IncomingContext {
  agent: AgentState;
  /** Calls in progress besides this one. */
  otherCalls: number;
  doNotDisturb: boolean;
  autoAnswer: AutoAnswerSettings;
}

export type IncomingPlan =
  | { action: 'decline'; code: 486; why: 'dnd' }
  | { action: 'auto_answer'; delayMs: number }
  | { action: 'ring' };

export function incomingPlan(c: IncomingContext): IncomingPlan {
  if (c.doNotDisturb) return { action: 'decline', code: 486, why: 'dnd' };
  // Only a call the agent could take by a click: Ready and nothing else on the line.
  if (c.autoAnswer.enabled && c.agent.state === 'ready' && c.otherCalls === 0) {
    return { action: 'auto_answer', delayMs: Math.max(0, c.autoAnswer.delaySeconds) * 1000 };
  }
  return { action: 'ring' };
}

/** Whole seconds left before auto-answer, for the countdown. */
export function autoAnswerSecondsLeft(answerAtMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((answerAtMs - nowMs) / 1000));
}
