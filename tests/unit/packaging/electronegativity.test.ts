// Electronegativity (Doyensec's Electron security scanner) over electron/ and preload/, scanned
// together so its global checks (CSP, navigation limits, permission handler) see the whole app.
// Any finding not in electron/electronegativity-allow.json — each entry with its reason — fails, and
// so does an allow-list entry that no longer matches anything (stale excuses are removed).
// The scanner fetches translations and Electron's release list from the network; here `got` is
// replaced by an immediate failure (it falls back to its bundled English) and the release check —
// the only one that needs the network — is excluded: Electron's version is pinned by package.json.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const enegDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const gotPath = require.resolve('got', { paths: [enegDir] });
const offline = Object.assign(() => Promise.reject(new Error('network disabled in tests')), { default: undefined });
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline } as unknown as NodeJS.Module;

interface Issue { id: string; file: string; location: { line: number; column: number }; description: string; manualReview: boolean }
interface Result { issues: Issue[]; errors: Array<{ file: string; message: string; tolerable: boolean }>; globalChecks: number; atomicChecks: number }
const run = require('@doyensec/electronegativity/dist/runner.js') as (options: object, forCli: boolean) => Promise<Result>;

interface Allowed { id: string; file: string; reason: string }
const allowList = JSON.parse(readFileSync('electron/electronegativity-allow.json', 'utf8')) as { allowed: Allowed[] };

const scanDir = mkdtempSync(join(tmpdir(), 'pult-eneg-'));
cpSync('electron', join(scanDir, 'electron'), { recursive: true });
cpSync('preload', join(scanDir, 'preload'), { recursive: true });
afterAll(() => rmSync(scanDir, { recursive: true, force: true }));

const electronVersion = (JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }).version;

async function scan(input: string): Promise<Result> {
  const log = console.log;
  console.log = () => {}; // its progress chatter
  try {
    return await run(
      { input, isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: ['AvailableSecurityFixesGlobalCheck'] },
      false,
    );
  } finally {
    console.log = log;
  }
}

describe('electronegativity', () => {
  it('is awake: it flags a window without isolation or sandbox, and an app without navigation limits', { timeout: 60_000 }, async () => {
    const bad = mkdtempSync(join(tmpdir(), 'pult-eneg-bad-'));
    writeFileSync(
      join(bad, 'main.ts'),
      "import { BrowserWindow } from 'electron';\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const ids = (await scan(bad)).issues.map((i) => i.id);
    rmSync(bad, { recursive: true, force: true });
    expect(ids).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']));
  });

  it('finds nothing beyond the reasoned allow-list, and the allow-list has no stale entries', { timeout: 60_000 }, async () => {
    const result = await scan(scanDir);
    expect(result.atomicChecks).toBeGreaterThan(20);
    expect(result.errors.filter((e) => !e.tolerable), 'files the scanner could not parse').toEqual([]);

    const key = (i: { id: string; file: string }) => `${i.id} ${i.file}`;
    const allowed = new Set(allowList.allowed.map(key));
    const unexplained = result.issues.filter((i) => !allowed.has(key(i))).map((i) => `${key(i)}:${i.location.line} — ${i.description}`);
    expect(unexplained, 'add a fix, or an entry with a reason to electron/electronegativity-allow.json').toEqual([]);

    const found = new Set(result.issues.map(key));
    expect(allowList.allowed.filter((a) => !found.has(key(a))).map(key), 'stale allow-list entries').toEqual([]);
    for (const a of allowList.allowed) expect(a.reason.length, `reason for ${key(a)}`).toBeGreaterThan(40);
  });
});
