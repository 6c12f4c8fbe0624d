// Guided troubleshooting scripts: decision trees an operator steps through during a call. Each
// step asks or instructs; each answer leads to the next step or ends with an outcome, and the path
// taken is saved into the conversation.
import { z } from 'zod';
import { ArticleCategory } from './article.ts';

export const SCRIPT_OUTCOMES = [
  'resolved', // the problem is solved during the call
  'customer_action', // the customer does something (pays, buys a router); nothing for us to do
  'outage', // known outage: tell the customer and the expected time
  'engineer_ticket', // a ticket for the engineers (visit, line repair)
  'escalate', // second line / personal manager
] as const;
export const ScriptOutcome = z.enum(SCRIPT_OUTCOMES);
export type ScriptOutcome = z.infer<typeof ScriptOutcome>;

const StepId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a step id: lower-case latin, digits and dashes');

export const ScriptAnswer = z.object({
  label: z.string().min(1).max(200),
  next: StepId,
});

export const ScriptStep = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('question'),
    id: StepId,
    /** What to ask or to have the customer do, in Markdown. */
    text: z.string().min(1).max(4000),
    answers: z.array(ScriptAnswer).min(2).max(8),
  }),
  z.object({
    kind: z.literal('end'),
    id: StepId,
    text: z.string().min(1).max(4000),
    outcome: ScriptOutcome,
  }),
]);
export type ScriptStep = z.infer<typeof ScriptStep>;

export const TroubleshootingScript = z
  .object({
    id: z.uuid(),
    title: z.string().min(1).max(300),
    category: ArticleCategory,
    start: StepId,
    steps: z.array(ScriptStep).min(2).max(300),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .superRefine((s, ctx) => {
    const ids = new Set<string>();
    s.steps.forEach((step, i) => {
      if (ids.has(step.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `step id ${step.id} is used twice` });
      ids.add(step.id);
    });
    if (!ids.has(s.start)) ctx.addIssue({ code: 'custom', path: ['start'], message: `no step ${s.start}` });
    s.steps.forEach((step, i) => {
      if (step.kind !== 'question') return;
      step.answers.forEach((a, j) => {
        if (!ids.has(a.next)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'answers', j, 'next'], message: `no step ${a.next}` });
      });
    });
  });
export type TroubleshootingScript = z.infer<typeof TroubleshootingScript>;

/** The path an operator took: the steps in order and the answer chosen at each question. */
export const ScriptPath = z.array(z.object({ step: StepId, answer: z.number().int().min(0).max(7).nullable() })).min(1).max(300);
export type ScriptPath = z.infer<typeof ScriptPath>;
