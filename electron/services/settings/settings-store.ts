// The user's own settings (language, theme, last server, phone hotkeys, sound devices, auto-answer,
// do not disturb), kept in <userData>/settings.json.
// Only what the user chose is stored; the rest comes from IT's preset or the defaults, so a preset
// change still reaches users who never touched that setting. A broken file yields the defaults and a
// ConfigProblem (shown in settings), and is replaced on the next change.
import { join } from 'node:path';
import { z } from 'zod';
import { SettingsPatch, type ConfigProblem, type ItPreset, type Settings } from '../../../contract/config.ts';
import type { Log } from '../log.ts';
import { createWriteQueue, readJson, writeJsonAtomic } from './atomic-json.ts';

/** Lenient reader of the stored file: unknown keys (from a newer version) are dropped, not fatal. */
const StoredSettings = z.object(SettingsPatch.shape);
type StoredSettings = z.infer<typeof StoredSettings>;

export interface SettingsStoreOptions {
  userDataDir: string;
  preset: ItPreset;
  /**
   * A server URL given for this run (PULT_SERVER_URL / --server-url) beats the stored one; a
   * preset file's only fills an empty setting.
   */
  serverUrlOverride?: string | null;
  log: Log;
}

export interface SettingsStore {
  readonly path: string;
  get(): Settings;
  update(patch: SettingsPatch): Promise<Settings>;
  problems(): ConfigProblem[];
  /** Called after each saved change (the desktop app re-registers its global phone shortcuts). */
  onChange(listener: (settings: Settings) => void): () => void;
}

export async function openSettingsStore(opts: SettingsStoreOptions): Promise<SettingsStore> {
  const path = join(opts.userDataDir, 'settings.json');
  const problems: ConfigProblem[] = [];
  let stored: StoredSettings = {};

  const read = await readJson(path);
  if (read.kind === 'broken') {
    problems.push({ source: path, message: read.message });
  } else if (read.kind === 'ok') {
    const parsed = StoredSettings.safeParse(read.value);
    if (parsed.success) stored = parsed.data;
    else {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.');
      problems.push({ source: path, ...(field ? { field } : {}), message: issue?.message ?? 'invalid' });
    }
  }
  if (problems.length) opts.log.warn({ problems }, 'settings file ignored; using defaults');

  let override = opts.serverUrlOverride ?? null;
  const listeners = new Set<(settings: Settings) => void>();
  const enqueue = createWriteQueue();
  const get = (): Settings => ({
    language: stored.language ?? opts.preset.language ?? 'ru',
    theme: stored.theme ?? 'auto',
    serverUrl: override ?? stored.serverUrl ?? opts.preset.serverUrl ?? null,
    ...(stored.phoneHotkeys ? { phoneHotkeys: stored.phoneHotkeys } : {}),
    ...(stored.audio ? { audio: stored.audio } : {}),
    ...(stored.autoAnswer ? { autoAnswer: stored.autoAnswer } : {}),
    ...(stored.doNotDisturb !== undefined ? { doNotDisturb: stored.doNotDisturb } : {}),
  });

  return {
    path,
    get,
    problems: () => [...problems],
    async update(patch) {
      const next: StoredSettings = { ...stored };
      for (const key of ['language', 'theme', 'serverUrl', 'phoneHotkeys', 'audio', 'autoAnswer', 'doNotDisturb'] as const) {
        if (patch[key] !== undefined) (next as Record<string, unknown>)[key] = patch[key];
      }
      if (patch.serverUrl !== undefined) override = null; // the user's own choice wins from now on
      stored = next;
      await enqueue(() => writeJsonAtomic(path, next));
      problems.length = 0;
      const now = get();
      for (const l of listeners) l(now);
      return now;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
