// The wrap-up form's rules, apart from its view: a code (which names the category) and a result are
// required, the note and the follow-up note fit the server's limits, a follow-up needs a time that
// is still ahead. A valid draft becomes the `calls.wrapUp` input.
import { ARTICLE_CATEGORIES, type ArticleCategory } from '../../../../contract/domain/article.ts';
import type { WrapUpCode, WrapUpResult } from '../../../../contract/domain/wrap-up.ts';
import type { CallWrapUpInput } from '../../../../contract/phone-ipc.ts';

export const WRAP_UP_NOTE_MAX = 2000;

export interface WrapUpDraft {
  category: ArticleCategory | null;
  codeId: string | null;
  result: WrapUpResult | null;
  note: string;
  followUp: boolean;
  /** When to call back, local time as picked. */
  followUpAt: Date | null;
  followUpNote: string;
}

export const EMPTY_DRAFT: WrapUpDraft = { category: null, codeId: null, result: null, note: '', followUp: false, followUpAt: null, followUpNote: '' };

/** Each problem is the i18n key of its message, under phone.wrapUp.problems. */
export type WrapUpProblems = Partial<Record<'codeId' | 'result' | 'note' | 'followUpAt' | 'followUpNote', 'required' | 'tooLong' | 'past' | 'wrongCategory'>>;

export function checkWrapUp(draft: WrapUpDraft, codes: readonly WrapUpCode[], now: Date): WrapUpProblems {
  const problems: WrapUpProblems = {};
  const code = codes.find((c) => c.id === draft.codeId && c.active);
  if (!code) problems.codeId = 'required';
  else if (draft.category && code.category !== draft.category) problems.codeId = 'wrongCategory';
  if (!draft.result) problems.result = 'required';
  if (draft.note.trim().length > WRAP_UP_NOTE_MAX) problems.note = 'tooLong';
  if (draft.followUp) {
    if (!draft.followUpAt || Number.isNaN(draft.followUpAt.getTime())) problems.followUpAt = 'required';
    else if (draft.followUpAt.getTime() <= now.getTime()) problems.followUpAt = 'past';
    if (draft.followUpNote.trim().length > WRAP_UP_NOTE_MAX) problems.followUpNote = 'tooLong';
  }
  return problems;
}

export interface WrapUpIds {
  callId: string;
  /** The call's conversation when it has one, else a new client-made id. */
  conversationId: string;
  /** Used only when a follow-up is asked for. */
  taskId: string;
}

/** The `calls.wrapUp` input, or null while the draft has problems. */
export function wrapUpInput(draft: WrapUpDraft, codes: readonly WrapUpCode[], ids: WrapUpIds, now: Date): CallWrapUpInput | null {
  if (Object.keys(checkWrapUp(draft, codes, now)).length > 0) return null;
  return {
    callId: ids.callId,
    conversationId: ids.conversationId,
    codeId: draft.codeId!,
    result: draft.result!,
    note: draft.note.trim(),
    ...(draft.followUp ? { followUp: { taskId: ids.taskId, dueAt: draft.followUpAt!.toISOString(), note: draft.followUpNote.trim() } } : {}),
  };
}

/** Active codes grouped by category (in the categories' own order), each in the catalogue's order. */
export function codeGroups(codes: readonly WrapUpCode[], category: ArticleCategory | null): Array<{ category: ArticleCategory; codes: WrapUpCode[] }> {
  const groups = new Map<ArticleCategory, WrapUpCode[]>();
  for (const c of [...codes].filter((c) => c.active && (!category || c.category === category)).sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, 'ru'))) {
    const list = groups.get(c.category) ?? [];
    list.push(c);
    groups.set(c.category, list);
  }
  return ARTICLE_CATEGORIES.filter((cat) => groups.has(cat)).map((cat) => ({ category: cat, codes: groups.get(cat)! }));
}
