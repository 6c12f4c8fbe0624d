// Seeded randomness for the demo-data generator: one faker (Russian locale) per stream, so each part
// of the data (agents, customers, payments, conversations, articles) depends only on the seed and its
// own stream — adding customers does not reshuffle the knowledge base.
import { Faker, base, en, ru } from '@faker-js/faker';

export const STREAMS = { agents: 1, customers: 2, payments: 3, conversations: 4, articles: 5 } as const;

export interface Rng {
  readonly faker: Faker;
  /** Whole number in [min, max], both ends included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T;
  /** A version 4 UUID drawn from the seeded generator. */
  uuid(): string;
}

export function createRng(seed: number, stream: number): Rng {
  const faker = new Faker({ locale: [ru, en, base] });
  faker.seed([seed >>> 0, Math.floor(seed / 2 ** 32) >>> 0, stream]);
  const int = (min: number, max: number) => faker.number.int({ min, max });
  return {
    faker,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)]!;
    },
    chance: (probability) => faker.number.float({ min: 0, max: 1 }) < probability,
    weighted: <T>(items: ReadonlyArray<readonly [T, number]>): T => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = faker.number.float({ min: 0, max: total });
      for (const [item, w] of items) {
        r -= w;
        if (r <= 0) return item;
      }
      return items[items.length - 1]![0];
    },
    uuid: () => faker.string.uuid(),
  };
}

const MINUTE = 60_000;
export const TIME = { minute: MINUTE, hour: 60 * MINUTE, day: 24 * 60 * MINUTE } as const;

/** ISO 8601 (UTC, "Z") of a moment `msBefore` milliseconds before `now`. */
export function isoBefore(now: Date, msBefore: number): string {
  return new Date(now.getTime() - msBefore).toISOString();
}

/** Replaces {key} placeholders; an unknown key is a bug in a template, so it throws. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`template placeholder {${key}} has no value`);
    return v;
  });
}
