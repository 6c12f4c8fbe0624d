// What the toolbar offers whom (the server's rules, so it offers nothing the server refuses), and
// each refusal in words, in Russian and English, naming the colleague who has the conversation.
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConversationStatus } from '../../../contract/domain/conversation.ts';
import en from '../../../renderer/src/i18n/locales/en.json' with { type: 'json' };
import ru from '../../../renderer/src/i18n/locales/ru.json' with { type: 'json' };
import { actionRights } from '../../../renderer/src/features/inbox/conversation-action-rights.ts';
import { refusalWords, type ActionRefusal } from '../../../renderer/src/features/inbox/conversation-action-refusal.ts';

const ME = 'a0000000-0000-4000-8000-000000000001';
const GLEB = 'a0000000-0000-4000-8000-000000000002';
const c = (assigneeId: string | null, status: ConversationStatus = 'open') => ({ assigneeId, status });

describe('what the toolbar offers', () => {
  const operator = { id: ME, role: 'operator' as const };
  const supervisor = { id: ME, role: 'supervisor' as const };
  it('an operator: take a free one; return, hand over and edit their own; nothing on a colleague\'s', () => {
    expect(actionRights(c(null, 'new'), operator)).toEqual({ take: true, giveBack: false, handOver: false, edit: false });
    expect(actionRights(c(ME), operator)).toEqual({ take: false, giveBack: true, handOver: true, edit: true });
    expect(actionRights(c(GLEB), operator)).toEqual({ take: false, giveBack: false, handOver: false, edit: false });
  });
  it('a resolved conversation is only reopened, by its assignee or a supervisor', () => {
    expect(actionRights(c(ME, 'resolved'), operator)).toEqual({ take: false, giveBack: false, handOver: false, edit: true });
    expect(actionRights(c(null, 'resolved'), operator)).toEqual({ take: false, giveBack: false, handOver: false, edit: false });
    expect(actionRights(c(GLEB, 'resolved'), supervisor)).toEqual({ take: false, giveBack: false, handOver: false, edit: true });
  });
  it('supervisors and admins assign anything and edit anything, but never take for themselves', () => {
    expect(actionRights(c(null, 'new'), supervisor)).toEqual({ take: false, giveBack: false, handOver: true, edit: true });
    expect(actionRights(c(GLEB), { id: ME, role: 'admin' })).toEqual({ take: false, giveBack: true, handOver: true, edit: true });
  });
  it('personal and quality managers get nothing', () => {
    for (const role of ['personal_manager', 'quality_manager'] as const) {
      expect(actionRights(c(null, 'new'), { id: ME, role })).toEqual({ take: false, giveBack: false, handOver: false, edit: false });
    }
  });
});

describe.each([['ru', ru], ['en', en]] as const)('refusals in words (%s)', (lng, resources) => {
  let t: TFunction;
  beforeAll(async () => {
    const i = i18next.createInstance();
    await i.init({ lng, resources: { [lng]: { translation: resources } }, interpolation: { escapeValue: false } });
    t = i.t;
  });
  const refusal = (name: ActionRefusal['name'], code: ActionRefusal['error']['code'], arg = 'conversationId'): ActionRefusal => ({
    seq: 1, name, error: { code, message: 'server words for the log', field: `mutations.0.args.${arg}` },
  });
  const words = (r: ActionRefusal, conversation: ReturnType<typeof c> | null) => refusalWords(t, r, { conversation, me: ME, names: { [GLEB]: 'Глеб Андреев' } });
  const keys = resources.conversationActions.refused;
  const interpolated = (s: string) => s.replace('{{name}}', 'Глеб Андреев');

  it('taken by a colleague: names them from the replica', () => {
    expect(words(refusal('conversation.assign', 'conflict'), c(GLEB))).toBe(interpolated(keys.takenBy));
    expect(words(refusal('conversation.assign', 'conflict'), c('a0000000-0000-4000-8000-000000000009'))).toBe(keys.takenBySomeone);
    expect(words(refusal('conversation.setStatus', 'conflict'), c(GLEB))).toBe(interpolated(keys.takenBy));
  });
  it('a resolved conversation, and a change the conversation outran', () => {
    expect(words(refusal('conversation.assign', 'conflict'), c(ME, 'resolved'))).toBe(keys.resolved);
    expect(words(refusal('conversation.assign', 'conflict'), c(ME))).toBe(keys.changedMeanwhile);
    expect(words(refusal('conversation.assign', 'conflict'), null)).toBe(keys.changedMeanwhile);
  });
  it('not allowed, gone, not an operator', () => {
    expect(words(refusal('conversation.assign', 'forbidden'), c(null))).toBe(keys.assignForbidden);
    expect(words(refusal('conversation.assign', 'forbidden', 'assigneeId'), c(null))).toBe(keys.assignOthers);
    expect(words(refusal('conversation.setCategory', 'forbidden'), c(null))).toBe(keys.editForbidden);
    expect(words(refusal('conversation.assign', 'not_found'), null)).toBe(keys.conversationGone);
    expect(words(refusal('conversation.assign', 'not_found', 'assigneeId'), c(ME))).toBe(keys.agentGone);
    expect(words(refusal('conversation.assign', 'invalid_input', 'assigneeId'), c(ME))).toBe(keys.notAnOperator);
  });
  it('anything else in the app\'s general words, never the server\'s log message', () => {
    const w = words(refusal('conversation.setStatus', 'internal'), c(ME));
    expect(w).toBe(resources.errors.internal);
    expect(w).not.toContain('server words');
  });
});
