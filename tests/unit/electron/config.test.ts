// IT's preset: machine file, PULT_CONFIG / --config, PULT_SERVER_URL / --server-url; bad files are
// problems naming the file and the field, never exceptions.
import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../../electron/services/config/preset-loader.ts';
import { machinePresetPath } from '../../../electron/services/config/preset-paths.ts';
import { flagValue } from '../../../electron/services/config/argv.ts';

const dir = mkdtempSync(join(tmpdir(), 'pult-preset-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const nowhere = join(dir, 'absent.json');

describe('preset paths', () => {
  it('has one documented machine-wide path per OS', () => {
    expect(machinePresetPath('win32', { ProgramData: 'C:\\ProgramData' })).toBe('C:\\ProgramData\\Pult\\config.json');
    expect(machinePresetPath('win32', {})).toBe('C:\\ProgramData\\Pult\\config.json');
    expect(machinePresetPath('darwin', {})).toBe('/Library/Application Support/Pult/config.json');
    expect(machinePresetPath('linux', {})).toBe('/etc/pult/config.json');
  });
  it('reads flags in both spellings', () => {
    expect(flagValue(['--server-url', 'http://a'], '--server-url')).toBe('http://a');
    expect(flagValue(['--server-url=http://b'], '--server-url')).toBe('http://b');
    expect(flagValue(['--server-url', '--other'], '--server-url')).toBeUndefined();
  });
});

describe('loadPreset', () => {
  it('no files, no flags: empty preset and no problems', () => {
    expect(loadPreset({ machinePath: nowhere, env: {}, argv: [] })).toEqual({ preset: {}, sources: [], problems: [] });
  });

  it('reads the machine file (with a BOM), then PULT_CONFIG, then env and flag; later wins', () => {
    const machine = file('m.json', '\uFEFF' + JSON.stringify({ serverUrl: 'https://a.example.ru', language: 'en' }));
    const user = file('u.json', JSON.stringify({ serverUrl: 'https://b.example.ru', sip: { websocketUris: ['wss://pbx.example.ru:8089/ws'] } }));
    const r = loadPreset({ machinePath: machine, env: { PULT_CONFIG: user }, argv: [] });
    expect(r.preset).toEqual({ serverUrl: 'https://b.example.ru', language: 'en', sip: { websocketUris: ['wss://pbx.example.ru:8089/ws'] } });
    expect(r.sources).toEqual([machine, user]);
    const withOverrides = loadPreset({ machinePath: machine, env: { PULT_SERVER_URL: 'https://c.example.ru' }, argv: ['--server-url', 'https://d.example.ru'] });
    expect(withOverrides.preset.serverUrl).toBe('https://d.example.ru');
    expect(withOverrides.sources).toEqual([machine, 'env PULT_SERVER_URL', '--server-url']);
  });

  it("the installer's preset comes first, a missing one is fine", () => {
    const bundled = file('bundled.json', '{"serverUrl":"https://msi.example.ru","language":"en"}');
    const machine = file('m2.json', '{"serverUrl":"https://it.example.ru"}');
    const r = loadPreset({ bundledPath: bundled, machinePath: machine, env: {}, argv: [] });
    expect(r.preset).toEqual({ serverUrl: 'https://it.example.ru', language: 'en' });
    expect(r.sources).toEqual([bundled, machine]);
    expect(loadPreset({ bundledPath: nowhere, machinePath: nowhere, env: {}, argv: [] }).problems).toEqual([]);
  });

  it('--config beats PULT_CONFIG', () => {
    const a = file('a.json', '{"language":"en"}');
    const b = file('b.json', '{"language":"ru"}');
    expect(loadPreset({ machinePath: nowhere, env: { PULT_CONFIG: a }, argv: ['--config', b] }).sources).toEqual([b]);
  });

  it.each([
    ['not JSON', '{ serverUrl: ', undefined, /not valid JSON/],
    ['a misspelt key', '{"serverURL":"https://a.ru"}', 'serverURL', /.+/],
    ['a file:// server', '{"serverUrl":"file:///etc/passwd"}', 'serverUrl', /http/],
    ['a bad language', '{"language":"de"}', 'language', /.+/],
    ['a bad SIP URI', '{"sip":{"websocketUris":["http://pbx"]}}', 'sip.websocketUris.0', /ws/],
    ['an array', '[]', undefined, /object/],
  ])('a file with %s is a problem naming file and field', (_what, text, field, message) => {
    const p = file('bad.json', text);
    const r = loadPreset({ machinePath: p, env: {}, argv: [] });
    expect(r.preset).toEqual({});
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.source).toBe(p);
    expect(r.problems[0]!.field).toBe(field);
    expect(r.problems[0]!.message).toMatch(message);
  });

  it('a bad machine file does not stop a good override', () => {
    const bad = file('bad2.json', '{"nope":1}');
    const r = loadPreset({ machinePath: bad, env: {}, argv: ['--server-url=https://ok.example.ru'] });
    expect(r.preset.serverUrl).toBe('https://ok.example.ru');
    expect(r.problems[0]).toMatchObject({ source: bad, field: 'nope' });
  });

  it('an explicit file that is missing, unreadable or a bad URL override is reported', () => {
    expect(loadPreset({ machinePath: nowhere, env: {}, argv: ['--config', nowhere] }).problems[0]).toMatchObject({ source: nowhere, message: /does not exist/ });
    const r = loadPreset({ machinePath: nowhere, env: { PULT_SERVER_URL: 'javascript:alert(1)' }, argv: [] });
    expect(r.problems[0]).toMatchObject({ source: 'env PULT_SERVER_URL', field: 'serverUrl' });
    expect(r.preset.serverUrl).toBeUndefined();
    if (process.getuid?.() !== 0) {
      const locked = file('locked.json', '{}');
      chmodSync(locked, 0);
      expect(loadPreset({ machinePath: locked, env: {}, argv: [] }).problems[0]!.message).toMatch(/cannot read/);
    }
    const dirAsFile = loadPreset({ machinePath: dir, env: {}, argv: [] });
    expect(dirAsFile.problems[0]!.message).toMatch(/cannot read/);
  });
});
