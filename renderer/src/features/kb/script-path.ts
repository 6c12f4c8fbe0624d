// Walking a troubleshooting script: the path so far (steps and chosen answers), one step forward,
// one back, and the path as text an operator can paste into a ticket.
import type { ScriptPath, ScriptStep, TroubleshootingScript } from '../../../../contract/domain/script.ts';

export function stepOf(script: TroubleshootingScript, id: string): ScriptStep | undefined {
  return script.steps.find((s) => s.id === id);
}

export function choose(script: TroubleshootingScript, path: ScriptPath, answer: number): ScriptPath {
  const last = path.at(-1)!;
  const step = stepOf(script, last.step);
  if (step?.kind !== 'question' || !step.answers[answer]) return path;
  return [...path.slice(0, -1), { step: last.step, answer }, { step: step.answers[answer].next, answer: null }];
}

export function back(path: ScriptPath): ScriptPath {
  if (path.length < 2) return path;
  const prev = path.at(-2)!;
  return [...path.slice(0, -2), { step: prev.step, answer: null }];
}

/** "1. question → answer" lines, then the outcome: for the ticket or the conversation's note. */
export function pathAsText(script: TroubleshootingScript, path: ScriptPath, outcomeLabel: (o: string) => string): string {
  const lines = [script.title];
  path.forEach((p, i) => {
    const step = stepOf(script, p.step);
    if (!step) return;
    const text = step.text.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
    if (step.kind === 'question') lines.push(`${i + 1}. ${text} → ${p.answer === null ? '…' : step.answers[p.answer]?.label ?? '?'}`);
    else lines.push(`${i + 1}. ${outcomeLabel(step.outcome)}: ${text}`);
  });
  return lines.join('\n');
}
