// ru.json and en.json say the same things: identical keys, no empty strings, the same
// {{placeholders}}, and words for every error code, role, site and section the app can show.
import { describe, expect, it } from 'vitest';
import ru from '../../../renderer/src/i18n/locales/ru.json' with { type: 'json' };
import en from '../../../renderer/src/i18n/locales/en.json' with { type: 'json' };
import { ERROR_CODES } from '../../../contract/errors.ts';
import { ROLES, SITE_IDS } from '../../../contract/domain/agent.ts';
import { CLIENT_ERROR_CODES } from '../../../renderer/src/api/pult-error.ts';
import { SECTION_IDS } from '../../../renderer/src/app/sections.ts';
import { MUTATION_NAMES } from '../../../contract/sync.ts';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const locales = { ru: flatten(ru as Tree), en: flatten(en as Tree) };
// Plural forms differ by language (ru: one/few/many, en: one/other); compare their base keys.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKeys = (map: Map<string, string>) => [...new Set([...map.keys()].map((k) => k.replace(PLURAL, '')))].sort();
const counterpart = (map: Map<string, string>, key: string) => map.get(key) ?? map.get(key.replace(PLURAL, '_other'));
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  it('have identical keys', () => {
    expect(baseKeys(locales.en)).toEqual(baseKeys(locales.ru));
    for (const key of locales.ru.keys()) if (PLURAL.test(key)) expect(locales.en.has(key.replace(PLURAL, '_other')), key).toBe(true);
  });

  it('have no empty strings', () => {
    for (const [lang, map] of Object.entries(locales)) {
      for (const [key, value] of map) expect(value.trim(), `${lang}: ${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, value] of locales.ru) expect(placeholders(counterpart(locales.en, key) ?? ''), key).toEqual(placeholders(value));
  });

  it('put words to every error code, and name the field for invalid_input', () => {
    for (const map of Object.values(locales)) {
      for (const code of [...ERROR_CODES, ...CLIENT_ERROR_CODES]) expect(map.get(`errors.${code}`), code).toBeTruthy();
      expect(map.get('errors.invalid_input')).toContain('{{field}}');
    }
  });

  it('name every change the server may refuse (the refusal says which)', () => {
    // Mutation names hold dots, so they are keys of their own under `mutations`.
    for (const tree of [ru, en] as unknown as Array<{ mutations: Record<string, string> }>) {
      for (const name of MUTATION_NAMES) expect(tree.mutations[name], name).toBeTruthy();
    }
  });

  it('name every role, site and section', () => {
    for (const map of Object.values(locales)) {
      for (const role of ROLES) expect(map.get(`roles.${role}`), role).toBeTruthy();
      for (const site of SITE_IDS) expect(map.get(`sites.${site}`), site).toBeTruthy();
      for (const id of SECTION_IDS) {
        expect(map.get(`nav.${id}`), id).toBeTruthy();
        if (id !== 'settings') expect(map.get(`sections.${id}`), id).toBeTruthy();
      }
    }
  });

  it('are really translated: Russian text is Cyrillic, English text is not', () => {
    const same = [...locales.ru].filter(([key, value]) => value === counterpart(locales.en, key)).map(([key]) => key);
    // Only language names, the URL placeholder, the shortcut pattern and the bare
    // "source: message" layout of config problems may be identical.
    expect(same.sort()).toEqual(['config.problemNoField', 'language.en', 'language.ru', 'login.serverPlaceholder', 'nav.shortcut'].sort());
    expect(locales.ru.get('errors.server_unreachable')).toMatch(/[а-яё]/i);
    expect(locales.en.get('errors.server_unreachable')).not.toMatch(/[а-яё]/i);
  });
});
