// Configuration that IT presets per machine, and the settings a user changes in the app.
import { z } from 'zod';

export const LANGUAGES = ['ru', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const ThemePreference = z.enum(['auto', 'light', 'dark']);
export type ThemePreference = z.infer<typeof ThemePreference>;

export const HttpUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'expected an http(s) URL without credentials, like https://pult.example.ru');

export const WsUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'ws:' || u.protocol === 'wss:';
    } catch {
      return false;
    }
  }, 'expected a ws:// or wss:// URL');

/**
 * IT's machine-wide preset (a JSON file; see README "Configuration for IT").
 * Strict: a misspelt key is an error that names it, not a silently ignored setting.
 */
export const ItPreset = z.strictObject({
  serverUrl: HttpUrl.optional(),
  language: Language.optional(),
  sip: z
    .strictObject({
      websocketUris: z.array(WsUrl).min(1).max(8),
      domain: z.string().min(1).max(255).optional(),
    })
    .optional(),
});
export type ItPreset = z.infer<typeof ItPreset>;

export const ConfigProblem = z.object({
  source: z.string(),
  field: z.string().optional(),
  message: z.string(),
});
export type ConfigProblem = z.infer<typeof ConfigProblem>;

export const EffectiveConfig = z.object({
  preset: ItPreset,
  /** Where the preset came from: file paths, "env PULT_SERVER_URL", "--server-url". */
  sources: z.array(z.string()),
  problems: z.array(ConfigProblem),
});
export type EffectiveConfig = z.infer<typeof EffectiveConfig>;

/**
 * A key combination as the user pressed it: modifiers then one key, e.g. "Ctrl+Alt+A". At least one
 * of Ctrl/Alt/Meta, so typing never triggers it.
 */
export const Hotkey = z
  .string()
  .max(40)
  .regex(/^(?:(?:Ctrl|Alt|Shift|Meta)\+)*(?:[A-Z0-9]|F(?:[1-9]|1[0-2])|Space|Enter|Home|End|PageUp|PageDown)$/, 'expected keys like Ctrl+Alt+A')
  .refine((k) => /(?:^|\+)(?:Ctrl|Alt|Meta)\+/.test(k), 'needs Ctrl, Alt or Meta, so typing never triggers it');

export const PHONE_HOTKEY_ACTIONS = ['answer', 'hangup', 'mute', 'hold'] as const;
export type PhoneHotkeyAction = (typeof PHONE_HOTKEY_ACTIONS)[number];
export const PhoneHotkeys = z
  .strictObject({ answer: Hotkey, hangup: Hotkey, mute: Hotkey, hold: Hotkey })
  .refine((h) => new Set(Object.values(h)).size === PHONE_HOTKEY_ACTIONS.length, 'each action needs its own keys');
export type PhoneHotkeys = z.infer<typeof PhoneHotkeys>;
export const DEFAULT_PHONE_HOTKEYS: PhoneHotkeys = { answer: 'Ctrl+Alt+A', hangup: 'Ctrl+Alt+H', mute: 'Ctrl+Alt+M', hold: 'Ctrl+Alt+P' };

export const Settings = z.object({
  language: Language,
  theme: ThemePreference,
  /** Server the user last signed in to; IT's preset fills it when empty. */
  serverUrl: HttpUrl.nullable(),
  /** The phone's hotkeys as the user changed them; DEFAULT_PHONE_HOTKEYS when absent. */
  phoneHotkeys: PhoneHotkeys.optional(),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z.strictObject({
  language: Language.optional(),
  theme: ThemePreference.optional(),
  serverUrl: HttpUrl.nullable().optional(),
  phoneHotkeys: PhoneHotkeys.optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;
