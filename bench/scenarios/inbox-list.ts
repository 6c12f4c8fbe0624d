// The Inbox with 100 000 conversations, in the real renderer (Chromium, through the browser host):
// an operator signed in to a small seeded server, then 100 000 conversations (one message each) put
// into their replica the way the feed stores them, all assigned to them. Measured in the page on its
// own clock:
// - first render: a click on the Inbox (coming from another section, after a reload, so nothing is
//   cached) → the count of 100 000 and the first rows drawn;
// - open a conversation: a click on a row (a different one each time, the list scrolled between)
//   → its thread drawn;
// - rows in the DOM while the list is scrolled top to bottom in 60 steps (the virtual list's bound).
// Baseline, same run, same replica file: the bare replica reads those views need — the list's page
// with its count (replica-inbox.ts) and the thread (replica-conversations.ts) — in Node, no IPC, no
// React. Run alone: node bench/scenarios/inbox-list.ts [conversations]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { startService, type ServiceProcess } from '../../scripts/lib/service-process.ts';
import { chromiumLaunchOptions } from '../../tests/e2e/fixtures/chromium.ts';
import { withReplica } from '../../tests/e2e/fixtures/replica-file.ts';
import type { Db } from '../../electron/services/db/open-replica-file.ts';
import { createReplicaInbox } from '../../electron/services/inbox/replica-inbox.ts';
import { createReplicaConversations } from '../../electron/services/conversations/replica-conversations.ts';
import { CHANNELS, CONVERSATION_STATUSES, type Conversation, type Message } from '../../contract/domain/conversation.ts';
import { ARTICLE_CATEGORIES } from '../../contract/domain/article.ts';
import type { Row } from '../lib/timing.ts';

const REPO = join(import.meta.dirname, '..', '..');
const SAMPLES = 40;
const SCROLL_STEPS = 60;
const UI_WAIT_MS = 60_000;
const progress = (s: string) => process.stderr.write(`  [inbox-list] ${s}\n`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const spread = (xs: number[]) => `p50 ${ms(pct(xs, 0.5))}, p95 ${ms(pct(xs, 0.95))}`;

const WORDS = ['Не работает интернет', 'Ошибочный платёж', 'Смена тарифа', 'Подключение в новом доме', 'Роутер не раздаёт Wi-Fi', 'Акция «Год за 10»', 'Перенос договора'];

/** n conversations with one message each, assigned to the agent, into the replica file. */
function fillReplica(userDataDir: string, agentId: string, n: number): Promise<void> {
  return withReplica(userDataDir, agentId, (db) => {
    const conv = db.prepare('INSERT INTO conversation (id, version, data, customer_id, assignee_id, status, channel, updated_at) VALUES (?, 1, ?, NULL, ?, ?, ?, ?)');
    const msg = db.prepare('INSERT INTO message (id, version, data, conversation_id, created_at) VALUES (?, 1, ?, ?, ?)');
    const start = Date.now() - n * 60_000;
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const at = new Date(start + i * 60_000).toISOString();
        const channel = CHANNELS[i % CHANNELS.length]!;
        const c: Conversation = {
          id: randomUUID(), channel, customerId: null, externalAddress: channel === 'email' ? `abonent${i}@example.ru` : `+7916${String(1_000_000 + i).slice(-7)}`,
          subject: channel === 'email' ? WORDS[i % WORDS.length]! : null, status: CONVERSATION_STATUSES[i % 4]!, category: ARTICLE_CATEGORIES[i % 6]!,
          assigneeId: agentId, createdAt: at, updatedAt: at,
        };
        const m: Message = { id: randomUUID(), conversationId: c.id, direction: 'in', authorAgentId: null, body: `Здравствуйте! ${WORDS[(i * 7) % WORDS.length]}. Лицевой счёт ${40_000_000 + i}.`, createdAt: at };
        conv.run(c.id, JSON.stringify(c), agentId, c.status, c.channel, c.updatedAt);
        msg.run(m.id, JSON.stringify(m), c.id, at);
      }
    })();
  });
}

/** Resolves once the page has had 500 ms in which every idle period was long (nothing queued). */
async function settled(): Promise<void> {
  const deadline = performance.now() + 10_000;
  let quietSince = performance.now();
  while (performance.now() < deadline && performance.now() - quietSince < 500) {
    const idle = await new Promise<number>((r) => requestIdleCallback((d) => r(d.timeRemaining()), { timeout: 200 }));
    if (idle < 40) quietSince = performance.now();
  }
}

