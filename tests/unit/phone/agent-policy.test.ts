// Which incoming calls ring: only a Ready agent with a free line; the rest get 486 so the PBX tries
// a colleague. After wrap-up the agent returns to the state before the call.
import { describe, expect, it } from 'vitest';
import { incomingVerdict, stateAfterWrapUp, wrapUpSecondsLeft } from '../../../renderer/src/features/phone/agent-policy.ts';

describe('incomingVerdict', () => {
  it('lets a call ring for a Ready agent with no call', () => {
    expect(incomingVerdict({ state: 'ready', reason: null }, false)).toEqual({ action: 'ring' });
  });

  it.each([
    [{ state: 'not_ready', reason: 'lunch' }, 'not_ready'],
    [{ state: 'not_ready', reason: 'break' }, 'not_ready'],
    [{ state: 'wrap_up', reason: null }, 'wrap_up'],
    [{ state: 'offline', reason: null }, 'offline'],
  ] as const)('declines with 486 when the agent is %j', (agent, why) => {
    expect(incomingVerdict(agent, false)).toEqual({ action: 'decline', code: 486, why });
  });

  it('declines with 486 when a Ready agent is already on a call', () => {
    expect(incomingVerdict({ state: 'ready', reason: null }, true)).toEqual({ action: 'decline', code: 486, why: 'busy' });
  });
});

describe('stateAfterWrapUp', () => {
  it('returns to the state before the call', () => {
    expect(stateAfterWrapUp({ state: 'ready', reason: null })).toEqual({ state: 'ready', reason: null });
    expect(stateAfterWrapUp({ state: 'not_ready', reason: 'meeting' })).toEqual({ state: 'not_ready', reason: 'meeting' });
  });
  it('goes Ready when the state before was wrap-up itself', () => {
    expect(stateAfterWrapUp({ state: 'wrap_up', reason: null })).toEqual({ state: 'ready', reason: null });
  });
});

describe('wrapUpSecondsLeft', () => {
  it('counts down whole seconds and stops at zero', () => {
    expect(wrapUpSecondsLeft(1000, 60, 1000)).toBe(60);
    expect(wrapUpSecondsLeft(1000, 60, 1500)).toBe(60);
    expect(wrapUpSecondsLeft(1000, 60, 2000)).toBe(59);
    expect(wrapUpSecondsLeft(1000, 60, 61_000)).toBe(0);
    expect(wrapUpSecondsLeft(1000, 60, 99_000)).toBe(0);
  });
  it('has no countdown when the timer is off', () => {
    expect(wrapUpSecondsLeft(1000, 0, 5000)).toBeNull();
  });
});
