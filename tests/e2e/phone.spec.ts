// The Phone feature in the app, between two operators' PCs (two browser hosts, one server) through a
// real Kamailio that IT's preset points at: the SIP account set up in Settings (password into the
// keychain), registration in the status bar; a customer calls — the caller's extension is the
// customer's mobile number — and the callee's screen pop opens that customer's card while it rings;
// answer, both in call; hang-up opens the wrap-up form (agent in Wrap-up, countdown); saved with the
// server stopped, the call waits in the history as "ждёт отправки" and is synced once it is back;
// a PBX-like caller's IVR choice is the call's topic; an unknown number says so and, unanswered,
// is a missed call with a badge; Not ready → the next call gets 486, the caller reads "Занято"; a
// wrong SIP password is put into words in the status bar.
//
// The server is seeded with seed 1 and 2000 customers (fixtures/template.ts); the generator, run
// here, names the customers in the manager's portfolio (the callee's replica).
import type { Page } from '@playwright/test';
import { generateAgents } from '../../server/src/seed/gen-agents.ts';
import { generateCustomers } from '../../server/src/seed/gen-customers.ts';
import { DEFAULT_SEED } from '../../server/src/seed/first-run.ts';
import { chromiumLaunchOptions } from './fixtures/chromium.ts';
import { screenshotPath } from './fixtures/pages.ts';
import { chooseAgentState, closePages, FAKE_MEDIA, openApp, setUpPhone } from './fixtures/phone-app.ts';
import { expect, SIP_PASSWORD, test } from './fixtures/phone-stack.ts';
import { serveSipTestPage, type TestPage } from './sip/test-page.ts';

test.use({ launchOptions: chromiumLaunchOptions(FAKE_MEDIA), viewport: { width: 1440, height: 1000 } });
test.describe.configure({ mode: 'serial' });

const agents = generateAgents(DEFAULT_SEED);
const managerId = agents.find((a) => a.login === 'manager')!.id;
const customers = generateCustomers(
  { seed: DEFAULT_SEED, customers: 2000, now: new Date() },
  agents.filter((a) => a.role === 'personal_manager').map((a) => a.id),
);
const portfolio = customers.filter((c) => c.personalManagerId === managerId && c.phones.some((p) => p.startsWith('+79')));
const CALLER = portfolio[0]!;
const IVR_CALLER = portfolio[1]!;
const TRANSFERRED = portfolio[2]!;
const mobile = (c: typeof CALLER) => c.phones.find((p) => p.startsWith('+79'))!;
const CALLEE_EXT = '1002';

let site: TestPage;
let a: Page; // the operator, whose softphone's extension is CALLER's mobile number
let b: Page; // the personal manager, extension 1002

test.beforeAll(async () => {
  site = await serveSipTestPage();
});
test.afterAll(async () => {
  await closePages(a, b);
  await site?.close();
});

/** Settings → Phone (SIP): the preset servers are read-only; extension, name and password are typed. */
async function setUpPhoneChecked(page: Page, extension: string, name: string): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-sip').getByTestId('sip-websocket-uris')).toHaveAttribute('readonly');
  await setUpPhone(page, extension, name);
  await expect(page.getByTestId('sip-status')).toHaveText('Телефон готов');
  await expect(page.getByTestId('sip-password')).toHaveValue('');
  await expect(page.getByTestId('settings-sip')).toContainText('Пароль хранится в системном хранилище паролей');
}

