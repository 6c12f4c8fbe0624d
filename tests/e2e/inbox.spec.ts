// The Inbox as an operator meets it (Alt+1): their conversations from the local copy across channels,
// filtered by channel, status and search; an e-mail opens with its letters and the customer's card
// beside it; a chat shows bubbles. Then hostile mail: the OWASP filter-evasion payloads, each of
// which sets `window.__xss` if it ever runs, arrive in letters (body, subject, sender, file names)
// and chat messages; they are rendered in Chromium, images allowed, links clicked, and nothing ran.
//
// The server has no e-mail or messenger channel on this branch yet, so the hostile conversations are
// written into the operator's replica the way the feed would deliver them (the same tables and JSON);
// the seeded ones come through the real sync.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import type { Conversation, Message } from '../../contract/domain/conversation.ts';
import { generateAgents } from '../../server/src/seed/gen-agents.ts';
import { DEFAULT_SEED } from '../../server/src/seed/first-run.ts';
import { XSS_PAYLOADS } from '../unit/inbox/xss-payloads.ts';
import { test, expect, type Stack } from './fixtures/stack.ts';
import { screenshotPath } from './fixtures/pages.ts';
import { openInboxAs } from './fixtures/inbox-page.ts';
import { withReplica } from './fixtures/replica-file.ts';
import type { Db } from '../../electron/services/db/open-replica-file.ts';

test.describe.configure({ mode: 'serial' });

const OPERATOR_ID = generateAgents(DEFAULT_SEED).find((a) => a.login === 'operator')!.id;

const readReplica = <T>(stack: Stack, read: (db: Db) => T): Promise<T> => withReplica(stack.userDataDir, OPERATOR_ID, read, { readonly: true });

async function openInbox(page: Page, hostUrl: string) {
  await openInboxAs(page, hostUrl, 'operator');
  // The Inbox opens on "mine and the queue"; these tests read the operator's own (inbox-queues.spec.ts has the rest).
  await page.getByTestId('inbox-scope-mine').click();
}

const countText = (n: number) => new RegExp(`^${n} обращени(е|я|й)$`);

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).selectOption({ label: option });
}

