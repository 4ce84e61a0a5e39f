// Takes the README's screenshots of the widget in each state, driving
// Debian's Chromium with playwright-core against a running mock server and
// the release build of the app. Used by scripts/screenshots.
import { control, launchChromium } from '../client/e2e/harness.mjs';

const [appUrl, mockUrl, outDir, examplesUrl] = process.argv.slice(2);

const task = (script) => control(mockUrl, 'POST', '/__mock/tasks', script).then((t) => t.task_id);

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 760, height: 900 }, deviceScaleFactor: 1 });

async function open(id) {
  await page.goto(`${appUrl}/?api=${encodeURIComponent(mockUrl)}&task=${encodeURIComponent(id)}`);
  await page.locator('.qtc-badge', { hasNotText: 'LOADING' }).waitFor();
}

async function shoot(name) {
  await page.locator('.qtc-widget').screenshot({ path: `${outDir}/${name}.png` });
  console.log(`${outDir}/${name}.png`);
}

async function cancel() {
  await page.getByRole('button', { name: 'Cancel task' }).click();
  await page.getByRole('button', { name: 'Yes, cancel task' }).click();
}

// The app with one task open (the document's example id, a demo task).
await page.setViewportSize({ width: 1000, height: 900 });
await page.goto(`${appUrl}/?api=${encodeURIComponent(mockUrl)}&task=a7f8c9d1-e234-56b7-8901-23c45de67f89`);
await page.locator('.qtc-badge', { hasNotText: 'LOADING' }).waitFor();
await page.screenshot({ path: `${outDir}/app.png`, fullPage: true });
console.log(`${outDir}/app.png`);
await page.setViewportSize({ width: 760, height: 900 });

// The task list page: the mock's tasks, ten demo tasks added, then a
// bulk cancel: selected, confirming, and its summary once every task has
// an outcome (two of them finish before their cancel takes effect).
await page.setViewportSize({ width: 1100, height: 1000 });
await page.goto(`${appUrl}/tasks/?api=${encodeURIComponent(mockUrl)}`);
await page.getByRole('button', { name: 'New demo tasks (10)' }).click();
await page.waitForFunction(() => document.querySelectorAll('tbody tr').length >= 10, null, { timeout: 10_000 });
await page.locator('.qtc-badge', { hasText: 'LOADING' }).first().waitFor({ state: 'detached', timeout: 10_000 });
await page.getByRole('checkbox', { name: /Select all cancellable/ }).check();
// The rows show the selection at the list's next render (at most 16 ms on):
// unchecking a row before then would find it still unchecked.
await page.getByRole('checkbox', { name: 'Select task demo-pending', checked: true }).waitFor();
await page.getByRole('checkbox', { name: 'Select task demo-pending' }).uncheck();
await page.locator('main').screenshot({ path: `${outDir}/list-selected.png` });
console.log(`${outDir}/list-selected.png`);
await page.getByRole('button', { name: /^Cancel \d+ tasks$/ }).click();
await page.locator('.qtc-confirm').waitFor();
await page.locator('main').screenshot({ path: `${outDir}/list-confirm.png` });
console.log(`${outDir}/list-confirm.png`);
await page.getByRole('button', { name: /^Yes, cancel \d+ tasks$/ }).click();
await page.locator('.qtc-list-summary p', { hasNotText: 'in progress' }).waitFor({ timeout: 60_000 });
await page.locator('main').screenshot({ path: `${outDir}/list-summary.png` });
console.log(`${outDir}/list-summary.png`);
await page.setViewportSize({ width: 760, height: 900 });

const long = { pending_ms: 0, duration_ms: 3_600_000, message: 'Archiving mailbox “Projects” (412 of 1,280 messages)' };

await open(await task({ ...long, id: 'a1c2e3f4-running' }));
await page.waitForTimeout(1500); // let progress move past 0%
await shoot('running');

await open(await task({ ...long, id: 'b7d9-confirm' }));
await page.getByRole('button', { name: 'Cancel task' }).click();
await shoot('confirm');

await open(await task({ ...long, id: 'c4e8-cancelling', check_interval_ms: 1000, cleanup_ms: 600_000 }));
await cancel();
await page.locator('.qtc-notice', { hasText: 'Cancelling… the server accepted' }).waitFor();
await page.waitForTimeout(1200);
await shoot('cancelling');

await open(await task({ ...long, id: 'd2f6-cancelled', check_interval_ms: 1000, cleanup_ms: 500 }));
await cancel();
await page.locator('.qtc-notice', { hasText: 'Task cancelled' }).waitFor({ timeout: 10_000 });
await shoot('cancelled');

