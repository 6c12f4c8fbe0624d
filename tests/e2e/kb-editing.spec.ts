// The knowledge base as the quality manager keeps it and as operators mark it up: an edit saved
// in the app is shown, found by its new words and kept as a version with its diff; a conflicting
// save and a lost connection never lose the draft; an operator sees no editing, and keeps
// favourites and recently opened articles across a reload; their "outdated" shows in the feedback tab.
import type { Page } from '@playwright/test';
import { test, expect, type Stack } from './fixtures/stack.ts';
import { chooseLanguage, screenshotPath, signIn, signOutIfSignedIn } from './fixtures/pages.ts';
import { API, apiPath, ArticleResponse, LoginResponse, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../contract/server-api.ts';
import { PushResponse, SYNC_API } from '../../contract/sync.ts';

test.describe.configure({ mode: 'serial' });

/** The article the operator marks "outdated" and the one starred, for the feedback tab to show. */
let rated: { id: string; title: string } | null = null;
let starredId: string | null = null;

async function openKbAs(page: Page, stack: Stack, login: string, language: 'ru' | 'en' = 'ru'): Promise<void> {
  await page.goto(stack.hostUrl);
  await signOutIfSignedIn(page);
  await chooseLanguage(page, language);
  await page.setViewportSize({ width: 1366, height: 820 });
  await signIn(page, login);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('kb-search')).toBeFocused();
}

/** Searches and opens the first hit; returns the article's id and title. */
async function openFirst(page: Page, words: string): Promise<{ id: string; title: string }> {
  // The list keeps the previous results while the new ones load: wait until they have changed.
  const hits = page.getByTestId('kb-hit');
  const before = (await hits.count()) > 0 ? await hits.first().textContent() : null;
  await page.getByTestId('kb-search').fill(words);
  if (before !== null) await expect(hits.first()).not.toHaveText(before);
  await hits.first().click();
  const view = page.getByTestId('kb-article');
  await expect(page.getByTestId('kb-article-title')).not.toBeEmpty();
  return { id: (await view.getAttribute('data-article-id'))!, title: (await page.getByTestId('kb-article-title').textContent())! };
}

