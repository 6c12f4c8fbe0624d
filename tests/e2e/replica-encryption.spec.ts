// The operator's local copy is encrypted at rest: after a real first sync through the browser host
// the replica opens with the key the host keeps, and none of the names it holds can be read in the
// bytes on disk. Then the key is lost (as when an OS profile is reset): at the next sign-in the app
// makes the copy anew, syncs it again and tells the operator why, in words.
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { isPlainSqliteFile } from '../../electron/services/db/replica-cipher.ts';
import { fileKeyVault, replicaKeyName } from '../../electron/services/db/replica-keys.ts';
import { generateAgents } from '../../server/src/seed/gen-agents.ts';
import { DEFAULT_SEED } from '../../server/src/seed/first-run.ts';
import { test, expect } from './fixtures/stack.ts';
import { chooseLanguage, screenshotPath, signIn, signOutIfSignedIn } from './fixtures/pages.ts';
import { replicaFileOf, withReplica } from './fixtures/replica-file.ts';

// An operator no other spec signs in as, so this replica is this spec's alone.
const AGENTS = generateAgents(DEFAULT_SEED);
const AGENT = AGENTS.find((a) => a.login === 'vasileva.a')!;

const onDisk = (path: string) => Buffer.concat(['', '-wal'].filter((s) => existsSync(path + s)).map((s) => readFileSync(path + s)));

test('the replica on disk is encrypted, and a lost key makes it anew with the operator told why', async ({ page, stack }) => {
  await page.goto(stack.hostUrl);
  await signOutIfSignedIn(page);
  await chooseLanguage(page, 'ru');
  await signIn(page, AGENT.login);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online', { timeout: 60_000 });

  const path = replicaFileOf(stack.userDataDir, AGENT.id);
  const names = await withReplica(stack.userDataDir, AGENT.id, (db) => db.prepare("SELECT data ->> '$.displayName' FROM agent").pluck().all() as string[], { readonly: true });
  expect(names).toContain(AGENT.displayName);
  expect(isPlainSqliteFile(path)).toBe(false);
  const bytes = onDisk(path);
  expect(bytes.length).toBeGreaterThan(100_000);
  const readable = names.filter((n) => bytes.includes(Buffer.from(n, 'utf8')));
  expect(readable).toEqual([]);
  await expect(page.getByTestId('replica-recreated')).toHaveCount(0);

  // The OS keychain lost the key: another one stands in its place.
  await signOutIfSignedIn(page);
  await fileKeyVault(join(stack.userDataDir, 'keys')).set(replicaKeyName(path), randomBytes(32).toString('hex'));
  await signIn(page, AGENT.login);
  const notice = page.getByTestId('replica-recreated');
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await expect(notice).toContainText('не удалось расшифровать');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
  await page.screenshot({ path: screenshotPath('replica-recreated-ru'), fullPage: false });
  // Made anew and filled again, under the new key.
  const again = await withReplica(stack.userDataDir, AGENT.id, (db) => db.prepare('SELECT count(*) FROM agent').pluck().get() as number, { readonly: true });
  expect(again).toBe(names.length);
  await notice.getByRole('button').click();
  await expect(notice).toHaveCount(0);
  await signOutIfSignedIn(page);
});
