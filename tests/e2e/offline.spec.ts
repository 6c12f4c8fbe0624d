// When the central server stops, the status bar says offline within seconds; when it is back, online.
import { test, expect } from './fixtures/stack.ts';
import { chooseLanguage, screenshotPath, signIn, signOutIfSignedIn } from './fixtures/pages.ts';

test('server stopped → offline within seconds, server back → online', async ({ page, stack }) => {
  await page.goto(stack.hostUrl);
  await signOutIfSignedIn(page);
  await chooseLanguage(page, 'ru');
  await signIn(page);
  const status = page.getByTestId('connection-status');
  await expect(status).toHaveAttribute('data-state', 'online');

  await stack.stopServer();
  await expect(status).toHaveAttribute('data-state', 'offline', { timeout: 8_000 });
  await expect(status).toContainText(/нет связи|офлайн|не в сети/i);
  // The replica stays readable; its sync says since when it has not synced (next attempt on backoff).
  await page.getByTestId('sync-status').click();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
  await expect(page.getByTestId('sync-status')).toContainText(/не синхронизировано с \d\d:\d\d/i);
  await page.screenshot({ path: screenshotPath('offline-ru'), fullPage: true });

  await stack.startServer();
  await expect(status).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
});
