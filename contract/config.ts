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

/** A device the user picked: its id, and its label to find it again when the browser renews ids. */
export const AudioDeviceChoice = z.strictObject({ deviceId: z.string().min(1).max(512), label: z.string().max(512) });
export type AudioDeviceChoice = z.infer<typeof AudioDeviceChoice>;

/**
 * Microphone, speaker (the call's sound) and ringer (the ringtone); null: the system default. Every
 * field has a default, so a file written before a field existed still loads.
 */
export const AudioSettings = z.strictObject({
  microphone: AudioDeviceChoice.nullable().default(null),
  speaker: AudioDeviceChoice.nullable().default(null),
  ringer: AudioDeviceChoice.nullable().default(null),
  /** Ringtone and beep loudness, 0…1. */
  ringVolume: z.number().min(0).max(1).default(0.6),
});
export type AudioSettings = z.infer<typeof AudioSettings>;
export const DEFAULT_AUDIO_SETTINGS: AudioSettings = { microphone: null, speaker: null, ringer: null, ringVolume: 0.6 };

export const AUTO_ANSWER_MAX_DELAY_SECONDS = 10;
/** Headset users: a call the agent can take is answered by itself after a beep and this delay. */
export const AutoAnswerSettings = z.strictObject({
  enabled: z.boolean().default(false),
  delaySeconds: z.number().int().min(0).max(AUTO_ANSWER_MAX_DELAY_SECONDS).default(3),
});
export type AutoAnswerSettings = z.infer<typeof AutoAnswerSettings>;
export const DEFAULT_AUTO_ANSWER: AutoAnswerSettings = { enabled: false, delaySeconds: 3 };

export const Settings = z.object({
  language: Language,
  theme: ThemePreference,
  /** Server the user last signed in to; IT's preset fills it when empty. */
  serverUrl: HttpUrl.nullable(),
  /** The phone's hotkeys as the user changed them; DEFAULT_PHONE_HOTKEYS when absent. */
  phoneHotkeys: PhoneHotkeys.optional(),
  /** Devices and ringtone volume; DEFAULT_AUDIO_SETTINGS when absent. */
  audio: AudioSettings.optional(),
  /** DEFAULT_AUTO_ANSWER (off) when absent. */
  autoAnswer: AutoAnswerSettings.optional(),
  /** Do not disturb: incoming calls are declined (486) as when Not ready; off when absent. */
  doNotDisturb: z.boolean().optional(),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z.strictObject({
  language: Language.optional(),
  theme: ThemePreference.optional(),
  serverUrl: HttpUrl.nullable().optional(),
  phoneHotkeys: PhoneHotkeys.optional(),
  audio: AudioSettings.optional(),
  autoAnswer: AutoAnswerSettings.optional(),
  doNotDisturb: z.boolean().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;
