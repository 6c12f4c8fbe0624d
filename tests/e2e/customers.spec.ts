// Customers as a personal manager meets them: Alt+4, type a caller's number the way it is written
// on a sticky note («8 (9XX) XXX-XX-XX»), the customer from the local copy comes up, Enter opens
// the card; a name works by the starts of its words; with the server stopped, a number outside the
// local copy is answered in words ("not in your copy, server unreachable"), not with "nobody"; and
// an operator gets a customer outside their copy from the server, marked so.
//
// The e2e server is seeded with seed 1 and 2000 customers (fixtures/template.ts); the same
// generator, run here, says which customers are in the manager's portfolio.
import type { Page } from '@playwright/test';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { Customer } from '../../contract/domain/customer.ts';
import { generateAgents } from '../../server/src/seed/gen-agents.ts';
import { generateConversations } from '../../server/src/seed/gen-conversations.ts';
import { generateCustomers } from '../../server/src/seed/gen-customers.ts';
import { generatePayments } from '../../server/src/seed/gen-payments.ts';
import { DEFAULT_SEED } from '../../server/src/seed/first-run.ts';
import { promotionCatalog } from '../../server/src/seed/content/promotions.ts';
import { localDay } from '../../contract/domain/promotion.ts';
import { offersFor } from '../../electron/services/customers/card-offers.ts';
import { test, expect } from './fixtures/stack.ts';
import { chooseLanguage, screenshotPath, signIn, signOutIfSignedIn } from './fixtures/pages.ts';

test.describe.configure({ mode: 'serial' });

const agents = generateAgents(DEFAULT_SEED);
const managerId = agents.find((a) => a.login === 'manager')!.id;
const customers = generateCustomers(
  { seed: DEFAULT_SEED, customers: 2000, now: new Date() },
  agents.filter((a) => a.role === 'personal_manager').map((a) => a.id),
);
const portfolio = customers.filter((c) => c.personalManagerId === managerId);
// A card with something to show: in debt, two phones, extra services — else the first one.
const CUSTOMER: Customer =
  portfolio.find((c) => c.balance < 0 && c.phones.length > 1 && c.extraServiceIds.length > 0) ??
  portfolio.find((c) => c.balance < 0) ??
  portfolio[0]!;
const OUTSIDER = customers.find((c) => c.personalManagerId !== managerId)!;
// In nobody's conversations, so in no operator's replica: the operator finds them on the server.
const contacted = new Set(generateConversations({ seed: DEFAULT_SEED, now: new Date() }, customers, agents).conversations.map((c) => c.customerId));
const STRANGER = customers.find((c) => !contacted.has(c.id) && c.personalManagerId === null)!;
const national = (e164: string) => parsePhoneNumberFromString(e164)!.formatNational();

async function openCustomersAs(login: 'manager' | 'operator', page: Page, hostUrl: string) {
  await page.goto(hostUrl);
  await signOutIfSignedIn(page);
  await chooseLanguage(page, 'ru');
  await page.setViewportSize({ width: 1366, height: 820 });
  await signIn(page, login);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await page.keyboard.press('Alt+4');
  await expect(page.getByTestId('section-title')).toHaveText('Клиенты');
}

test('a phone typed as «8 (XXX) XXX-XX-XX» finds the customer in the local copy; Enter opens the card', async ({ page, stack }) => {
  await openCustomersAs('manager', page, stack.hostUrl);
  const search = page.getByTestId('customers-search');
  const typed = national(CUSTOMER.phones[0]!);
  expect(typed).toMatch(/^8 \(\d{3}\) \d{3}-\d{2}-\d{2}$/);
  await search.fill(typed);
  const hits = page.getByTestId('customer-hit');
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toHaveAttribute('data-source', 'replica');
  await expect(hits.first().getByTestId('customer-hit-name')).toHaveText(CUSTOMER.fullName);
  await expect(hits.first().getByTestId('customer-hit-phone')).toHaveText(typed);
  await expect(page.getByTestId('customers-summary')).toHaveText('Найден 1 клиент');

  await search.press('Enter');
  const card = page.getByTestId('customer-card');
  await expect(card.getByTestId('customer-card-name')).toHaveText(CUSTOMER.fullName);
  await expect(card.getByTestId('customer-card-account')).toContainText(CUSTOMER.accountNumber);
  await expect(card.getByTestId('customer-card-phone')).toHaveText(CUSTOMER.phones.map(national));
  if (CUSTOMER.balance < 0) await expect(card.getByTestId('customer-card-balance')).toHaveAttribute('data-negative', 'true');
  await expect(card.getByTestId('customer-card-tariff')).not.toBeEmpty();
  // The payments of the last half-year, from the same generator (none is older than ~5.5 months).
  const paid = generatePayments({ seed: DEFAULT_SEED, now: new Date() }, customers).filter((p) => p.customerId === CUSTOMER.id);
  await expect(card.getByTestId('customer-payment')).toHaveCount(Math.min(10, paid.length));
  // What to offer: the seed's promotions that fit this customer's tariff today, running first.
  const offers = offersFor(promotionCatalog(new Date(), () => null), CUSTOMER.tariffId, localDay(new Date()), 12);
  expect(offers.length).toBeGreaterThan(0);
  const offerRows = card.getByTestId('customer-offer');
  // The first three, the rest behind «Ещё акции (N)».
  await expect(offerRows).toHaveCount(Math.min(3, offers.length));
  await expect(offerRows.first()).toContainText(offers[0]!.name);
  await page.screenshot({ path: screenshotPath('customers-ru') });
  if (offers.length > 3) {
    await card.getByTestId('customer-offers-more').click();
    await expect(offerRows).toHaveCount(offers.length);
  }
  await offerRows.last().scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('customers-offers-ru') });
  // Its conditions open beside the card, from the local copy of the knowledge base.
  await offerRows.first().getByRole('button', { name: 'Условия' }).click();
  await expect(page.getByTestId('kb-article-title')).toHaveText(`Акция «${offers[0]!.name}»: условия и сроки`);
  await page.screenshot({ path: screenshotPath('customers-offer-ru') });
  await page.getByRole('button', { name: 'Закрыть условия акции' }).click();
  await expect(page.getByTestId('kb-article-title')).toHaveCount(0);
});

