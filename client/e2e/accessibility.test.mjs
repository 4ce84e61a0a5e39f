// An automated accessibility audit (axe-core, WCAG 2.1 A and AA) of the app,
// its task list, the Try It Out page and an embedded widget (open shadow root), in every
// state a person meets: running, confirming, cancelling, cancelled, finished
// first, and errors; plus a keyboard-only cancellation. Run by scripts/test
// after scripts/bundle-size and scripts/build-widget: `node --test client/e2e/`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { control as mockControl, launchChromium, root, serveFiles, startMock } from './harness.mjs';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let mock;
let app;
let site;
let browser;
let axeSource;

before(async () => {
  axeSource = await readFile(join(root, '.tools/node_modules/axe-core/axe.min.js'), 'utf8');
  mock = await startMock(18094);
  app = await serveFiles('target/bundle', { appFallback: true });
  site = await serveFiles('.');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  app?.close();
  site?.close();
  mock?.stop();
});

const control = (method, path, body) => mockControl(mock.url, method, path, body);

const task = (id, script = {}) => control('POST', '/__mock/tasks', {
  id, pending_ms: 0, duration_ms: 600000, check_interval_ms: 1000, cleanup_ms: 0, ...script,
});

/**
 * Runs axe in the page (evaluated by the driver, so the page's CSP does not
 * stop it) and fails with every violation named, its nodes and its help.
 */
async function audit(page, state, context = 'document') {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async ({ context, tags }) => {
    const where = context === 'document' ? document : { include: context };
    const result = await window.axe.run(where, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  }, { context, tags: WCAG_21_AA });
  assert.deepEqual(violations, [], `axe found WCAG 2.1 A/AA violations (${state}):\n${JSON.stringify(violations, null, 2)}`);
  return state;
}

