// Handling a conversation from the Inbox toolbar, as a seeded operator nobody else signs in as in
// the e2e specs: a conversation from the queue is taken («Взять себе»: it becomes theirs and open),
// its status and category are set, it is returned to the queue; one change is made with the server
// stopped (shown as waiting, sent when the server is back). After each step the server's own state
// is read through its sync feed, as another PC of the operator would see it.
import type { Page } from '@playwright/test';
import type { Conversation } from '../../contract/domain/conversation.ts';
import type { Customer } from '../../contract/domain/customer.ts';
import { API, LoginResponse, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../contract/server-api.ts';
import { PullResponse, SYNC_API, SYNC_PROTOCOL_VERSION } from '../../contract/sync.ts';
import { generateAgents } from '../../server/src/seed/gen-agents.ts';
import { DEFAULT_SEED } from '../../server/src/seed/first-run.ts';
import { screenshotPath } from './fixtures/pages.ts';
import { openInboxAs } from './fixtures/inbox-page.ts';
import { expect, test, type Stack } from './fixtures/stack.ts';

test.describe.configure({ mode: 'serial' });

// The last seeded operator (one working from home): no other spec signs in as them.
const OPERATOR = generateAgents(DEFAULT_SEED).filter((a) => a.role === 'operator' && a.login !== 'korolev.a').at(-1)!;

/** The operator's conversations as the server has them now: their feed pulled from the start. */
async function onServerAll(stack: Stack): Promise<Map<string, Conversation>> {
  return (await feedOf(stack)).conversations;
}

const tokens = new Map<string, string>();

/** The operator's feed pulled from the start: conversations and customers. */
async function feedOf(stack: Stack): Promise<{ conversations: Map<string, Conversation>; customers: Map<string, Customer> }> {
  const headers = { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  // One session for all looks (the server limits sign-ins per login).
  let token = tokens.get(stack.serverUrl);
  if (!token) {
    const login = await fetch(stack.serverUrl + API.login, { method: 'POST', headers, body: JSON.stringify({ login: OPERATOR.login, password: 'pult-demo' }) });
    token = LoginResponse.parse(await login.json()).token;
    tokens.set(stack.serverUrl, token);
  }
  const auth = { ...headers, authorization: `Bearer ${token}` };
  const conversations = new Map<string, Conversation>();
  const customers = new Map<string, Customer>();
  let after = '0';
  for (;;) {
    const r = await fetch(stack.serverUrl + SYNC_API.pull, { method: 'POST', headers: auth, body: JSON.stringify({ protocol: SYNC_PROTOCOL_VERSION, after, limit: 2000 }) });
    const page = PullResponse.parse(await r.json());
    for (const c of page.changes) {
      const into = c.entity === 'conversation' ? conversations : c.entity === 'customer' ? customers : null;
      if (!into) continue;
      if (c.op === 'upsert') into.set(c.id, c.data as never);
      else into.delete(c.id);
    }
    after = page.next;
    if (!page.hasMore) return { conversations, customers };
  }
}

const onServer = async (stack: Stack, id: string) => (await onServerAll(stack)).get(id) ?? null;

/** A conversation waiting in the queue the operator sees: written channel, nobody's, new, no category. */
async function queuedConversation(stack: Stack): Promise<Conversation> {
  const queued = [...(await onServerAll(stack)).values()]
    .filter((c) => c.assigneeId === null && c.status === 'new' && c.channel !== 'phone' && c.category === null)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  if (!queued[0]) throw new Error(`no queued conversation in the feed of ${OPERATOR.login}`);
  return queued[0];
}

const openInbox = (page: Page, hostUrl: string) => openInboxAs(page, hostUrl, OPERATOR.login);

async function choose(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('listbox').getByRole('option', { name: option, exact: true }).click();
}

test('take a conversation from the queue, set its status and category, return it; a change made offline waits and goes', async ({ page, stack }) => {
  // Each look at the server pulls the operator's whole feed: slow on a busy machine, not a timing check.
  test.setTimeout(300_000);
  await openInbox(page, stack.hostUrl);
  const conv = await queuedConversation(stack);

  // Everything in the local copy holds the queue; the conversation is found by its address.
  await page.getByTestId('inbox-scope-all').or(page.getByTestId('inbox-scope').getByText('Все в локальной копии')).first().click();
  await page.getByTestId('inbox-search').fill(conv.externalAddress);
  await page.locator(`[data-testid="inbox-row"][data-id="${conv.id}"]`).click();
  const view = page.getByTestId('inbox-conversation');
  await expect(view).toHaveAttribute('data-id', conv.id);
  const bar = view.getByTestId('conv-actions');
  await expect(bar.getByTestId('conv-holder')).toHaveText('Свободно — ждёт в очереди');
  // Not theirs yet: status and category are not theirs to change.
  await expect(bar.getByTestId('conv-status')).toBeDisabled();

  // Take it, with the keyboard: it is theirs and open at once, and on the server.
  await bar.getByTestId('conv-take').focus();
  await page.keyboard.press('Enter');
  await expect(bar.getByTestId('conv-holder')).toHaveText('Ведёте вы');
  await expect(bar.getByTestId('conv-status')).toHaveValue('В работе');
  await expect(bar.getByTestId('conv-status')).toBeEnabled();
  await expect.poll(async () => (await onServer(stack, conv.id))?.assigneeId, { timeout: 30_000 }).toBe(OPERATOR.id);
  expect((await onServer(stack, conv.id))?.status).toBe('open');

  // Status and category from the pickers.
  await choose(page, 'conv-status', 'Ждём клиента');
  await choose(page, 'conv-category', 'Техническая поддержка');
  await expect(bar.getByTestId('conv-category')).toHaveValue('Техническая поддержка');
  await expect.poll(async () => {
    const c = await onServer(stack, conv.id);
    return c && { status: c.status, category: c.category };
  }, { timeout: 30_000 }).toEqual({ status: 'waiting_customer', category: 'technical' });
  await expect(bar.getByTestId('conv-actions-pending')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('inbox-actions-ru') });

  // With the server down the change is kept here, shown as waiting, and sent once it is back.
  await stack.stopServer();
  try {
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
    await choose(page, 'conv-status', 'В работе');
    await expect(bar.getByTestId('conv-status')).toHaveValue('В работе');
    await expect(bar.getByTestId('conv-actions-pending')).toContainText('1 изменение ждёт отправки на сервер (статус)');
    await page.screenshot({ path: screenshotPath('inbox-actions-offline-ru') });
  } finally {
    await stack.startServer();
  }
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 20_000 });
  await expect(bar.getByTestId('conv-actions-pending')).toHaveCount(0, { timeout: 30_000 });
  expect((await onServer(stack, conv.id))?.status).toBe('open');

  // Back to the queue: nobody's again, here and on the server.
  await bar.getByTestId('conv-return').click();
  await expect(bar.getByTestId('conv-holder')).toHaveText('Свободно — ждёт в очереди');
  await expect(bar.getByTestId('conv-take')).toBeVisible();
  await expect.poll(async () => (await onServer(stack, conv.id))?.assigneeId, { timeout: 30_000 }).toBeNull();
  const after = await onServer(stack, conv.id);
  expect(after).toMatchObject({ status: 'open', category: 'technical' });
});