test('a name by the starts of its words, any case, with ↓ and Enter', async ({ page, stack }) => {
  await openCustomersAs('manager', page, stack.hostUrl);
  const [surname, first] = CUSTOMER.fullName.split(' ');
  const search = page.getByTestId('customers-search');
  const hits = page.getByTestId('customer-hit');
  const cardName = page.getByTestId('customer-card-name');

  // Two letters of the surname: a short list; ↓ to the customer, Enter.
  await search.fill(surname!.slice(0, 2).toLowerCase());
  await expect(page.getByTestId('customers-summary')).toHaveText(/^Найден/);
  const names = await hits.getByTestId('customer-hit-name').allTextContents();
  const at = names.indexOf(CUSTOMER.fullName);
  expect(at, names.join(', ')).toBeGreaterThanOrEqual(0);
  await search.press('ArrowDown');
  await search.press('ArrowUp');
  for (let i = 0; i < at; i++) await search.press('ArrowDown');
  await search.press('Enter');
  await expect(cardName).toHaveText(CUSTOMER.fullName);

  // The surname in capitals and the start of the first name: the customer comes first.
  await search.fill(`${surname!.toUpperCase()} ${first!.slice(0, 2).toLowerCase()}`);
  await expect(hits.first().getByTestId('customer-hit-name')).toHaveText(CUSTOMER.fullName);

  // The account number finds the same customer.
  await search.fill(CUSTOMER.accountNumber);
  await expect(hits).toHaveCount(1);
  await expect(hits.first().getByTestId('customer-hit-name')).toHaveText(CUSTOMER.fullName);
});

test('outside the local copy: the server is asked; with it stopped, the answer says so in words', async ({ page, stack }) => {
  await openCustomersAs('manager', page, stack.hostUrl);
  const search = page.getByTestId('customers-search');
  const summary = page.getByTestId('customers-summary');

  // Someone else's customer: the server answers for the manager's portfolio only — nobody.
  await search.fill(national(OUTSIDER.phones[0]!));
  await expect(summary).toHaveText('Не найдено ни в локальной копии, ни на сервере.');

  await stack.stopServer();
  try {
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline', { timeout: 8_000 });
    await search.fill(OUTSIDER.accountNumber);
    await expect(summary).toHaveAttribute('data-offline', 'true');
    await expect(summary).toHaveText(/^В вашей локальной копии такого клиента нет, а сервер сейчас недоступен/);
    // What the local copy holds is still found.
    await search.fill(national(CUSTOMER.phones[0]!));
    await expect(page.getByTestId('customer-hit').first().getByTestId('customer-hit-name')).toHaveText(CUSTOMER.fullName);
  } finally {
    await stack.startServer();
  }
});

test('an operator finds a customer outside the local copy on the server, marked as such', async ({ page, stack }) => {
  await openCustomersAs('operator', page, stack.hostUrl);
  const search = page.getByTestId('customers-search');
  await search.fill(national(STRANGER.phones[0]!));
  const hits = page.getByTestId('customer-hit');
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toHaveAttribute('data-source', 'server');
  await expect(hits.first().getByTestId('customer-hit-server')).toHaveText('с сервера');
  await expect(page.getByTestId('customers-summary')).toHaveText('В локальной копии нет; на сервере найден 1 клиент');
  await search.press('Enter');
  await expect(page.getByTestId('customer-card-name')).toHaveText(STRANGER.fullName);
  await expect(page.getByTestId('customer-card')).toContainText('с сервера');
});
