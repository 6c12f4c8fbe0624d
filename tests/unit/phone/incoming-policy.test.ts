// Do not disturb and auto-answer, for calls the agent-state rule let ring: DND always declines with
// 486; auto-answer only for a Ready agent with a free line, after the chosen delay; else it rings.
import { describe, expect, it } from 'vitest';
import { autoAnswerSecondsLeft, incomingPlan, type IncomingContext } from '../../../renderer/src/features/phone/incoming-policy.ts';

const base: IncomingContext = {
  agent: { state: 'ready', reason: null },
  otherCalls: 0,
  doNotDisturb: false,
  autoAnswer: { enabled: false, delaySeconds: 3 },
};

describe('incomingPlan', () => {
  it('rings when neither DND nor auto-answer is on', () => {
    expect(incomingPlan(base)).toEqual({ action: 'ring' });
  });

  it('declines with 486 under do not disturb, even with auto-answer on', () => {
    expect(incomingPlan({ ...base, doNotDisturb: true })).toEqual({ action: 'decline', code: 486, why: 'dnd' });
    expect(incomingPlan({ ...base, doNotDisturb: true, autoAnswer: { enabled: true, delaySeconds: 0 } })).toEqual({ action: 'decline', code: 486, why: 'dnd' });
  });

  it.each([0, 1, 3, 10])('auto-answers a Ready agent with a free line after %i s', (delaySeconds) => {
    expect(incomingPlan({ ...base, autoAnswer: { enabled: true, delaySeconds } })).toEqual({ action: 'auto_answer', delayMs: delaySeconds * 1000 });
  });

  it('lets the call ring instead of answering it when the agent is on another call', () => {
    expect(incomingPlan({ ...base, otherCalls: 1, autoAnswer: { enabled: true, delaySeconds: 2 } })).toEqual({ action: 'ring' });
  });

  it.each([
    { state: 'not_ready', reason: 'lunch' },
    { state: 'wrap_up', reason: null },
    { state: 'offline', reason: null },
  ] as const)('never auto-answers for an agent who is %j', (agent) => {
    expect(incomingPlan({ ...base, agent, autoAnswer: { enabled: true, delaySeconds: 1 } })).toEqual({ action: 'ring' });
  });
});

describe('autoAnswerSecondsLeft', () => {
  it('counts whole seconds down to zero, never below', () => {
    expect(autoAnswerSecondsLeft(10_000, 7_001)).toBe(3);
    expect(autoAnswerSecondsLeft(10_000, 9_999)).toBe(1);
    expect(autoAnswerSecondsLeft(10_000, 10_000)).toBe(0);
    expect(autoAnswerSecondsLeft(10_000, 12_000)).toBe(0);
  });
});
