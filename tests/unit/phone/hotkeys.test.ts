// Phone hotkeys: what each one does to the calls there are, how a keydown becomes a combination,
// which combinations the settings accept, and that the settings keep them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PHONE_HOTKEYS, Hotkey, PhoneHotkeys } from '../../../contract/config.ts';
import { openSettingsStore } from '../../../electron/services/settings/settings-store.ts';
import { silentLog } from '../../../electron/services/log.ts';
import { hotkeyOf, hotkeyTarget, mantineHotkey } from '../../../renderer/src/features/phone/hotkey-actions.ts';
import type { CallSnapshot } from '../../../renderer/src/sip/types.ts';

const call = (id: string, over: Partial<CallSnapshot>): CallSnapshot => ({
  id, direction: 'inbound', remoteUser: '+79161234567', status: 'ringing', held: false, remoteHeld: false, muted: false, startedAt: 0, ...over,
});

describe('hotkeyTarget', () => {
  it('answers the ringing call, declines it on hang-up, does nothing without calls', () => {
    const ringing = [call('r', {})];
    expect(hotkeyTarget(ringing, 'answer')).toEqual({ id: 'r', act: 'answer' });
    expect(hotkeyTarget(ringing, 'hangup')).toEqual({ id: 'r', act: 'decline' });
    expect(hotkeyTarget(ringing, 'mute')).toBeNull();
    expect(hotkeyTarget([], 'answer')).toBeNull();
  });

  it('hangs up, mutes and holds the call in progress, and toggles back; a second call ringing is not hung up by mistake', () => {
    const talking = call('t', { status: 'confirmed', muted: true, held: false });
    const calls = [talking, call('r', {})];
    expect(hotkeyTarget(calls, 'hangup')).toEqual({ id: 't', act: 'hangup' });
    expect(hotkeyTarget(calls, 'mute')).toEqual({ id: 't', act: 'unmute' });
    expect(hotkeyTarget(calls, 'hold')).toEqual({ id: 't', act: 'hold' });
    expect(hotkeyTarget([{ ...talking, held: true }], 'hold')).toEqual({ id: 't', act: 'resume' });
    expect(hotkeyTarget([call('o', { direction: 'outbound', status: 'dialing' })], 'hangup')).toEqual({ id: 'o', act: 'hangup' });
  });
});

describe('hotkey combinations', () => {
  const key = (code: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) =>
    ({ ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, key: '', code, ...mods });

  it('reads a keydown by its physical key, whatever the layout (Cyrillic too)', () => {
    expect(hotkeyOf({ ...key('KeyA', { ctrlKey: true, altKey: true }), key: 'ф' })).toBe('Ctrl+Alt+A');
    expect(hotkeyOf(key('F9', { altKey: true, shiftKey: true }))).toBe('Alt+Shift+F9');
    expect(hotkeyOf(key('ControlLeft', { ctrlKey: true }))).toBeNull();
    expect(mantineHotkey('Ctrl+Alt+A')).toBe('ctrl+alt+A');
  });

  it('accepts combinations with Ctrl, Alt or Meta, each action its own', () => {
    expect(PhoneHotkeys.safeParse(DEFAULT_PHONE_HOTKEYS).success).toBe(true);
    expect(Hotkey.safeParse('Shift+A').success).toBe(false); // typing would fire it
    expect(Hotkey.safeParse('A').success).toBe(false);
    expect(Hotkey.safeParse('Ctrl+Alt+Delete').success).toBe(false);
    expect(PhoneHotkeys.safeParse({ ...DEFAULT_PHONE_HOTKEYS, mute: DEFAULT_PHONE_HOTKEYS.hold }).success).toBe(false);
  });

  it('the settings keep the user\'s hotkeys and tell listeners', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pult-hotkeys-'));
    const store = await openSettingsStore({ userDataDir: dir, preset: {}, log: silentLog });
    expect(store.get().phoneHotkeys).toBeUndefined();
    const seen: unknown[] = [];
    store.onChange((s) => seen.push(s.phoneHotkeys));
    const mine = { ...DEFAULT_PHONE_HOTKEYS, answer: 'Ctrl+Shift+F1' };
    await store.update({ phoneHotkeys: mine });
    expect(seen).toEqual([mine]);
    expect((await openSettingsStore({ userDataDir: dir, preset: {}, log: silentLog })).get().phoneHotkeys).toEqual(mine);
  });
});
