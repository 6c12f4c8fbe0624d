// Every generated entity passes its contract schema; counts, uniqueness and references hold, so the
// inserter can write the data into a database with its keys and checks.
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  Agent, Article, ARTICLE_CATEGORIES, Call, CHANNELS, Conversation, Customer, ExtraService, Message, Payment, ROLES, Site,
  SITE_IDS, Tariff, Promotion, promotionPhase, WrapUpCode,
} from '../../../contract/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, generateSeedData } from '../../../server/src/seed/generate.ts';
import { CUSTOMERS, NOW, sample } from './sample.ts';

function invalid<T>(schema: z.ZodType<T>, items: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    const r = schema.safeParse(item);
    if (!r.success) out.push(`${JSON.stringify(item).slice(0, 200)}: ${r.error.message}`);
  }
  return out.slice(0, 5);
}

const dupes = (values: readonly string[]) => values.filter((v, i) => values.indexOf(v) !== i);
const dupesFast = (values: readonly string[]) => {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
};

describe('generated seed data', () => {
  const d = sample();
  const now = NOW.getTime();

  it('passes the contract schemas', () => {
    expect(invalid(Site, d.sites)).toEqual([]);
    expect(invalid(Agent, d.agents)).toEqual([]);
    expect(invalid(Tariff, d.tariffs)).toEqual([]);
    expect(invalid(ExtraService, d.extraServices)).toEqual([]);
    expect(invalid(Customer, d.customers)).toEqual([]);
    expect(invalid(Payment, d.payments)).toEqual([]);
    expect(invalid(Article, d.articles)).toEqual([]);
    expect(invalid(Conversation, d.conversations)).toEqual([]);
    expect(invalid(Message, d.messages)).toEqual([]);
    expect(invalid(Call, d.calls)).toEqual([]);
  });

  it('has the asked number of customers and the expected reference data', () => {
    expect(d.customers).toHaveLength(CUSTOMERS);
    expect(d.sites.map((s) => s.id).sort()).toEqual([...SITE_IDS].sort());
    expect(d.sites.find((s) => s.id === 'home')?.name).toBe('Надомные операторы');
    expect(d.sites.every((s) => s.timezone === 'Europe/Moscow')).toBe(true);
    expect(d.tariffs.length).toBeGreaterThanOrEqual(6);
    expect(new Set(d.tariffs.map((t) => t.connectionType))).toEqual(new Set(['apartment_ethernet', 'private_house']));
    expect(d.extraServices.length).toBeGreaterThanOrEqual(6);
    expect(d.tariffs.every((t) => Number.isInteger(t.monthlyFee) && t.monthlyFee > 10_000)).toBe(true);
  });

  it('has agents of every role at every site, the demo accounts first', () => {
    expect(d.agents.slice(0, DEMO_ACCOUNTS.length).map((a) => [a.login, a.role])).toEqual(DEMO_ACCOUNTS.map((a) => [a.login, a.role]));
    expect(DEMO_ACCOUNTS.map((a) => a.login)).toEqual(['operator', 'manager', 'supervisor', 'quality', 'admin']);
    expect(DEMO_ACCOUNTS.every((a) => a.password === DEMO_PASSWORD && DEMO_PASSWORD === 'pult-demo')).toBe(true);
    expect(new Set(d.agents.map((a) => a.role))).toEqual(new Set(ROLES));
    expect(new Set(d.agents.map((a) => a.siteId))).toEqual(new Set(SITE_IDS));
    expect(d.agents.length).toBeGreaterThanOrEqual(DEMO_ACCOUNTS.length + 35);
    expect(d.agents.every((a) => /^[a-z][a-z0-9.]*$/.test(a.login) && /^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё-]+$/.test(a.displayName))).toBe(true);
    for (const site of SITE_IDS) expect(d.agents.some((a) => a.siteId === site && a.role === 'operator')).toBe(true);
  });

  it('keeps ids, logins, account numbers, phones, e-mails and titles unique', () => {
    const ids = [d.agents, d.customers, d.payments, d.articles, d.conversations, d.messages, d.calls].flatMap((list) => list.map((x) => x.id));
    expect(dupesFast(ids)).toEqual([]);
    expect(dupes(d.agents.map((a) => a.login.toLowerCase()))).toEqual([]);
    expect(dupesFast(d.customers.map((c) => c.accountNumber))).toEqual([]);
    expect(d.customers.every((c) => /^\d{8}$/.test(c.accountNumber))).toBe(true);
    expect(dupesFast(d.customers.flatMap((c) => c.phones))).toEqual([]);
    expect(dupesFast(d.customers.flatMap((c) => c.emails))).toEqual([]);
    expect(dupes(d.articles.map((a) => a.title))).toEqual([]);
    expect(dupes(d.tariffs.map((t) => t.id))).toEqual([]);
    expect(dupes(d.extraServices.map((s) => s.id))).toEqual([]);
  });

  it('writes valid Russian phone numbers, mobile first', () => {
    const phones = d.customers.flatMap((c) => c.phones);
    expect(phones.filter((p) => !isValidPhoneNumber(p))).toEqual([]);
    expect(d.customers.every((c) => c.phones.length >= 1 && c.phones.length <= 2 && /^\+79\d{9}$/.test(c.phones[0]!))).toBe(true);
    expect(phones.some((p) => /^\+7(495|499)/.test(p))).toBe(true);
    expect(phones.some((p) => p.startsWith('+74842'))).toBe(true);
    const called = [...d.calls.map((c) => c.number), ...d.conversations.filter((c) => c.channel === 'phone' || c.channel === 'fax').map((c) => c.externalAddress)];
    expect(called.filter((p) => !isValidPhoneNumber(p))).toEqual([]);
  });

  it('gives customers realistic names, contacts and addresses', () => {
    const nameRe = /^[А-ЯЁ][а-яё-]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+(ич|на)$/;
    expect(d.customers.filter((c) => !nameRe.test(c.fullName)).map((c) => c.fullName)).toEqual([]);
    // Gender agreement: a patronymic in -на goes with a surname that is not a male form.
    const female = d.customers.filter((c) => c.fullName.endsWith('на'));
    expect(female.length / d.customers.length).toBeGreaterThan(0.4);
    expect(female.filter((c) => /(ов|ев|ин|ский) /.test(c.fullName))).toEqual([]);
    expect(d.customers.flatMap((c) => c.emails).every((e) => /^[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]+$/.test(e))).toBe(true);
    expect(d.customers.filter((c) => c.telegramId).length).toBeGreaterThan(CUSTOMERS * 0.1);
    expect(d.customers.filter((c) => c.whatsappId).length).toBeGreaterThan(CUSTOMERS * 0.1);
    expect(d.customers.filter((c) => c.whatsappId && `+${c.whatsappId}` !== c.phones[0])).toEqual([]);
    const regions = new Set(d.customers.map((c) => c.address.region));
    expect(regions).toEqual(new Set(['Москва', 'Московская область', 'Калужская область']));
    const cities = new Set(d.customers.map((c) => c.address.city));
    for (const city of ['Москва', 'Подольск', 'Химки', 'Балашиха', 'Мытищи', 'Красногорск', 'Калуга', 'Обнинск']) expect(cities).toContain(city);
    for (const c of d.customers) {
      expect(c.address.apartment === null).toBe(c.connectionType === 'private_house');
      expect(Date.parse(c.createdAt)).toBeLessThan(now);
    }
  });

  it('refers only to existing tariffs, services and personal managers', () => {
    const tariffs = new Map(d.tariffs.map((t) => [t.id, t]));
    const services = new Set(d.extraServices.map((s) => s.id));
    const agents = new Map(d.agents.map((a) => [a.id, a]));
    for (const c of d.customers) {
      expect(tariffs.get(c.tariffId)?.connectionType).toBe(c.connectionType);
      expect(c.extraServiceIds.every((s) => services.has(s))).toBe(true);
      expect(new Set(c.extraServiceIds).size).toBe(c.extraServiceIds.length);
      if (c.personalManagerId) expect(agents.get(c.personalManagerId)?.role).toBe('personal_manager');
    }
    const managed = d.customers.filter((c) => c.personalManagerId).length / d.customers.length;
    expect(managed).toBeGreaterThan(0.1);
    expect(managed).toBeLessThan(0.2);
    const demoManager = d.agents.find((a) => a.login === 'manager')!;
    expect(d.customers.some((c) => c.personalManagerId === demoManager.id)).toBe(true);
    const blocked = d.customers.filter((c) => c.balance < 0).length / d.customers.length;
    expect(blocked).toBeGreaterThan(0.03);
    expect(blocked).toBeLessThan(0.2);
    expect(d.customers.some((c) => c.connectionType === 'private_house')).toBe(true);
    expect(d.customers.some((c) => c.extraServiceIds.length > 0)).toBe(true);
  });

  it('has payments of every method, some mistaken, after the customer signed up', () => {
    const customers = new Map(d.customers.map((c) => [c.id, c]));
    expect(new Set(d.payments.map((p) => p.method))).toEqual(new Set(['bank_card', 'sbp', 'bank_transfer', 'cash_terminal', 'online_banking', 'promised_payment']));
    expect(d.payments.some((p) => p.status === 'mistaken')).toBe(true);
    expect(d.payments.some((p) => p.status === 'refunded')).toBe(true);
    for (const p of d.payments) {
      const c = customers.get(p.customerId);
      expect(c).toBeDefined();
      expect(p.amount).toBeGreaterThan(0);
      expect(Date.parse(p.paidAt)).toBeGreaterThan(Date.parse(c!.createdAt));
      expect(Date.parse(p.paidAt)).toBeLessThanOrEqual(now);
    }
    expect(new Set(d.payments.map((p) => p.customerId)).size).toBe(d.customers.length);
  });

  it('has conversations in every channel and status, tied to customers, agents and addresses', () => {
    const customers = new Map(d.customers.map((c) => [c.id, c]));
    const agents = new Map(d.agents.map((a) => [a.id, a]));
    expect(new Set(d.conversations.map((c) => c.channel))).toEqual(new Set(CHANNELS));
    expect(new Set(d.conversations.map((c) => c.status))).toEqual(new Set(['new', 'open', 'waiting_customer', 'resolved']));
    expect(new Set(d.conversations.map((c) => c.category).filter(Boolean))).toEqual(new Set(ARTICLE_CATEGORIES));
    expect(d.conversations.length).toBeGreaterThanOrEqual(CUSTOMERS * 0.15);
    expect(d.conversations.some((c) => c.customerId === null)).toBe(true);
    const demoOperator = d.agents.find((a) => a.login === 'operator')!;
    expect(d.conversations.filter((c) => c.assigneeId === demoOperator.id).length).toBeGreaterThan(10);
    for (const c of d.conversations) {
      const customer = c.customerId ? customers.get(c.customerId) : null;
      expect(customer).not.toBeUndefined();
      if (c.assigneeId) expect(['operator', 'personal_manager']).toContain(agents.get(c.assigneeId)?.role);
      expect(Date.parse(c.createdAt)).toBeLessThanOrEqual(Date.parse(c.updatedAt));
      expect(Date.parse(c.updatedAt)).toBeLessThanOrEqual(now);
      if (customer) expect(Date.parse(c.createdAt)).toBeGreaterThan(Date.parse(customer.createdAt));
      switch (c.channel) {
        case 'phone':
          expect(c.externalAddress).toMatch(/^\+7\d{10}$/);
          if (customer) expect(customer.phones).toContain(c.externalAddress);
          expect(c.subject).toBeNull();
          break;
        case 'fax':
          expect(c.externalAddress).toMatch(/^\+7[^9]\d{9}$/);
          expect(c.subject).toMatch(/^Факс: /);
          break;
        case 'email':
          expect(c.externalAddress).toMatch(/^[a-z0-9._-]+@[a-z0-9.-]+$/);
          if (customer) expect(customer.emails).toContain(c.externalAddress);
          expect(c.subject?.length).toBeGreaterThan(5);
          break;
        case 'telegram':
          expect(c.externalAddress).toMatch(/^@[a-z][a-z0-9_]{4,31}$/);
          if (customer) expect(c.externalAddress).toBe(customer.telegramId);
          break;
        case 'whatsapp':
          expect(c.externalAddress).toMatch(/^79\d{9}$/);
          if (customer) expect(c.externalAddress).toBe(customer.whatsappId);
          break;
      }
    }
  });

  it('keeps messages and calls inside their conversations', () => {
    const conversations = new Map(d.conversations.map((c) => [c.id, c]));
    const agents = new Set(d.agents.map((a) => a.id));
    for (const m of d.messages) {
      const c = conversations.get(m.conversationId);
      expect(c).toBeDefined();
      expect(m.body.length).toBeGreaterThan(10);
      if (m.direction === 'in') expect(m.authorAgentId).toBeNull();
      else expect(m.authorAgentId !== null && agents.has(m.authorAgentId)).toBe(true);
      expect(Date.parse(m.createdAt)).toBeGreaterThanOrEqual(Date.parse(c!.createdAt));
      expect(Date.parse(m.createdAt)).toBeLessThanOrEqual(Date.parse(c!.updatedAt));
    }
    const withMessages = new Set(d.messages.map((m) => m.conversationId));
    expect(d.conversations.filter((c) => c.channel !== 'phone' && !withMessages.has(c.id))).toEqual([]);
    const firstIn = new Map<string, string>();
    for (const m of d.messages) if (m.direction === 'in' && !firstIn.has(m.conversationId)) firstIn.set(m.conversationId, m.body);
    const faxes = d.conversations.filter((c) => c.channel === 'fax').map((c) => firstIn.get(c.id) ?? '');
    expect(faxes.filter((body) => !/факс/i.test(body) || !/(заявлени|паспорт|чек)/i.test(body))).toEqual([]);

    const phoneIds = new Set(d.conversations.filter((c) => c.channel === 'phone').map((c) => c.id));
    expect(d.calls.filter((k) => k.conversationId === null || !phoneIds.has(k.conversationId))).toEqual([]);
    const called = new Set(d.calls.map((k) => k.conversationId));
    expect([...phoneIds].filter((id) => !called.has(id))).toEqual([]);
    expect(new Set(d.calls.map((k) => k.result))).toEqual(new Set(['answered', 'missed', 'declined', 'failed']));
    expect(new Set(d.calls.map((k) => k.direction))).toEqual(new Set(['in', 'out']));
    for (const k of d.calls) {
      expect(k.number).toBe(conversations.get(k.conversationId!)!.externalAddress);
      if (k.ivrChoice !== null) expect(['1', '2', '3', '4']).toContain(k.ivrChoice);
      if (k.agentId !== null) expect(agents.has(k.agentId)).toBe(true);
      const started = Date.parse(k.startedAt);
      expect(Date.parse(k.endedAt!)).toBeGreaterThan(started);
      if (k.result === 'answered') {
        expect(Date.parse(k.answeredAt!)).toBeGreaterThan(started);
        expect(Date.parse(k.endedAt!)).toBeGreaterThan(Date.parse(k.answeredAt!));
        expect(k.agentId).not.toBeNull();
      } else {
        expect(k.answeredAt).toBeNull();
      }
    }
  });

  it('has promotions running, upcoming and ended, each with its article, and wrap-up codes for every category', () => {
    expect(invalid(Promotion, d.promotions)).toEqual([]);
    expect(invalid(WrapUpCode, d.wrapUpCodes)).toEqual([]);
    expect(dupes(d.promotions.map((p) => p.id))).toEqual([]);
    expect(dupes(d.wrapUpCodes.map((w) => w.id))).toEqual([]);
    const articles = new Set(d.articles.map((a) => a.id));
    expect(d.promotions.filter((p) => !p.articleId || !articles.has(p.articleId)).map((p) => p.id)).toEqual([]);
    const tariffs = new Set(d.tariffs.map((t) => t.id));
    expect(d.promotions.flatMap((p) => p.tariffIds).filter((t) => !tariffs.has(t))).toEqual([]);
    const day = NOW.toISOString().slice(0, 10);
    expect(new Set(d.promotions.map((p) => promotionPhase(p, day)))).toEqual(new Set(['running', 'upcoming', 'ended']));
    expect(new Set(d.wrapUpCodes.filter((w) => w.active).map((w) => w.category))).toEqual(new Set(ARTICLE_CATEGORIES));
  });

  it('works without customers: every channel still appears, from prospects', () => {
    const empty = generateSeedData({ seed: 9, customers: 0, now: NOW });
    expect(empty.customers).toEqual([]);
    expect(empty.payments).toEqual([]);
    expect(new Set(empty.conversations.map((c) => c.channel))).toEqual(new Set(CHANNELS));
    expect(empty.conversations.every((c) => c.customerId === null)).toBe(true);
    expect(invalid(Conversation, empty.conversations)).toEqual([]);
    expect(invalid(Message, empty.messages)).toEqual([]);
    expect(empty.articles.length).toBeGreaterThanOrEqual(300);
  });
});
