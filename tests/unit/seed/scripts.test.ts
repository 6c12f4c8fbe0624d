// The troubleshooting scripts are sound decision trees: valid by the contract, every step reachable
// from the start, every path ends in an outcome (no loops), and the topics the operators need exist.
import { describe, expect, it } from 'vitest';
import { TroubleshootingScript, type ScriptStep } from '../../../contract/domain/script.ts';
import { troubleshootingScripts } from '../../../server/src/seed/content/scripts/index.ts';

const scripts = troubleshootingScripts('2026-11-01T00:00:00.000Z');

function paths(s: TroubleshootingScript): string[][] {
  const byId = new Map<string, ScriptStep>(s.steps.map((st) => [st.id, st]));
  const out: string[][] = [];
  const walk = (id: string, path: string[]) => {
    if (path.includes(id)) throw new Error(`${s.title}: loop through ${id}`);
    const step = byId.get(id)!;
    const next = [...path, id];
    if (step.kind === 'end') out.push(next);
    else for (const a of step.answers) walk(a.next, next);
  };
  walk(s.start, []);
  return out;
}

describe('troubleshooting scripts', () => {
  it('are valid by the contract, with unique ids', () => {
    for (const s of scripts) expect(TroubleshootingScript.safeParse(s).success, s.title).toBe(true);
    expect(new Set(scripts.map((s) => s.id)).size).toBe(scripts.length);
  });

  it('reach every step from the start and end every path in an outcome, without loops', () => {
    for (const s of scripts) {
      const all = paths(s);
      const reached = new Set(all.flat());
      expect([...s.steps.map((st) => st.id)].filter((id) => !reached.has(id)), s.title).toEqual([]);
      expect(all.length).toBeGreaterThan(3);
    }
  });

  it('cover "no connection" for Ethernet in apartment buildings and Wi-Fi on every OS', () => {
    const titles = scripts.map((s) => s.title).join('\n');
    for (const re of [/Нет подключения.*Ethernet/, /Windows/, /macOS/, /Android/, /iOS/]) expect(titles).toMatch(re);
    const ethernet = scripts[0]!;
    const text = ethernet.steps.map((s) => s.text).join('\n');
    for (const topic of [/баланс/i, /индикатор/i, /PPPoE/, /IPoE/, /коммутатор/i, /заявк/i]) expect(text).toMatch(topic);
  });

  it('are refused by the contract when an answer leads nowhere or an id repeats', () => {
    const s = scripts[1]!;
    const broken = { ...s, steps: s.steps.map((st) => (st.kind === 'question' ? { ...st, answers: [{ label: 'x', next: 'nowhere' }, ...st.answers] } : st)) };
    const r = TroubleshootingScript.safeParse(broken);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/no step nowhere/);
    const twice = { ...s, steps: [...s.steps, s.steps[0]!] };
    expect(TroubleshootingScript.safeParse(twice).error?.issues[0]?.message).toMatch(/used twice/);
  });
});
