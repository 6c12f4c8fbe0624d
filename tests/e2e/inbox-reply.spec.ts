// Replying from the Inbox as the demo operator meets it: «/» opens the canned responses, a filter
// and Enter put one in with the customer's name and the operator's filled in; a picture is attached
// (checked, uploaded through the host, shown as a thumbnail); Ctrl+Enter sends — the reply shows at
// once and comes back from the server. A draft survives a reload. With the server stopped the reply
// waits in the outbox (shown queued, counted in the status bar, files cannot be attached) and goes
// out when the server is back. A WhatsApp chat whose customer last wrote over 24 hours ago offers
// only approved templates, and says so. At the end the server's own database is read: the replies
// are there, by the operator, with the file and the template.
import { deflateSync, crc32 } from 'node:zlib';
import type { Page } from '@playwright/test';
import type { Db } from '../../electron/services/db/open-replica-file.ts';
import { generateAgents } from '../../server/src/seed/gen-agents.ts';
import { DEFAULT_SEED } from '../../server/src/seed/first-run.ts';
import { openDatabase } from '../../server/src/db/open-database.ts';
import { addressName } from '../../renderer/src/features/inbox/canned-variables.ts';
import { test, expect, type Stack } from './fixtures/stack.ts';
import { screenshotPath } from './fixtures/pages.ts';
import { openInboxAs } from './fixtures/inbox-page.ts';
import { withReplica } from './fixtures/replica-file.ts';

test.describe.configure({ mode: 'serial' });

const OPERATOR = generateAgents(DEFAULT_SEED).find((a) => a.login === 'operator')!;

/** The operator's replica (encrypted; opened with the key the host keeps), read only. */
const readReplica = <T>(stack: Stack, read: (db: Db) => T): Promise<T> => withReplica(stack.userDataDir, OPERATOR.id, read, { readonly: true });

