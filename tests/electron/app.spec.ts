// The packaged shape of the app, in Electron itself: the window is isolated and sandboxed, the page
// has no Node, window.pult is exactly { invoke, on } and works, navigation, new windows and inline
// scripts are refused. Tests are listed in a table so the skip message can count them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary, skipReason } from '../../scripts/lib/electron-binary.ts';

interface Ctx { app: ElectronApplication; page: Page }
type Check = [name: string, run: (ctx: Ctx) => Promise<void>];

const checks: Check[] = [
  ['the window is context-isolated and sandboxed, without Node integration', async ({ app }) => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      // getLastWebPreferences is on WebContents at run time but not in Electron's typings.
      const wc = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null };
      const p = wc.getLastWebPreferences();
      return p && { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity, webviewTag: p.webviewTag };
    });
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  }],
  ['the page has no require, process or module', async ({ page }) => {
    expect(await page.evaluate(() => [typeof (window as unknown as { require?: unknown }).require, typeof (window as unknown as { process?: unknown }).process, typeof (window as unknown as { module?: unknown }).module])).toEqual([
      'undefined',
      'undefined',
      'undefined',
    ]);
  }],
  ['window.pult has only invoke and on, and a call works', async ({ page }) => {
    expect(await page.evaluate(() => Object.keys((window as unknown as { pult: object }).pult).sort())).toEqual(['invoke', 'on']);
    const info = await page.evaluate(() => (window as unknown as { pult: { invoke(m: string, i: object): Promise<{ host: string }> } }).pult.invoke('app.getInfo', {}));
    expect(info.host).toBe('electron');
    const err = await page.evaluate(() =>
      (window as unknown as { pult: { invoke(m: string, i: unknown): Promise<unknown> } }).pult.invoke('settings.update', { language: 'de' }).then(
        () => 'resolved',
        (e: Error) => e.message,
      ),
    );
    expect(err).toContain('"field":"input.language"');
  }],
  ['navigation away and new windows are refused', async ({ app, page }) => {
    const before = page.url();
    await page.evaluate(() => { location.href = 'https://example.com/'; });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  }],
  ['the CSP refuses inline scripts and eval', async ({ page }) => {
    const result = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = '(window as any).__inline = 1';
      document.head.append(s);
      let evalWorked = false;
      try { evalWorked = (0, eval)('1') === 1; } catch { /* refused */ }
      return { inline: (window as unknown as { __inline?: number }).__inline ?? null, evalWorked };
    });
    expect(result).toEqual({ inline: null, evalWorked: false });
  }],
];

const binary = electronBinary();

test.describe('Electron app', () => {
  test.skip(!binary, skipReason(checks.length));

  let ctx: Ctx;
  let userData = '';
  test.beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'pult-electron-'));
    const app = await _electron.launch({
      executablePath: binary!,
      args: ['.', `--user-data-dir=${userData}`],
      env: { ...process.env, PULT_CONFIG: join(userData, 'none.json') },
    });
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    ctx = { app, page };
  });
  test.afterAll(async () => {
    await ctx?.app.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  for (const [name, run] of checks) test(name, () => run(ctx));
});