test('a conversation from an unknown address is linked to its customer by hand, found by the search', async ({ page, stack }) => {
  test.setTimeout(300_000);
  await openInbox(page, stack.hostUrl);
  const feed = await feedOf(stack);
  const conv = [...feed.conversations.values()]
    .filter((c) => c.assigneeId === null && c.status === 'new' && c.channel !== 'phone' && c.customerId === null)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  const customer = [...feed.customers.values()].sort((a, b) => a.accountNumber.localeCompare(b.accountNumber))[0];
  expect(conv, 'the seed has a queued conversation from an unknown address').toBeDefined();
  expect(customer, 'the operator\'s feed holds customers').toBeDefined();

  await page.getByTestId('inbox-scope-all').or(page.getByTestId('inbox-scope').getByText('Все в локальной копии')).first().click();
  await page.getByTestId('inbox-search').fill(conv!.externalAddress);
  await page.locator(`[data-testid="inbox-row"][data-id="${conv!.id}"]`).click();
  const view = page.getByTestId('inbox-conversation');
  await expect(view).toHaveAttribute('data-id', conv!.id);
  await expect(page.getByTestId('inbox-unknown-customer')).toContainText(conv!.externalAddress);
  await view.getByTestId('conv-actions').getByTestId('conv-take').click();
  await expect(view.getByTestId('conv-holder')).toHaveText('Ведёте вы');

  // The search by account number finds the customer; a click links them and shows their card.
  const link = page.getByTestId('link-customer');
  await link.getByTestId('link-customer-search').fill(customer!.accountNumber);
  const hit = link.locator(`[data-testid="link-customer-hit"][data-id="${customer!.id}"]`);
  await expect(hit).toContainText(customer!.fullName);
  await page.screenshot({ path: screenshotPath('inbox-link-customer-ru') });
  await hit.click();
  await expect(page.getByTestId('inbox-unknown-customer')).toHaveCount(0);
  await expect(page.getByTestId('customer-card')).toContainText(customer!.fullName, { timeout: 20_000 });
  await expect.poll(async () => (await onServer(stack, conv!.id))?.customerId, { timeout: 30_000 }).toBe(customer!.id);
  await page.screenshot({ path: screenshotPath('inbox-linked-customer-ru') });
});
