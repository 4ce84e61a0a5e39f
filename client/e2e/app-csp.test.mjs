// The release build of the app (target/bundle, from scripts/bundle-size)
// under its own Content-Security-Policy, which forbids inline scripts:
// it must start, render a task and cancel it without a single violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { control as mockControl, launchChromium, openWatched as watched, serveFiles, startMock } from './harness.mjs';

let mock;
let site;
let browser;

before(async () => {
  mock = await startMock(18093);
  site = await serveFiles('target/bundle', { appFallback: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  site?.close();
  mock?.stop();
});

const control = (method, path, body) => mockControl(mock.url, method, path, body);

const openWatched = (path) => watched(browser, `${site.url}${path}`);

test('the app runs under its CSP without inline scripts, and cancels a task', async () => {
  await control('POST', '/__mock/tasks',
    { id: 'csp-task', pending_ms: 0, duration_ms: 600000, check_interval_ms: 1000, cleanup_ms: 0 });
  const { page, errors } = await openWatched(`/?api=${encodeURIComponent(mock.url)}&task=csp-task`);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(policy, /unsafe-inline/);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'an inline script is in the page');

  await page.locator('.qtc-badge', { hasText: 'RUNNING' }).waitFor();
  await page.getByRole('button', { name: 'Cancel task' }).click();
  await page.getByRole('button', { name: 'Yes, cancel task' }).click();
  await page.locator('.qtc-notice', { hasText: 'Cancelling…' }).waitFor();
  await control('POST', '/__mock/clock/advance', { ms: 1000 });
  await page.locator('.qtc-notice', { hasText: 'Task cancelled' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);

  // The policy is enforced, not just present: an injected inline script is
  // refused and reported.
  const injected = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.body.appendChild(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { ran: window.__inlineRan === true, violations: window.__violations };
  });
  assert.equal(injected.ran, false, 'an injected inline script ran');
  assert.ok(injected.violations.some((v) => v.startsWith('script-src')),
    `no violation was reported: ${JSON.stringify(injected.violations)}`);
  await page.close();
});

test('the widget page reads the first status alongside its program, once', async () => {
  await control('POST', '/__mock/tasks', { id: 'first-read-task', pending_ms: 0, duration_ms: 600000 });
  // A slow answer: the program is running before it comes, so the widget
  // takes the loader's read while it is still under way.
  await control('POST', '/__mock/faults', { route: 'status', kind: 'delay', ms: 400, times: 1 });
  const { page, errors } = await openWatched(`/?api=${encodeURIComponent(mock.url)}&task=first-read-task`);
  await page.locator('.qtc-badge', { hasText: 'RUNNING' }).waitFor();
  const reads = (await control('GET', '/__mock/requests?method=GET&path=/api/task/status/first-read-task')).length;
  assert.equal(reads, 1, 'the widget sent a read of its own');
  const started = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('resource')
    .map((entry) => [entry.name.includes('/api/task/status/') ? 'status' : entry.name.split('/').pop(), entry.startTime])));
  const glue = Object.keys(started).find((name) => /^qmail-task-app-[0-9a-f]+\.js$/.test(name));
  assert.ok(started.status <= started[glue], `the read left after the program's glue: ${JSON.stringify(started)}`);
  assert.equal(await page.evaluate(() => 'qmailFirstRead' in globalThis), false, 'the read was not taken');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('when the program cannot load, the first status read is ended, not left open', { timeout: 30_000 }, async () => {
  await control('POST', '/__mock/tasks', { id: 'first-read-no-program', pending_ms: 0, duration_ms: 600000 });
  await control('POST', '/__mock/faults', { route: 'status', kind: 'hang', times: 1 });
  try {
    const page = await browser.newPage();
    await page.route('**/*.wasm', (route) => route.abort());
    const ended = new Promise((resolve) => page.on('requestfailed', (request) => {
      if (request.url().includes('/api/task/status/first-read-no-program')) resolve(request.failure()?.errorText);
    }));
    await page.goto(`${site.url}/?api=${encodeURIComponent(mock.url)}&task=first-read-no-program`);
    assert.match(await ended, /abort/i);
    assert.equal(await page.evaluate(() => 'qmailFirstRead' in globalThis), false);
    await page.close();
  } finally {
    await control('DELETE', '/__mock/faults');
  }
});

test('a first status read unanswered for the request timeout is ended', { timeout: 30_000 }, async () => {
  await control('POST', '/__mock/tasks', { id: 'first-read-unanswered', pending_ms: 0, duration_ms: 600000 });
  await control('POST', '/__mock/faults', { route: 'status', kind: 'hang', times: 1 });
  try {
    const page = await browser.newPage();
    await page.clock.install();
    // The program never arrives (nor fails): only the loader's timer ends the read.
    await page.route('**/*.wasm', () => {});
    const ended = new Promise((resolve) => page.on('requestfailed', (request) => {
      if (request.url().includes('/api/task/status/first-read-unanswered')) resolve(request.failure()?.errorText);
    }));
    await page.goto(`${site.url}/?api=${encodeURIComponent(mock.url)}&task=first-read-unanswered`, { waitUntil: 'domcontentloaded' });
    await page.clock.runFor(10_000);
    assert.match(await ended, /abort/i);
    await page.close();
  } finally {
    await control('DELETE', '/__mock/faults');
  }
});

test('for ids that need escaping, the loader reads the very address the program reads, so the widget takes its read', { timeout: 60_000 }, async () => {
  // The loader's id encoding is JavaScript, the program's is task_api's
  // Rust: the widget takes the loader's read only when its own address is
  // the one the loader read, and leaves it in the page otherwise.
  for (const id of ['load a/b', 'load ü?#', "load (x)!*'", 'load %41+&=', 'load 😀']) {
    await control('POST', '/__mock/tasks', { id, pending_ms: 0, duration_ms: 600000 });
    const { page, errors } = await openWatched(`/?api=${encodeURIComponent(mock.url)}&task=${encodeURIComponent(id)}`);
    await page.locator('.qtc-badge', { hasText: 'RUNNING' }).waitFor();
    assert.equal(await page.evaluate(() => 'qmailFirstRead' in globalThis), false, `the read of ${id} was not taken`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('the Try It Out page runs under the same CSP', async () => {
  const { page, errors } = await openWatched(`/try-it-out?api=${encodeURIComponent(mock.url)}&task=nobody`);
  await page.getByRole('button', { name: 'Send cancel request' }).click();
  await page.locator('.qtc-status-code', { hasText: 'HTTP 404' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a built page names content-hashed files with their integrity, and a tampered one is refused', async () => {
  const { page } = await openWatched(`/?api=${encodeURIComponent(mock.url)}`);
  await page.locator('.qtc-app').waitFor();
  const named = await page.evaluate(() => [...document.querySelectorAll('link[href], script[src]')]
    .map((element) => ({ url: element.getAttribute('href') ?? element.getAttribute('src'), integrity: element.integrity })));
  // The stylesheet, the loader, and the glue of this page's program only
  // (preloaded by the loader with its integrity).
  assert.equal(named.length, 3, JSON.stringify(named));
  for (const { url, integrity } of named) {
    assert.match(url, /-[0-9a-f]{16}\.(js|css)$/, `${url} has no content hash`);
    assert.match(integrity, /^sha384-/, `${url} has no integrity`);
  }
  assert.ok(named.some(({ url }) => /qmail-task-app-[0-9a-f]+\.js$/.test(url)), JSON.stringify(named));
  assert.ok(!named.some(({ url }) => url.includes('qmail-try-it-out')), 'the widget page loads the Try It Out glue');
  // Its own program only, each file downloaded once.
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname).filter((path) => /\.(js|wasm)$/.test(path)));
  assert.deepEqual(fetched.map((path) => path.replace(/-[0-9a-f]{16}/, '')).sort(),
    ['/app-loader.js', '/qmail-task-app.js', '/qmail-task-app_bg.wasm'], JSON.stringify(fetched));
  await page.close();

  // One byte more in the widget page's glue, then in its wasm: the browser
  // refuses the file and the app does not start.
  for (const tampered of [/qmail-task-app-[0-9a-f]+\.js$/, /qmail-task-app-[0-9a-f]+_bg\.wasm$/]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route(tampered, async (route) => {
      const response = await route.fetch();
      const body = Buffer.concat([await response.body(), Buffer.from(' ')]);
      await route.fulfill({ response, body });
    });
    const refused = page.waitForEvent('console', (message) => /integrity/i.test(message.text()));
    await page.goto(`${site.url}/?api=${encodeURIComponent(mock.url)}`);
    await refused;
    assert.equal(await page.locator('.qtc-app').count(), 0, `the app started with a tampered ${tampered}`);
    await context.close();
  }
});
