// The process boundaries of the architecture are lint errors, not wishes: each forbidden import,
// placed in the folder it is forbidden in, fails ESLint; the allowed ones pass.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const forbidden: Array<[string, string]> = [
  ["import { app } from 'electron';", 'electron/services/settings/probe.ts'],
  ["import { app } from 'electron';", 'electron/ipc/probe.ts'],
  ["import { app } from 'electron';", 'renderer/src/probe.ts'],
  ["import Database from 'better-sqlite3';", 'renderer/src/probe.ts'],
  ["import { app } from 'electron';", 'server/src/probe.ts'],
  ["import Database from 'better-sqlite3';", 'server/src/probe.ts'],
  ["import { x } from '../../electron/services/x.ts';", 'renderer/src/probe.ts'],
  ["import { x } from '../../server/src/x.ts';", 'renderer/src/probe.ts'],
  ["import { x } from '../renderer/src/x.ts';", 'server/probe.ts'],
  ["import pino from 'pino';", 'contract/probe.ts'],
  ["import { ipcMain } from 'electron';", 'contract/probe.ts'],
];

const allowed: Array<[string, string]> = [
  ["import { app } from 'electron';", 'electron/shell/probe.ts'],
  ["import { app } from 'electron';", 'electron/main.ts'],
  ["import { z } from 'zod';", 'contract/probe.ts'],
  ["import { methods } from '../../contract/ipc.ts';", 'renderer/src/probe.ts'],
  ["import { methods } from '../../contract/ipc.ts';", 'server/src/probe.ts'],
];

describe('import boundaries', () => {
  it.each(forbidden)('%s is refused in %s', async (code, file) => {
    expect(await ruleIds(code, file)).toContain('no-restricted-imports');
  });
  it.each(allowed)('%s is allowed in %s', async (code, file) => {
    expect(await ruleIds(code, file)).not.toContain('no-restricted-imports');
  });
});
