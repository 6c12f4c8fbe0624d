// Customers: Russian full names, unique 8-digit account numbers, mobile and landline numbers in
// E.164, e-mail and messenger ids, addresses in Moscow, the Moscow region and the Kaluga region, a
// tariff that fits the connection, extra services, a balance (negative means blocked) and, for some,
// a personal manager. Work per customer is constant, so 100 000 customers take seconds.
import type { ConnectionType, Customer } from '../../../contract/index.ts';
import { EXTRA_SERVICES, TARIFFS, type TariffInfo } from './content/catalog.ts';
import { EMAIL_DOMAINS, HOUSE_SETTLEMENTS, HOUSE_STREETS, MOBILE_CODES, TOWNS } from './content/places.ts';
import { fullName, personName, translit, type PersonName } from './gen-names.ts';
import { createRng, isoBefore, STREAMS, TIME, type Rng } from './gen-random.ts';

const APARTMENT_TARIFFS = weights(TARIFFS.filter((t) => t.connectionType === 'apartment_ethernet'), { 'social-50': 8, 'home-100': 25, 'home-300': 35, 'home-500': 20, gigabit: 12 });
const HOUSE_TARIFFS = weights(TARIFFS.filter((t) => t.connectionType === 'private_house'), { 'house-100': 30, 'house-300': 50, 'house-500': 20 });
const TOWN_WEIGHTS = TOWNS.map((t) => [t, t.weight] as const);

function weights(tariffs: readonly TariffInfo[], w: Readonly<Record<string, number>>) {
  return tariffs.map((t) => [t, w[t.id] ?? 1] as const);
}

/** Account numbers: a bijection of the index onto 8-digit numbers, so they are unique but not sequential. */
const ACCOUNT_SPACE = 90_000_000;
const ACCOUNT_STEP = 7_777_777; // coprime with 90 000 000 = 2^7 · 3^2 · 5^7