/** Headers of a signed-in call straight to the server (another person's app). */
async function signedIn(stack: Stack, login: string): Promise<Record<string, string>> {
  const headers = { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  const r = await fetch(stack.serverUrl + API.login, { method: 'POST', headers, body: JSON.stringify({ login, password: 'pult-demo' }) });
  return { ...headers, authorization: `Bearer ${LoginResponse.parse(await r.json()).token}` };
}

/** Another editor saves the article straight through the server's API. */
async function saveElsewhere(stack: Stack, id: string, body: string): Promise<void> {
  const auth = await signedIn(stack, 'admin');
  const { article } = ArticleResponse.parse(await (await fetch(stack.serverUrl + apiPath(API.article, { id }), { headers: auth })).json());
  const put = await fetch(stack.serverUrl + apiPath(API.article, { id }), {
    method: 'PUT',
    headers: auth,
    body: JSON.stringify({ category: article.category, title: article.title, tags: article.tags, body: `${article.body}\n\n${body}`, note: 'правка администратора', baseUpdatedAt: article.updatedAt }),
  });
  expect(put.status).toBe(200);
}

test('the quality manager edits an article: shown, searchable, two versions with the diff', async ({ page, stack }) => {
  await openKbAs(page, stack, 'quality');
  const { title } = await openFirst(page, 'роутер');

  await page.getByTestId('kb-edit').click();
  const editor = page.getByTestId('kb-editor');
  await expect(editor).toBeVisible();
  const body = editor.getByTestId('kb-editor-body');
  const before = await body.inputValue();
  await body.fill(`${before}\n\nС 1 декабря роутер «Квазар-500» выдаётся в аренду **бесплатно**.`);
  await editor.getByTestId('kb-editor-note').fill('аренда роутера с 1 декабря');
  await page.screenshot({ path: screenshotPath('kb-editor-ru') });
  await editor.getByTestId('kb-editor-preview').click();
  await expect(editor.getByTestId('kb-editor-preview-panel').locator('strong', { hasText: 'бесплатно' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('kb-editor-preview-ru') });

  await editor.getByTestId('kb-editor-save').click();
  await expect(editor).toBeHidden();
  await expect(page.getByTestId('kb-article')).toContainText('Квазар-500');
  await expect(page.getByTestId('kb-article-title')).toHaveText(title);

  // Found by the new word once the replica has the saved text.
  await page.getByTestId('kb-search').fill('квазар');
  await expect(page.getByTestId('kb-hit').first()).toContainText(title, { timeout: 15_000 });

  await page.getByTestId('kb-history').click();
  const versions = page.getByTestId('kb-version');
  await expect(versions).toHaveCount(2);
  await expect(versions.first()).toContainText('Версия 2');
  await expect(versions.first()).toContainText('Галина Морозова');
  await expect(versions.first()).toContainText('аренда роутера с 1 декабря');
  await expect(versions.nth(1)).toContainText('Исходный текст');
  const diff = page.getByTestId('kb-diff');
  const added = diff.locator('[data-kind="added"]', { hasText: 'Квазар-500' });
  await expect(added).toContainText('Добавлено:'); // said, not only coloured
  await expect(added).toContainText('+');
  await page.screenshot({ path: screenshotPath('kb-history-ru') });
  await versions.nth(1).click();
  await expect(page.getByTestId('kb-version-changes')).toContainText('Первая версия');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('kb-history-dialog')).toBeHidden();
});

test('a conflicting save and a lost connection keep the draft; saved after loading the latest', async ({ page, stack }) => {
  await openKbAs(page, stack, 'quality');
  const { id } = await openFirst(page, 'возврат');
  await page.getByTestId('kb-edit').click();
  const editor = page.getByTestId('kb-editor');
  const body = editor.getByTestId('kb-editor-body');
  const mine = `${await body.inputValue()}\n\nВозврат на карту — до 10 рабочих дней.`;
  await body.fill(mine);

  await saveElsewhere(stack, id, 'Возврат наличными только в офисе.');
  await editor.getByTestId('kb-editor-save').click();
  await expect(editor.getByTestId('kb-editor-conflict')).toContainText('Статью изменили, пока вы её правили');
  await expect(body).toHaveValue(mine);
  await editor.getByTestId('kb-editor-load-latest').click();
  const latest = editor.getByTestId('kb-editor-latest');
  await expect(latest.locator('[data-kind="removed"]', { hasText: 'Возврат наличными только в офисе.' })).toBeVisible();
  await expect(latest.locator('[data-kind="added"]', { hasText: 'до 10 рабочих дней' })).toBeVisible();
  await expect(body).toHaveValue(mine);
  await page.screenshot({ path: screenshotPath('kb-conflict-ru') });

  await stack.stopServer();
  try {
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline', { timeout: 8_000 });
    await expect(editor.getByTestId('kb-editor-offline')).toBeVisible();
    await editor.getByTestId('kb-editor-save').click();
    await expect(editor.getByTestId('kb-editor-error')).toContainText('нет связи с сервером');
    await expect(body).toHaveValue(mine);
    await page.screenshot({ path: screenshotPath('kb-editor-offline-ru') });
  } finally {
    await stack.startServer();
  }
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
  await editor.getByTestId('kb-editor-save').click();
  await expect(editor).toBeHidden();
  await expect(page.getByTestId('kb-article')).toContainText('до 10 рабочих дней');
});

test('an editor writes a new article; it opens once saved', async ({ page, stack }) => {
  await openKbAs(page, stack, 'admin');
  await page.getByTestId('kb-new-article').click();
  const editor = page.getByTestId('kb-editor');
  await editor.getByTestId('kb-editor-save').click();
  await expect(editor).toContainText('Заполните это поле.'); // nothing sent while required fields are empty
  await editor.getByTestId('kb-editor-category').click();
  await page.getByRole('option', { name: 'Акции' }).click();
  await editor.getByTestId('kb-editor-title').fill('Зимняя акция «Снежинка»');
  await editor.getByTestId('kb-editor-tags').fill('акция,');
  await editor.getByTestId('kb-editor-body').fill('Скидка 20% на три месяца при подключении до 31 января.');
  await editor.getByTestId('kb-editor-save').click();
  await expect(editor).toBeHidden();
  await expect(page.getByTestId('kb-article-title')).toHaveText('Зимняя акция «Снежинка»');
  await expect(page.getByTestId('kb-article')).toContainText('акция');
});

test('an operator: no editing, favourites and recent survive a reload, "outdated" is sent', async ({ page, stack }) => {
  await openKbAs(page, stack, 'operator');
  await expect(page.getByTestId('kb-favourites')).toContainText('Отметьте статью звёздочкой');
  await expect(page.getByTestId('kb-new-article')).toHaveCount(0);
  await expect(page.getByTestId('kb-mode')).not.toContainText('Отзывы');

  const starred = await openFirst(page, 'возврат');
  starredId = starred.id;
  await expect(page.getByTestId('kb-edit')).toHaveCount(0);
  await expect(page.getByTestId('kb-history')).toHaveCount(0);
  await page.getByTestId('kb-favourite').click();
  await expect(page.getByTestId('kb-favourite')).toHaveAttribute('aria-pressed', 'true');
  const opened = await openFirst(page, 'роутер');
  await page.getByTestId('kb-feedback-outdated').click();
  rated = opened;

  await page.reload();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await expect(page.getByTestId('sync-status')).not.toContainText('ждёт'); // the "outdated" reached the server
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('kb-favourites-item')).toHaveCount(1);
  await expect(page.getByTestId('kb-favourites-item')).toContainText(starred.title);
  await expect(page.getByTestId('kb-recent-item').first()).toContainText(opened.title);
  await expect(page.getByTestId('kb-recent-item').nth(1)).toContainText(starred.title);
  // ↓/↑ and Enter walk the saved lists (favourites, then recent) like search results.
  await expect(page.getByTestId('kb-search')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('kb-article-title')).toHaveText(opened.title);
  await page.screenshot({ path: screenshotPath('kb-favourites-ru') });

  await page.getByTestId('kb-favourites-item').click();
  await expect(page.getByTestId('kb-article-title')).toHaveText(starred.title);
  await page.getByTestId('kb-favourite').click();
  await expect(page.getByTestId('kb-favourites')).toContainText('Отметьте статью звёздочкой');
});

