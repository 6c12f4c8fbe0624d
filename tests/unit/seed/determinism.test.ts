// The generator is a pure function of seed, customer count and `now`: same inputs give deep-equal
// data whatever the clock says; another seed gives other data.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateSeedData } from '../../../server/src/seed/generate.ts';
import { NOW } from './sample.ts';

describe('seed generator determinism', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives deep-equal data for the same seed and now, even when the clock differs', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-03-03T03:03:03Z'));
    const a = generateSeedData({ seed: 7, customers: 800, now: NOW });
    vi.setSystemTime(new Date('2021-11-11T11:11:11Z'));
    const b = generateSeedData({ seed: 7, customers: 800, now: NOW });
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('gives other data for another seed', () => {
    const a = generateSeedData({ seed: 1, customers: 200, now: NOW });
    const b = generateSeedData({ seed: 2, customers: 200, now: NOW });
    expect(b.customers[0]!.id).not.toBe(a.customers[0]!.id);
    expect(b.customers.map((c) => c.fullName)).not.toEqual(a.customers.map((c) => c.fullName));
    expect(b.agents.map((a) => a.id)).not.toEqual(a.agents.map((x) => x.id));
    expect(b.conversations.map((c) => c.id)).not.toEqual(a.conversations.map((c) => c.id));
  });

  it('keeps the knowledge base and staff when only the customer count changes', () => {
    const small = generateSeedData({ seed: 3, customers: 50, now: NOW });
    const large = generateSeedData({ seed: 3, customers: 500, now: NOW });
    expect(large.articles).toEqual(small.articles);
    expect(large.agents).toEqual(small.agents);
    expect(large.customers.slice(0, 50)).toEqual(small.customers);
  });

  it('derives every date from now', () => {
    const a = generateSeedData({ seed: 5, customers: 100, now: NOW });
    const later = new Date(NOW.getTime() + 86_400_000);
    const b = generateSeedData({ seed: 5, customers: 100, now: later });
    expect(Date.parse(b.customers[0]!.createdAt) - Date.parse(a.customers[0]!.createdAt)).toBe(86_400_000);
    expect(Date.parse(b.articles[0]!.updatedAt) - Date.parse(a.articles[0]!.updatedAt)).toBe(86_400_000);
  });

  it('rejects a customer count that is not a whole number', () => {
    expect(() => generateSeedData({ seed: 1, customers: -1, now: NOW })).toThrow(/customers/);
    expect(() => generateSeedData({ seed: 1, customers: 1.5, now: NOW })).toThrow(/customers/);
  });
});
