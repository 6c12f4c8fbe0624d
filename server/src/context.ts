// What every route needs: the database and the server's settings.
import type { Kysely } from 'kysely';
import { DEFAULT_CHANNEL_SETTINGS, type ChannelSettings } from './channels/settings.ts';
import type { DatabaseKind } from './db/open-database.ts';
import type { DB } from './db/schema.ts';
import { DEFAULT_SCOPE_DAYS } from './sync/scope.ts';

export interface ServerSettings {
  /** How long a sign-in lasts. */
  sessionTtlMs: number;
  /** Sign-in attempts per IP and login within `loginWindowMs`. */
  loginMaxAttempts: number;
  loginWindowMs: number;
  /** An operator's replica holds conversations open or updated within this many days. */
  syncScopeDays: number;
  /** Telegram, WhatsApp: credentials, attachment limit, reply dispatch (channels/settings.ts). */
  channels: ChannelSettings;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  sessionTtlMs: 12 * 60 * 60 * 1000,
  loginMaxAttempts: 5,
  loginWindowMs: 60_000,
  syncScopeDays: DEFAULT_SCOPE_DAYS,
  channels: DEFAULT_CHANNEL_SETTINGS,
};

export interface AppContext {
  db: Kysely<DB>;
  databaseKind: DatabaseKind;
  settings: ServerSettings;
  version: string;
  now: () => Date;
}
