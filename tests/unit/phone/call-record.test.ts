// What a call leaves in the history: the outcome read from how it ended, and the calls.log input the
// contract accepts (times in order, the app's facts, the IVR choice cut to its limit).
import { describe, expect, it } from 'vitest';
import { MUTATION_SCHEMAS } from '../../../contract/sync.ts';
import { callLogInput, callOutcome, type CallFacts } from '../../../renderer/src/features/phone/call-record.ts';
import type { CallSnapshot } from '../../../renderer/src/sip/types.ts';

const T0 = Date.parse('2026-11-26T09:00:00Z');
const base: CallSnapshot = { id: 'sip-1', direction: 'inbound', remoteUser: '+79161234567', status: 'ended', held: false, remoteHeld: false, muted: false, startedAt: T0 };
const facts: CallFacts = { callId: '6f1c1e0e-8a5b-4c2d-9e3f-0a1b2c3d4e5f', number: '+79161234567', customerId: '0b9a7c1e-2d3f-4a5b-8c6d-7e8f9a0b1c2d', ivrChoice: 'Интернет', conversationId: null };
const ended = (patch: Partial<CallSnapshot>): CallSnapshot => ({ ...base, endedAt: T0 + 20_000, ...patch });

describe('callOutcome', () => {
  it('answered when the call was confirmed, whoever hung up', () => {
    expect(callOutcome(ended({ confirmedAt: T0 + 3000, endedBy: 'remote', reason: 'sip.reason.hungUp' }))).toBe('answered');
    expect(callOutcome(ended({ direction: 'outbound', confirmedAt: T0 + 3000, endedBy: 'local' }))).toBe('answered');
  });

  it('incoming: declined by us (486 or 603), missed when the caller gave up or nobody answered', () => {
    expect(callOutcome(ended({ endedBy: 'local', statusCode: 486, reason: 'sip.reason.busy' }))).toBe('declined');
    expect(callOutcome(ended({ endedBy: 'local', statusCode: 603, reason: 'sip.reason.declined' }))).toBe('declined');
    expect(callOutcome(ended({ endedBy: 'remote', reason: 'sip.reason.canceled' }))).toBe('missed');
    expect(callOutcome(ended({ endedBy: 'system', reason: 'sip.reason.noAnswer' }))).toBe('missed');
    expect(callOutcome(ended({ endedBy: 'system', reason: 'sip.reason.media' }))).toBe('failed');
  });

  it('outgoing: declined when the far end was busy or refused, missed when unanswered, failed otherwise', () => {
    const out = (p: Partial<CallSnapshot>) => ended({ direction: 'outbound', ...p });
    expect(callOutcome(out({ endedBy: 'remote', statusCode: 486, reason: 'sip.reason.busy' }))).toBe('declined');
    expect(callOutcome(out({ endedBy: 'remote', statusCode: 603 }))).toBe('declined');
    expect(callOutcome(out({ endedBy: 'local', reason: 'sip.reason.canceled' }))).toBe('missed');
    expect(callOutcome(out({ endedBy: 'remote', statusCode: 480, reason: 'sip.reason.unavailable' }))).toBe('missed');
    expect(callOutcome(out({ endedBy: 'remote', statusCode: 404, reason: 'sip.reason.notFound' }))).toBe('failed');
    expect(callOutcome(out({ endedBy: 'system', reason: 'sip.reason.unreachable' }))).toBe('failed');
  });
});

describe('callLogInput', () => {
  it('carries the facts and the times of an answered call, and passes the contract', () => {
    const input = callLogInput(facts, ended({ confirmedAt: T0 + 4000, endedBy: 'remote', reason: 'sip.reason.hungUp' }));
    expect(input).toEqual({
      callId: facts.callId,
      direction: 'in',
      number: '+79161234567',
      customerId: facts.customerId,
      startedAt: '2026-11-26T09:00:00.000Z',
      answeredAt: '2026-11-26T09:00:04.000Z',
      endedAt: '2026-11-26T09:00:20.000Z',
      result: 'answered',
      ivrChoice: 'Интернет',
    });
    expect(MUTATION_SCHEMAS['call.log'].safeParse(input).success).toBe(true);
  });

  it('an unanswered outgoing call has no answer time; a long IVR value is cut to 64', () => {
    const input = callLogInput({ ...facts, customerId: null, ivrChoice: 'x'.repeat(300) }, ended({ direction: 'outbound', endedBy: 'local', reason: 'sip.reason.canceled' }));
    expect(input).toMatchObject({ direction: 'out', answeredAt: null, result: 'missed', customerId: null });
    expect(input.ivrChoice).toHaveLength(64);
    expect(MUTATION_SCHEMAS['call.log'].safeParse(input).success).toBe(true);
  });

  it('never ends or answers before it started, even with a clock step', () => {
    const input = callLogInput(facts, { ...base, endedAt: T0 - 5000, confirmedAt: T0 - 6000 });
    expect(Date.parse(input.endedAt)).toBeGreaterThanOrEqual(Date.parse(input.startedAt));
    expect(Date.parse(input.answeredAt!)).toBeGreaterThanOrEqual(Date.parse(input.startedAt));
    expect(MUTATION_SCHEMAS['call.log'].safeParse(input).success).toBe(true);
  });
});