test('the operator\'s conversations across channels, filtered, searched and opened with the customer card', async ({ page, stack }) => {
  await openInbox(page, stack.hostUrl);
  const mine = await readReplica(stack, (db) => ({
    total: db.prepare('SELECT count(*) FROM conversation WHERE assignee_id = ?').pluck().get(OPERATOR_ID) as number,
    byChannel: Object.fromEntries(db.prepare('SELECT channel, count(*) AS n FROM conversation WHERE assignee_id = ? GROUP BY channel').raw().all(OPERATOR_ID) as Array<[string, number]>),
    open: db.prepare("SELECT count(*) FROM conversation WHERE assignee_id = ? AND status = 'open'").pluck().get(OPERATOR_ID) as number,
    mail: db.prepare(
      `SELECT v.id, c.full_name AS name, v.data ->> '$.subject' AS subject, (SELECT count(*) FROM message m WHERE m.conversation_id = v.id) AS messages
       FROM conversation v JOIN customer c ON c.id = v.customer_id WHERE v.assignee_id = ? AND v.channel = 'email' ORDER BY v.updated_at DESC LIMIT 1`,
    ).get(OPERATOR_ID) as { id: string; name: string; subject: string; messages: number } | undefined,
    searchable: db.prepare(
      `SELECT coalesce(c.full_name, '') || ' ' || (v.data ->> '$.externalAddress') || ' ' || coalesce((v.data ->> '$.subject'), '')
       FROM conversation v LEFT JOIN customer c ON c.id = v.customer_id WHERE v.assignee_id = ?`,
    ).pluck().all(OPERATOR_ID) as string[],
    chat: db.prepare("SELECT id FROM conversation WHERE assignee_id = ? AND channel IN ('whatsapp', 'telegram') ORDER BY updated_at DESC LIMIT 1").pluck().get(OPERATOR_ID) as string | undefined,
    fax: db.prepare("SELECT id, data ->> '$.externalAddress' AS address FROM conversation WHERE assignee_id = ? AND channel = 'fax' ORDER BY updated_at DESC LIMIT 1").get(OPERATOR_ID) as { id: string; address: string } | undefined,
  }));
  expect(mine.total).toBeGreaterThan(5);
  expect(mine.mail, 'the seed gives the demo operator an e-mail conversation').toBeDefined();

  // Mine: every one of them, counted, in rows bounded by the window.
  await expect(page.getByTestId('inbox-count')).toHaveText(countText(mine.total));
  const rows = page.getByTestId('inbox-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThanOrEqual(Math.min(mine.total, 30));
  await page.screenshot({ path: screenshotPath('inbox-ru') });

  // Channel, then status: the counts the replica holds.
  await pick(page, 'inbox-filter-channel', 'Эл. почта');
  await expect(page.getByTestId('inbox-count')).toHaveText(countText(mine.byChannel.email ?? 0));
  for (const channel of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-channel')))) expect(channel).toBe('email');
  // «Любой канал» clears the filter.
  await pick(page, 'inbox-filter-channel', 'Любой канал');
  await expect(page.getByTestId('inbox-count')).toHaveText(countText(mine.total));
  await pick(page, 'inbox-filter-status', 'В работе');
  await expect(page.getByTestId('inbox-count')).toHaveText(countText(mine.open));
  for (const status of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) expect(status).toBe('open');
  await pick(page, 'inbox-filter-status', 'Любой статус');
  await expect(page.getByTestId('inbox-count')).toHaveText(countText(mine.total));

  // Search by the customer's name finds the letter; ↓ and Enter on the list open it.
  const lastName = mine.mail!.name.split(' ')[0]!;
  const fold = (x: string) => x.toLowerCase().replace(/ё/g, 'е');
  await page.getByTestId('inbox-search').fill(lastName);
  await expect(page.getByTestId('inbox-count')).toHaveText(countText(mine.searchable.filter((x) => fold(x).includes(fold(lastName))).length));
  await expect(rows.filter({ has: page.locator(`[data-testid="inbox-row-name"]:text-is("${mine.mail!.name}")`) }).first()).toBeVisible();
  const list = page.getByTestId('inbox-list');
  await list.focus();
  const target = await rows.evaluateAll((els, id) => els.findIndex((e) => e.getAttribute('data-id') === id), mine.mail!.id);
  for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');

  const view = page.getByTestId('inbox-conversation');
  await expect(view).toHaveAttribute('data-id', mine.mail!.id);
  await expect(view.getByTestId('inbox-conversation-who')).toHaveText(mine.mail!.name);
  await expect(view.getByTestId('thread-message')).toHaveCount(mine.mail!.messages);
  await expect(view.locator('[data-look="email"]').first().getByTestId('mail-subject')).toContainText(mine.mail!.subject);
  await expect(page.getByTestId('customer-card').getByTestId('customer-card-name')).toHaveText(mine.mail!.name);
  await page.screenshot({ path: screenshotPath('inbox-email-ru') });

  if (mine.chat) {
    await page.getByTestId('inbox-search').fill('');
    await expect(page.getByTestId('inbox-count')).toHaveText(countText(mine.total));
    const chatRow = page.locator(`[data-testid="inbox-row"][data-id="${mine.chat}"]`);
    await page.getByTestId('inbox-list').evaluate((el, id) => {
      // Scroll until the virtual list has drawn the row.
      const step = () => !el.querySelector(`[data-id="${id}"]`) && el.scrollTop + el.clientHeight < el.scrollHeight;
      return new Promise<void>((resolve) => {
        const tick = () => (step() ? ((el.scrollTop += el.clientHeight), setTimeout(tick, 120)) : resolve());
        tick();
      });
    }, mine.chat);
    await chatRow.click();
    await expect(view).toHaveAttribute('data-channel', /whatsapp|telegram/);
    await expect(view.locator('[data-look="chat"]').first()).toBeVisible();
    await page.screenshot({ path: screenshotPath('inbox-chat-ru') });
  }

  if (mine.fax) {
    await page.getByTestId('inbox-search').fill(mine.fax.address.replace(/^\+7/, ''));
    await page.locator(`[data-testid="inbox-row"][data-id="${mine.fax.id}"]`).click();
    await expect(view).toHaveAttribute('data-channel', 'fax');
    await expect(view.locator('[data-look="fax"]').first()).toBeVisible();
    await page.screenshot({ path: screenshotPath('inbox-fax-ru') });
  }
});

function hostileConversations(): { conversations: Conversation[]; messages: Message[] } {
  const now = Date.now();
  const at = (i: number) => new Date(now - 60_000 + i * 100).toISOString();
  const mail: Conversation = {
    id: randomUUID(), channel: 'email', customerId: null, externalAddress: '"><img src=x onerror="window.__xss=true">@evil.example',
    subject: '<svg onload="window.__xss=true"> Счёт <script>window.__xss=true</script>', status: 'new', category: null,
    assigneeId: OPERATOR_ID, createdAt: at(0), updatedAt: new Date(now).toISOString(),
  };
  const chat: Conversation = {
    id: randomUUID(), channel: 'telegram', customerId: null, externalAddress: '@<img src=x onerror=window.__xss=true>',
    subject: null, status: 'new', category: null, assigneeId: null, createdAt: at(0), updatedAt: new Date(now - 1000).toISOString(),
  };
  const messages: Message[] = [];
  const perLetter = 8;
  for (let i = 0; i < XSS_PAYLOADS.length; i += perLetter) {
    const part = XSS_PAYLOADS.slice(i, i + perLetter);
    messages.push({
      id: randomUUID(), conversationId: mail.id, direction: 'in', authorAgentId: null, createdAt: at(i + 1),
      body: `<html><body><p>Письмо ${i / perLetter + 1}</p>${part.map((p) => `<div>${p}</div>`).join('')}<a href="https://evil.example/phish">ссылка</a></body></html>`,
      attachments: [{ id: randomUUID(), fileName: `<img src=x onerror="window.__xss=true">${i}.pdf`, mimeType: 'application/pdf', size: 1024, sha256: null, refused: 'too_large' }],
    });
  }
  for (const [i, p] of XSS_PAYLOADS.slice(0, 20).entries()) {
    messages.push({ id: randomUUID(), conversationId: chat.id, direction: 'in', authorAgentId: null, createdAt: at(i + 1), body: p });
  }
  return { conversations: [mail, chat], messages };
}

test('hostile mail and chat messages render in Chromium and run nothing', async ({ page, stack }) => {
  await openInbox(page, stack.hostUrl);
  const hostile = hostileConversations();
  await withReplica(stack.userDataDir, OPERATOR_ID, (db) => {
    const conv = db.prepare('INSERT INTO conversation (id, version, data, customer_id, assignee_id, status, channel, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?)');
    const msg = db.prepare('INSERT INTO message (id, version, data, conversation_id, created_at) VALUES (?, 1, ?, ?, ?)');
    db.transaction(() => {
      for (const c of hostile.conversations) conv.run(c.id, JSON.stringify(c), c.customerId, c.assigneeId, c.status, c.channel, c.updatedAt);
      for (const m of hostile.messages) msg.run(m.id, JSON.stringify(m), m.conversationId, m.createdAt);
    })();
  });
  const [mail, chat] = hostile.conversations as [Conversation, Conversation];
  // A fresh page: the list reads the replica as it is now.
  await page.reload();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await page.keyboard.press('Alt+1');
  const xss = () => page.evaluate(() => (window as unknown as { __xss?: boolean }).__xss ?? false);

  // The hostile letter is the newest of mine: the first row; its subject and sender are text.
  const first = page.getByTestId('inbox-row').first();
  await expect(first).toHaveAttribute('data-id', mail.id);
  await expect(first.getByTestId('inbox-row-line')).toHaveText(mail.subject!);
  await first.click();
  const view = page.getByTestId('inbox-conversation');
  await expect(view.getByTestId('thread-message')).toHaveCount(Math.ceil(XSS_PAYLOADS.length / 8));
  await expect(page.getByTestId('inbox-unknown-customer')).toContainText(mail.externalAddress);
  const letters = view.getByTestId('mail-html');
  await expect(letters.first()).toContainText('Письмо 1');
  // No active content made it into the page.
  const active = await letters.evaluateAll((els) =>
    els.flatMap((el) => [...el.querySelectorAll('*')].flatMap((n) => {
      const bad = /^(SCRIPT|IFRAME|OBJECT|EMBED|META|BASE|LINK|STYLE|FORM|SVG|MATH)$/i.test(n.tagName) ? [n.tagName] : [];
      return [...bad, ...[...n.attributes].filter((a) => /^on/i.test(a.name) || /^\s*(javascript|vbscript|data:text)/i.test(a.value)).map((a) => `${n.tagName}[${a.name}]`)];
    })));
  expect(active).toEqual([]);
  await page.screenshot({ path: screenshotPath('inbox-hostile-ru') });

  // Show images, open every quote, hover and click everything in the letters (links open nothing).
  for (const button of await view.getByTestId('mail-show-images').all()) await button.click();
  await letters.evaluateAll((els) => els.forEach((el) => el.querySelectorAll('details').forEach((d) => ((d as HTMLDetailsElement).open = true))));
  for (const link of await letters.locator('a').all()) await link.click({ force: true });
  await expect(view.getByTestId('mail-link-blocked').last()).toContainText('evil.example');
  expect(page.url()).toContain(new URL(stack.hostUrl).host);
  await letters.evaluateAll((els) => els.forEach((el) => el.querySelectorAll('*').forEach((n) => {
    for (const type of ['mouseover', 'click', 'focus', 'animationstart', 'toggle']) n.dispatchEvent(new Event(type, { bubbles: true }));
  })));
  await page.waitForTimeout(500);
  expect(await xss()).toBe(false);

  // The chat is nobody's yet: under "all", its messages shown as the text they are.
  await page.getByTestId('inbox-scope-all').click();
  await page.locator(`[data-testid="inbox-row"][data-id="${chat.id}"]`).click();
  await expect(view.getByTestId('thread-message')).toHaveCount(20);
  await expect(view.getByTestId('thread-message').first()).toContainText(XSS_PAYLOADS[0]!);
  await page.waitForTimeout(300);
  expect(await xss()).toBe(false);
  // The app's CSP (no inline script) is a second wall; the sanitiser must hold without it. The
  // letters as the app drew them (images allowed), in a page with no CSP at all, still run nothing,
  // while the raw payloads in such a page do set the detector.
  const drawn = await letters.evaluateAll((els) => els.map((el) => el.innerHTML).join('\n'));
  const bare = await page.context().newPage();
  try {
    const fire = () => bare.evaluate(async () => {
      document.querySelectorAll('details').forEach((d) => ((d as HTMLDetailsElement).open = true));
      document.querySelectorAll('body *').forEach((n) => {
        for (const type of ['mouseover', 'click', 'focus', 'animationstart', 'toggle', 'load', 'error']) n.dispatchEvent(new Event(type, { bubbles: true }));
      });
      await new Promise((r) => setTimeout(r, 500));
      return (window as unknown as { __xss?: boolean }).__xss ?? false;
    });
    await bare.setContent(`<!doctype html><body>${drawn}</body>`);
    expect(await fire()).toBe(false);
    await bare.setContent(`<!doctype html><body>${XSS_PAYLOADS.join('\n')}</body>`);
    expect(await fire()).toBe(true);
  } finally {
    await bare.close();
  }
});

test('a letter\'s remote image is asked for through the app, and one on the office network is never fetched', async ({ page, stack }) => {
  // A server on this machine that a hostile letter points at: by default it must get no request.
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const src = `http://127.0.0.1:${(server.address() as AddressInfo).port}/router/reset.png`;
    await openInbox(page, stack.hostUrl);
    const now = new Date().toISOString();
    const mail: Conversation = {
      id: randomUUID(), channel: 'email', customerId: null, externalAddress: 'promo@shop.example', subject: 'Скидки недели',
      status: 'new', category: null, assigneeId: OPERATOR_ID, createdAt: now, updatedAt: now,
    };
    const letter: Message = {
      id: randomUUID(), conversationId: mail.id, direction: 'in', authorAgentId: null, createdAt: now,
      body: `<html><body><p>Здравствуйте!</p><img src="${src}" alt="баннер"></body></html>`,
    };
    await withReplica(stack.userDataDir, OPERATOR_ID, (db) => {
      db.prepare('INSERT INTO conversation (id, version, data, customer_id, assignee_id, status, channel, updated_at) VALUES (?, 1, ?, NULL, ?, ?, ?, ?)')
        .run(mail.id, JSON.stringify(mail), OPERATOR_ID, mail.status, mail.channel, mail.updatedAt);
      db.prepare('INSERT INTO message (id, version, data, conversation_id, created_at) VALUES (?, 1, ?, ?, ?)').run(letter.id, JSON.stringify(letter), mail.id, now);
    });
    await page.reload();
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    await page.keyboard.press('Alt+1');
    await page.getByTestId('inbox-scope-mine').click();
    await page.locator(`[data-testid="inbox-row"][data-id="${mail.id}"]`).click();
    const view = page.getByTestId('inbox-conversation');
    await expect(view.getByTestId('mail-images-blocked')).toContainText('Скрыто 1 изображение');
    await view.getByTestId('mail-show-images').click();
    // Asked for through the main process, refused there in words; the page itself loads nothing.
    const image = view.getByTestId('mail-html').locator('img');
    await expect(image).toHaveAttribute('data-pult-remote-state', 'refused');
    await expect(image).toHaveAttribute('alt', 'изображение не загружено: адрес во внутренней сети');
    expect(await image.getAttribute('src')).toBeNull();
    await page.screenshot({ path: screenshotPath('inbox-remote-image-refused-ru') });
    expect(hits).toEqual([]);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});