/** Another operator's feedback with comments, pushed as their app's outbox would. */
async function feedbackElsewhere(stack: Stack, items: Array<{ articleId: string; verdict: 'helped' | 'outdated'; comment: string }>): Promise<void> {
  const mutations = items.map((args, i) => ({ seq: i + 1, name: 'article.feedback', args }));
  const r = await fetch(stack.serverUrl + SYNC_API.push, {
    method: 'POST',
    headers: await signedIn(stack, 'manager'),
    body: JSON.stringify({ protocol: PROTOCOL_VERSION, clientId: crypto.randomUUID(), mutations }),
  });
  expect(PushResponse.parse(await r.json()).results.every((x) => x.status === 'applied')).toBe(true);
}

test('the feedback tab shows the operator\'s "outdated" as a bar; a click opens the article', async ({ page, stack }) => {
  expect(rated, 'the operator test rated an article').not.toBeNull();
  await feedbackElsewhere(stack, [
    { articleId: rated!.id, verdict: 'outdated', comment: 'Акция уже закончилась, абоненты жалуются.' },
    { articleId: starredId!, verdict: 'helped', comment: 'Сроки возврата объяснены понятно.' },
    { articleId: starredId!, verdict: 'helped', comment: 'Пригодилось при звонке.' },
  ]);
  await openKbAs(page, stack, 'supervisor');
  await expect(page.getByTestId('kb-new-article')).toHaveCount(0); // supervisors read feedback, do not edit
  await page.getByTestId('kb-mode').getByText('Отзывы').click();
  const row = page.locator(`[data-testid="kb-feedback-row"][data-article-id="${rated!.id}"]`);
  await expect(row).toContainText(rated!.title);
  await expect(row).toContainText('Акция уже закончилась');
  await expect(row.getByTestId('kb-feedback-bar')).not.toHaveAttribute('data-outdated', '0');
  await expect(row.getByRole('img')).toHaveAttribute('aria-label', /устарела — [1-9]/);
  await page.screenshot({ path: screenshotPath('kb-feedback-ru') });

  await page.getByTestId('kb-feedback-period').getByText('7 дней').click();
  await expect(row).toBeVisible();
  await row.getByTestId('kb-feedback-open').click();
  await expect(page.getByTestId('kb-article-title')).toHaveText(rated!.title);

  await openKbAs(page, stack, 'quality', 'en');
  await page.getByTestId('kb-mode').getByText('Feedback').click();
  await expect(row).toContainText('Outdated: 2');
  await page.screenshot({ path: screenshotPath('kb-feedback-en') });
  await page.getByTestId('kb-mode').getByText('Articles').click();
  await openFirst(page, 'квазар');
  await page.getByTestId('kb-history').click();
  await expect(page.getByTestId('kb-diff')).toContainText('Added:');
  await page.screenshot({ path: screenshotPath('kb-history-en') });
});
