// The Inbox's queues and SLA timers as an operator meets them: a seeded operator of the Moscow first
// line nobody else signs in as in the e2e specs. Their replica comes through the real sync, with
// the shared queue (unassigned written conversations) and their team's (the demo operator's and the
// other Moscow operators' open ones); the scope switch shows each with its count, as the replica
// holds them; rows carry "free" or the colleague's name. SLA: the seeded queue is long overdue (red);
// a letter due in five minutes (target one hour) is written into the replica the way the feed would
// deliver it and shows the warning (orange); its header shows the same timer.
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { Conversation } from '../../contract/domain/conversation.ts';
import type { Db } from '../../electron/services/db/open-replica-file.ts';
import { generateAgents } from '../../server/src/seed/gen-agents.ts';
import { DEFAULT_SEED } from '../../server/src/seed/first-run.ts';
import { screenshotPath } from './fixtures/pages.ts';
import { openInboxAs } from './fixtures/inbox-page.ts';
import { withReplica } from './fixtures/replica-file.ts';
import { expect, test, type Stack } from './fixtures/stack.ts';

test.describe.configure({ mode: 'serial' });

const AGENTS = generateAgents(DEFAULT_SEED);
const OPERATOR = AGENTS.find((a) => a.login === 'suvorova.s')!;
const TEAMMATES = AGENTS.filter((a) => a.teamId === OPERATOR.teamId && a.id !== OPERATOR.id).map((a) => a.id);

const readReplica = <T>(stack: Stack, read: (db: Db) => T): Promise<T> => withReplica(stack.userDataDir, OPERATOR.id, read, { readonly: true });
const countText = (n: number) => new RegExp(`^${n} обращени(е|я|й)$`);

const openInbox = (page: Page, hostUrl: string) => openInboxAs(page, hostUrl, OPERATOR.login);

test('mine, the shared queue and the team\'s, each with its count', async ({ page, stack }) => {
  await openInbox(page, stack.hostUrl);
  const held = await readReplica(stack, (db) => {
    const count = (where: string, ...args: unknown[]) => db.prepare(`SELECT count(*) FROM conversation v WHERE ${where}`).pluck().get(...args) as number;
    const marks = TEAMMATES.map(() => '?').join(', ');
    return {
      mine: count('assignee_id = ?', OPERATOR.id),
      unassigned: count('assignee_id IS NULL'),
      team: count(`assignee_id IN (${marks})`, ...TEAMMATES),
      all: count('1'),
      phoneInQueue: count("assignee_id IS NULL AND channel = 'phone'"),
      otherTeams: count(`assignee_id IS NOT NULL AND assignee_id <> ? AND assignee_id NOT IN (${marks})`, OPERATOR.id, ...TEAMMATES),
      customersOfQueue: count('assignee_id IS NULL AND EXISTS (SELECT 1 FROM customer c WHERE c.id = v.customer_id)'),
    };
  });
  // What the server sent: a queue and a team queue, no phone calls among them, nobody else's.
  expect(held.unassigned).toBeGreaterThan(0);
  expect(held.team).toBeGreaterThan(0);
  expect(held.phoneInQueue).toBe(0);
  expect(held.otherTeams).toBe(0);
  expect(held.customersOfQueue, 'queue items come without the customer\'s card').toBe(0);

  // The default: mine and the queue.
  await expect(page.getByTestId('inbox-scope').locator('[aria-checked="true"]')).toHaveAttribute('data-scope', 'mine_unassigned');
  await expect(page.getByTestId('inbox-count')).toHaveText(countText(held.mine + held.unassigned));
  for (const [scope, n] of [['mine_unassigned', held.mine + held.unassigned], ['mine', held.mine], ['unassigned', held.unassigned], ['team', held.team], ['all', held.all]] as const) {
    await expect(page.getByTestId(`inbox-scope-count-${scope}`)).toHaveText(String(n));
  }

  await page.getByTestId('inbox-scope-unassigned').click();
  await expect(page.getByTestId('inbox-count')).toHaveText(countText(held.unassigned));
  const rows = page.getByTestId('inbox-row');
  await expect(rows.first()).toBeVisible();
  for (const q of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-queue')))) expect(q).toBe('unassigned');
  await expect(rows.first().getByTestId('inbox-row-unassigned')).toHaveText('Свободно');

  await page.getByTestId('inbox-scope-team').click();
  await expect(page.getByTestId('inbox-count')).toHaveText(countText(held.team));
  for (const q of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-queue')))) expect(q).toBe('team');
  await expect(rows.first().getByTestId('inbox-row-assignee')).toHaveText(/^У /);

  // A queue item opens with its thread; the card is fetched from the server (not in the replica).
  await page.getByTestId('inbox-scope-unassigned').click();
  await rows.first().click();
  await expect(page.getByTestId('inbox-conversation')).toBeVisible();
  await page.screenshot({ path: screenshotPath('inbox-queues-ru') });
});

test('SLA timers: overdue in red, the last fifth in orange, in the row and the header', async ({ page, stack }) => {
  await openInbox(page, stack.hostUrl);
  // A letter in the queue opened 55 minutes ago: its first reply is due in 5 (e-mail: one hour).
  const now = Date.now();
  const letter: Conversation = {
    id: randomUUID(), channel: 'email', customerId: null, externalAddress: 'sla.warning@example.ru', subject: 'Не приходит счёт', status: 'new',
    category: null, assigneeId: null, createdAt: new Date(now - 55 * 60_000).toISOString(), updatedAt: new Date(now).toISOString(),
    sla: { firstResponseDueAt: new Date(now + 5 * 60_000).toISOString(), firstResponseAt: null, resolutionDueAt: new Date(now + 23 * 3600_000).toISOString(), pausedAt: null },
  };
  await withReplica(stack.userDataDir, OPERATOR.id, (db) => {
    db.prepare('INSERT INTO conversation (id, version, data, customer_id, assignee_id, status, channel, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?)')
      .run(letter.id, JSON.stringify(letter), null, null, letter.status, letter.channel, letter.updatedAt);
  });
  await page.reload();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
  await page.getByTestId('inbox-scope-unassigned').click();

  const row = page.locator(`[data-testid="inbox-row"][data-id="${letter.id}"]`);
  await expect(row).toBeVisible();
  const timer = row.getByTestId('sla-timer');
  await expect(timer).toHaveAttribute('data-level', 'warning');
  await expect(timer).toHaveAttribute('data-kind', 'first_response');
  await expect(timer).toHaveAttribute('aria-label', /^Ответ через [45] мин$/);
  await expect(timer).toHaveText(/^[45] мин$/);

  // The seeded queue waits for days: overdue.
  const overdue = page.locator('[data-testid="inbox-row"]:not([data-id="' + letter.id + '"]) [data-testid="sla-timer"][data-level="overdue"]').first();
  await expect(overdue).toBeVisible();
  await expect(overdue).toHaveAttribute('aria-label', /^Ответ просрочен на /);
  await expect(overdue).toHaveText(/^−/);

  await row.click();
  const header = page.getByTestId('inbox-conversation').getByTestId('sla-timer');
  await expect(header).toHaveAttribute('data-level', 'warning');
  await expect(header).toHaveText(/^Ответ через [45] мин$/);
  await page.screenshot({ path: screenshotPath('inbox-sla-ru') });
});
