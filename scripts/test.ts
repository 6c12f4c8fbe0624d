// `npm test`: every layer that can run on this machine, in order, then one closing line
// "N passed, N failed, N skipped". Typecheck, lint and build are checks: a failure counts as failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

interface Tally { passed: number; failed: number; skipped: number }
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];
// Names of failed tests with the first line of their error, repeated in the summary: CI shows the tail.
const failures: string[] = [];
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const want = (layer: string) => only.length === 0 || only.includes(layer);
// Absolute: Playwright resolves PLAYWRIGHT_JSON_OUTPUT_NAME against the config's folder.
const resultsDir = resolve('.cache/test-results');
mkdirSync(resultsDir, { recursive: true });

function run(title: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n── ${title}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  console.log(`── ${title}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ok;
}

function check(title: string, cmd: string, args: string[]): void {
  const ok = run(title, cmd, args);
  if (ok) total.passed += 1; else total.failed += 1;
  lines.push(`${title}: ${ok ? 'ok' : 'FAILED'}`);
}

function readJson(path: string): unknown {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

function vitestLayer(title: string, projects: string[]): void {
  const out = `${resultsDir}/vitest-${title}.json`;
  rmSync(out, { force: true });
  const ok = run(title, 'vitest', [ 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const r = readJson(out) as VitestReport | null;
  if (!r) { total.failed += 1; lines.push(`${title}: no results (runner failed to start)`); return; }
  for (const file of r.testResults) {
    for (const a of file.assertionResults) {
      if (a.status === 'failed') failures.push(`${title} › ${file.name.replace(`${process.cwd()}/`, '')} › ${a.fullName}: ${firstLine(a.failureMessages[0])}`);
    }
    if (file.status === 'failed' && file.assertionResults.length === 0) failures.push(`${title} › ${file.name}: ${firstLine(file.message)}`);
  }
  const t = { passed: r.numPassedTests, failed: r.numFailedTests + (ok || r.numFailedTests > 0 ? 0 : 1), skipped: r.numPendingTests + r.numTodoTests };
  add(title, t);
}

function playwrightLayer(title: string, config: string): Tally | null {
  const out = `${resultsDir}/playwright-${title}.json`;
  rmSync(out, { force: true });
  const ok = run(title, 'playwright', [ 'test', '-c', config], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  const r = readJson(out) as PlaywrightReport | null;
  if (!r) { total.failed += 1; lines.push(`${title}: no results (runner failed to start)`); return null; }
  collectPlaywrightFailures(title, r.suites ?? []);
  const t = { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected + (ok || r.stats.unexpected > 0 ? 0 : 1), skipped: r.stats.skipped };
  add(title, t);
  return t;
}

interface VitestReport {
  numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}
interface PlaywrightSuite {
  title: string; file?: string; suites?: PlaywrightSuite[];
  specs?: { title: string; line?: number; tests: { status: string; results: { status: string; error?: { message?: string } }[] }[] }[];
}
interface PlaywrightReport { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites?: PlaywrightSuite[] }

function firstLine(text: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- strips the terminal colours from Playwright's messages
  return (text ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim() !== '')?.trim().slice(0, 300) ?? '';
}

function collectPlaywrightFailures(title: string, suites: PlaywrightSuite[]): void {
  for (const suite of suites) {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status !== 'unexpected') continue;
        const error = t.results.map((x) => x.error?.message).find(Boolean);
        failures.push(`${title} › ${suite.file ?? suite.title}:${spec.line ?? ''} › ${spec.title}: ${firstLine(error)}`);
      }
    }
    collectPlaywrightFailures(title, suite.suites ?? []);
  }
}

function add(title: string, t: Tally): void {
  total.passed += t.passed; total.failed += t.failed; total.skipped += t.skipped;
  lines.push(`${title}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
}

const started = Date.now();
if (want('typecheck')) check('typecheck', 'tsc', ['-b']);
if (want('lint')) check('lint', 'eslint', [ '--max-warnings', '0', '.']);
if (want('build') || want('e2e') || want('electron')) check('build', 'electron-vite', ['build']);
if (want('unit')) vitestLayer('unit', ['unit']);
if (want('integration')) vitestLayer('integration', ['integration:pglite', 'integration:postgres']);
if (want('e2e')) playwrightLayer('e2e', 'tests/e2e/playwright.config.ts');
if (want('electron')) {
  const t = playwrightLayer('electron', 'tests/electron/playwright.config.ts');
  if (t && t.passed === 0 && t.failed === 0 && t.skipped > 0) lines.push(`Electron binary not available: skipped ${t.skipped} tests`);
}

console.log(`\n══ Summary (${((Date.now() - started) / 60000).toFixed(1)} min)`);
for (const l of lines) console.log(`   ${l}`);
if (failures.length > 0) {
  console.log('   Failed:');
  for (const f of failures) console.log(`   ✗ ${f}`);
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
