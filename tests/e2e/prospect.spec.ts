// A prospect calls to get connected: between two operators' PCs (two browser hosts, one server)
// through a real Kamailio. A — a number no customer has — calls the operator's extension; the
// screen pop says the number is unknown and offers the connection request; the operator answers,
// fills it in (an apartment building: the flat's number is asked for; a private house hides it; the
// tariffs follow the type), saves and reads the request's number to the caller; the server has it
// (asked as a supervisor). Then the server is stopped: a request for a private house is saved all
// the same, waits in the outbox, and reaches the server once it is back. After the call, the call's
// row in the history opens the same form.
//
// The server is seeded with seed 1 and 2000 customers (fixtures/template.ts); the generator, run
// here, tells which numbers nobody has.
import type { Page } from '@playwright/test';
import {
  API, CONNECTION_REQUESTS_PATH, ConnectionRequestListResponse, LoginResponse, PROTOCOL_HEADER, PROTOCOL_VERSION, shortRequestId,
  type ConnectionRequestListResponse as ListResponse,
} from '../../contract/index.ts';
import { generateAgents } from '../../server/src/seed/gen-agents.ts';
import { generateCustomers } from '../../server/src/seed/gen-customers.ts';
import { DEFAULT_SEED } from '../../server/src/seed/first-run.ts';
import { chromiumLaunchOptions } from './fixtures/chromium.ts';
import { screenshotPath } from './fixtures/pages.ts';
import { chooseAgentState, closePages, FAKE_MEDIA, openApp, setUpPhone } from './fixtures/phone-app.ts';
import { expect, test, type PhoneStack } from './fixtures/phone-stack.ts';

test.use({ launchOptions: chromiumLaunchOptions(FAKE_MEDIA), viewport: { width: 1440, height: 1000 } });
test.describe.configure({ mode: 'serial' });

const agents = generateAgents(DEFAULT_SEED);
const customers = generateCustomers(
  { seed: DEFAULT_SEED, customers: 2000, now: new Date() },
  agents.filter((a) => a.role === 'personal_manager').map((a) => a.id),
);
const known = new Set(customers.flatMap((c) => c.phones));
const PROSPECT = ['+74957771122', '+74957771123', '+74957771124'].find((p) => !known.has(p))!;
const OPERATOR_EXT = '3302';

let a: Page; // the prospect's phone (signed in as the manager; its extension is a number nobody has)
let b: Page; // the operator, extension 3302
test.afterAll(() => closePages(a, b));

/** A dials the operator; B's screen pop says the number is nobody's; B answers. */
async function prospectCallsAndIsAnswered(): Promise<void> {
  await a.getByTestId('nav-phone').click();
  await a.getByTestId('dial-input').fill(OPERATOR_EXT);
  await a.getByTestId('dial-input').press('Enter');
  const incoming = b.getByTestId('incoming-call');
  await expect(incoming).toBeVisible();
  await expect(b.getByTestId('screen-pop')).toHaveAttribute('data-state', 'unknown');
  await expect(b.getByTestId('prospect-open')).toHaveText('Оформить заявку на подключение');
  await incoming.getByTestId('call-answer').click();
  await expect(b.getByTestId('active-call')).toHaveAttribute('data-status', 'confirmed');
}

/** A hangs up; B skips the wrap-up and is Ready again. */
async function hangUpAndSkipWrapUp(): Promise<void> {
  await a.getByTestId('call-hangup').click();
  await expect(b.getByTestId('wrap-up-form')).toBeVisible();
  await b.getByTestId('wrap-up-skip').click();
  await expect(b.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');
}

async function pickOption(page: Page, testId: string, option: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).click();
}

