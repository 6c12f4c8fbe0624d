// The phone's hotkeys as system-wide shortcuts (answer, hang up, mute, hold with Pult in the
// background). The Hotkey format (Ctrl+Alt+A) is already an Electron accelerator. A combination
// another program holds cannot be registered: it is logged and works only inside Pult.
import { globalShortcut } from 'electron';
import { DEFAULT_PHONE_HOTKEYS, PHONE_HOTKEY_ACTIONS, type PhoneHotkeyAction, type PhoneHotkeys } from '../../contract/config.ts';
import type { Log } from '../services/log.ts';

export function registerPhoneHotkeys(keys: PhoneHotkeys | undefined, fire: (action: PhoneHotkeyAction) => void, log: Log): void {
  globalShortcut.unregisterAll();
  const chosen = keys ?? DEFAULT_PHONE_HOTKEYS;
  for (const action of PHONE_HOTKEY_ACTIONS) {
    const ok = globalShortcut.register(chosen[action], () => fire(action));
    if (!ok) log.warn({ action, keys: chosen[action] }, 'phone hotkey taken by another program: it works inside Pult only');
  }
}
