// The sound, auto-answer and do-not-disturb settings: a settings file from before they existed still
// loads (without them: defaults in the app); a partial audio object gets its defaults; out-of-range
// values are refused at the boundary; saved choices come back after a restart.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AudioSettings, AutoAnswerSettings, Settings, SettingsPatch } from '../../../contract/config.ts';
import { openSettingsStore } from '../../../electron/services/settings/settings-store.ts';
import { silentLog } from '../../../electron/services/log.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'pult-audio-settings-'));

describe('audio settings schema', () => {
  it('accepts settings without audio, auto-answer or DND (older files)', () => {
    expect(Settings.parse({ language: 'ru', theme: 'auto', serverUrl: null })).toEqual({ language: 'ru', theme: 'auto', serverUrl: null });
  });

  it('fills the defaults of a partial audio or auto-answer object', () => {
    expect(AudioSettings.parse({ speaker: { deviceId: 'abc', label: 'Jabra' } })).toEqual({
      microphone: null, speaker: { deviceId: 'abc', label: 'Jabra' }, ringer: null, ringVolume: 0.6,
    });
    expect(AutoAnswerSettings.parse({ enabled: true })).toEqual({ enabled: true, delaySeconds: 3 });
  });

  it.each([
    [{ audio: { ringVolume: 1.5 } }, 'audio.ringVolume'],
    [{ audio: { ringer: { deviceId: '', label: 'x' } } }, 'audio.ringer.deviceId'],
    [{ autoAnswer: { enabled: true, delaySeconds: 11 } }, 'autoAnswer.delaySeconds'],
    [{ autoAnswer: { enabled: true, delaySeconds: 1.5 } }, 'autoAnswer.delaySeconds'],
    [{ doNotDisturb: 'yes' }, 'doNotDisturb'],
    [{ audio: { volume: 1 } }, 'audio'],
  ])('refuses %j naming %s', (patch, field) => {
    const r = SettingsPatch.safeParse(patch);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path.join('.')).toBe(field);
  });
});

describe('settings store with audio, auto-answer and DND', () => {
  it('an old settings file loads as before, with nothing audio in it', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ theme: 'dark', phoneHotkeys: { answer: 'Ctrl+Alt+A', hangup: 'Ctrl+Alt+H', mute: 'Ctrl+Alt+M', hold: 'Ctrl+Alt+P' } }));
    const s = await openSettingsStore({ userDataDir: dir, preset: {}, log: silentLog });
    expect(s.problems()).toEqual([]);
    expect(s.get().theme).toBe('dark');
    expect(s.get().audio).toBeUndefined();
    expect(s.get().doNotDisturb).toBeUndefined();
  });

  it('persists the choices and reads them back after a restart', async () => {
    const dir = fresh();
    const s = await openSettingsStore({ userDataDir: dir, preset: {}, log: silentLog });
    const audio = AudioSettings.parse({ microphone: { deviceId: 'mic-1', label: 'Jabra Evolve 40' }, ringVolume: 0.3 });
    await s.update({ audio, autoAnswer: { enabled: true, delaySeconds: 5 }, doNotDisturb: true });
    const again = await openSettingsStore({ userDataDir: dir, preset: {}, log: silentLog });
    expect(again.get()).toMatchObject({ audio, autoAnswer: { enabled: true, delaySeconds: 5 }, doNotDisturb: true });
    await again.update({ doNotDisturb: false });
    expect(again.get().doNotDisturb).toBe(false);
    expect(again.get().audio).toEqual(audio);
  });
});
