// What a phone hotkey does to the calls there are: answer the call that rings; hang up the call in
// progress (or decline the one that rings); mute or hold the call in progress, and back.
import type { PhoneHotkeyAction } from '../../../../contract/config.ts';
import type { CallSnapshot } from '../../sip/types.ts';
import type { CallAction } from './phone-store.ts';

export function hotkeyTarget(calls: readonly CallSnapshot[], action: PhoneHotkeyAction): { id: string; act: CallAction } | null {
  const live = calls.filter((c) => c.status !== 'ended');
  const ringingIn = live.find((c) => c.direction === 'inbound' && c.status === 'ringing');
  const talking = live.find((c) => c.status === 'confirmed');
  const going = live.find((c) => c.direction === 'outbound');
  switch (action) {
    case 'answer':
      return ringingIn ? { id: ringingIn.id, act: 'answer' } : null;
    case 'hangup':
      if (talking) return { id: talking.id, act: 'hangup' };
      if (going) return { id: going.id, act: 'hangup' };
      return ringingIn ? { id: ringingIn.id, act: 'decline' } : null;
    case 'mute':
      return talking ? { id: talking.id, act: talking.muted ? 'unmute' : 'mute' } : null;
    case 'hold':
      return talking ? { id: talking.id, act: talking.held ? 'resume' : 'hold' } : null;
  }
}

/** "Ctrl+Alt+A" as Mantine's useHotkeys reads it ("ctrl+alt+A"), and as Electron's accelerator. */
export function mantineHotkey(keys: string): string {
  return keys.split('+').map((k) => (['Ctrl', 'Alt', 'Shift', 'Meta'].includes(k) ? k.toLowerCase() : k)).join('+');
}

/** The keys of a keydown as a Hotkey string, or null while only modifiers are down. */
export function hotkeyOf(e: Pick<KeyboardEvent, 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey' | 'code' | 'key'>): string | null {
  const key = /^Key([A-Z])$/.exec(e.code)?.[1] ?? /^Digit(\d)$/.exec(e.code)?.[1]
    ?? (/^(F(?:[1-9]|1[0-2])|Space|Enter|Home|End|PageUp|PageDown)$/.test(e.code) ? e.code : null);
  if (!key) return null;
  return [e.ctrlKey && 'Ctrl', e.altKey && 'Alt', e.shiftKey && 'Shift', e.metaKey && 'Meta', key].filter(Boolean).join('+');
}
