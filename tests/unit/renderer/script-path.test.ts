// Walking a troubleshooting script: answers move forward, back undoes exactly one answer, a wrong
// answer index changes nothing, and the copied path reads as questions with the answers chosen.
import { describe, expect, it } from 'vitest';
import { back, choose, pathAsText } from '../../../renderer/src/features/kb/script-path.ts';
import type { ScriptPath } from '../../../contract/domain/script.ts';
import { troubleshootingScripts } from '../../../server/src/seed/content/scripts/index.ts';

const script = troubleshootingScripts('2026-11-01T00:00:00.000Z')[0]!;

describe('script path', () => {
  it('goes forward by answers and back by one', () => {
    let p: ScriptPath = [{ step: script.start, answer: null }];
    p = choose(script, p, 0); // balance fine → outage check
    p = choose(script, p, 1); // no outage → link light
    expect(p.map((x) => x.step)).toEqual(['balance', 'outage', 'link-light']);
    expect(p.map((x) => x.answer)).toEqual([0, 1, null]);
    p = back(p);
    expect(p).toEqual([{ step: 'balance', answer: 0 }, { step: 'outage', answer: null }]);
    expect(choose(script, p, 7)).toBe(p); // no such answer
  });

  it('copies the path as readable lines ending with the outcome', () => {
    let p: ScriptPath = [{ step: script.start, answer: null }];
    for (const a of [0, 1, 0, 0]) p = choose(script, p, a);
    const text = pathAsText(script, p, (o) => `[${o}]`);
    expect(text.split('\n')[0]).toBe(script.title);
    expect(text).toContain('→ Да, баланс в порядке');
    expect(text).toContain('→ Да, работает');
    expect(text.split('\n').at(-1)).toMatch(/^5\. \[resolved\]: /);
    expect(text).not.toContain('**');
  });
});
