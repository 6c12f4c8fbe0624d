// Sound and devices, do not disturb and auto-answer, between two operators' PCs (two browser hosts,
// one server) through a real Kamailio: Settings → "Звук и устройства" lists Chromium's fake devices
// once the microphone is allowed, shows a live microphone level and saves the ringer; a ringing call
// plays the ringtone (data-ringing on <html>) until it is answered; do not disturb (a switch and a
// badge in the Phone header, kept across a reload) turns the caller away with 486 and the call is in
// the history as declined; auto-answer counts down on the incoming panel and connects both sides
// without a click.
import type { Page } from '@playwright/test';
import { chromiumLaunchOptions } from './fixtures/chromium.ts';
import { screenshotPath } from './fixtures/pages.ts';
import { chooseAgentState, closePages, FAKE_MEDIA, openApp, setUpPhone } from './fixtures/phone-app.ts';
import { expect, test } from './fixtures/phone-stack.ts';

test.use({ launchOptions: chromiumLaunchOptions(FAKE_MEDIA), viewport: { width: 1440, height: 1000 } });
test.describe.configure({ mode: 'serial' });

const CALLER_EXT = '3201';
const CALLEE_EXT = '3202';
let a: Page; // the caller
let b: Page; // the agent whose settings change
test.afterAll(() => closePages(a, b));

async function dialB(): Promise<void> {
  await a.getByTestId('nav-phone').click();
  await a.getByTestId('dial-input').fill(CALLEE_EXT);
  await a.getByTestId('dial-input').press('Enter');
}

async function hangUpBoth(): Promise<void> {
  await b.getByTestId('call-hangup').click();
  await expect(a.getByTestId('active-call')).toHaveCount(0);
  await expect(b.getByTestId('active-call')).toHaveCount(0);
  // After-call work: skipped, back to Ready for the next call.
  const form = b.getByTestId('wrap-up-form');
  await expect(form).toBeVisible();
  await form.getByTestId('wrap-up-skip').click();
  await expect(form).toBeHidden();
}

test('Sound and devices lists the fake devices, meters the microphone and keeps the chosen ringer', async ({ browser, phoneStack }) => {
  test.setTimeout(150_000);
  const [hostA, hostB] = await phoneStack.freshHosts();
  [a, b] = await Promise.all([openApp(browser, hostA, 'operator'), openApp(browser, hostB, 'manager')]);
  await setUpPhone(a, CALLER_EXT, 'Абонент');
  await setUpPhone(b, CALLEE_EXT, 'Менеджер');

  const section = b.getByTestId('settings-audio');
  await expect(section.getByRole('heading', { name: 'Звук и устройства' })).toBeVisible();
  // Device names need the microphone permission (the fake UI grants it).
  const unlock = section.getByTestId('audio-unlock');
  if (await unlock.isVisible()) await unlock.getByRole('button', { name: 'Разрешить' }).click();
  await expect(unlock).toHaveCount(0);

  const devices = await b.evaluate(async () =>
    (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.deviceId !== 'default' && d.deviceId !== 'communications').map((d) => ({ kind: d.kind, label: d.label })),
  );
  const inputs = devices.filter((d) => d.kind === 'audioinput').map((d) => d.label);
  const outputs = devices.filter((d) => d.kind === 'audiooutput').map((d) => d.label);
  expect(inputs.length).toBeGreaterThan(0);
  expect(outputs.length).toBeGreaterThan(0);

  await section.getByTestId('audio-microphone').click();
  for (const label of ['Системное устройство', ...inputs]) await expect(b.getByRole('option', { name: label, exact: true })).toBeVisible();
  await b.getByRole('option', { name: inputs[0]!, exact: true }).click();
  await expect(section.getByTestId('audio-microphone')).toHaveValue(inputs[0]!);

  await section.getByTestId('audio-ringer').click();
  for (const label of ['Системное устройство', ...outputs]) await expect(b.getByRole('option', { name: label, exact: true })).toBeVisible();
  const ringerLabel = outputs[outputs.length - 1]!;
  await b.getByRole('option', { name: ringerLabel, exact: true }).click();
  await expect(section.getByTestId('audio-ringer')).toHaveValue(ringerLabel);

  // The fake microphone plays a beep: the meter moves.
  await section.getByTestId('audio-mic-test').click();
  await expect.poll(async () => Number(await section.getByTestId('audio-mic-level').getAttribute('data-level')), { timeout: 10_000 }).toBeGreaterThan(0);
  // "Проверить" beside the ringer rings on it for a moment.
  await section.getByTestId('audio-ringer-test').click();
  await expect(b.locator('html')).toHaveAttribute('data-ringing', 'true');
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: screenshotPath('settings-sound-devices-ru') });
  await section.getByTestId('audio-mic-test').click();
  await expect(b.locator('html')).not.toHaveAttribute('data-ringing', 'true', { timeout: 10_000 });

  // Kept across a reload (saved by the host), with its name.
  await b.reload();
  await expect(b.getByTestId('settings-audio').getByTestId('audio-ringer')).toHaveValue(ringerLabel);
});