/** Reload into the KB section, then time a click on the Inbox until `expected` rows are counted and drawn. */
async function firstRender(page: Page, hostUrl: string, expected: number): Promise<number> {
  const kb = new URL(hostUrl);
  kb.hash = '/kb';
  await page.goto(kb.toString());
  await page.reload(); // a hash change alone is no reload
  await page.getByTestId('nav-inbox').waitFor({ timeout: UI_WAIT_MS }).catch(async (e: unknown) => {
    await page.screenshot({ path: join(tmpdir(), 'pult-bench-inbox-failed.png') });
    throw e;
  });
  await page.locator('[data-testid="section-title"]').waitFor({ timeout: UI_WAIT_MS });
  // Timed once the app has settled after the reload (signed in, synced, the first screen's reads
  // done), so the number is the Inbox's draw rather than the start-up's work it would queue behind.
  await page.locator('[data-testid="sync-status"][data-state="online"]').waitFor({ timeout: UI_WAIT_MS });
  await page.evaluate(settled);
  return page.evaluate(async (total) => {
    const countText = total.toLocaleString('ru-RU').replace(/\s/g, ' ');
    const done = () => {
      const count = document.querySelector('[data-testid="inbox-count"]')?.textContent?.replace(/\s/g, ' ') ?? '';
      return count.startsWith(countText) && document.querySelector('[data-testid="inbox-row"]') !== null;
    };
    const t0 = performance.now();
    (document.querySelector('[data-testid="nav-inbox"]') as HTMLElement).click();
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the Inbox did not show its rows within 30 s')), 30_000);
      const check = () => {
        if (!done()) return false;
        clearTimeout(timer);
        obs.disconnect();
        resolve(performance.now() - t0);
        return true;
      };
      const obs = new MutationObserver(() => void check());
      obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      check();
    });
  }, expected);
}

/** Scroll somewhere new, click a drawn row, time until its thread is drawn. */
async function openOne(page: Page, i: number): Promise<number> {
  return page.evaluate(async (step) => {
    const list = document.querySelector('[data-testid="inbox-list"]') as HTMLElement;
    list.scrollTop = ((step * 7919) % 97) / 97 * (list.scrollHeight - list.clientHeight);
    // Let the virtual list draw the rows there and their pages arrive.
    for (let w = 0; w < 100 && !list.querySelector('[data-testid="inbox-row"]'); w++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    const rows = [...list.querySelectorAll<HTMLElement>('[data-testid="inbox-row"]')];
    const row = rows[Math.floor(rows.length / 2)];
    if (!row) throw new Error(`no row drawn 5 s after scrolling to ${list.scrollTop} of ${list.scrollHeight}: ${list.innerText.slice(0, 300)}`);
    const id = row.dataset.id!;
    const t0 = performance.now();
    row.click();
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the conversation did not open within 30 s')), 30_000);
      const check = () => {
        const view = document.querySelector(`[data-testid="inbox-conversation"][data-id="${id}"]`);
        if (!view?.querySelector('[data-testid="thread-message"]')) return;
        clearTimeout(timer);
        obs.disconnect();
        resolve(performance.now() - t0);
      };
      const obs = new MutationObserver(check);
      obs.observe(document.body, { subtree: true, childList: true });
      check();
    });
  }, i);
}

async function rowsWhileScrolling(page: Page): Promise<{ max: number; min: number }> {
  return page.evaluate(async (steps) => {
    const list = document.querySelector('[data-testid="inbox-list"]') as HTMLElement;
    const counts: number[] = [];
    for (let s = 0; s <= steps; s++) {
      list.scrollTop = (s / steps) * (list.scrollHeight - list.clientHeight);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      counts.push(list.querySelectorAll('[role="option"]').length);
    }
    return { max: Math.max(...counts), min: Math.min(...counts) };
  }, SCROLL_STEPS);
}

function bareReads(userDataDir: string, agentId: string, ids: string[]): Promise<{ list: number[]; open: number[] }> {
  return withReplica(userDataDir, agentId, (db) => {
    const inbox = createReplicaInbox(db);
    const conversations = createReplicaConversations(db);
    const list: number[] = [];
    const open: number[] = [];
    for (let i = 0; i < SAMPLES + 3; i++) {
      const t0 = performance.now();
      inbox.list({ scope: 'mine_unassigned', page: 0, pageSize: 50, agentId, counts: true });
      const t1 = performance.now();
      conversations.thread({ id: ids[(i * 7919) % ids.length]! });
      const t2 = performance.now();
      if (i >= 3) {
        list.push(t1 - t0);
        open.push(t2 - t1);
      }
    }
    return { list, open };
  }, { readonly: true });
}

