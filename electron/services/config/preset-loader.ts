// IT's preset: the file the installer carries (<resources>/preset/config.json, when IT builds its own
// MSI), then the machine-wide file, then PULT_CONFIG / --config, then PULT_SERVER_URL /
// --server-url (later wins, key by key). A file that is missing is fine; a file that is unreadable,
// not JSON or fails ItPreset becomes a ConfigProblem naming the file and the field — never a throw,
// so the app still opens to its settings.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { HttpUrl, ItPreset, type ConfigProblem, type EffectiveConfig } from '../../../contract/config.ts';
import { flagValue } from './argv.ts';
import { machinePresetPath } from './preset-paths.ts';

export interface PresetSources {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  argv?: readonly string[];
  /** The preset packaged with the app (process.resourcesPath/preset/config.json); lowest priority. */
  bundledPath?: string;
  /** Overrides the OS path of the machine-wide file (tests). */
  machinePath?: string;
  readFile?: (path: string) => string;
}

const MAX_PRESET_BYTES = 256 * 1024;

function firstIssue(error: z.ZodError): { field: string | undefined; message: string } {
  const issue = error.issues[0];
  const keys = issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
  const path = [...(issue?.path ?? []).map(String), ...keys].join('.');
  return { field: path || undefined, message: issue?.message ?? 'invalid' };
}

type FileResult = { preset: ItPreset } | { problem: ConfigProblem } | { missing: true };

function readPresetFile(path: string, readFile: (p: string) => string): FileResult {
  let text: string;
  try {
    text = readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true };
    return { problem: { source: path, message: `cannot read the file (${code ?? String(e)})` } };
  }
  if (text.length > MAX_PRESET_BYTES) return { problem: { source: path, message: `the file is larger than ${MAX_PRESET_BYTES} bytes` } };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, '')); // Notepad writes a BOM
  } catch (e) {
    return { problem: { source: path, message: `not valid JSON: ${(e as Error).message}` } };
  }
  const parsed = ItPreset.safeParse(json);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    return { problem: { source: path, ...(field ? { field } : {}), message } };
  }
  return { preset: parsed.data };
}

export function loadPreset(opts: PresetSources = {}): EffectiveConfig {
  const env = opts.env ?? process.env;
  const argv = opts.argv ?? process.argv;
  const readFile = opts.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const preset: ItPreset = {};
  const sources: string[] = [];
  const problems: ConfigProblem[] = [];

  const files = [...(opts.bundledPath ? [opts.bundledPath] : []), opts.machinePath ?? machinePresetPath(opts.platform ?? process.platform, env)];
  const explicit = flagValue(argv, '--config') ?? env.PULT_CONFIG;
  if (explicit) files.push(explicit);
  for (const path of files) {
    const r = readPresetFile(path, readFile);
    if ('preset' in r) {
      Object.assign(preset, r.preset);
      sources.push(path);
    } else if ('problem' in r) {
      problems.push(r.problem);
    } else if (path === explicit) {
      problems.push({ source: path, message: 'the file does not exist' });
    }
  }

  const overrides: Array<[string, string | undefined]> = [
    ['env PULT_SERVER_URL', env.PULT_SERVER_URL],
    ['--server-url', flagValue(argv, '--server-url')],
  ];
  for (const [source, value] of overrides) {
    if (value === undefined || value === '') continue;
    const r = HttpUrl.safeParse(value);
    if (r.success) {
      preset.serverUrl = r.data;
      sources.push(source);
    } else {
      problems.push({ source, field: 'serverUrl', message: r.error.issues[0]?.message ?? 'invalid URL' });
    }
  }
  return { preset, sources, problems };
}
