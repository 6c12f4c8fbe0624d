// A fax shown as its pages. The files are stored on the central server as the fax gateway would
// store them (uploaded through /api/channels/attachments), the fax conversation that names them is
// written into the operator's replica the way the feed delivers it; opened in the Inbox, the app's
// main process brings each file from the server (`inbox.attachmentBytes`) and the renderer draws
// it: a PDF through pdf.js (two pages of text and one CCITT G4 fax picture), a three-page fax TIFF (1 bit a pixel, 204×98 dpi) through UTIF,
// each page a picture with ink on it, numbered, enlarged on a click. A damaged PDF and a page of
// HTML sent as "a PDF" say so in words; with the server down, a file never fetched says there is no
// connection while one seen before still shows its pages (kept by the main process).
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { Conversation, Message, MessageAttachment } from '../../contract/domain/conversation.ts';
import { API, LoginResponse, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../contract/server-api.ts';
import { generateAgents } from '../../server/src/seed/gen-agents.ts';
import { DEFAULT_SEED } from '../../server/src/seed/first-run.ts';
import { makeFaxTiff, makePdf } from './fixtures/fax-files.ts';
import { openInboxAs } from './fixtures/inbox-page.ts';
import { screenshotPath } from './fixtures/pages.ts';
import { withReplica } from './fixtures/replica-file.ts';
import { expect, test, type Stack } from './fixtures/stack.ts';

const OPERATOR_ID = generateAgents(DEFAULT_SEED).find((a) => a.login === 'operator')!.id;

/** Stores a file on the server as a supervisor (not the operator, whose session the app holds). */
async function upload(stack: Stack, fileName: string, mimeType: string, bytes: Buffer): Promise<MessageAttachment> {
  const headers = { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  const login = await fetch(stack.serverUrl + API.login, { method: 'POST', headers, body: JSON.stringify({ login: 'supervisor', password: 'pult-demo' }) });
  const token = LoginResponse.parse(await login.json()).token;
  const res = await fetch(`${stack.serverUrl}/api/channels/attachments`, {
    method: 'POST',
    headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}`, 'content-type': mimeType, 'x-file-name': encodeURIComponent(fileName) },
    body: new Uint8Array(bytes),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as MessageAttachment;
}

/** Fax pages drawn in a blank page's canvas (Cyrillic text, a table, a stamp), as 1-bit rows. */
async function faxPagesDrawn(page: Page, count: number): Promise<Array<{ width: number; height: number; bits: Uint8Array }>> {
  const blank = await page.context().newPage();
  try {
    const drawn = await blank.evaluate((n) => {
      const W = 1728;
      const H = 2240; // drawn at ~196 dpi; every other row is kept (98 dpi, a "normal" fax)
      return Array.from({ length: n }, (_, i) => {
        const c = document.createElement('canvas');
        c.width = W;
        c.height = H;
        const g = c.getContext('2d')!;
        g.fillStyle = '#fff';
        g.fillRect(0, 0, W, H);
        g.fillStyle = '#000';
        g.strokeStyle = '#000';
        g.font = 'bold 72px sans-serif';
        g.fillText('ООО «Ромашка»', 120, 220);
        g.font = '48px sans-serif';
        g.fillText(`Заявление на подключение, лист ${i + 1} из ${n}`, 120, 340);
        g.lineWidth = 4;
        for (let r = 0; r < 14; r++) g.strokeRect(120, 460 + r * 100, W - 240, 100);
        g.font = '40px sans-serif';
        for (let r = 0; r < 14; r++) g.fillText(`${r + 1}. Адрес: ул. Ленина, д. ${10 + r + i * 14}, кв. ${r * 3 + 1}`, 150, 525 + r * 100);
        g.lineWidth = 10;
        g.beginPath();
        g.arc(W - 380, H - 260, 150, 0, Math.PI * 2);
        g.stroke();
        g.font = 'bold 44px sans-serif';
        g.fillText('ПОДПИСЬ', W - 490, H - 245);
        const grey = g.getImageData(0, 0, W, H).data;
        const rows = H / 2;
        const stride = W / 8;
        const bits = new Uint8Array(stride * rows);
        for (let y = 0; y < rows; y++) {
          for (let x = 0; x < W; x++) if (grey[(y * 2 * W + x) * 4]! < 128) bits[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
        }
        let raw = '';
        for (const b of bits) raw += String.fromCharCode(b);
        return { width: W, height: rows, bits: btoa(raw) };
      });
    }, count);
    return drawn.map((d) => ({ width: d.width, height: d.height, bits: new Uint8Array(Buffer.from(d.bits, 'base64')) }));
  } finally {
    await blank.close();
  }
}

/** How much of a picture is ink and how much paper (each a share of its pixels). */
const inkOf = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluateAll((imgs) =>
    (imgs as HTMLImageElement[]).map((img) => {
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const px = g.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      let light = 0;
      for (let i = 0; i < px.length; i += 4) {
        const v = (px[i]! + px[i + 1]! + px[i + 2]!) / 3;
        if (v < 100) dark++;
        else if (v > 200) light++;
      }
      const all = px.length / 4;
      return { width: img.naturalWidth, height: img.naturalHeight, dark: dark / all, light: light / all };
    }),
  );

function faxConversation(files: MessageAttachment[][]): { conversation: Conversation; messages: Message[] } {
  const now = Date.now();
  const conversation: Conversation = {
    id: randomUUID(), channel: 'fax', customerId: null, externalAddress: '+74957392210', subject: null, status: 'new', category: null,
    assigneeId: OPERATOR_ID, createdAt: new Date(now - 120_000).toISOString(), updatedAt: new Date(now).toISOString(),
  };
  const messages = files.map((attachments, i): Message => ({
    id: randomUUID(), conversationId: conversation.id, direction: 'in', authorAgentId: null, createdAt: new Date(now - 60_000 * (files.length - i)).toISOString(),
    body: i === files.length - 1 ? 'Факс с 8 495 739-22-10: заявление на подключение и копия договора.' : 'Факс с 8 495 739-22-10 (повтор).',
    attachments,
  }));
  return { conversation, messages };
}

async function writeToReplica(stack: Stack, fax: { conversation: Conversation; messages: Message[] }) {
  await withReplica(stack.userDataDir, OPERATOR_ID, (db) => {
    const c = fax.conversation;
    db.prepare('INSERT INTO conversation (id, version, data, customer_id, assignee_id, status, channel, updated_at) VALUES (?, 1, ?, NULL, ?, ?, ?, ?)')
      .run(c.id, JSON.stringify(c), OPERATOR_ID, c.status, c.channel, c.updatedAt);
    const msg = db.prepare('INSERT INTO message (id, version, data, conversation_id, created_at) VALUES (?, 1, ?, ?, ?)');
    for (const m of fax.messages) msg.run(m.id, JSON.stringify(m), m.conversationId, m.createdAt);
  });
}

async function openFax(page: Page, id: string) {
  await page.reload();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await page.keyboard.press('Alt+1');
  await page.getByTestId('inbox-scope-mine').click();
  await page.locator(`[data-testid="inbox-row"][data-id="${id}"]`).click();
  const view = page.getByTestId('inbox-conversation');
  await expect(view).toHaveAttribute('data-channel', 'fax');
  return view;
}

test('a fax\'s PDF and multi-page TIFF are drawn as numbered pages; damaged and false files say so', async ({ page, stack }) => {
  await openInboxAs(page, stack.hostUrl, 'operator');
  const pdf = await upload(stack, 'zayavlenie.pdf', 'application/pdf', makePdf([
    ['FAX: Romashka LLC', 'Application for connection', 'Address: 12 Lenina St., apt. 5', 'Tariff: Home 100', 'Signed: I. Petrov'],
    ['FAX: Romashka LLC (continued)', 'Copy of the contract No. 2026/118', 'Date: 26.11.2026'],
  ], true));
  const tiff = await upload(stack, 'dogovor.tif', 'image/tiff', makeFaxTiff(await faxPagesDrawn(page, 3)));
  const broken = await upload(stack, 'povrezhden.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage\n%%EOF'));
  const html = await upload(stack, 'schet.pdf', 'application/pdf', Buffer.from('<html><body><script>window.__xss = true</script></body></html>'));
  const fax = faxConversation([[broken, html], [pdf, tiff]]);
  await writeToReplica(stack, fax);
  const view = await openFax(page, fax.conversation.id);

  // The newest fax: the PDF's three pages (two of text, one a CCITT G4 fax picture, which pdf.js
  // decodes with its bundled plain-JavaScript decoder), then the TIFF's three, each with ink on paper.
  const newest = view.locator('[data-look="fax"]').last();
  const files = newest.getByTestId('fax-file');
  await expect(files).toHaveCount(2);
  await expect(files.nth(0)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(files.nth(1)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(files.nth(0).getByTestId('fax-page-image')).toHaveCount(3);
  await expect(files.nth(1).getByTestId('fax-page-image')).toHaveCount(3);
  await expect(files.nth(0).getByTestId('fax-page-number')).toHaveText(['Страница 1 из 3', 'Страница 2 из 3', 'Страница 3 из 3']);
  await expect(files.nth(1).getByTestId('fax-page-number')).toHaveText(['Страница 1 из 3', 'Страница 2 из 3', 'Страница 3 из 3']);
  await expect(files.nth(0)).toContainText('Файл 1: zayavlenie.pdf');
  const pictures = await inkOf(page, 'fax-page-image');
  expect(pictures).toHaveLength(6);
  for (const p of pictures) {
    expect(p.dark, JSON.stringify(p)).toBeGreaterThan(0.003);
    expect(p.light, JSON.stringify(p)).toBeGreaterThan(0.6);
  }
  // A PDF page keeps A4's proportions; a fax TIFF page's tall pixels are drawn at their true height.
  expect(pictures[0]!.height / pictures[0]!.width).toBeCloseTo(842 / 595, 1);
  // The G4 picture's black bar: a quarter of the page's width by a tenth of its height.
  expect(pictures[2]!.dark).toBeGreaterThan(0.03);
  expect(pictures[3]!.width).toBe(1728);
  expect(pictures[3]!.height / pictures[3]!.width).toBeCloseTo(1120 * (204 / 98) / 1728, 1);

  // The older fax: a damaged PDF and a page of HTML sent as a PDF, each said in words; nothing ran.
  const older = view.locator('[data-look="fax"]').first();
  await expect(older.getByTestId('fax-file-error')).toHaveText([
    'файл повреждён: страницы не удалось показать',
    'страницы факса не показаны: файл не PDF, не TIFF и не картинка',
  ], { timeout: 30_000 });
  await expect(older.getByTestId('fax-page-image')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: boolean }).__xss ?? false)).toBe(false);

  // The thread from its top: the older fax's refusals, then the newest fax's pages.
  await older.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: screenshotPath('inbox-fax-pages-ru') });

  // A click shows the page large.
  await files.nth(1).getByTestId('fax-page').nth(1).click();
  const large = page.getByTestId('fax-page-large');
  await expect(large).toBeVisible();
  await expect(page.getByRole('dialog')).toContainText('Страница 2 из 3');
  expect((await large.boundingBox())!.height).toBeGreaterThan(500);
  await page.screenshot({ path: screenshotPath('inbox-fax-page-large-ru') });
  await page.keyboard.press('Escape');
  await expect(large).toHaveCount(0);

  // Server down: a fax seen before still shows its pages (the main process kept them); one never
  // fetched says there is no connection.
  const unseen = await upload(stack, 'novyi.pdf', 'application/pdf', makePdf([['New fax']]));
  const later = faxConversation([[unseen]]);
  await writeToReplica(stack, later);
  await stack.stopServer();
  try {
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
    await page.reload();
    await page.keyboard.press('Alt+1');
    await page.getByTestId('inbox-scope-mine').click();
    await page.locator(`[data-testid="inbox-row"][data-id="${later.conversation.id}"]`).click();
    await expect(view.getByTestId('fax-file-error')).toHaveText('страницы факса не загружены: нет связи с сервером', { timeout: 30_000 });
    await page.locator(`[data-testid="inbox-row"][data-id="${fax.conversation.id}"]`).click();
    await expect(view.locator('[data-look="fax"]').last().getByTestId('fax-page-image')).toHaveCount(6, { timeout: 30_000 });
  } finally {
    await stack.startServer();
  }
});