/** The requests as a supervisor reads them from the server's API. */
async function serverRequests(stack: PhoneStack): Promise<ListResponse['items']> {
  const headers = { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  const login = await fetch(`${stack.serverUrl}${API.login}`, { method: 'POST', headers, body: JSON.stringify({ login: 'supervisor', password: 'pult-demo' }) });
  expect(login.status).toBe(200);
  const { token } = LoginResponse.parse(await login.json());
  const res = await fetch(`${stack.serverUrl}${CONNECTION_REQUESTS_PATH}`, { headers: { ...headers, authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ConnectionRequestListResponse.parse(await res.json()).items;
}

test('an unknown number rings: the operator answers and takes a connection request for a flat; the server has it', async ({ browser, phoneStack }) => {
  test.setTimeout(300_000);
  const [hostA, hostB] = await phoneStack.freshHosts();
  [a, b] = await Promise.all([openApp(browser, hostA, 'manager'), openApp(browser, hostB, 'operator')]);
  await setUpPhone(a, PROSPECT, 'Новый клиент');
  await setUpPhone(b, OPERATOR_EXT, 'Оператор');
  await chooseAgentState(b, 'Готов', 'ready');

  await prospectCallsAndIsAnswered();
  await b.getByTestId('prospect-open').click();
  const form = b.getByTestId('prospect-form');
  await expect(form).toContainText('Звонок с номера 8 (495) 777-11-2');
  await expect(form.getByTestId('prospect-phone')).toHaveValue(/^8 \(495\) 777-11-2\d$/);
  await expect(form.getByTestId('prospect-city')).toHaveValue('Москва');

  // Saved empty: each required field says so, the flat's number too.
  await form.getByTestId('prospect-save').click();
  await expect(form.getByText('Заполните это поле')).toHaveCount(4); // name, street, house, flat
  await form.getByTestId('prospect-contactName').fill('Ольга Сергеевна Миронова');
  await pickOption(b, 'prospect-city', 'Балашиха');
  await expect(form.getByTestId('prospect-region')).toHaveValue('Московская область');
  await form.getByTestId('prospect-street').fill('улица Свердлова');
  await form.getByTestId('prospect-house').fill('21');
  await form.getByTestId('prospect-apartment').fill('118');

  // A private house: no flat's number, only house tariffs; back to the flat, the number is still there.
  await form.getByTestId('prospect-type').getByText('Частный дом', { exact: true }).click();
  await expect(form.getByTestId('prospect-apartment')).toHaveCount(0);
  await form.getByTestId('prospect-tariff').click();
  await expect(b.getByRole('option', { name: /^Частный дом 100 — 100 Мбит\/с/ })).toBeVisible();
  await expect(b.getByRole('option', { name: /^Домашний/ })).toHaveCount(0);
  await b.keyboard.press('Escape');
  await form.getByTestId('prospect-type').getByText('Квартира в многоквартирном доме', { exact: true }).click();
  await expect(form.getByTestId('prospect-apartment')).toHaveValue('118');
  await pickOption(b, 'prospect-tariff', /^Домашний 300 — 300 Мбит\/с/);
  await form.getByTestId('prospect-preferredTime').fill('в будни после 18:00');
  await form.getByTestId('prospect-comment').fill('Нужен роутер в аренду; домофон не работает, позвонить за 30 минут');
  await expect(form.getByText('Заполните это поле')).toHaveCount(0);
  await b.screenshot({ path: screenshotPath('prospect-form-ru') });

  await form.getByTestId('prospect-save').click();
  const saved = b.getByTestId('prospect-saved');
  await expect(saved).toBeVisible();
  const id = (await saved.getAttribute('data-request-id'))!;
  await expect(saved).toContainText(`Заявка № ${shortRequestId(id)} сохранена`);
  await expect(saved).toHaveAttribute('data-pending', 'false', { timeout: 30_000 });
  await expect(saved.getByTestId('prospect-saved-state')).toHaveText('передана на сервер');
  await b.screenshot({ path: screenshotPath('prospect-saved-ru') });

  const onServer = (await serverRequests(phoneStack)).find((i) => i.request.id === id);
  expect(onServer).toMatchObject({
    createdByName: expect.any(String),
    request: {
      phone: PROSPECT, contactName: 'Ольга Сергеевна Миронова', connectionType: 'apartment_ethernet', tariffId: 'home-300', status: 'new',
      address: { region: 'Московская область', city: 'Балашиха', street: 'улица Свердлова', house: '21', apartment: '118' },
      preferredTime: 'в будни после 18:00',
    },
  });
  expect(onServer!.request.callId).toEqual(expect.any(String));
  await hangUpAndSkipWrapUp();
});

test('with the server stopped, a request for a private house is saved all the same and reaches the server once it is back', async ({ phoneStack }) => {
  test.setTimeout(300_000);
  await phoneStack.stopServer();
  await prospectCallsAndIsAnswered();
  await b.getByTestId('prospect-open').click();
  const form = b.getByTestId('prospect-form');
  await form.getByTestId('prospect-type').getByText('Частный дом', { exact: true }).click();
  await form.getByTestId('prospect-contactName').fill('Пётр Ильич');
  await pickOption(b, 'prospect-region', 'Калужская область');
  await form.getByTestId('prospect-city').fill('деревня Шопино');
  await form.getByTestId('prospect-street').fill('Садовая улица');
  await form.getByTestId('prospect-house').fill('4а');
  await pickOption(b, 'prospect-tariff', /^Частный дом 300/);
  await form.getByTestId('prospect-save').click();

  const saved = b.getByTestId('prospect-saved');
  await expect(saved).toHaveAttribute('data-pending', 'true');
  await expect(saved.getByTestId('prospect-saved-state')).toHaveText('ждёт отправки');
  const id = (await saved.getAttribute('data-request-id'))!;
  await b.screenshot({ path: screenshotPath('prospect-offline-ru') });

  // The server is back during the call: the outbox drains.
  await phoneStack.startServer();
  await expect(saved).toHaveAttribute('data-pending', 'false', { timeout: 45_000 });
  const onServer = (await serverRequests(phoneStack)).find((i) => i.request.id === id);
  expect(onServer?.request).toMatchObject({
    connectionType: 'private_house', tariffId: 'house-300', contactName: 'Пётр Ильич',
    address: { region: 'Калужская область', city: 'деревня Шопино', street: 'Садовая улица', house: '4а', apartment: null },
  });
  await hangUpAndSkipWrapUp();

  // After the call: its row in the history opens the form again, with the caller's number.
  const row = b.getByTestId('call-history-row').first();
  await row.getByTestId('call-history-prospect').click();
  const again = b.getByRole('dialog').getByTestId('prospect-form');
  await expect(again.getByTestId('prospect-phone')).toHaveValue(/^8 \(495\) 777-11-2\d$/);
  await again.getByTestId('prospect-close').click();
  await expect(again).toHaveCount(0);
});
