// The contract's own promises: errors name the field, presets are strict, every method has schemas.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { EVENT_NAMES, ItPreset, METHOD_NAMES, events, fromZodError, isMethodName, methods } from '../../../contract/index.ts';

describe('contract', () => {
  it('fromZodError names the first offending field under a prefix', () => {
    const r = methods['session.login'].input.safeParse({ serverUrl: 'http://x.ru', login: 'a', password: 42 });
    expect(r.success).toBe(false);
    const e = fromZodError((r as { error: z.ZodError }).error, 'input');
    expect(e.code).toBe('invalid_input');
    expect(e.field).toBe('input.password');
  });

  it('an unknown key (also __proto__ from JSON) is an error naming the key', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const r = methods['settings.update'].input.safeParse(input);
    expect(r.success).toBe(false);
    expect(fromZodError((r as { error: z.ZodError }).error, 'input').field).toBe('input.__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("IT's preset refuses misspelt keys and non-http server URLs", () => {
    expect(ItPreset.safeParse({ serverUrl: 'https://pult.example.ru' }).success).toBe(true);
    expect(ItPreset.safeParse({ serverURL: 'https://pult.example.ru' }).success).toBe(false);
    expect(ItPreset.safeParse({ serverUrl: 'file:///etc/passwd' }).success).toBe(false);
    expect(ItPreset.safeParse({ serverUrl: 'https://user:pw@pult.example.ru' }).success).toBe(false);
  });

  it('lists every method and event, and only those', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(0);
    for (const m of METHOD_NAMES) expect(isMethodName(m)).toBe(true);
    expect(isMethodName('constructor')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
    expect(isMethodName('toString')).toBe(false);
    expect(EVENT_NAMES.sort()).toEqual(Object.keys(events).sort());
  });
});
