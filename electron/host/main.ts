// The browser host: `node electron/host/main.ts [--port N] [--server-url U] [--renderer-dir DIR]
// [--user-data-dir DIR] [--config FILE]`. Serves the built renderer on 127.0.0.1 and runs the same
// services and router as Electron (with an in-memory SecretStore). Once listening it prints one line
// on stdout: {"event":"listening","url":"http://127.0.0.1:PORT/"}; logs go to stderr.
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { flagValue } from '../services/config/argv.ts';
import { composeServices } from '../services/compose.ts';
import { appInfo, readPackageVersion } from '../services/app/app-info.ts';
import { createLog } from '../services/log.ts';
import { fileKeyVault } from '../services/db/replica-keys.ts';
import { memorySecretStore } from '../services/session/secret-store.ts';
import { createEventBus } from '../ipc/event-bus.ts';
import { createRouter } from '../ipc/router.ts';
import { handlersFor } from '../ipc/handlers-for.ts';
import { startHostServer } from './server.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const argv = process.argv.slice(2);
const log = createLog('host');

async function main(): Promise<void> {
  const portFlag = flagValue(argv, '--port') ?? process.env.PULT_HOST_PORT ?? '0';
  const port = Number(portFlag);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: expected 0..65535, got ${portFlag}`);
  const rendererDir = resolve(flagValue(argv, '--renderer-dir') ?? resolve(repoRoot, 'out/renderer'));
  const userDataDir = resolve(flagValue(argv, '--user-data-dir') ?? process.env.PULT_USER_DATA_DIR ?? resolve(repoRoot, '.data/browser-host'));

  const bus = createEventBus(log);
  const services = await composeServices({
    argv,
    env: process.env,
    userDataDir,
    secrets: memorySecretStore(),
    // No OS keychain here (a development and test host): replica keys are user-only files.
    replicaKeys: fileKeyVault(join(userDataDir, 'keys')),
    emit: (event, payload) => void bus.emit(event, payload),
    log,
    info: appInfo({ version: readPackageVersion(resolve(repoRoot, 'package.json')), host: 'browser' }),
    openUrl: async () => false, // the page opens links itself; a host process has no browser to ask
  });
  const router = createRouter(handlersFor(services), { log });
  const server = await startHostServer({
    rendererDir,
    router,
    bus,
    log,
    port,
    sipWebsocketUris: services.config().preset.sip?.websocketUris,
    sipAccountUris: async () => (await services.sipAccount.get()).account?.websocketUris ?? [],
  });
  log.info({ rendererDir, userDataDir }, 'browser host ready');
  process.stdout.write(JSON.stringify({ event: 'listening', url: server.url }) + '\n');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'stopping');
    // Let the replica finish its transaction and close before exiting.
    void Promise.allSettled([services.stop(), server.close()]).then(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((e: unknown) => {
  log.error({ err: e }, 'browser host failed to start');
  process.stderr.write(`pult host: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
