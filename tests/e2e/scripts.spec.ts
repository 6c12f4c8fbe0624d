// A troubleshooting script walked as during a call: the operator answers by clicks and by number
// keys, steps back once, reaches an outcome, and the path taken is shown.
import { test, expect } from './fixtures/stack.ts';
import { chooseLanguage, screenshotPath, signIn, signOutIfSignedIn } from './fixtures/pages.ts';

test('walk "no connection" to a resolved outcome, with one step back', async ({ page, stack }) => {
  await page.goto(stack.hostUrl);
  await signOutIfSignedIn(page);
  await chooseLanguage(page, 'ru');
  await page.setViewportSize({ width: 1366, height: 860 });
  await signIn(page);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await page.keyboard.press('Alt+3');
  await page.getByTestId('kb-mode').getByText('Скрипты диагностики').click();
  await expect(page.getByTestId('script-item')).toHaveCount(5);
  await page.getByTestId('script-item').filter({ hasText: 'Нет подключения к интернету' }).click();

  const step = page.getByTestId('script-step');
  await expect(step).toContainText('Баланс положительный');
  await page.getByTestId('script-answer').filter({ hasText: 'Да, баланс в порядке' }).click();
  await expect(step).toContainText('авария');
  await page.keyboard.press('2'); // «Нет, коммутатор в порядке»
  await expect(step).toContainText('индикатор');
  await page.getByTestId('script-answer').filter({ hasText: 'Не горит' }).click();
  await expect(step).toContainText('прямо в компьютер');
  await page.getByTestId('script-back').click();
  await expect(step).toContainText('индикатор');
  await page.getByTestId('script-answer').filter({ hasText: 'Горит или мигает' }).click();
  await page.getByTestId('script-answer').filter({ hasText: 'Да, работает' }).click();

  await expect(step).toHaveAttribute('data-kind', 'end');
  await expect(page.getByTestId('script-outcome')).toHaveText('Решено');
  await expect(page.getByTestId('script-path')).toContainText('Горит или мигает');
  await expect(page.getByTestId('script-path')).not.toContainText('Не горит');
  await page.screenshot({ path: screenshotPath('script-ru') });
});
