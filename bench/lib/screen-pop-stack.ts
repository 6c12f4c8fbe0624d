// The stage of the screen-pop benchmark, everything on 127.0.0.1 in one temporary folder:
// - the central server on an embedded database seeded with N customers, all in the demo personal
//   manager's portfolio (screen-pop-seed.ts), used once its feed refresh at start (which hands that
//   manager all of them) is done;
// - a throwaway Kamailio (no digest auth, so the caller needs no account);
// - the renderer built from the current sources (renderer/vite.config.ts) into the folder, served by
//   a browser host (electron/host) whose IT preset points the softphone at that Kamailio;
// - one Debian Chromium with fake media devices and two pages: the Pult app, signed in as that
//   manager, first sync finished (checked in the replica file itself), phone set up in Settings and
//   Ready; and the caller, Pult's SIP test page (tests/e2e/sip/page: renderer/src/sip's Softphone).
// Then the central server is stopped and the app works from its replica, which answers the screen
// pop's look-up and card query either way. Kept running, the server would spend over a minute of
// its only thread (PGlite) on every logged call: call.log refreshes the agent's scope, and this
// agent's holds 100 000 customers and their payments; on this one machine that would take a core
// from the app and flip its connection state (and with it the card query's key) during the calls.
// close() stops all of it and deletes the folder, also when starting failed half-way.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { startKamailio, type Kamailio } from '../../scripts/kamailio.ts';
import { startService, type ServiceProcess } from '../../scripts/lib/service-process.ts';
import { chromiumLaunchOptions } from '../../tests/e2e/fixtures/chromium.ts';
import { withReplica } from '../../tests/e2e/fixtures/replica-file.ts';
import { serveSipTestPage, type TestPage } from '../../tests/e2e/sip/test-page.ts';
import { installPopProbe } from './screen-pop-probe.ts';
import { POP_AGENT_LOGIN, seedPopDatabase, type SeededDatabase } from './screen-pop-seed.ts';

const REPO = join(import.meta.dirname, '..', '..');
const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];
const DEMO_PASSWORD = 'pult-demo';
/** The app's softphone: extension and a password (Kamailio here asks for none). */
export const APP_EXTENSION = '1002';
const SIP_PASSWORD = 'pult-bench';
const UI_WAIT_MS = 30_000;
const FEED_REFRESH_WAIT_MS = 15 * 60_000;
const FIRST_SYNC_WAIT_MS = 30 * 60_000;

export interface PopStack {
  app: Page;
  caller: Page;
  kamailio: Kamailio;
  seeded: SeededDatabase;
  /** Sign-in → the status bar says online, the replica filled. */
  firstSyncMs: number;
  replicaCustomers: number;
  /** Payments the first sync brought too (the portfolio's last 180 days). */
  replicaPayments: number;
  /** Process id of the browser host (to read its CPU time). */
  hostPid: number;
  /** The last lines the server and the host logged, for error messages. */
  logs(): string;
  close(): Promise<void>;
}

const progress = (s: string) => process.stderr.write(`  [screen-pop] ${s}\n`);
const sec = (ms: number) => `${(ms / 1000).toFixed(0)} s`;

/** `readable`: not minified, for a CPU profile that names the functions. */
async function buildRenderer(outDir: string, readable: boolean): Promise<void> {
  await build({ configFile: join(REPO, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false, minify: !readable } });
}

/** Resolves once the server's log says its feed refresh at start is done (it reads every scope). */
async function feedRefreshed(server: ServiceProcess): Promise<void> {
  const until = Date.now() + FEED_REFRESH_WAIT_MS;
  while (!server.output().includes('sync feed refreshed')) {
    if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.output()}`);
    if (Date.now() > until) throw new Error(`the server's feed refresh at start took over ${sec(FEED_REFRESH_WAIT_MS)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function replicaCounts(userDataDir: string): Promise<{ customers: number; payments: number }> {
  return withReplica(
    userDataDir,
    undefined,
    (db) => {
      const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      return { customers: count('customer'), payments: count('payment') };
    },
    { readonly: true },
  );
}

const ruText = (path: string): string => {
  let node: unknown = JSON.parse(readFileSync(join(REPO, 'renderer', 'src', 'i18n', 'locales', 'ru.json'), 'utf8'));
  for (const k of path.split('.')) node = (node as Record<string, unknown>)[k];
  if (typeof node !== 'string') throw new Error(`no Russian text ${path}`);
  return node;
};

const attr = (page: Page, testId: string, name: string, value: string, timeout = UI_WAIT_MS) =>
  page.locator(`[data-testid="${testId}"][${name}="${value}"]`).first().waitFor({ timeout });