export async function inboxList(conversations = 100_000): Promise<Row[]> {
  const root = mkdtempSync(join(tmpdir(), 'pult-bench-inbox-'));
  const closers: Array<() => Promise<unknown>> = [async () => rmSync(root, { recursive: true, force: true })];
  const keep = <T>(v: T, stop: (x: T) => Promise<unknown>) => (closers.push(() => stop(v)), v);
  try {
    progress('building the renderer, seeding a small server, starting Chromium…');
    const rendererDir = join(root, 'renderer');
    await build({ configFile: join(REPO, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true } });
    const server: ServiceProcess = keep(
      await startService({ name: 'server', args: [join(REPO, 'server/src/main.ts'), '--port', '0', '--data-dir', join(root, 'server'), '--seed', '--seed-customers', '300'], timeoutMs: 300_000 }),
      (s) => s.stop(),
    );
    const userDataDir = join(root, 'user');
    const host = keep(
      await startService({ name: 'host', args: [join(REPO, 'electron/host/main.ts'), '--port', '0', '--server-url', server.url, '--user-data-dir', userDataDir, '--renderer-dir', rendererDir] }),
      (h) => h.stop(),
    );
    const browser = keep(await chromium.launch(chromiumLaunchOptions()), (b) => b.close());
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' })).newPage();
    await page.goto(host.url);
    await page.getByTestId('login-user').waitFor({ timeout: UI_WAIT_MS });
    if ((await page.locator('html').getAttribute('lang')) !== 'ru') await page.getByTestId('language-switch').click();
    await page.getByTestId('login-user').fill('operator');
    await page.getByTestId('login-password').fill('pult-demo');
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="sync-status"][data-state="online"]').waitFor({ timeout: UI_WAIT_MS });
    const read = <T>(query: (db: Db) => T) => withReplica(userDataDir, undefined, query, { readonly: true });
    const agentId = await read((db) => db.prepare("SELECT id FROM agent WHERE login = 'operator'").pluck().get() as string);
    progress(`putting ${conversations} conversations into the operator's replica…`);
    await fillReplica(userDataDir, agentId, conversations);
    // The Inbox opens on its default scope, the operator's own and the queue's (unassigned).
    const expected = await read((db) => db.prepare('SELECT count(*) FROM conversation WHERE assignee_id = ? OR assignee_id IS NULL').pluck().get(agentId) as number);

    progress(`first render × ${SAMPLES} (each after a reload)…`);
    const first: number[] = [];
    await firstRender(page, host.url, expected); // warm-up: the replica's pages into the OS cache
    for (let i = 0; i < SAMPLES; i++) first.push(await firstRender(page, host.url, expected));
    progress(`first render samples: ${first.map((x) => x.toFixed(0)).join(' ')}`);
    progress(`open a conversation × ${SAMPLES}…`);
    const open: number[] = [];
    await openOne(page, 999);
    for (let i = 0; i < SAMPLES; i++) open.push(await openOne(page, i));
    const rows = await rowsWhileScrolling(page);
    const ids = await read((db) => db.prepare('SELECT id FROM conversation WHERE assignee_id = ? LIMIT 5000').pluck().all(agentId) as string[]);
    const bare = await bareReads(userDataDir, agentId, ids);
    const n = expected.toLocaleString('en-US');
    return [
      {
        scenario: `Inbox first render with ${n} conversations in the replica (click → count and rows drawn, Chromium, after a reload)`,
        measured: spread(first),
        baseline: `${spread(bare.list)} (bare replica read: the list's first page, its count and every scope's count, Node)`,
        ratio: pct(first, 0.95) / pct(bare.list, 0.95),
        of: 'p95',
      },
      {
        scenario: `Inbox: open a conversation (click on a row → its thread drawn), ${n} in the replica`,
        measured: spread(open),
        baseline: `${spread(bare.open)} (bare replica read of the thread, Node)`,
        ratio: pct(open, 0.95) / pct(bare.open, 0.95),
        of: 'p95',
      },
      {
        scenario: `Inbox rows in the DOM while scrolling ${n} conversations top to bottom (${SCROLL_STEPS + 1} positions)`,
        measured: `max ${rows.max}, min ${rows.min} rows`,
        baseline: `${n} conversations in the list`,
        ratio: rows.max / expected,
        of: 'rows drawn / rows listed',
      },
    ];
  } finally {
    for (const c of closers.splice(0).reverse()) await c().catch((e: unknown) => progress(`cleanup: ${e instanceof Error ? e.message : String(e)}`));
  }
}

if (import.meta.main) {
  const rows = await inboxList(Number(process.argv[2] ?? 100_000));
  for (const r of rows) console.log(`${r.scenario}\n  measured: ${r.measured}\n  baseline: ${r.baseline}\n  ratio: ${r.ratio.toFixed(2)} (${r.of})`);
}
