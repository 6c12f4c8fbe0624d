// The call-quality indicator (issue #4, "In call") between two operators' PCs (two browser hosts,
// one server) through a real Kamailio: A calls B, both answer, real RTP flows between the two
// Chromium pages (fake microphone). Once getStats() has something to rate, both call panels show
// the indicator: a MOS in 3.5..4.5 and "good" on a clean loopback path, the figures behind it in
// the tooltip in Russian; on hold it goes away (no audio to rate) and comes back on resume.
//
// The bad-line case (the warning) is covered by the unit tests (tests/unit/sip/stats-sampler.test.ts):
// Debian's Chromium ignores WebRTC's fake-network field trials (WebRTC-FakeNetwork*: tried, no loss
// or delay appears), and degrading the path otherwise needs root tricks on a shared interface.
import type { Locator, Page } from '@playwright/test';
import { chromiumLaunchOptions } from './fixtures/chromium.ts';
import { screenshotPath } from './fixtures/pages.ts';
import { closePages, FAKE_MEDIA, openApp, setUpPhone } from './fixtures/phone-app.ts';
import { expect, test } from './fixtures/phone-stack.ts';

test.use({ launchOptions: chromiumLaunchOptions(FAKE_MEDIA), viewport: { width: 1440, height: 1000 } });

const CALLER_EXT = '3101';
const CALLEE_EXT = '3102';
let a: Page | undefined;
let b: Page | undefined;
test.afterAll(() => closePages(a, b));

/** The indicator has rated the call: a MOS within the clean-line range and level "good". */
async function expectGoodQuality(page: Page): Promise<Locator> {
  const quality = page.getByTestId('active-call').getByTestId('call-quality');
  await expect(quality).toBeVisible({ timeout: 30_000 });
  await expect(quality).toHaveAttribute('data-level', 'good', { timeout: 30_000 });
  await expect(quality).toHaveAttribute('data-warning', 'false');
  const mos = Number(await quality.getAttribute('data-mos'));
  expect(mos).toBeGreaterThanOrEqual(3.5);
  expect(mos).toBeLessThanOrEqual(4.5);
  await expect(quality.getByTestId('call-quality-bars')).toHaveAttribute('data-lit', '4');
  await expect(quality.getByTestId('call-quality-mos')).toHaveText(/^\d,\d из 5$/);
  await expect(quality.getByTestId('call-quality-warning')).toHaveCount(0);
  return quality;
}

test('a call between two operators shows its quality on both sides: MOS, level, figures in words', async ({ browser, phoneStack }) => {
  test.setTimeout(180_000);
  const [hostA, hostB] = await phoneStack.freshHosts();
  [a, b] = await Promise.all([openApp(browser, hostA, 'operator'), openApp(browser, hostB, 'manager')]);
  await setUpPhone(a, CALLER_EXT, 'Оператор');
  await setUpPhone(b, CALLEE_EXT, 'Менеджер');
  await b.getByTestId('nav-phone').click();
  await b.getByTestId('agent-state').click();
  await b.getByRole('option', { name: 'Готов', exact: true }).click();
  await expect(b.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');

  await a.getByTestId('nav-phone').click();
  await a.getByTestId('dial-input').fill(CALLEE_EXT);
  await a.getByTestId('dial-input').press('Enter');
  await b.getByTestId('incoming-call').getByTestId('call-answer').click();
  await expect(a.getByTestId('active-call')).toHaveAttribute('data-status', 'confirmed');
  await expect(b.getByTestId('active-call')).toHaveAttribute('data-status', 'confirmed');

  await expectGoodQuality(a);
  const quality = await expectGoodQuality(b);

  // The figures behind the number, on hover and on keyboard focus (Shift+Tab back from Hold).
  const details = b.getByTestId('call-quality-details');
  await quality.getByTestId('call-quality-mos').hover();
  await expect(details).toBeVisible();
  await b.mouse.move(0, 0);
  await expect(details).toBeHidden();
  await b.getByTestId('call-hold').focus();
  await b.keyboard.press('Shift+Tab');
  await expect(details).toBeVisible();
  await expect(details).toContainText('Качество связи: хорошее');
  await expect(details).toContainText(/Оценка MOS: \d,\d из 5/);
  await expect(details).toContainText(/Задержка туда и обратно: \d+\sмс/);
  await expect(details).toContainText(/Джиттер: \d+\sмс/);
  await expect(details).toContainText(/Потери входящего звука: \d+,\d\s%/);
  await expect(details).toContainText(/Потери исходящего звука: (\d+,\d\s%|нет данных)/);
  await expect(details).toContainText('Кодек: Opus');
  await b.screenshot({ path: screenshotPath('phone-call-quality-ru') });

  // On hold there is no audio to rate: the indicator goes on both sides, and comes back after.
  await b.getByTestId('call-hold').click();
  await expect(b.getByTestId('call-status')).toHaveText('На удержании');
  await expect(b.getByTestId('call-quality')).toHaveCount(0);
  await expect(a.getByTestId('call-quality')).toHaveCount(0);
  await b.getByTestId('call-hold').click();
  await expect(b.getByTestId('call-status')).toHaveText('Разговор');
  await expectGoodQuality(b);
  await expectGoodQuality(a);

  await a.getByTestId('call-hangup').click();
  await expect(b.getByTestId('wrap-up-form')).toBeVisible();
  await expect(b.getByTestId('call-quality')).toHaveCount(0);
});