/** A real PNG (a 24×24 square), so the thumbnail is a picture the browser draws. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const size = 24;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, 0)]);
  for (let x = 0; x < size; x++) row.set([30, 120, 220], 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const openInbox = (page: Page, hostUrl: string) => openInboxAs(page, hostUrl, 'operator');

async function openConversation(page: Page, who: string, id: string) {
  await page.getByTestId('inbox-search').fill(who);
  await page.locator(`[data-testid="inbox-row"][data-id="${id}"]`).click();
  await expect(page.getByTestId('inbox-conversation')).toHaveAttribute('data-id', id);
}

interface Chat {
  id: string;
  name: string;
}

function pickConversations(stack: Stack) {
  const cutoff = new Date(Date.now() - 25 * 3_600_000).toISOString();
  return readReplica(stack, (db) => ({
    telegram: db
      .prepare(
        `SELECT v.id, c.full_name AS name FROM conversation v JOIN customer c ON c.id = v.customer_id
          WHERE v.assignee_id = ? AND v.channel = 'telegram' ORDER BY v.updated_at DESC LIMIT 1`,
      )
      .get(OPERATOR.id) as Chat | undefined,
    closedWhatsapp: db
      .prepare(
        `SELECT v.id, c.full_name AS name FROM conversation v JOIN customer c ON c.id = v.customer_id
          WHERE v.assignee_id = ? AND v.channel = 'whatsapp'
            AND coalesce((SELECT max(m.created_at) FROM message m WHERE m.conversation_id = v.id AND m.data ->> '$.direction' = 'in'), '') < ?
          ORDER BY v.updated_at DESC LIMIT 1`,
      )
      .get(OPERATOR.id, cutoff) as Chat | undefined,
    canned: db.prepare('SELECT count(*) FROM canned_response').pluck().get() as number,
  }));
}

const outMessage = (stack: Stack, conversationId: string, body: string) =>
  readReplica(stack, (db) => db.prepare("SELECT data FROM message WHERE conversation_id = ? AND data ->> '$.direction' = 'out' AND data ->> '$.body' = ?").pluck().get(conversationId, body) as string | undefined);

test('a canned response with the customer\'s name, a picture, Ctrl+Enter; a draft kept; offline queued; WhatsApp templates only after 24 hours', async ({ page, stack }) => {
  test.setTimeout(180_000);
  await openInbox(page, stack.hostUrl);
  const picked = await pickConversations(stack);
  expect(picked.canned, 'the canned responses came with the first sync').toBeGreaterThan(10);
  expect(picked.telegram, 'the seed gives the demo operator a Telegram chat with a customer').toBeDefined();
  const chat = picked.telegram!;

  // «/» in the empty field opens the picker; a filter and Enter put the greeting in, filled.
  await openConversation(page, chat.name, chat.id);
  const composer = page.getByTestId('reply-composer');
  const input = composer.getByTestId('composer-input');
  await input.click();
  await page.keyboard.press('/');
  await expect(page.getByTestId('canned-picker')).toBeVisible();
  await page.keyboard.type('приветств');
  await expect(page.getByTestId('canned-option').first()).toHaveAttribute('data-id', 'greeting');
  await page.keyboard.press('Enter');
  const greeting = `Здравствуйте, ${addressName(chat.name)}! Меня зовут ${OPERATOR.displayName}, я специалист информационной службы. Чем могу помочь?`;
  await expect(input).toHaveValue(greeting);
  await expect(composer.getByTestId('composer-missing')).toHaveCount(0);

  // A picture: checked, uploaded through the host, a thumbnail; a program is refused before upload.
  const fileInput = composer.locator('input[type="file"]');
  await fileInput.setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
  await expect(composer.getByTestId('composer-notice')).toContainText('можно только картинки');
  await fileInput.setInputFiles({ name: 'Схема подключения.png', mimeType: 'image/png', buffer: png() });
  const file = composer.getByTestId('composer-file');
  await expect(file).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await expect(file.getByTestId('composer-file-thumb')).toHaveAttribute('src', /^blob:/);
  expect(await file.getByTestId('composer-file-thumb').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(24);
  await composer.getByTestId('composer-send').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('inbox-reply-ru') });

  // Ctrl+Enter: shown at once, then the server's message in its place.
  await input.press('Control+Enter');
  await expect(input).toHaveValue('');
  await expect(composer.getByTestId('composer-file')).toHaveCount(0);
  const thread = page.getByTestId('conversation-thread');
  await expect(thread.getByTestId('thread-message').filter({ hasText: greeting })).toHaveCount(1);
  await expect.poll(() => outMessage(stack, chat.id, greeting), { timeout: 30_000 }).toBeDefined();
  expect(JSON.parse((await outMessage(stack, chat.id, greeting))!)).toMatchObject({ authorAgentId: OPERATOR.id, attachments: [{ fileName: 'Схема подключения.png', mimeType: 'image/png' }] });
  await expect(thread.getByTestId('thread-message').filter({ hasText: greeting }).getByTestId('message-attachment')).toContainText('Схема подключения.png');

  // A draft is kept on this PC and comes back when the conversation is opened again.
  await input.fill('Уточните, пожалуйста, горят ли индикаторы на роутере');
  await expect
    .poll(() => readReplica(stack, (db) => db.prepare('SELECT body FROM reply_draft WHERE conversation_id = ?').pluck().get(chat.id) as string | undefined), { timeout: 10_000 })
    .toBe('Уточните, пожалуйста, горят ли индикаторы на роутере');
  await page.reload();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await page.keyboard.press('Alt+1');
  await openConversation(page, chat.name, chat.id);
  await expect(input).toHaveValue('Уточните, пожалуйста, горят ли индикаторы на роутере');

  // Offline: the reply waits in the outbox, shown queued and counted; a file attached meanwhile is
  // kept on this PC (in the encrypted replica) and goes to the server just before the reply.
  await stack.stopServer();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
  await expect(composer.getByTestId('composer-offline')).toBeVisible();
  await fileInput.setInputFiles({ name: 'Скан договора.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n') });
  const waitingFile = composer.getByTestId('composer-file');
  await expect(waitingFile).toHaveAttribute('data-state', 'waiting', { timeout: 20_000 });
  await expect(waitingFile.getByTestId('composer-file-waiting')).toContainText('Уйдёт с ответом, когда появится связь');
  expect(await readReplica(stack, (db) => db.prepare('SELECT file_name FROM waiting_upload').pluck().all())).toEqual(['Скан договора.pdf']);
  await composer.getByTestId('composer-send').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('inbox-reply-offline-file-ru') });
  await input.press('Control+Enter');
  const offlineReply = 'Уточните, пожалуйста, горят ли индикаторы на роутере';
  const queued = thread.locator('[data-testid="thread-message"][data-delivery="queued"]').filter({ hasText: offlineReply });
  await expect(queued).toHaveCount(1);
  await expect(page.getByTestId('sync-status')).toContainText('1 изменение ждёт отправки', { timeout: 15_000 });
  await composer.getByTestId('composer-send').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('inbox-reply-offline-ru') });
  expect(await outMessage(stack, chat.id, offlineReply)).toBeUndefined();

  await stack.startServer();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 20_000 });
  await expect.poll(() => outMessage(stack, chat.id, offlineReply), { timeout: 30_000 }).toBeDefined();
  expect(JSON.parse((await outMessage(stack, chat.id, offlineReply))!)).toMatchObject({ attachments: [{ fileName: 'Скан договора.pdf', mimeType: 'application/pdf' }] });
  await expect(page.getByTestId('sync-status')).not.toContainText('ждёт отправки', { timeout: 15_000 });
  expect(await readReplica(stack, (db) => db.prepare('SELECT count(*) FROM waiting_upload').pluck().get())).toBe(0);
  await expect(thread.getByTestId('thread-message').filter({ hasText: offlineReply })).toHaveCount(1);

  // WhatsApp after 24 hours: said in words, only approved templates, filled from the card.
  let templateBody: string | null = null;
  if (picked.closedWhatsapp) {
    const wa = picked.closedWhatsapp;
    await openConversation(page, wa.name, wa.id);
    await expect(composer).toHaveAttribute('data-window', 'templates_only');
    await expect(composer.getByTestId('composer-window-closed')).toContainText('только одобренный шаблон');
    await expect(composer.getByTestId('composer-input')).toHaveCount(0);
    await composer.getByTestId('composer-choose-template').click();
    const options = page.getByTestId('canned-option');
    await expect(options.first()).toBeVisible();
    for (const id of await options.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))) expect(id).toMatch(/^wa-/);
    await page.keyboard.type('продолжить');
    await page.keyboard.press('Enter');
    await expect(composer.getByTestId('composer-template')).toHaveAttribute('data-template', 'pult_follow_up');
    await expect(composer.getByTestId('composer-template-parameter').first()).toHaveValue(addressName(wa.name));
    templateBody = (await composer.getByTestId('composer-template-preview').textContent())!;
    expect(templateBody).toContain(addressName(wa.name));
    await composer.getByTestId('composer-send').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('inbox-reply-whatsapp-template-ru') });
    await composer.getByTestId('composer-send').click();
    await expect.poll(() => outMessage(stack, wa.id, templateBody!), { timeout: 30_000 }).toBeDefined();
  }

  // The server's own database: the replies, by the operator, with the file and the template.
  await stack.stopServer();
  const server = await openDatabase({ dataDir: stack.dataDir });
  try {
    const rows = await server.db
      .selectFrom('messages')
      .select(['id', 'body', 'author_agent_id', 'direction', 'conversation_id', 'template'])
      .where('body', 'in', [greeting, offlineReply, ...(templateBody ? [templateBody] : [])])
      .execute();
    const byBody = new Map(rows.map((r) => [r.body, r]));
    expect(byBody.get(greeting)).toMatchObject({ author_agent_id: OPERATOR.id, direction: 'out', conversation_id: chat.id });
    expect(byBody.get(offlineReply)).toMatchObject({ author_agent_id: OPERATOR.id, direction: 'out', conversation_id: chat.id });
    const files = await server.db.selectFrom('attachments').select(['file_name', 'mime_type']).where('message_id', '=', byBody.get(greeting)!.id).execute();
    expect(files).toEqual([{ file_name: 'Схема подключения.png', mime_type: 'image/png' }]);
    if (templateBody) expect(byBody.get(templateBody)?.template).toMatchObject({ name: 'pult_follow_up', language: 'ru' });
  } finally {
    await server.close();
    await stack.startServer();
  }
});
