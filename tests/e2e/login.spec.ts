// Sign-in as an operator would do it: the server address is IT's preset, a wrong password says so in
// words, the main layout shows who is signed in, the language switch is remembered, logout works.
import { test, expect } from './fixtures/stack.ts';
import { chooseLanguage, screenshotPath, signIn, signOutIfSignedIn } from './fixtures/pages.ts';

test.describe.configure({ mode: 'serial' });

test('the login form is prefilled with the preset server and rejects a wrong password in Russian', async ({ page, stack }) => {
  await page.goto(stack.hostUrl);
  await signOutIfSignedIn(page);
  await chooseLanguage(page, 'ru');
  await expect(page.getByTestId('login-server')).toHaveValue(new RegExp(`^${stack.serverUrl}/?$`));
  await page.screenshot({ path: screenshotPath('login-ru'), fullPage: true });

  await signIn(page, 'operator', 'not-the-password');
  const error = page.getByTestId('login-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText(/неверн/i);
  await expect(page.getByTestId('status-bar')).toHaveCount(0);
});

test('an operator signs in and sees the main layout with name, role and site', async ({ page, stack }) => {
  await page.goto(stack.hostUrl);
  await signOutIfSignedIn(page);
  await chooseLanguage(page, 'ru');
  await signIn(page);
  const bar = page.getByTestId('status-bar');
  await expect(bar).toBeVisible();
  await expect(page.getByTestId('agent-name')).not.toBeEmpty();
  await expect(bar).toContainText('Оператор');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online');
  // The first sync of the operator's replica runs right after sign-in and ends up to date.
  const sync = page.getByTestId('sync-status');
  await expect(sync).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await expect(sync).toContainText('Данные актуальны');
  for (const id of ['nav-inbox', 'nav-phone', 'nav-kb', 'nav-customers', 'nav-quality', 'nav-settings']) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  await page.screenshot({ path: screenshotPath('main-ru'), fullPage: true });
});

test('English is one click away and stays after a reload; logout returns to the login form', async ({ page, stack }) => {
  await page.goto(stack.hostUrl);
  await signOutIfSignedIn(page);
  await chooseLanguage(page, 'ru');
  await signIn(page);
  await expect(page.getByTestId('status-bar')).toBeVisible();

  await chooseLanguage(page, 'en');
  await expect(page.getByTestId('status-bar')).toContainText('Operator');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('status-bar')).toContainText('Operator');
  await page.screenshot({ path: screenshotPath('main-en'), fullPage: true });

  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await expect(page.getByTestId('login-submit')).toContainText(/sign in/i);
  await page.screenshot({ path: screenshotPath('login-en'), fullPage: true });
  await chooseLanguage(page, 'ru');
});