await open(await task({ id: 'e5a1-finishes-first', pending_ms: 0, duration_ms: 4000, check_interval_ms: 3_600_000,
  message: 'Re-indexing mailbox', result: { messages_indexed: 1284, mailbox: 'archive-2026' } }));
await cancel();
await page.locator('.qtc-notice', { hasText: 'before the cancellation took effect' }).waitFor({ timeout: 10_000 });
await shoot('finished-first');

const errorId = await task({ ...long, id: 'f9b3-server-error' });
await control(mockUrl, 'POST', '/__mock/faults', { route: 'cancel', kind: 'status', code: 500, times: 1 });
await open(errorId);
await cancel();
await page.locator('.qtc-notice', { hasText: 'The cancel request failed' }).waitFor();
await shoot('error');

// The task disappears while the cancel is being followed.
const goneId = await task({ ...long, id: 'a8d1-cleaned-up', check_interval_ms: 3_600_000 });
await open(goneId);
await cancel();
await page.locator('.qtc-notice', { hasText: 'Cancelling… the server accepted' }).waitFor();
await control(mockUrl, 'DELETE', `/__mock/tasks/${goneId}`);
await page.locator('.qtc-notice', { hasText: 'no longer exists' }).waitFor({ timeout: 10_000 });
await shoot('gone');

// The cancel request is never answered (10 s, the default timeout).
const silentId = await task({ ...long, id: 'b3e7-no-answer' });
await open(silentId);
await control(mockUrl, 'POST', '/__mock/faults', { route: 'cancel', kind: 'hang', times: 1 });
await cancel();
await page.locator('.qtc-notice', { hasText: 'did not answer the cancel request' }).waitFor({ timeout: 15_000 });
await shoot('timed-out');

// A server whose status is not quite the document's: no progress, its own
// state name, extra fields.
await page.route(`${mockUrl}/api/task/status/c9f2-odd-server`, (route) => route.fulfill({
  status: 200,
  contentType: 'application/json',
  headers: { 'Access-Control-Allow-Origin': '*' },
  body: JSON.stringify({ task_id: 'c9f2-odd-server', state: 'PAUSED', message: 'Paused by an administrator',
    created_at: '2026-11-29T08:00:00Z', started_at: '2026-11-29T08:00:02Z', priority: 'high', node: 'mx-3' }),
}));
await open('c9f2-odd-server');
await shoot('odd-server');
await page.unrouteAll();

// Try It Out after a successful cancel, with its timeline.
const tryId = await task({ ...long, id: 'a7c3-try-it-out', check_interval_ms: 1000, cleanup_ms: 500 });
await page.setViewportSize({ width: 900, height: 900 });
await page.goto(`${appUrl}/try-it-out/?api=${encodeURIComponent(mockUrl)}&task=${encodeURIComponent(tryId)}`);
await page.getByRole('button', { name: 'Send cancel request' }).click();
await page.locator('.qtc-status-code').waitFor();
await page.getByRole('button', { name: 'Follow until cancelled' }).click();
await page.locator('.qtc-verdict').waitFor({ timeout: 15_000 });
const main = await page.locator('main').boundingBox();
const exchange = await page.locator('.qtc-exchange').boundingBox();
await page.screenshot({
  path: `${outDir}/try-it-out.png`,
  fullPage: true,
  clip: { x: main.x - 16, y: 0, width: main.width + 32, height: exchange.y + exchange.height + 16 },
});
console.log(`${outDir}/try-it-out.png`);

// The embed in other languages and the dark scheme (examples/languages.html):
// one running task on a German page, an Arabic one, and a dark host.
const shared = await task({ pending_ms: 0, duration_ms: 600000, message: '—' });
await page.setViewportSize({ width: 1400, height: 900 });
await page.goto(`${examplesUrl}/examples/languages.html?api=${encodeURIComponent(mockUrl)}&task=${encodeURIComponent(shared)}`);
for (const [id, said] of [['german', 'Aufgabe abbrechen'], ['arabic', 'إلغاء المهمة'], ['dark', 'Cancel task']]) {
  await page.waitForFunction(([id, said]) =>
    (document.getElementById(id)?.shadowRoot?.textContent ?? '').includes(said), [id, said], { timeout: 15_000 });
}
for (const [id, name] of [['german', 'embed-de'], ['arabic', 'embed-ar'], ['dark', 'embed-dark']]) {
  await page.locator(`#${id}`).screenshot({ path: `${outDir}/${name}.png` });
  console.log(`${outDir}/${name}.png`);
}

await browser.close();
