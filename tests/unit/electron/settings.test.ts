// User settings: defaults (ru unless IT says otherwise), atomic persistence, broken file → defaults
// plus a problem; window state remembered only when it is still on a screen.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSettingsStore } from '../../../electron/services/settings/settings-store.ts';
import { isVisibleOnSomeScreen, windowStateStore } from '../../../electron/services/settings/window-state.ts';
import { silentLog } from '../../../electron/services/log.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'pult-settings-'));

describe('settings store', () => {
  it('defaults: ru, auto theme, no server; IT preset fills language and server', async () => {
    expect((await openSettingsStore({ userDataDir: fresh(), preset: {}, log: silentLog })).get()).toEqual({ language: 'ru', theme: 'auto', serverUrl: null });
    const s = await openSettingsStore({ userDataDir: fresh(), preset: { language: 'en', serverUrl: 'https://it.example.ru' }, log: silentLog });
    expect(s.get()).toEqual({ language: 'en', theme: 'auto', serverUrl: 'https://it.example.ru' });
  });

  it('persists only what the user chose, atomically, and reads it back', async () => {
    const dir = fresh();
    const s = await openSettingsStore({ userDataDir: dir, preset: { serverUrl: 'https://it.example.ru' }, log: silentLog });
    await Promise.all([s.update({ theme: 'dark' }), s.update({ language: 'en' })]);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ theme: 'dark', language: 'en' });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const again = await openSettingsStore({ userDataDir: dir, preset: { serverUrl: 'https://it.example.ru' }, log: silentLog });
    expect(again.get()).toEqual({ language: 'en', theme: 'dark', serverUrl: 'https://it.example.ru' });
    expect((await again.update({ serverUrl: null })).serverUrl).toBe('https://it.example.ru'); // null: back to IT's
  });

  it('a server URL given for this run wins until the user picks another', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ serverUrl: 'https://old.example.ru' }));
    const s = await openSettingsStore({ userDataDir: dir, preset: {}, serverUrlOverride: 'http://127.0.0.1:8780', log: silentLog });
    expect(s.get().serverUrl).toBe('http://127.0.0.1:8780');
    expect((await s.update({ serverUrl: 'https://new.example.ru' })).serverUrl).toBe('https://new.example.ru');
  });

  it.each([
    ['not JSON', '{oops', undefined],
    ['a bad value', '{"language":"de"}', 'language'],
    ['a non-object', '"ru"', undefined],
  ])('a file with %s gives defaults and a problem naming it', async (_w, text, field) => {
    const dir = fresh();
    writeFileSync(join(dir, 'settings.json'), text);
    const s = await openSettingsStore({ userDataDir: dir, preset: {}, log: silentLog });
    expect(s.get()).toEqual({ language: 'ru', theme: 'auto', serverUrl: null });
    expect(s.problems()[0]).toMatchObject({ source: join(dir, 'settings.json'), ...(field ? { field } : {}) });
    expect(s.problems()[0]!.field).toBe(field);
    await s.update({ theme: 'light' });
    expect(s.problems()).toEqual([]);
  });

  it('unknown keys from a newer version are ignored, not fatal', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'settings.json'), '{"theme":"dark","fontSize":14}');
    const s = await openSettingsStore({ userDataDir: dir, preset: {}, log: silentLog });
    expect(s.get().theme).toBe('dark');
    expect(s.problems()).toEqual([]);
  });
});

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  it('is visible when its top is on a screen, not when it is off every screen', () => {
    expect(isVisibleOnSomeScreen({ x: 100, y: 100, width: 800, height: 600 }, screen)).toBe(true);
    expect(isVisibleOnSomeScreen({ x: 3000, y: 100, width: 800, height: 600 }, screen)).toBe(false);
    expect(isVisibleOnSomeScreen({ x: 1880, y: 100, width: 800, height: 600 }, screen)).toBe(false);
  });
  it('round-trips, recentres a window left on a missing monitor, ignores garbage', async () => {
    const dir = fresh();
    const store = windowStateStore(dir);
    expect(await store.load(screen)).toBeNull();
    await store.save({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(await store.load(screen)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    await store.save({ x: 5000, y: 20, width: 1000, height: 700, maximized: false });
    expect(await store.load(screen)).toEqual({ x: 460, y: 190, width: 1000, height: 700, maximized: false });
    writeFileSync(join(dir, 'window-state.json'), '{"x":"a"}');
    expect(await store.load(screen)).toBeNull();
  });
});
