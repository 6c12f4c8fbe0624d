// The operator's work during a call with the server down: a recent customer's card from the local
// copy, an extra service switched, a note written in the conversation, a script's path saved into
// it — all queued ("waiting to be sent"). When the server is back the outbox drains, and the
// server's own feed holds the note, the script path and the service change.
//
// The e2e server is seeded with seed 1 and 2000 customers (fixtures/template.ts); the same generator,
// run here, says which open conversation of the demo operator to use.
import { EXTRA_SERVICES } from '../../server/src/seed/content/catalog.ts';
import { generateAgents } from '../../server/src/seed/gen-agents.ts';
import { generateConversations } from '../../server/src/seed/gen-conversations.ts';
import { generateCustomers } from '../../server/src/seed/gen-customers.ts';
import { DEFAULT_SEED } from '../../server/src/seed/first-run.ts';
import { API, PROTOCOL_HEADER, PROTOCOL_VERSION, PullResponse, SYNC_API, SYNC_PROTOCOL_VERSION, type Change } from '../../contract/index.ts';
import { test, expect } from './fixtures/stack.ts';
import { chooseLanguage, DEMO, screenshotPath, signIn, signOutIfSignedIn } from './fixtures/pages.ts';

const now = new Date();
const agents = generateAgents(DEFAULT_SEED);
const operatorId = agents.find((a) => a.login === 'operator')!.id;
const customers = generateCustomers({ seed: DEFAULT_SEED, customers: 2000, now }, agents.filter((a) => a.role === 'personal_manager').map((a) => a.id));
const { conversations } = generateConversations({ seed: DEFAULT_SEED, now }, customers, agents);
const OPEN = conversations.find((c) => c.assigneeId === operatorId && c.customerId && c.subject && c.status === 'open')!;
const CUSTOMER = customers.find((c) => c.id === OPEN.customerId)!;
const SERVICE = EXTRA_SERVICES.find((s) => !CUSTOMER.extraServiceIds.includes(s.id))!;

/** Everything the server's feed holds for the demo operator now, latest state per row. */
async function serverFeed(serverUrl: string): Promise<Map<string, Change>> {
  const headers = { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  const login = await fetch(`${serverUrl}${API.login}`, { method: 'POST', headers, body: JSON.stringify({ login: DEMO.login, password: DEMO.password }) });
  const { token } = (await login.json()) as { token: string };
  const rows = new Map<string, Change>();
  let after = '0';
  for (let page = 0; page < 200; page++) {
    const r = await fetch(`${serverUrl}${SYNC_API.pull}`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${token}` },
      body: JSON.stringify({ protocol: SYNC_PROTOCOL_VERSION, after, limit: 2000 }),
    });
    const body = PullResponse.parse(await r.json());
    for (const c of body.changes) rows.set(`${c.entity}:${c.id}`, c);
    after = body.next;
    if (!body.hasMore) break;
  }
  return rows;
}

test('offline: card, extra service, note and script path are queued and reach the server when it is back', async ({ page, stack }) => {
  test.setTimeout(120_000);
  await page.goto(stack.hostUrl);
  await signOutIfSignedIn(page);
  await chooseLanguage(page, 'ru');
  await page.setViewportSize({ width: 1366, height: 860 });
  await signIn(page);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });

  await stack.stopServer();
  try {
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline', { timeout: 8_000 });
    await page.keyboard.press('Alt+4');
    await page.getByTestId('customers-search').fill(CUSTOMER.accountNumber);
    await expect(page.getByTestId('customer-hit').first()).toHaveAttribute('data-source', 'replica');
    await page.getByTestId('customer-hit').first().click();
    await expect(page.getByTestId('customer-card-name')).toHaveText(CUSTOMER.fullName);

    await page.getByTestId('extra-services-more').click();
    const serviceSwitch = page.getByRole('switch', { name: SERVICE.name, exact: true });
    await expect(serviceSwitch).not.toBeChecked();
    await serviceSwitch.click();
    await expect(serviceSwitch).toBeChecked();

    await page.getByTestId('customer-conversation').filter({ hasText: OPEN.subject ?? '' }).first().click();
    await expect(page.getByTestId('conversation-thread')).toBeVisible();
    await page.getByTestId('note-input').fill('Абонент перезвонит после 18:00, роутер перезагружен');
    await page.keyboard.press('Control+Enter');
    const queued = page.locator('[data-testid="thread-message"][data-queued="true"]');
    await expect(queued).toHaveCount(1);
    await expect(queued).toContainText('ждёт отправки');
    await page.screenshot({ path: screenshotPath('conversation-offline-ru') });
    await page.keyboard.press('Escape');

    await page.keyboard.press('Alt+3');
    await page.getByTestId('kb-mode').getByText('Скрипты диагностики').click();
    await page.getByTestId('script-item').filter({ hasText: 'Нет подключения к интернету' }).click();
    await page.getByTestId('script-answer').filter({ hasText: 'Да, баланс в порядке' }).click();
    await page.keyboard.press('2');
    await page.getByTestId('script-answer').filter({ hasText: 'Горит или мигает' }).click();
    await page.getByTestId('script-answer').filter({ hasText: 'Да, работает' }).click();
    await expect(page.getByTestId('script-outcome')).toHaveText('Решено');
    await page.getByTestId('script-save-target').click();
    await page.getByRole('option', { name: new RegExp(CUSTOMER.fullName) }).first().click();
    await page.getByTestId('script-save').click();
    await expect(page.getByTestId('sync-status')).toContainText('3 изменения ждут отправки');
    await page.screenshot({ path: screenshotPath('script-saved-offline-ru') });
  } finally {
    await stack.startServer();
  }
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
  await page.getByTestId('sync-status').click();
  await expect(page.getByTestId('sync-status')).not.toContainText('ждут', { timeout: 20_000 });

  const feed = await serverFeed(stack.serverUrl);
  const notes = [...feed.values()].filter((c) => c.op === 'upsert' && c.entity === 'message' && c.data.conversationId === OPEN.id && c.data.direction === 'internal_note');
  expect(notes.map((n) => (n.op === 'upsert' && n.entity === 'message' ? n.data.body : '')).join('\n')).toContain('Абонент перезвонит после 18:00');
  expect(notes.some((n) => n.op === 'upsert' && n.entity === 'message' && n.data.body.startsWith('Нет подключения к интернету'))).toBe(true);
  const customer = feed.get(`customer:${CUSTOMER.id}`);
  expect(customer?.op === 'upsert' && customer.entity === 'customer' && customer.data.extraServiceIds).toContain(SERVICE.id);

  // Back in the app, the notes are ordinary messages now (from the feed), no longer waiting.
  await page.keyboard.press('Alt+4');
  await page.getByTestId('customers-search').fill(CUSTOMER.accountNumber);
  await page.getByTestId('customer-hit').first().click();
  await page.getByTestId('customer-conversation').filter({ hasText: OPEN.subject ?? '' }).first().click();
  await expect(page.locator('[data-testid="thread-message"][data-direction="internal_note"]').filter({ hasText: 'Абонент перезвонит' })).toHaveCount(1);
  await expect(page.locator('[data-testid="thread-message"][data-queued="true"]')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('conversation-synced-ru') });
});
