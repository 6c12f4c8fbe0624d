// The wrap-up form's rules: a code (active, in the chosen category) and a result are required; a
// follow-up needs a time still ahead; a valid draft is exactly what calls.wrapUp accepts.
import { describe, expect, it } from 'vitest';
import type { WrapUpCode } from '../../../contract/domain/wrap-up.ts';
import { MUTATION_SCHEMAS } from '../../../contract/sync.ts';
import { checkWrapUp, codeGroups, EMPTY_DRAFT, wrapUpInput, type WrapUpDraft } from '../../../renderer/src/features/phone/wrap-up-form.ts';

const codes: WrapUpCode[] = [
  { id: 'tech.no-link', category: 'technical', name: 'Нет соединения', sort: 1, active: true },
  { id: 'tech.slow', category: 'technical', name: 'Низкая скорость', sort: 2, active: true },
  { id: 'fin.payment', category: 'financial', name: 'Не прошёл платёж', sort: 1, active: true },
  { id: 'fin.old', category: 'financial', name: 'Старый код', sort: 0, active: false },
];
const NOW = new Date('2026-11-26T09:00:00Z');
const ids = { callId: '6f1c1e0e-8a5b-4c2d-9e3f-0a1b2c3d4e5f', conversationId: '0b9a7c1e-2d3f-4a5b-8c6d-7e8f9a0b1c2d', taskId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' };
const draft = (p: Partial<WrapUpDraft>): WrapUpDraft => ({ ...EMPTY_DRAFT, ...p });

describe('checkWrapUp', () => {
  it('an empty form needs a code and a result', () => {
    expect(checkWrapUp(EMPTY_DRAFT, codes, NOW)).toEqual({ codeId: 'required', result: 'required' });
  });

  it('a retired or unknown code is not a choice; a code outside the chosen category is refused', () => {
    expect(checkWrapUp(draft({ codeId: 'fin.old', result: 'resolved' }), codes, NOW)).toEqual({ codeId: 'required' });
    expect(checkWrapUp(draft({ codeId: 'nope', result: 'resolved' }), codes, NOW)).toEqual({ codeId: 'required' });
    expect(checkWrapUp(draft({ category: 'financial', codeId: 'tech.slow', result: 'resolved' }), codes, NOW)).toEqual({ codeId: 'wrongCategory' });
  });

  it('a follow-up needs a time in the future and short notes', () => {
    const ok = { codeId: 'tech.slow', result: 'callback_needed' as const, followUp: true };
    expect(checkWrapUp(draft({ ...ok, followUpAt: null }), codes, NOW)).toEqual({ followUpAt: 'required' });
    expect(checkWrapUp(draft({ ...ok, followUpAt: new Date('2026-11-26T08:59:00Z') }), codes, NOW)).toEqual({ followUpAt: 'past' });
    expect(checkWrapUp(draft({ ...ok, followUpAt: new Date('invalid') }), codes, NOW)).toEqual({ followUpAt: 'required' });
    expect(checkWrapUp(draft({ ...ok, followUpAt: new Date('2026-11-27T15:00:00Z'), followUpNote: 'x'.repeat(2001) }), codes, NOW)).toEqual({ followUpNote: 'tooLong' });
    expect(checkWrapUp(draft({ codeId: 'tech.slow', result: 'resolved', note: 'я'.repeat(2001) }), codes, NOW)).toEqual({ note: 'tooLong' });
  });

  it('a follow-up switched off is not checked', () => {
    expect(checkWrapUp(draft({ codeId: 'tech.slow', result: 'resolved', followUp: false, followUpAt: null }), codes, NOW)).toEqual({});
  });
});

describe('wrapUpInput', () => {
  it('is null while the draft has problems', () => {
    expect(wrapUpInput(EMPTY_DRAFT, codes, ids, NOW)).toBeNull();
  });

  it('builds the calls.wrapUp input, trimmed, with the callback task when asked', () => {
    const input = wrapUpInput(
      draft({ codeId: 'tech.no-link', result: 'callback_needed', note: '  перезагрузили роутер ', followUp: true, followUpAt: new Date('2026-11-27T15:00:00Z'), followUpNote: ' проверить линию ' }),
      codes, ids, NOW,
    );
    expect(input).toEqual({
      ...{ callId: ids.callId, conversationId: ids.conversationId },
      codeId: 'tech.no-link',
      result: 'callback_needed',
      note: 'перезагрузили роутер',
      followUp: { taskId: ids.taskId, dueAt: '2026-11-27T15:00:00.000Z', note: 'проверить линию' },
    });
    expect(MUTATION_SCHEMAS['call.wrapUp'].safeParse(input).success).toBe(true);
  });

  it('has no follow-up unless asked', () => {
    const input = wrapUpInput(draft({ codeId: 'fin.payment', result: 'resolved' }), codes, ids, NOW);
    expect(input).not.toHaveProperty('followUp');
    expect(MUTATION_SCHEMAS['call.wrapUp'].safeParse(input).success).toBe(true);
  });
});

describe('codeGroups', () => {
  it('groups the active codes by category in the categories\' order, codes in catalogue order; optionally one category', () => {
    expect(codeGroups(codes, null).map((g) => [g.category, g.codes.map((c) => c.id)])).toEqual([
      ['financial', ['fin.payment']],
      ['technical', ['tech.no-link', 'tech.slow']],
    ]);
    expect(codeGroups(codes, 'financial').map((g) => g.codes.map((c) => c.id))).toEqual([['fin.payment']]);
  });
});
