// The central server's command line:
//   node server/src/main.ts [--port 8780] [--host 127.0.0.1] [--data-dir .data/server]
//                           [--seed | --no-seed] [--seed-customers N] [--log-level info]
// DATABASE_URL=postgres://… uses PostgreSQL instead of the embedded database in --data-dir.
// Chat channels (server/src/channels/README.md): PULT_TELEGRAM_BOT_TOKEN, PULT_TELEGRAM_WEBHOOK_SECRET
// [, PULT_TELEGRAM_API_BASE]; PULT_WHATSAPP_ACCESS_TOKEN, PULT_WHATSAPP_APP_SECRET,
// PULT_WHATSAPP_VERIFY_TOKEN, PULT_WHATSAPP_PHONE_NUMBER_ID [, PULT_WHATSAPP_GRAPH_BASE];
// PULT_ATTACHMENT_MAX_BYTES (50 MB by default). E-mail: PULT_EMAIL_IMAP_URL (or _HOST, _PORT, _USER,
// _PASSWORD, _TLS, _MAILBOX), PULT_EMAIL_SMTP_URL (or the same), PULT_EMAIL_FROM; fax: PULT_FAX_IMAP_*,
// [PULT_FAX_SMTP_*], PULT_FAX_GATEWAY_ADDRESS, [PULT_FAX_FROM, PULT_FAX_NUMBER_FROM, PULT_FAX_NUMBER_PATTERN].
// Once listening it prints one JSON line on stdout: {"event":"listening","url":"http://127.0.0.1:PORT/"}
// (--port 0 picks a free port); logs go to stderr.
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { channelSettingsFromEnv, DEFAULT_CHANNEL_SETTINGS, type ChannelSettings } from './channels/settings.ts';
import { DEFAULT_SETTINGS } from './context.ts';
import { migrateToLatest } from './db/migrate.ts';
import { openDatabase } from './db/open-database.ts';
import { DEFAULT_SEED, DEFAULT_SEED_CUSTOMERS, seedIfEmpty } from './seed/first-run.ts';
import { startFeedRefresh } from './sync/refresh.ts';

/** How often agents' sync scopes are recomputed ("updated in the last N days" moves with the clock). */
const FEED_REFRESH_MS = 5 * 60 * 1000;

function fail(message: string): never {
  process.stderr.write(`pult-server: ${message}\n`);
  process.exit(2);
}

function intArg(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string', default: process.env.PULT_DATA_DIR ?? '.data/server' },
        seed: { type: 'boolean' },
        'seed-customers': { type: 'string' },
        'log-level': { type: 'string', default: process.env.PULT_LOG_LEVEL ?? 'info' },
      },
      allowNegative: true,
      strict: true,
    }));
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const port = intArg(values.port ?? process.env.PULT_SERVER_PORT, 'port', 8780, 0, 65535);
  const seedCustomers = intArg(values['seed-customers'], 'seed-customers', DEFAULT_SEED_CUSTOMERS, 0, 10_000_000);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  // Demo data by default only for the embedded database; a real PostgreSQL is seeded on request.
  const seed = values.seed ?? !databaseUrl;

  // Channel credentials come from the environment only (PULT_TELEGRAM_*, PULT_WHATSAPP_*); a wrong
  // one stops the start with the variable's name, never its value.
  let channels: ChannelSettings;
  try {
    channels = { ...DEFAULT_CHANNEL_SETTINGS, ...channelSettingsFromEnv(process.env) };
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }

  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: values['data-dir'] });
  const app = await buildApp({ database, log: { level: values['log-level'] }, settings: { channels } });
  const log = app.log;
  log.info({ database: database.kind, dataDir: databaseUrl ? undefined : values['data-dir'] }, 'database opened');

  let stopFeedRefresh = async () => {};
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'stopping');
    await app.close().catch(() => {});
    await stopFeedRefresh().catch(() => {});
    await database.close().catch(() => {}); // PGlite flushes to its data folder here
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const applied = await migrateToLatest(database.db);
  if (applied.length) log.info({ migrations: applied }, 'migrations applied');
  if (seed) {
    const started = Date.now();
    const counts = await seedIfEmpty(database.db, { customers: seedCustomers, seed: DEFAULT_SEED });
    if (counts) log.info({ counts, ms: Date.now() - started }, 'empty database seeded with demo data');
  }

  stopFeedRefresh = startFeedRefresh(database.db, {
    intervalMs: FEED_REFRESH_MS,
    scopeDays: DEFAULT_SETTINGS.syncScopeDays,
    onError: (err) => log.error({ err }, 'sync feed refresh failed'),
    onDone: (counts) => log.debug({ counts }, 'sync feed refreshed'),
  });

  const address = await app.listen({ port, host: values.host });
  const url = new URL(address);
  process.stdout.write(JSON.stringify({ event: 'listening', url: `${url.protocol}//${url.host}/` }) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`pult-server: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