async function pick(page: Page, testId: string, typed: string | null, option: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  if (typed) await input.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('a customer calls: the card pops while it rings; answer, hang up, wrap-up; the call waits offline and syncs', async ({ browser, phoneStack }) => {
  test.setTimeout(150_000);
  const [hostA, hostB] = await phoneStack.freshHosts();
  [a, b] = await Promise.all([openApp(browser, hostA, 'operator'), openApp(browser, hostB, 'manager')]);
  await expect(b.getByTestId('sip-status')).toHaveAttribute('data-status', 'not_set_up');
  await setUpPhoneChecked(a, mobile(CALLER), 'Абонент');
  await setUpPhoneChecked(b, CALLEE_EXT, 'Менеджер');
  await chooseAgentState(b, 'Готов', 'ready');
  await b.getByTestId('nav-customers').click(); // the ring brings the Phone section back by itself

  // A (the customer) dials the manager's extension.
  await a.getByTestId('nav-phone').click();
  await a.getByTestId('dial-input').fill(CALLEE_EXT);
  await a.getByTestId('dial-input').press('Enter');
  await expect(a.getByTestId('active-call')).toHaveAttribute('data-status', /dialing|ringing/);

  // B rings: the Phone section pops with the caller's card, before anyone answers.
  const incoming = b.getByTestId('incoming-call');
  await expect(incoming).toBeVisible();
  await expect(b.getByTestId('section-title')).toHaveText('Телефон');
  await expect(b.getByTestId('screen-pop')).toHaveAttribute('data-state', 'found');
  await expect(b.getByTestId('customer-card-name')).toHaveText(CALLER.fullName);
  await expect(b.getByTestId('customer-card-account')).toContainText(CALLER.accountNumber);
  await expect(b.getByTestId('customer-card-tariff')).not.toBeEmpty();
  await expect(incoming.getByTestId('call-party-name')).toHaveText(CALLER.fullName);
  await expect(b.getByTestId('screen-pop-open-requests')).toBeVisible();
  await b.screenshot({ path: screenshotPath('phone-ringing-ru') });

  await incoming.getByTestId('call-answer').click();
  await expect(b.getByTestId('active-call')).toHaveAttribute('data-status', 'confirmed');
  await expect(a.getByTestId('active-call')).toHaveAttribute('data-status', 'confirmed');
  await expect(b.getByTestId('call-timer')).toHaveText(/^0:0[1-9]$/, { timeout: 5_000 });
  await b.getByTestId('call-hold').click();
  await expect(b.getByTestId('call-status')).toHaveText('На удержании');
  await expect(a.getByTestId('call-status')).toHaveText('Собеседник удерживает');
  await b.getByTestId('call-hold').click();
  await expect(b.getByTestId('call-status')).toHaveText('Разговор');
  await b.getByTestId('call-mute').click();
  await expect(b.getByTestId('call-mute')).toHaveAttribute('aria-pressed', 'true');
  await b.getByTestId('call-keypad').click();
  await b.getByTestId('dtmf-pad').getByRole('button', { name: '1', exact: true }).click();
  await expect(b.getByTestId('dtmf-sent')).toHaveText('Отправлено: 1');
  await b.screenshot({ path: screenshotPath('phone-call-ru') });

  // The server goes away mid-call: the call goes on (SIP is the PBX's), the history will wait.
  await phoneStack.stopServer();
  await a.getByTestId('call-hangup').click();
  await expect(a.getByTestId('dial-panel')).toBeVisible();

  // B: after-call work, agent in Wrap-up with the countdown.
  const form = b.getByTestId('wrap-up-form');
  await expect(form).toBeVisible();
  await expect(b.getByTestId('agent-state')).toHaveAttribute('data-state', 'wrap_up');
  await expect(form.getByTestId('wrap-up-countdown')).toHaveText(/^Осталось [01]:\d\d$/);
  await form.getByTestId('wrap-up-save').click();
  await expect(form).toContainText('Выберите значение'); // code and result are required
  await pick(b, 'wrap-up-code', 'скорост', 'Низкая скорость');
  await expect(form.getByTestId('wrap-up-category')).toHaveValue('Техническая поддержка');
  await pick(b, 'wrap-up-result', null, 'Нужен обратный звонок');
  await form.getByTestId('wrap-up-note').fill('Скорость 20 Мбит/с вместо 100, перезагрузили роутер');
  await form.getByLabel('Перезвонить клиенту').check();
  const tomorrow = await b.evaluate(() => {
    const d = new Date(Date.now() + 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T15:00`;
  });
  await form.getByTestId('wrap-up-follow-up-at').fill(tomorrow);
  await form.getByTestId('wrap-up-follow-up-note').fill('Проверить скорость после замены кабеля');
  await b.screenshot({ path: screenshotPath('phone-wrap-up-ru') });
  await form.getByTestId('wrap-up-save').click();
  await expect(form).toBeHidden();
  await expect(b.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');

  // The call is in B's history at once, waiting to be sent; the callback task too.
  const row = b.getByTestId('call-history-row').first();
  await expect(row.getByTestId('call-history-who')).toHaveText(CALLER.fullName);
  await expect(row).toHaveAttribute('data-result', 'answered');
  await expect(row).toHaveAttribute('data-pending', 'true');
  await expect(row.getByTestId('call-history-pending')).toHaveText('ждёт отправки');
  await expect(row.getByTestId('call-history-wrap-up')).toContainText('Нужен обратный звонок');
  await b.screenshot({ path: screenshotPath('phone-history-ru') });
  await b.getByTestId('tab-tasks').click();
  await expect(b.getByTestId('task')).toHaveCount(1);
  await expect(b.getByTestId('task')).toContainText('Проверить скорость после замены кабеля');
  await b.getByTestId('tab-history').click();

  // The server is back: the outbox drains; the call comes back from the server with its wrap-up.
  await phoneStack.startServer();
  await expect(row).toHaveAttribute('data-pending', 'false', { timeout: 45_000 });
  await expect(row.getByTestId('call-history-wrap-up')).toContainText('Техническая поддержка · Нужен обратный звонок');
  // The promised callback, now synced, is done.
  await b.getByTestId('tab-tasks').click();
  await b.getByTestId('task').getByTestId('task-done').click();
  await expect(b.getByTestId('tasks-empty')).toBeVisible();
  await b.getByTestId('tab-history').click();
  // A's side of the same call: outgoing, answered, to extension 1002.
  const aRow = a.getByTestId('call-history-row').first();
  await expect(aRow.getByTestId('call-history-who')).toHaveText(CALLEE_EXT);
  await expect(aRow).toHaveAttribute('data-result', 'answered');
  await expect(aRow).toHaveAttribute('data-pending', 'false', { timeout: 45_000 });
});

test('a PBX-like caller sends the IVR choice: it is the call topic; B declines, the caller hears 486', async ({ browser, phoneStack }) => {
  const pbx = await (await browser.newContext()).newPage();
  await pbx.goto(site.url);
  const account = { websocketUris: [phoneStack.kamailio.wsUrl], domain: phoneStack.kamailio.domain, extension: mobile(IVR_CALLER) };
  await pbx.evaluate(([acc, pw]) => window.sip.start(acc, pw), [account, SIP_PASSWORD] as const);
  await expect.poll(() => pbx.evaluate(() => window.sip.registration().status)).toBe('registered');

  const id = await pbx.evaluate((ext) => window.sip.dial(ext, ['X-IVR-Choice: Нет интернета']), CALLEE_EXT);
  const incoming = b.getByTestId('incoming-call');
  await expect(incoming.getByTestId('call-topic')).toHaveText('Нет интернета');
  await expect(b.getByTestId('customer-card-name')).toHaveText(IVR_CALLER.fullName);
  await incoming.getByTestId('call-decline').click();
  await expect.poll(() => pbx.evaluate((i) => window.sip.snapshot(i)?.statusCode, id)).toBe(486);
  const row = b.getByTestId('call-history-row').first();
  await expect(row.getByTestId('call-history-who')).toHaveText(IVR_CALLER.fullName);
  await expect(row).toHaveAttribute('data-result', 'declined');
  await pbx.evaluate(() => window.sip.stop());
});

test('an unknown number says so while it rings; hung up unanswered, it is a missed call with a badge until the history is opened', async ({ browser, phoneStack }) => {
  const known = new Set(customers.flatMap((c) => c.phones));
  const stranger = ['+74951112233', '+74951112234', '+74951112235'].find((p) => !known.has(p))!;
  const pbx = await (await browser.newContext()).newPage();
  await pbx.goto(site.url);
  const account = { websocketUris: [phoneStack.kamailio.wsUrl], domain: phoneStack.kamailio.domain, extension: stranger };
  await pbx.evaluate(([acc, pw]) => window.sip.start(acc, pw), [account, SIP_PASSWORD] as const);
  await expect.poll(() => pbx.evaluate(() => window.sip.registration().status)).toBe('registered');

  const id = await pbx.evaluate((ext) => window.sip.dial(ext), CALLEE_EXT);
  await expect(b.getByTestId('incoming-call')).toBeVisible();
  const pop = b.getByTestId('screen-pop');
  await expect(pop).toHaveAttribute('data-state', 'unknown');
  await expect(pop).toContainText('Номер 8 (495) 111-22-3');
  await expect(pop).toContainText('не найден среди клиентов');
  await pbx.evaluate((i) => window.sip.act(i, 'hangup'), id);
  await expect(b.getByTestId('incoming-call')).toHaveCount(0);

  const row = b.getByTestId('call-history-row').first();
  await expect(row).toHaveAttribute('data-result', 'missed');
  await expect(row.getByTestId('call-history-who')).toHaveText(/^8 \(495\) 111-22-3\d$/);
  await expect(b.getByTestId('nav-phone-missed')).toHaveText('1');
  // Opening the history (the Phone section, or its Missed filter) is seeing them.
  await b.getByTestId('call-history-filter').getByText('Пропущенные').click();
  await expect(b.getByTestId('nav-phone-missed')).toHaveCount(0);
  await expect(b.getByTestId('call-history-row')).toHaveCount(1);
  await b.getByTestId('call-history-filter').getByText('Все').click();
  await pbx.evaluate(() => window.sip.stop());
});

test('Not ready (lunch): the next call is declined with 486 at once and the caller reads «Занято»', async () => {
  await chooseAgentState(b, 'Не готов · обед', 'not_ready');
  await a.getByTestId('dial-input').fill(CALLEE_EXT);
  await a.getByTestId('dial-call').click();
  const reason = a.getByTestId('last-call-reason');
  await expect(reason).toHaveText('Звонок не состоялся: Занято');
  await expect(reason).toHaveAttribute('data-code', '486');
  await expect(b.getByTestId('incoming-call')).toHaveCount(0);
  const row = b.getByTestId('call-history-row').first();
  await expect(row).toHaveAttribute('data-result', 'declined');
  await expect(row.getByTestId('call-history-who')).toHaveText(CALLER.fullName);
  // Redial from A's panel goes out again to the same extension (still declined).
  await expect(a.getByTestId('dial-redial')).toHaveText(`Повторить: ${CALLEE_EXT}`);
});

test('click-to-call from the customer card: the Phone section comes up with the call to that customer, the customer\'s phone rings; hotkeys answer and hang up', async () => {
  await chooseAgentState(a, 'Готов', 'ready');
  await b.getByTestId('nav-customers').click();
  const search = b.getByTestId('customers-search');
  await search.fill(CALLER.accountNumber);
  await expect(b.getByTestId('customer-hit')).toHaveCount(1);
  await b.getByTestId('customer-hit').click();
  const card = b.getByTestId('customer-card');
  await expect(card.getByTestId('customer-card-name')).toHaveText(CALLER.fullName);
  // The customer's mobile is A's extension here: A's phone rings.
  await card.locator(`[data-testid="click-to-call"][data-number="${mobile(CALLER)}"]`).click();
  await expect(b.getByTestId('section-title')).toHaveText('Телефон');
  await expect(b.getByTestId('active-call').getByTestId('call-party-name')).toHaveText(CALLER.fullName);
  await expect(a.getByTestId('incoming-call')).toBeVisible({ timeout: 15_000 });
  // The phone's hotkeys: A answers with Ctrl+Alt+A, B hangs up with Ctrl+Alt+H (the defaults).
  await a.keyboard.press('Control+Alt+KeyA');
  await expect(b.getByTestId('active-call')).toHaveAttribute('data-status', 'confirmed');
  await b.keyboard.press('Control+Alt+KeyH');
  await expect(a.getByTestId('active-call')).toHaveCount(0);
  await expect(b.getByTestId('active-call')).toHaveCount(0);
  const row = b.getByTestId('call-history-row').first();
  await expect(row.getByTestId('call-history-who')).toHaveText(CALLER.fullName);
});

test('a wrong SIP password is put into words in the status bar; the right one registers again', async () => {
  await b.getByTestId('nav-settings').click();
  const section = b.getByTestId('settings-sip');
  await section.getByTestId('sip-password').fill('not-the-password');
  await section.getByTestId('sip-save').click();
  const status = b.getByTestId('sip-status');
  await expect(status).toHaveAttribute('data-status', 'failed', { timeout: 20_000 });
  await expect(status).toHaveText('Телефон не зарегистрирован · Неверный логин или пароль SIP');
  await section.getByTestId('sip-password').fill(SIP_PASSWORD);
  await section.getByTestId('sip-save').click();
  await expect(status).toHaveAttribute('data-status', 'registered', { timeout: 20_000 });
});

test('transfers in the app: A consults B on the second line and hands the customer over; a blind transfer to someone busy stays with B', async ({ browser, phoneStack }) => {
  test.setTimeout(120_000);
  await chooseAgentState(a, 'Готов', 'ready');
  await chooseAgentState(b, 'Готов', 'ready');
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(site.url);
  const account = { websocketUris: [phoneStack.kamailio.wsUrl], domain: phoneStack.kamailio.domain, extension: mobile(TRANSFERRED) };
  await customer.evaluate(([acc, pw]) => window.sip.start(acc, pw), [account, SIP_PASSWORD] as const);
  await expect.poll(() => customer.evaluate(() => window.sip.registration().status)).toBe('registered');

  // The customer calls A (A's extension is CALLER's mobile in this file); A answers.
  const first = await customer.evaluate((ext) => window.sip.dial(ext), mobile(CALLER));
  await a.getByTestId('incoming-call').getByTestId('call-answer').click();
  await expect(a.getByTestId('active-call')).toHaveAttribute('data-status', 'confirmed');
  await expect(a.getByTestId('active-call').getByTestId('call-party-name')).toHaveText(TRANSFERRED.fullName);

  // «Перевести» → B's extension → «Сначала поговорить»: the customer waits on hold, B rings.
  await a.getByTestId('transfer-open').click();
  await a.getByTestId('transfer-target').fill(CALLEE_EXT);
  await a.getByTestId('transfer-consult').click();
  await expect.poll(() => customer.evaluate((i) => window.sip.snapshot(i)?.remoteHeld, first)).toBe(true);
  await b.getByTestId('incoming-call').getByTestId('call-answer').click();
  await expect(b.getByTestId('active-call')).toHaveAttribute('data-status', 'confirmed');
  const lines = a.getByTestId('call-lines');
  await expect(lines).toHaveAttribute('data-count', '2');
  await expect(lines.getByTestId('call-line-1')).toHaveAttribute('data-state', 'held');
  await expect(lines.getByTestId('call-line-1')).toContainText(TRANSFERRED.fullName);
  await expect(lines.getByTestId('call-line-2')).toHaveAttribute('data-state', 'talking');
  await expect(a.getByTestId('conference-start')).toBeVisible();
  await a.screenshot({ path: screenshotPath('phone-two-lines-ru') });

  // Swap to the customer and back: one line on hold at a time.
  await lines.getByTestId('call-line-1-swap').click();
  await expect(lines.getByTestId('call-line-2')).toHaveAttribute('data-state', 'held');
  await expect(lines.getByTestId('call-line-1')).toHaveAttribute('data-state', 'talking');
  await lines.getByTestId('call-line-2-swap').click();
  await expect(lines.getByTestId('call-line-1')).toHaveAttribute('data-state', 'held');
  await expect(lines.getByTestId('call-line-2')).toHaveAttribute('data-state', 'talking');
  // The swap's re-INVITEs done (the customer is held again at the SIP level) before the transfer:
  // on a loaded machine a REFER sent while one is still pending can be refused.
  await expect.poll(() => customer.evaluate((i) => window.sip.snapshot(i)?.remoteHeld, first)).toBe(true);

  // «Соединить и выйти»: B takes the customer over (the card is the customer's); A is out of both
  // calls and fills the wrap-up of the customer's call, not of the consultation.
  await a.getByTestId('transfer-complete').click();
  await expect(b.getByTestId('active-call').getByTestId('call-party-name')).toHaveText(TRANSFERRED.fullName, { timeout: 15_000 });
  await expect(b.getByTestId('active-call')).toHaveAttribute('data-status', 'confirmed');
  await expect(b.getByTestId('customer-card-name')).toHaveText(TRANSFERRED.fullName);
  await expect(a.getByTestId('active-call')).toHaveCount(0);
  await expect(a.getByTestId('wrap-up-form')).toBeVisible();
  await expect(b.getByTestId('wrap-up-form')).toHaveCount(0);
  await b.screenshot({ path: screenshotPath('phone-transferred-ru') });
  const live = await customer.evaluate(() => window.sip.liveCalls());
  expect(live).toHaveLength(1);
  expect(await customer.evaluate((i) => window.sip.snapshot(i), live[0]!)).toMatchObject({ status: 'confirmed', referred: true });

  // B tries a blind transfer back to A, who is in after-call work: A's phone answers 486, the call
  // stays with B and B reads why.
  await b.getByTestId('transfer-open').click();
  await b.getByTestId('transfer-target').fill(mobile(CALLER));
  await b.getByTestId('transfer-blind').click();
  const status = b.getByTestId('transfer-status');
  await expect(status).toHaveAttribute('data-state', 'failed', { timeout: 15_000 });
  await expect(status).toContainText('Занято');
  await expect(status).toContainText('Звонок остаётся у вас');
  await expect(b.getByTestId('active-call')).toHaveAttribute('data-status', 'confirmed');
  await b.screenshot({ path: screenshotPath('phone-transfer-failed-ru') });
  await b.getByTestId('call-hangup').click();
  await expect(b.getByTestId('wrap-up-form')).toBeVisible();
  await customer.evaluate(() => window.sip.stop());
  await customer.context().close();
});
