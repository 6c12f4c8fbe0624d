// The rest of the shell as an operator meets it: an unreachable server is named as such, sections
// open from the keyboard, an unbuilt section says so, Settings shows About with the server's
// version, and the dark theme is one click away and remembered.
import { test, expect } from './fixtures/stack.ts';
import { chooseLanguage, screenshotPath, signIn, signOutIfSignedIn } from './fixtures/pages.ts';

test.describe.configure({ mode: 'serial' });

test('a server that does not answer is reported in words, not as a wrong password', async ({ page, stack }) => {
  await page.goto(stack.hostUrl);
  await signOutIfSignedIn(page);
  await chooseLanguage(page, 'ru');
  await page.getByTestId('login-server').fill('http://127.0.0.1:9');
  await signIn(page);
  const error = page.getByTestId('login-error');
  await expect(error).toContainText(/сервер недоступен/i);
  await expect(error).not.toContainText(/неверн/i);
  await page.getByTestId('login-server').fill(stack.serverUrl);
});

test('Alt+digits open sections from the keyboard; an unbuilt section says so honestly', async ({ page, stack }) => {
  await page.goto(stack.hostUrl);
  await signOutIfSignedIn(page);
  await chooseLanguage(page, 'ru');
  await signIn(page);
  await expect(page.getByTestId('status-bar')).toBeVisible();

  await page.keyboard.press('Alt+5');
  const title = page.getByTestId('section-title');
  await expect(title).toHaveText('Качество');
  await expect(title).toBeFocused();
  await expect(page.getByText('Раздел в разработке')).toBeVisible();

  await page.keyboard.press('Alt+6');
  await expect(title).toHaveText('Настройки');
  await expect(page.getByTestId('nav-settings')).toHaveAttribute('aria-current', 'page');
});

test('Settings shows About with the server version, and the dark theme stays after a reload', async ({ page, stack }) => {
  await page.goto(stack.hostUrl);
  await signOutIfSignedIn(page);
  await chooseLanguage(page, 'ru');
  await page.setViewportSize({ width: 1280, height: 960 }); // the whole page, without a fixed bar over it
  await signIn(page);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-page')).toBeVisible();
  await expect(page.getByTestId('about-server')).toHaveText(new RegExp(`^${stack.serverUrl}/?$`));
  await expect(page.getByTestId('about-server-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(page.getByTestId('about-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await page.screenshot({ path: screenshotPath('settings-ru') });

  await page.getByTestId('settings-theme').getByText('Тёмная').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.screenshot({ path: screenshotPath('settings-dark-ru') });

  await page.getByTestId('settings-theme').getByText('Как в системе').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
});
