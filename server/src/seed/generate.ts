// Deterministic demo data for the central server: sites, agents (the demo accounts first),
// tariffs, extra services, customers with payments, the knowledge base, and conversations with
// messages and calls. Same seed and same `now` give the same data, deep-equal; nothing reads the
// clock. Each part draws from its own seeded stream (gen-random.ts).
import { EXTRA_SERVICES, SITES, TARIFFS } from './content/catalog.ts';
import { generateAgents } from './gen-agents.ts';
import { TEAMS } from './gen-teams.ts';
import { generateArticles } from './gen-articles.ts';
import { kbImages } from './content/images/index.ts';
import { promotionCatalog } from './content/promotions.ts';
import { wrapUpCodes } from './content/wrap-up-codes.ts';
import { troubleshootingScripts } from './content/scripts/index.ts';
import { generateConversations } from './gen-conversations.ts';
import { generateCustomers } from './gen-customers.ts';
import { generatePayments } from './gen-payments.ts';
import type { SeedData, SeedOptions } from './seed-data.ts';

export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './gen-demo-accounts.ts';

export function generateSeedData(opts: SeedOptions): SeedData {
  if (!Number.isInteger(opts.customers) || opts.customers < 0) throw new Error(`customers must be a whole number, got ${opts.customers}`);
  if (Number.isNaN(opts.now.getTime())) throw new Error('now must be a valid date');
  const agents = generateAgents(opts.seed);
  const managers = agents.filter((a) => a.role === 'personal_manager').map((a) => a.id);
  const customers = generateCustomers(opts, managers);
  const { conversations, messages, calls } = generateConversations(opts, customers, agents);
  const articles = generateArticles(opts);
  const articleIds = new Map(articles.map((a) => [a.title, a.id]));
  return {
    sites: SITES.map((s) => ({ ...s })),
    teams: TEAMS.map((t) => ({ ...t })),
    agents,
    tariffs: TARIFFS.map((t) => ({ id: t.id, name: t.name, speedMbps: t.speedMbps, monthlyFee: t.monthlyFee, connectionType: t.connectionType })),
    extraServices: EXTRA_SERVICES.map((s) => ({ id: s.id, name: s.name, monthlyFee: s.monthlyFee })),
    customers,
    payments: generatePayments(opts, customers),
    articles,
    promotions: promotionCatalog(opts.now, (title) => articleIds.get(title) ?? null),
    wrapUpCodes: wrapUpCodes(),
    scripts: troubleshootingScripts(opts.now.toISOString()),
    conversations,
    messages,
    calls,
    images: kbImages(),
  };
}