async function openApp(taskId) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${app.url}/?api=${encodeURIComponent(mock.url)}&task=${encodeURIComponent(taskId)}`);
  return { page, errors };
}

const notice = (page, text) => page.locator('.qtc-notice', { hasText: text });

test('the app has no WCAG 2.1 A/AA violations in any state of a cancellation', async () => {
  await control('DELETE', '/__mock/faults');
  await task('a11y-app');
  const { page, errors } = await openApp('a11y-app');
  const audited = [];
  await page.locator('.qtc-badge', { hasText: 'RUNNING' }).waitFor();
  audited.push(await audit(page, 'running'));

  await page.getByRole('button', { name: 'Cancel task' }).click();
  await page.getByRole('button', { name: 'Yes, cancel task' }).waitFor();
  audited.push(await audit(page, 'confirming'));

  await page.getByRole('button', { name: 'Yes, cancel task' }).click();
  await notice(page, 'Cancelling…').waitFor();
  audited.push(await audit(page, 'cancelling'));

  await control('POST', '/__mock/clock/advance', { ms: 1000 });
  await notice(page, 'Task cancelled').waitFor();
  audited.push(await audit(page, 'cancelled'));
  assert.deepEqual(errors, []);
  await page.close();

  await task('a11y-race', { cancel_mode: 'ignore', duration_ms: 3000 });
  const race = await openApp('a11y-race');
  await race.page.locator('.qtc-badge', { hasText: 'RUNNING' }).waitFor();
  await race.page.getByRole('button', { name: 'Cancel task' }).click();
  await race.page.getByRole('button', { name: 'Yes, cancel task' }).click();
  await notice(race.page, 'Cancelling…').waitFor();
  await control('POST', '/__mock/clock/advance', { ms: 3000 });
  await notice(race.page, 'before the cancellation took effect').waitFor();
  audited.push(await audit(race.page, 'finished first'));

  await task('a11y-error');
  await race.page.goto(`${app.url}/?api=${encodeURIComponent(mock.url)}&task=a11y-error`);
  await race.page.locator('.qtc-badge', { hasText: 'RUNNING' }).waitFor();
  await control('POST', '/__mock/faults', { route: 'all', kind: 'status', code: 500 });
  await race.page.getByRole('button', { name: 'Cancel task' }).click();
  await race.page.getByRole('button', { name: 'Yes, cancel task' }).click();
  await notice(race.page, 'The cancel request failed').waitFor();
  await notice(race.page, 'Could not refresh the status').waitFor();
  audited.push(await audit(race.page, 'cancel failed, status unavailable'));
  await control('DELETE', '/__mock/faults');

  await race.page.goto(`${app.url}/?api=${encodeURIComponent(mock.url)}&task=nobody-has-this-id`);
  await notice(race.page, 'Task not found').waitFor();
  audited.push(await audit(race.page, 'not found'));
  assert.deepEqual(race.errors, []);
  await race.page.close();
  console.log(`audited the app in ${audited.length} states: ${audited.join(', ')}`);
});

test('the field states have no WCAG 2.1 A/AA violations: gone, and a server that differs from the document', async () => {
  await control('DELETE', '/__mock/faults');
  await task('a11y-gone', { check_interval_ms: 3600000 });
  const { page, errors } = await openApp('a11y-gone');
  await page.locator('.qtc-badge', { hasText: 'RUNNING' }).waitFor();
  await page.getByRole('button', { name: 'Cancel task' }).click();
  await page.getByRole('button', { name: 'Yes, cancel task' }).click();
  await notice(page, 'Cancelling…').waitFor();
  await control('DELETE', '/__mock/tasks/a11y-gone');
  await notice(page, 'no longer exists').waitFor();
  await audit(page, 'gone');

  // Its own state name, no progress, extra fields.
  await page.route(`${mock.url}/api/task/status/a11y-odd`, (route) => route.fulfill({
    status: 200,
    contentType: 'application/json',
    headers: { 'Access-Control-Allow-Origin': '*' },
    body: JSON.stringify({ task_id: 'a11y-odd', state: 'PAUSED', message: 'Paused', created_at: '2026-11-29T08:00:00Z',
      priority: 'high', node: 'mx-3' }),
  }));
  await page.goto(`${app.url}/?api=${encodeURIComponent(mock.url)}&task=a11y-odd`);
  await page.locator('.qtc-badge', { hasText: 'PAUSED' }).waitFor();
  assert.equal(await page.locator('.qtc-extra dt').count(), 2, 'the extra fields are listed');
  assert.equal(await page.locator('progress').count(), 0, 'no bar without a progress');
  await audit(page, 'a server that differs');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the Try It Out page has no WCAG 2.1 A/AA violations, before and after an exchange', async () => {
  await control('DELETE', '/__mock/faults');
  await task('a11y-try');
  const page = await browser.newPage();
  await page.goto(`${app.url}/try-it-out?api=${encodeURIComponent(mock.url)}&task=a11y-try`);
  await page.getByRole('button', { name: 'Send cancel request' }).waitFor();
  await audit(page, 'Try It Out, before sending');
  await page.getByRole('button', { name: 'Send cancel request' }).click();
  await page.locator('.qtc-status-code', { hasText: 'HTTP 200' }).waitFor();
  await page.getByRole('button', { name: 'Follow until cancelled' }).click();
  await page.locator('.qtc-timeline tbody tr').first().waitFor();
  await control('POST', '/__mock/clock/advance', { ms: 1000 });
  await page.locator('.qtc-verdict').waitFor();
  await audit(page, 'Try It Out, after a 200 and its timeline');
  await page.close();
});

test('the app\'s task list has no WCAG 2.1 A/AA violations: listed, selected, confirming, summed up', async () => {
  await control('DELETE', '/__mock/faults');
  await control('DELETE', '/__mock/tasks');
  await task('a11y-list-a');
  await task('a11y-list-b', { cancel_mode: 'immediate' });
  await task('a11y-list-done', { duration_ms: 0 });
  const page = await browser.newPage();
  await page.goto(`${app.url}/tasks?api=${encodeURIComponent(mock.url)}`);
  await page.getByText('Select all cancellable (2)').waitFor();
  await audit(page, 'task list, loaded');
  await page.getByRole('checkbox', { name: 'Select task a11y-list-a' }).check();
  await page.getByRole('checkbox', { name: 'Select task a11y-list-b' }).check();
  await page.getByText('2 selected').waitFor();
  await audit(page, 'task list, two selected');
  await page.getByRole('button', { name: 'Cancel 2 tasks' }).click();
  await page.getByText('Cancel 2 tasks?').waitFor();
  await audit(page, 'task list, confirming');
  await page.getByRole('button', { name: 'Yes, cancel 2 tasks' }).click();
  await page.getByText('1 of 2 done: 1 cancelled; 1 in progress').waitFor();
  await audit(page, 'task list, cancelling');
  await control('POST', '/__mock/clock/advance', { ms: 1000 });
  await page.getByText('2 of 2 done: 2 cancelled').waitFor();
  await audit(page, 'task list, summed up');
  // A task's id opens its own widget on the widget page, which links back
  // to the list; both keep the `?api=` they were given.
  await page.getByRole('button', { name: 'a11y-list-done' }).click();
  await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('task') === 'a11y-list-done'
    && url.searchParams.get('api') === mock.url);
  await page.locator('.qtc-widget .qtc-badge', { hasText: 'COMPLETED' }).waitFor();
  await audit(page, 'widget page opened from the list');
  await page.getByRole('link', { name: 'All tasks' }).click();
  await page.getByText('Select all cancellable').waitFor();
  await page.close();
});

/**
 * Audits examples/embed.html's `widgets` while #mounted is cancelled: running,
 * confirming, cancelling, cancelled; each state named after `label`.
 */
async function auditCancellation(page, label, widgets) {
  await audit(page, `${label}, running`, widgets);
  const mounted = page.locator('#mounted');
  await mounted.getByRole('button', { name: 'Cancel task' }).click();
  await mounted.getByRole('button', { name: 'Yes, cancel task' }).waitFor();
  await audit(page, `${label}, confirming`, widgets);
  await mounted.getByRole('button', { name: 'Yes, cancel task' }).click();
  await page.locator('#mounted .qtc-notice', { hasText: 'Cancelling…' }).waitFor();
  await audit(page, `${label}, cancelling`, widgets);
  await control('POST', '/__mock/clock/advance', { ms: 1000 });
  await page.locator('#mounted .qtc-notice', { hasText: 'Task cancelled' }).waitFor();
  await audit(page, `${label}, cancelled`, widgets);
}

test('an embedded widget (open shadow root) has no WCAG 2.1 A/AA violations', async () => {
  await control('DELETE', '/__mock/faults');
  await task('a11y-embed-a');
  await task('a11y-embed-b');
  const page = await browser.newPage();
  const query = new URLSearchParams({ api: mock.url, poll: '50', task1: 'a11y-embed-a', task2: 'a11y-embed-b' });
  await page.goto(`${site.url}/examples/embed.html?${query}`);
  const widgets = ['#mounted', '#themed'];
  await page.locator('#mounted .qtc-badge', { hasText: 'RUNNING' }).waitFor();
  await page.locator('#themed .qtc-badge', { hasText: 'RUNNING' }).waitFor();
  await auditCancellation(page, 'embedded', widgets);
  await page.close();
});

test('an embedded widget follows a dark scheme and has no WCAG 2.1 A/AA violations in it; theme="light" keeps it light', async () => {
  await control('DELETE', '/__mock/faults');
  await task('a11y-dark-a');
  await task('a11y-dark-b');
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  const query = new URLSearchParams({ api: mock.url, poll: '50', task1: 'a11y-dark-a', task2: 'a11y-dark-b' });
  await page.goto(`${site.url}/examples/embed.html?${query}`);
  const surface = (host) => page.evaluate((host) =>
    getComputedStyle(document.querySelector(host).shadowRoot.querySelector('.qtc-widget')).backgroundColor, host);
  await page.locator('#mounted .qtc-badge', { hasText: 'RUNNING' }).waitFor();
  assert.equal(await surface('#mounted'), 'rgb(22, 27, 34)', 'the reader\'s dark scheme');
  // #themed sets its own accent for a light page, so it is audited light.
  await page.locator('#themed').evaluate((element) => element.setAttribute('theme', 'light'));
  await page.locator('#themed .qtc-badge', { hasText: 'RUNNING' }).waitFor();
  assert.equal(await surface('#themed'), 'rgb(255, 255, 255)', 'theme="light" wins over the reader\'s scheme');
  const widgets = ['#mounted', '#themed'];
  await auditCancellation(page, 'dark', widgets);
  await context.close();
});

test('a keyboard alone cancels a task: Tab to Cancel, Enter, Escape, Enter, Tab, Enter', async () => {
  await control('DELETE', '/__mock/faults');
  await task('a11y-keys');
  const { page, errors } = await openApp('a11y-keys');
  await page.locator('.qtc-badge', { hasText: 'RUNNING' }).waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
  const expectFocus = async (label, why) => {
    try {
      await page.waitForFunction((wanted) => document.activeElement?.textContent?.trim() === wanted,
        label, { timeout: 3000 });
    } catch {
      assert.fail(`${why}: focus is on ${JSON.stringify(await focused())}, not ${JSON.stringify(label)}`);
    }
  };

  let presses = 0;
  while ((await focused()) !== 'Cancel task') {
    assert.ok(++presses <= 40, 'Tab never reached the Cancel button');
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await expectFocus('Keep running', 'the confirmation opens on the safe choice');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Yes, cancel task' }).waitFor({ state: 'detached' });
  await expectFocus('Cancel task', 'focus returns to Cancel after Escape');
  await page.keyboard.press('Enter');
  await expectFocus('Keep running', 'the confirmation opens again');
  await page.keyboard.press('Tab');
  await expectFocus('Yes, cancel task', 'Tab moves to the destructive choice');
  await page.keyboard.press('Enter');
  await notice(page, 'Cancelling…').waitFor();
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('qtc-cancel-button')),
    'focus stays on the (now inactive) Cancel button, not the page');
  await control('POST', '/__mock/clock/advance', { ms: 1000 });
  await notice(page, 'Task cancelled').waitFor();
  assert.equal(await page.locator('.qtc-cancel-button').count(), 0, 'a dead Cancel button stays');
  await expectFocus('Task cancelled', 'focus moves from the Cancel button that went to what the cancellation says');
  const cancels = await control('GET', '/__mock/requests?method=POST&path=/api/task/cancel/a11y-keys');
  assert.equal(cancels.length, 1, 'exactly one cancel was sent');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Copy is announced and resets; without a clipboard it selects the code and says to press Ctrl+C', async () => {
  const tryItOut = `${app.url}/try-it-out?api=${encodeURIComponent(mock.url)}&task=copy-me`;
  const status = (page) => page.locator('.qtc-copy-status');

  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  const page = await context.newPage();
  await page.goto(tryItOut);
  await page.getByRole('button', { name: 'Copy the cURL code' }).click();
  await status(page).filter({ hasText: 'Copied the cURL code to the clipboard.' }).waitFor();
  assert.equal(await status(page).getAttribute('role'), 'status', 'announced politely');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /TASK_ID=.copy-me./);
  assert.match(copied, /curl /);
  assert.equal((await page.getByRole('button', { name: 'Copy the cURL code' }).textContent()).trim(), 'Copied');
  await page.waitForFunction(() => document.querySelector('.qtc-copy-status').textContent === '',
    null, { timeout: 5000 });
  assert.equal((await page.getByRole('button', { name: 'Copy the cURL code' }).textContent()).trim(), 'Copy');
  await context.close();

  // Plain http:// on a LAN address has no navigator.clipboard.
  const insecure = await browser.newPage();
  await insecure.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
  });
  await insecure.goto(tryItOut);
  await insecure.getByRole('button', { name: 'Copy the Go code' }).click();
  await status(insecure).filter({ hasText: 'The Go code is selected: press Ctrl+C' }).waitFor();
  const selected = await insecure.evaluate(() => String(window.getSelection()));
  assert.match(selected, /^package main/);
  await insecure.close();
});
