// A long call history: an operator whose other PC logged 45 calls (pushed to the server as that
// app's outbox would) opens Phone here; the history comes through the sync, draws its first 30 rows
// and offers «Показать ещё (осталось N)» for the rest (the 45 pushed and the seeded calls in the
// replica); a click draws 30 more; the Missed filter starts over and lists only missed incoming
// calls. The softphone is not set up: the history does not need it.
//
// The agent is one of the seeded operators nobody else signs in as in the e2e specs, so no other
// spec sees these calls.
import { randomUUID } from 'node:crypto';
import { API, LoginResponse, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../contract/server-api.ts';
import { PushResponse, SYNC_API } from '../../contract/sync.ts';
import { chooseLanguage, screenshotPath, signIn, signOutIfSignedIn } from './fixtures/pages.ts';
import { expect, test, type Stack } from './fixtures/stack.ts';

const LOGIN = 'korolev.a';
const PUSHED = 45;

async function pushCallsFromAnotherPc(stack: Stack, count: number): Promise<void> {
  const headers = { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  const login = await fetch(stack.serverUrl + API.login, { method: 'POST', headers, body: JSON.stringify({ login: LOGIN, password: 'pult-demo' }) });
  const auth = { ...headers, authorization: `Bearer ${LoginResponse.parse(await login.json()).token}` };
  const start = Date.now() - 3 * 60 * 60 * 1000;
  const mutations = Array.from({ length: count }, (_, i) => {
    const startedAt = new Date(start + i * 60_000);
    const answered = i % 3 !== 0;
    return {
      seq: i + 1,
      name: 'call.log',
      args: {
        callId: randomUUID(),
        direction: i % 2 ? 'out' : 'in',
        number: `+7916555${String(1000 + i).padStart(4, '0')}`,
        customerId: null,
        startedAt: startedAt.toISOString(),
        answeredAt: answered ? new Date(startedAt.getTime() + 5_000).toISOString() : null,
        endedAt: new Date(startedAt.getTime() + 40_000).toISOString(),
        result: answered ? 'answered' : 'missed',
        ivrChoice: null,
      },
    };
  });
  const r = await fetch(stack.serverUrl + SYNC_API.push, { method: 'POST', headers: auth, body: JSON.stringify({ protocol: PROTOCOL_VERSION, clientId: randomUUID(), mutations }) });
  const results = PushResponse.parse(await r.json()).results;
  expect(results.filter((x) => x.status === 'applied')).toHaveLength(count);
}

test('a long history shows 30 calls, then 30 more per «Показать ещё»; the Missed filter starts over', async ({ page, stack }) => {
  await pushCallsFromAnotherPc(stack, PUSHED);

  await page.goto(stack.hostUrl);
  await signOutIfSignedIn(page);
  await chooseLanguage(page, 'ru');
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, LOGIN);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await page.getByTestId('nav-phone').click();

  const rows = page.getByTestId('call-history-row');
  const more = page.getByTestId('call-history-more');
  await expect(rows).toHaveCount(30);
  await expect(more).toHaveText(/^Показать ещё \(осталось \d+\)$/);
  const rest = Number((await more.textContent())!.match(/\d+/)![0]);
  expect(30 + rest).toBeGreaterThanOrEqual(PUSHED);
  // Newest first: the last pushed call heads the list.
  await expect(rows.first().getByTestId('call-history-who')).toContainText('555-10-44');
  await more.click();
  await expect(rows).toHaveCount(30 + Math.min(rest, 30));
  await expect(more).toHaveCount(rest > 30 ? 1 : 0);
  await rows.nth(30).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('phone-history-more-ru') });

  await page.getByTestId('call-history-filter').getByText('Пропущенные').click();
  const missedPushed = Array.from({ length: PUSHED }, (_, i) => i).filter((i) => i % 2 === 0 && i % 3 === 0).length;
  await expect(rows.first().getByTestId('call-history-who')).toContainText('555-10-42'); // the newest missed incoming
  const shown = await rows.count();
  expect(shown).toBeGreaterThanOrEqual(Math.min(30, missedPushed));
  expect(shown).toBeLessThanOrEqual(30);
  await expect(rows.getByTestId('call-history-result').filter({ hasNotText: 'Пропущен' })).toHaveCount(0);
});
