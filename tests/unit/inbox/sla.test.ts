// The SLA clock of a conversation at a given moment (renderer/src/features/inbox/sla.ts): which
// clock runs, time left or overdue, the warning in the last fifth of the target, the pause while
// waiting for the customer, and nothing for the phone or once resolved.
import { describe, expect, it } from 'vitest';
import type { ConversationSla } from '../../../contract/domain/conversation.ts';
import { slaDuration, slaState } from '../../../renderer/src/features/inbox/sla.ts';

const MIN = 60_000;
const OPENED = Date.UTC(2026, 10, 1, 9, 0);
const at = (minutes: number) => new Date(OPENED + minutes * MIN).toISOString();
/** A chat: reply within 5 minutes, resolve within 8 hours. */
const chat = (over: Partial<ConversationSla> = {}): ConversationSla => ({
  firstResponseDueAt: at(5), firstResponseAt: null, resolutionDueAt: at(480), pausedAt: null, ...over,
});
const state = (sla: ConversationSla | null, minutesAfterOpening: number, status: 'new' | 'open' | 'waiting_customer' | 'resolved' = 'open') =>
  slaState({ sla, status, createdAt: at(0) }, OPENED + minutesAfterOpening * MIN);

describe('slaState', () => {
  it('runs the first-response clock until the first reply', () => {
    expect(state(chat(), 1)).toEqual({ kind: 'first_response', level: 'ok', leftMs: 4 * MIN });
  });

  it('warns in the last fifth of the target and is overdue after it', () => {
    expect(state(chat(), 3.9)?.level).toBe('ok'); // 1.1 min of 5 left: more than a fifth
    expect(state(chat(), 4.1)?.level).toBe('warning');
    expect(state(chat(), 5)?.level).toBe('warning'); // due now: not yet over
    expect(state(chat(), 7)).toEqual({ kind: 'first_response', level: 'overdue', leftMs: -2 * MIN });
  });

  it('after the first reply, the resolution clock runs', () => {
    const replied = chat({ firstResponseAt: at(3) });
    expect(state(replied, 60)).toEqual({ kind: 'resolution', level: 'ok', leftMs: 420 * MIN });
    expect(state(replied, 400)?.level).toBe('warning'); // 80 of 480 minutes left: a sixth
    expect(state(replied, 500)?.level).toBe('overdue');
  });

  it('waiting for the customer freezes the time left at the pause', () => {
    const paused = chat({ firstResponseAt: at(3), pausedAt: at(100) });
    expect(state(paused, 200, 'waiting_customer')).toEqual({ kind: 'resolution', level: 'paused', leftMs: 380 * MIN });
    expect(state(paused, 2000, 'waiting_customer')).toEqual({ kind: 'resolution', level: 'paused', leftMs: 380 * MIN });
    // Paused after it was due: overdue stays overdue.
    expect(state(chat({ firstResponseAt: at(3), pausedAt: at(500) }), 600, 'waiting_customer')?.level).toBe('overdue');
  });

  it('stops when resolved, and there is none for the phone or without targets', () => {
    expect(state(chat(), 1, 'resolved')).toBeNull();
    expect(state(null, 1)).toBeNull();
    expect(state(chat({ firstResponseAt: at(1), resolutionDueAt: null }), 10)).toBeNull();
  });

  it('without the opening time it cannot size the warning: only overdue shows', () => {
    const s = (now: number) => slaState({ sla: chat(), status: 'new' }, OPENED + now * MIN);
    expect(s(4.5)?.level).toBe('ok');
    expect(s(6)?.level).toBe('overdue');
  });
});

describe('slaDuration', () => {
  it('splits into days, hours and minutes, rounded down, whatever the sign', () => {
    expect(slaDuration(59_999)).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(slaDuration(65 * MIN)).toEqual({ days: 0, hours: 1, minutes: 5 });
    expect(slaDuration(-(26 * 60 + 3) * MIN)).toEqual({ days: 1, hours: 2, minutes: 3 });
  });
});
