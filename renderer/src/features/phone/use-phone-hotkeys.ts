// The phone's hotkeys while Pult has the focus (in text fields too: every combination has Ctrl, Alt
// or Meta), and the same actions when Electron's global shortcuts fire with Pult in the background.
import { useEffect } from 'react';
import { useHotkeys } from '@mantine/hooks';
import { DEFAULT_PHONE_HOTKEYS, PHONE_HOTKEY_ACTIONS, type PhoneHotkeyAction } from '../../../../contract/config.ts';
import { useSettings } from '../../api/hooks.ts';
import { usePult } from '../../api/api-context.tsx';
import { hotkeyTarget, mantineHotkey } from './hotkey-actions.ts';
import type { PhoneStore } from './phone-store.ts';

export function usePhoneHotkeys(store: PhoneStore): void {
  const api = usePult();
  const keys = useSettings().data?.phoneHotkeys ?? DEFAULT_PHONE_HOTKEYS;
  const run = (action: PhoneHotkeyAction) => {
    const target = hotkeyTarget(store.getSnapshot().calls.map((c) => c.snapshot), action);
    if (target) store.act(target.id, target.act);
  };
  useHotkeys(PHONE_HOTKEY_ACTIONS.map((a) => [mantineHotkey(keys[a]), () => run(a)] as [string, () => void]), []);
  useEffect(() => api.on('phone.hotkey', ({ action }) => run(action)));
}
