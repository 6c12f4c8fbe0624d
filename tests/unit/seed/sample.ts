// One generated data set per test file: 2 000 customers is enough to see every channel, status,
// payment method and role, and fast enough for a unit test.
import { generateSeedData } from '../../../server/src/seed/generate.ts';
import type { SeedData } from '../../../server/src/seed/seed-data.ts';

export const NOW = new Date('2025-06-01T09:00:00.000Z');
export const SEED = 42;
export const CUSTOMERS = 2_000;

let cached: SeedData | undefined;

export function sample(): SeedData {
  cached ??= generateSeedData({ seed: SEED, customers: CUSTOMERS, now: NOW });
  return cached;
}

export const CYRILLIC = /[А-Яа-яЁё]/;