/** Signs in, waits out the first sync, sets up the phone in Settings and goes Ready on the Phone page. */
async function prepareApp(page: Page, userDataDir: string, customers: number): Promise<{ firstSyncMs: number; replicaCustomers: number; replicaPayments: number }> {
  await page.getByTestId('login-user').waitFor({ timeout: UI_WAIT_MS });
  if ((await page.locator('html').getAttribute('lang')) !== 'ru') {
    await page.getByTestId('language-switch').click();
    await page.locator('html[lang="ru"]').waitFor({ timeout: UI_WAIT_MS });
  }
  await page.getByTestId('login-user').fill(POP_AGENT_LOGIN);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  const signedIn = performance.now();
  await page.getByTestId('login-submit').click();
  await attr(page, 'sync-status', 'data-state', 'online', FIRST_SYNC_WAIT_MS);
  const firstSyncMs = performance.now() - signedIn;
  const { customers: replicaCustomers, payments: replicaPayments } = await replicaCounts(userDataDir);
  if (replicaCustomers !== customers) throw new Error(`the replica holds ${replicaCustomers} customers after the first sync, ${customers} expected`);

  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('settings-sip');
  await section.getByTestId('sip-extension').fill(APP_EXTENSION);
  await section.getByTestId('sip-password').fill(SIP_PASSWORD);
  await section.getByTestId('sip-save').click();
  // Saved, the page reloads (the CSP lists the SIP servers) and the softphone registers.
  await attr(page, 'sip-status', 'data-status', 'registered');
  await page.getByTestId('nav-phone').click();
  await page.getByTestId('agent-state').click();
  await page.getByRole('option', { name: ruText('phone.agent.ready'), exact: true }).click();
  await attr(page, 'agent-state', 'data-state', 'ready');
  return { firstSyncMs, replicaCustomers, replicaPayments };
}

export async function startPopStack(opts: { customers: number; callers: number; readableBuild?: boolean }): Promise<PopStack> {
  const root = mkdtempSync(join(tmpdir(), 'pult-bench-screen-pop-'));
  const aborted = new AbortController(); // stops the seed's child process
  const closers: Array<() => Promise<unknown>> = [async () => rmSync(root, { recursive: true, force: true }), async () => aborted.abort()];
  // Ctrl+C or a kill during the run still stops what was started.
  const interrupted = (signal: NodeJS.Signals) => void close().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  const close = async () => {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    for (const c of closers.splice(0).reverse()) await c().catch((e: unknown) => progress(`cleanup: ${e instanceof Error ? e.message : String(e)}`));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const keep = <T>(value: T, stop: (v: T) => Promise<unknown>): T => {
    closers.push(() => stop(value));
    return value;
  };
  try {
    progress(`seeding ${opts.customers} customers, building the renderer, starting Kamailio and Chromium (${cpus().length} cores)…`);
    const dataDir = join(root, 'server');
    const rendererDir = join(root, 'renderer');
    const started = await Promise.allSettled([
      seedPopDatabase(dataDir, opts.customers, opts.callers, aborted.signal),
      buildRenderer(rendererDir, opts.readableBuild ?? false),
      startKamailio(),
      serveSipTestPage(),
      chromium.launch(chromiumLaunchOptions(FAKE_MEDIA)),
    ] as const);
    const [seededR, , kamailioR, sipPageR, browserR] = started;
    if (kamailioR.status === 'fulfilled') keep(kamailioR.value, (k) => k.stop());
    if (sipPageR.status === 'fulfilled') keep(sipPageR.value, (p) => p.close());
    if (browserR.status === 'fulfilled') keep(browserR.value, (b) => b.close());
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const seeded = (seededR as PromiseFulfilledResult<SeededDatabase>).value;
    const kamailio = (kamailioR as PromiseFulfilledResult<Kamailio>).value;
    const sipPage = (sipPageR as PromiseFulfilledResult<TestPage>).value;
    const browser = (browserR as PromiseFulfilledResult<Browser>).value;
    progress(`seeded in ${sec(seeded.seedMs)}, all customers given to ${POP_AGENT_LOGIN} in ${sec(seeded.portfolioMs)}; starting the server (its feed refresh)…`);

    const server = keep(
      await startService({ name: 'server', args: [join(REPO, 'server/src/main.ts'), '--port', '0', '--data-dir', dataDir, '--no-seed', '--log-level', 'debug'], timeoutMs: 300_000 }),
      (s) => s.stop(),
    );
    await feedRefreshed(server);
    const preset = join(root, 'preset.json');
    writeFileSync(preset, JSON.stringify({ sip: { websocketUris: [kamailio.wsUrl], domain: kamailio.domain } }));
    const userDataDir = join(root, 'user');
    const host = keep(
      await startService({
        name: 'host',
        args: [join(REPO, 'electron/host/main.ts'), '--port', '0', '--server-url', server.url, '--user-data-dir', userDataDir, '--config', preset, '--renderer-dir', rendererDir],
      }),
      (h) => h.stop(),
    );

    const logs = () => `server:\n${server.output().split('\n').slice(-30).join('\n')}\nhost:\n${host.output().split('\n').slice(-30).join('\n')}`;
    progress('signing in; first sync…');
    const appContext = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await appContext.addInitScript(installPopProbe);
    const app = await appContext.newPage();
    app.on('pageerror', (e) => progress(`app page error: ${e.message}`));
    await app.goto(host.url);
    const { firstSyncMs, replicaCustomers, replicaPayments } = await prepareApp(app, userDataDir, opts.customers);
    progress(`first sync done in ${sec(firstSyncMs)}; ${replicaCustomers} customers and ${replicaPayments} payments in the replica; phone Ready`);
    await server.stop();
    await attr(app, 'connection-status', 'data-state', 'offline');
    progress('central server stopped; the app is offline, working from its replica');

    const caller = await (await browser.newContext()).newPage();
    caller.on('pageerror', (e) => progress(`caller page error: ${e.message}`));
    await caller.goto(sipPage.url);

    return { app, caller, kamailio, seeded, firstSyncMs, replicaCustomers, replicaPayments, hostPid: host.child.pid!, logs, close };
  } catch (e) {
    await close();
    throw e;
  }
}