/** Monthly fee of a customer's tariff and services, in kopecks. */
export function monthlyFeeOf(c: Pick<Customer, 'tariffId' | 'extraServiceIds'>): number {
  const tariff = TARIFFS.find((t) => t.id === c.tariffId)?.monthlyFee ?? 0;
  return c.extraServiceIds.reduce((sum, id) => sum + (EXTRA_SERVICES.find((s) => s.id === id)?.monthlyFee ?? 0), tariff);
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

function unique(taken: Set<string>, make: () => string): string {
  for (;;) {
    const v = make();
    if (!taken.has(v)) {
      taken.add(v);
      return v;
    }
  }
}

function house(rng: Rng): string {
  const n = String(rng.int(1, 150));
  const r = rng.int(1, 100);
  if (r <= 18) return `${n}к${rng.int(1, 4)}`;
  if (r <= 24) return `${n}${rng.pick(['А', 'Б'])}`;
  if (r <= 28) return `${n}/${rng.int(1, 3)}`;
  return n;
}

function emailLocal(rng: Rng, n: PersonName): string {
  const last = translit(n.last);
  const first = translit(n.first);
  const year = String(rng.int(1955, 2004));
  switch (rng.int(1, 6)) {
    case 1: return `${last}.${first}`;
    case 2: return `${first}.${last}${year.slice(2)}`;
    case 3: return `${last}${first.slice(0, 1)}${translit(n.patronymic).slice(0, 1)}`;
    case 4: return `${first}_${last}`;
    case 5: return `${last}${year}`;
    default: return `${first.slice(0, 1)}.${last}`;
  }
}

interface Taken { phones: Set<string>; emails: Set<string>; telegram: Set<string> }

function contacts(rng: Rng, n: PersonName, landline: readonly string[], taken: Taken) {
  const mobile = unique(taken.phones, () => `+7${rng.pick(MOBILE_CODES)}${digits(rng, 7)}`);
  const phones = [mobile];
  if (rng.chance(0.3)) {
    phones.push(rng.chance(0.6)
      ? unique(taken.phones, () => { const p = rng.pick(landline); return p + digits(rng, 12 - p.length); })
      : unique(taken.phones, () => `+7${rng.pick(MOBILE_CODES)}${digits(rng, 7)}`));
  }
  const emails: string[] = [];
  const emailCount = rng.weighted([[0, 22], [1, 70], [2, 8]] as const);
  for (let i = 0; i < emailCount; i++) {
    const local = emailLocal(rng, n);
    const domain = rng.weighted(EMAIL_DOMAINS);
    emails.push(unique(taken.emails, () => {
      const candidate = `${local}@${domain}`;
      return taken.emails.has(candidate) ? `${local}${rng.int(2, 999)}@${domain}` : candidate;
    }));
  }
  const telegramId = rng.chance(0.25)
    ? unique(taken.telegram, () => `@${`${translit(n.first)}_${translit(n.last)}`.slice(0, 24)}${rng.chance(0.5) ? rng.int(1, 99) : ''}`)
    : null;
  const whatsappId = rng.chance(0.22) ? mobile.slice(1) : null;
  return { phones, emails, telegramId, whatsappId };
}

function extraServices(rng: Rng, type: ConnectionType, tariffId: string): string[] {
  const out: string[] = [];
  const house = type === 'private_house';
  if (tariffId !== 'gigabit' && rng.chance(0.06)) out.push('static-ip');
  if (rng.chance(0.1)) out.push('antivirus');
  const tv = rng.int(1, 100);
  if (tv <= 18) out.push('tv-basic');
  else if (tv <= 25) out.push('tv-extended');
  if (rng.chance(0.06)) out.push('tv-kino');
  if (!house && !['home-500', 'gigabit'].includes(tariffId) && rng.chance(0.2)) out.push('router-rent');
  if (rng.chance(0.05)) out.push('parental-control');
  if (rng.chance(house ? 0.15 : 0.03)) out.push('cloud-video');
  if (house && tariffId !== 'house-500' && rng.chance(0.15)) out.push('mesh-rent');
  return out;
}

export function generateCustomers(opts: { seed: number; customers: number; now: Date }, managerIds: readonly string[]): Customer[] {
  const rng = createRng(opts.seed, STREAMS.customers);
  const offset = rng.int(0, ACCOUNT_SPACE - 1);
  const taken: Taken = { phones: new Set(), emails: new Set(), telegram: new Set() };
  const out: Customer[] = new Array(opts.customers);
  for (let i = 0; i < opts.customers; i++) {
    const name = personName(rng);
    const isHouse = rng.chance(0.15);
    let address: Customer['address'];
    let landline: readonly string[];
    let tariff: TariffInfo;
    if (isHouse) {
      const s = rng.pick(HOUSE_SETTLEMENTS);
      address = { region: s.region, city: s.city, street: rng.pick(HOUSE_STREETS), house: String(rng.int(1, 120)), apartment: null };
      landline = s.landline;
      tariff = rng.weighted(HOUSE_TARIFFS);
    } else {
      const t = rng.weighted(TOWN_WEIGHTS);
      address = { region: t.region, city: t.city, street: rng.pick(t.streets), house: house(rng), apartment: String(rng.int(1, 320)) };
      landline = t.landline;
      tariff = rng.weighted(APARTMENT_TARIFFS);
    }
    const extraServiceIds = extraServices(rng, tariff.connectionType, tariff.id);
    const fee = monthlyFeeOf({ tariffId: tariff.id, extraServiceIds });
    const balance = rng.chance(0.09) ? -rng.int(100, fee) : rng.int(0, 3 * fee);
    out[i] = {
      id: rng.uuid(),
      accountNumber: String(10_000_000 + ((i * ACCOUNT_STEP + offset) % ACCOUNT_SPACE)),
      fullName: fullName(name),
      ...contacts(rng, name, landline, taken),
      address,
      connectionType: tariff.connectionType,
      tariffId: tariff.id,
      extraServiceIds,
      balance,
      personalManagerId: managerIds.length > 0 && rng.chance(0.15) ? rng.pick(managerIds) : null,
      createdAt: isoBefore(opts.now, rng.int(20 * TIME.day, 9 * 365 * TIME.day)),
    };
  }
  return out;
}
