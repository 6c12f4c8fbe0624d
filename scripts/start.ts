// `npm start`: build if the sources are newer than the build, start the central server on its
// embedded database (seeded with demo data on first run), then the Electron app — or, where no
// Electron binary can be had, the browser host (and Chromium in app mode when installed).
// Ctrl+C stops everything it started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinary as findElectron } from './lib/electron-binary.ts';
import { startService, type ServiceProcess } from './lib/service-process.ts';
import { startKamailio } from './kamailio.ts';
import { DEMO_ACCOUNTS } from '../server/src/seed/gen-demo-accounts.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataDir = flag('--data-dir') ?? process.env.PULT_DATA_DIR ?? '.data/server';
const serverPort = flag('--server-port') ?? process.env.PULT_SERVER_PORT ?? '8780';
const forceBrowser = args.includes('--browser') || process.env.PULT_BROWSER_HOST === '1';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function buildIfNeeded(): void {
  const marker = 'out/renderer/index.html';
  const sources = ['contract', 'electron', 'preload', 'renderer'].map(newestMtime);
  if (existsSync(marker) && statSync(marker).mtimeMs >= Math.max(...sources)) return;
  console.log('pult: building the app (electron-vite build)…');
  const r = spawnSync('electron-vite', ['build'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

function electronBinary(): string | null {
  return forceBrowser ? null : findElectron();
}

const started: Array<ServiceProcess | ChildProcess | { stop(): Promise<void> }> = [];
async function stopAll(): Promise<void> {
  for (const p of started.reverse()) {
    if ('stop' in p) await p.stop();
    else p.kill('SIGTERM');
  }
}
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\npult: stopping…');
    void stopAll().then(() => process.exit(0));
  });
}

async function main(): Promise<void> {
  buildIfNeeded();
  console.log(`pult: starting the central server (embedded database in ${dataDir})…`);
  if (!existsSync(dataDir)) console.log('pult: first run: creating demo data (10 000 customers, 312 articles); this takes 10–30 s');
  const server = await startService({
    name: 'server',
    args: ['server/src/main.ts', '--port', serverPort, '--data-dir', dataDir, '--seed'],
    timeoutMs: 600_000,
    echo: true,
  }).catch(async (e: Error) => {
    if (serverPort === '0') throw e;
    console.log(`pult: port ${serverPort} is busy or the server failed; trying a free port`);
    return startService({ name: 'server', args: ['server/src/main.ts', '--port', '0', '--data-dir', dataDir, '--seed'], timeoutMs: 600_000, echo: true });
  });
  started.push(server);
  const serverUrl = server.url.replace(/\/$/, '');
  console.log(`pult: central server at ${serverUrl}`);
  console.log('pult: demo accounts (password for all: ' + (DEMO_ACCOUNTS[0]?.password ?? '?') + '):');
  for (const a of DEMO_ACCOUNTS) console.log(`        ${a.login.padEnd(12)} ${a.role}`);

  await startSipServer();

  const electron = electronBinary();
  if (electron) {
    const app = spawn(electron, ['.', `--server-url=${serverUrl}`], { stdio: 'inherit' });
    started.push(app);
    app.on('exit', () => { if (!stopping) { stopping = true; void stopAll().then(() => process.exit(0)); } });
    return;
  }
  console.log('pult: Electron binary not available here; running the browser host instead.');
  const host = await startService({
    name: 'host',
    args: ['electron/host/main.ts', '--port', process.env.PULT_HOST_PORT ?? '0', '--server-url', serverUrl, '--user-data-dir', '.data/browser-host'],
    echo: true,
  });
  started.push(host);
  console.log(`pult: open ${host.url} (Ctrl+C stops everything)`);
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
  if (chromium && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI) {
    const browser = spawn(chromium, [`--app=${host.url}`, '--no-first-run', '--disable-background-networking'], { stdio: 'ignore', detached: false });
    started.push(browser);
  }
}

/** Kamailio for the softphone, where it is installed; Pult runs without it (no calls). */
async function startSipServer(): Promise<void> {
  try {
    const sip = await startKamailio({ port: Number(process.env.PULT_SIP_PORT ?? 8788) });
    started.push(sip);
    console.log(`pult: SIP server (Kamailio) at ${sip.wsUrl}, domain ${sip.domain}, any extension registers`);
  } catch (e) {
    console.log(`pult: no SIP server, calls will not work: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
}

main().catch(async (e: unknown) => {
  console.error(`pult: ${e instanceof Error ? e.message : String(e)}`);
  await stopAll();
  process.exit(1);
});