test('a ringing call plays the ringtone until it is answered', async () => {
  await chooseAgentState(b, 'Готов', 'ready');
  await dialB();
  const incoming = b.getByTestId('incoming-call');
  await expect(incoming).toBeVisible({ timeout: 15_000 });
  await expect(b.locator('html')).toHaveAttribute('data-ringing', 'true');
  await incoming.getByTestId('call-answer').click();
  await expect(b.getByTestId('active-call')).toHaveAttribute('data-status', 'confirmed');
  await expect(a.getByTestId('active-call')).toHaveAttribute('data-status', 'confirmed');
  await expect(b.locator('html')).not.toHaveAttribute('data-ringing', 'true');
  await hangUpBoth();
});

test('do not disturb: the caller gets 486, the call is logged as declined, the badge stays after a reload', async () => {
  await chooseAgentState(b, 'Готов', 'ready');
  await b.getByTestId('dnd-toggle').click();
  await expect(b.getByTestId('dnd-toggle')).toBeChecked();
  await expect(b.getByTestId('dnd-badge')).toHaveText('Не беспокоить: звонки отклоняются');
  await b.reload();
  await expect(b.getByTestId('dnd-badge')).toBeVisible();
  await expect(b.getByTestId('status-bar').getByTestId('sip-status')).toHaveAttribute('data-status', 'registered', { timeout: 20_000 });
  await expect(b.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');

  // The notification closes by itself after a while: record every one shown, so its check waits for nothing.
  await b.evaluate(() => {
    const seen: string[] = ((window as unknown as { shownNotices: string[] }).shownNotices = []);
    new MutationObserver(() => {
      for (const n of document.querySelectorAll('.mantine-Notification-root, [role="alert"]')) if (!seen.includes(n.textContent ?? '')) seen.push(n.textContent ?? '');
    }).observe(document.body, { childList: true, subtree: true });
  });
  await dialB();
  const reason = a.getByTestId('last-call-reason');
  await expect(reason).toHaveAttribute('data-code', '486', { timeout: 15_000 });
  await expect(reason).toHaveText('Звонок не состоялся: Занято');
  await expect(b.getByTestId('incoming-call')).toHaveCount(0);
  await expect(b.locator('html')).not.toHaveAttribute('data-ringing', 'true');
  const row = b.getByTestId('call-history-row').first();
  await expect(row).toHaveAttribute('data-result', 'declined');
  await expect(row.getByTestId('call-history-who')).toContainText(CALLER_EXT);
  await expect
    .poll(() => b.evaluate(() => (window as unknown as { shownNotices: string[] }).shownNotices))
    .toContainEqual(expect.stringContaining(`Звонок от Абонент (${CALLER_EXT}) отклонён: включён режим «Не беспокоить»`));
  await b.screenshot({ path: screenshotPath('phone-dnd-ru') });

  await b.getByTestId('dnd-toggle').click();
  await expect(b.getByTestId('dnd-toggle')).not.toBeChecked();
  await expect(b.getByTestId('dnd-badge')).toHaveCount(0);
});

test('auto-answer: a countdown on the incoming panel, then both sides are in the call without a click', async () => {
  await b.getByTestId('nav-settings').click();
  const section = b.getByTestId('settings-audio');
  // The switches show the saved setting: a click, then the saved state (check() would not wait for it).
  await section.getByTestId('auto-answer-toggle').click();
  await expect(section.getByTestId('auto-answer-toggle')).toBeChecked();
  await chooseAgentState(b, 'Готов', 'ready');

  await dialB();
  const incoming = b.getByTestId('incoming-call');
  await expect(incoming).toBeVisible({ timeout: 15_000 });
  const countdown = incoming.getByTestId('auto-answer');
  await expect(countdown).toContainText(/Автоответ через \d секунд/);
  await b.screenshot({ path: screenshotPath('phone-auto-answer-ru') });
  await expect(b.getByTestId('active-call')).toHaveAttribute('data-status', 'confirmed', { timeout: 20_000 });
  await expect(a.getByTestId('active-call')).toHaveAttribute('data-status', 'confirmed');
  await expect(b.locator('html')).not.toHaveAttribute('data-ringing', 'true');
  await hangUpBoth();

  // Cancelled: the call keeps ringing and waits for the agent.
  await chooseAgentState(b, 'Готов', 'ready');
  await dialB();
  await expect(incoming.getByTestId('auto-answer')).toBeVisible({ timeout: 15_000 });
  await incoming.getByTestId('auto-answer-cancel').click();
  await expect(incoming.getByTestId('auto-answer')).toHaveCount(0);
  await expect(b.locator('html')).toHaveAttribute('data-ringing', 'true');
  await b.waitForTimeout(4_000); // longer than the 3-second delay: still not answered
  await expect(incoming).toBeVisible();
  await incoming.getByTestId('call-decline').click();
  await expect(b.locator('html')).not.toHaveAttribute('data-ringing', 'true');
});
