// What the call history keeps of a call that ended: the facts the softphone saw (direction, who,
// when it rang, was answered, ended) and how it ended, as the `calls.log` input.
import type { CallOutcome } from '../../../../contract/domain/conversation.ts';
import type { CallLogInput } from '../../../../contract/phone-ipc.ts';
import type { CallSnapshot } from '../../sip/types.ts';

/** The app's own facts about a call, kept beside the softphone's snapshot. */
export interface CallFacts {
  /** Made by the client when the call starts: a resend of the log is the same call. */
  callId: string;
  number: string;
  customerId: string | null;
  ivrChoice: string | null;
  /** The conversation the call belongs to, when started from one (click-to-call); else the wrap-up makes one. */
  conversationId: string | null;
}

/**
 * answered: someone talked. declined: refused by a side (we declined an incoming call, or the far end
 * answered busy/decline to ours). missed: nobody answered (the caller gave up, no answer, or we
 * cancelled our own call). failed: anything else (network, media, server errors).
 */
export function callOutcome(s: CallSnapshot): CallOutcome {
  if (s.confirmedAt !== undefined) return 'answered';
  const code = s.statusCode;
  if (s.direction === 'inbound') {
    if (s.endedBy === 'local' && (code === 486 || code === 603)) return 'declined';
    if (s.endedBy === 'remote' || s.reason === 'sip.reason.canceled' || s.reason === 'sip.reason.noAnswer') return 'missed';
    return 'failed';
  }
  if (code === 486 || code === 600 || code === 603) return 'declined';
  if (s.endedBy === 'local' || s.reason === 'sip.reason.canceled' || s.reason === 'sip.reason.noAnswer' || code === 480 || code === 408) return 'missed';
  return 'failed';
}

export function callLogInput(facts: CallFacts, s: CallSnapshot): CallLogInput {
  const endedAt = s.endedAt ?? Date.now();
  const startedAt = Math.min(s.startedAt, endedAt);
  return {
    callId: facts.callId,
    direction: s.direction === 'inbound' ? 'in' : 'out',
    number: facts.number,
    customerId: facts.customerId,
    startedAt: new Date(startedAt).toISOString(),
    answeredAt: s.confirmedAt !== undefined ? new Date(Math.max(startedAt, s.confirmedAt)).toISOString() : null,
    endedAt: new Date(endedAt).toISOString(),
    result: callOutcome(s),
    ivrChoice: facts.ivrChoice ? facts.ivrChoice.slice(0, 64) : null,
  };
}
