// The embedding example (examples/embed.html) in headless Chromium, driven by
// playwright-core, against a mock server on a manual clock. Run by
// scripts/test after scripts/build-widget: `node --test client/e2e/`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { control as mockControl, launchChromium, openWatched, root, serveFiles, startMock } from './harness.mjs';

let mock;
let site;
let browser;
// Pages the tests write (openBare), next to a link to the built widget.
let bareDir;
let bareSite;
let bareCount = 0;

const control = (method, path, body) => mockControl(mock.url, method, path, body);

const running = (id) => control('POST', '/__mock/tasks',
  { id, pending_ms: 0, duration_ms: 600000, check_interval_ms: 1000, cleanup_ms: 500 });

async function statusReads(id) {
  const entries = await control('GET', `/__mock/requests?method=GET&path=/api/task/status/${id}`);
  return entries.length;
}

before(async () => {
  mock = await startMock(18092);
  site = await serveFiles('.');
  bareDir = await mkdtemp(join(tmpdir(), 'qmail-embed-'));
  await mkdir(join(bareDir, 'examples'));
  await symlink(join(root, 'dist'), join(bareDir, 'dist'));
  bareSite = await serveFiles(bareDir);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  site?.close();
  bareSite?.close();
  if (bareDir) await rm(bareDir, { recursive: true, force: true });
  mock?.stop();
});

async function openExample(tasks) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.requested = [];
  page.on('request', (request) => page.requested.push(new URL(request.url()).pathname));
  const query = new URLSearchParams({ api: mock.url, poll: '50', confirm: 'false', ...tasks });
  await page.goto(`${site.url}/examples/embed.html?${query}`);
  return { page, errors };
}

const badge = (page, host) => page.locator(`${host} .qtc-badge`);

/**
 * A page of a test's own, served from disk next to the built widget (a page
 * the test routes itself is no local address, and Chromium would refuse its
 * requests to the loopback mock), whose module runs `script` with `mount`,
 * `add(id, tag)` and `api` (the mock's address) in scope, before any core is
 * in. `page.requested` lists `request PATH` and `finished PATH` in order.
 */
async function openBare(script) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.requested = [];
  page.on('request', (request) => page.requested.push(`request ${new URL(request.url()).pathname}`));
  page.on('requestfinished', (request) => page.requested.push(`finished ${new URL(request.url()).pathname}`));
  const name = `bare-${++bareCount}.html`;
  await writeFile(join(bareDir, 'examples', name), `<!doctype html><html lang="en"><meta charset="utf-8"><title>bare</title><body><script type="module">
      import { mount } from '../dist/widget/qmail-task-widget.js';
      const api = ${JSON.stringify(mock.url)};
      const add = (id, tag = 'div') => Object.assign(document.body.appendChild(document.createElement(tag)), { id });
      // Every badge text shown, frame by frame, until a status is.
      window.seen = [];
      const watch = () => {
        const shown = document.getElementById('w')?.shadowRoot?.querySelector('.qtc-badge')?.textContent;
        if (shown) window.seen.push(shown);
        if (!shown || shown.includes('LOADING')) requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
      ${script}
    </script></body></html>`);
  await page.goto(`${bareSite.url}/examples/${name}`);
  return { page, errors };
}

test('both widgets render their task; Cancel in one reaches CANCELLED and fires events; the other is unaffected', async () => {
  await running('embed-a');
  await running('embed-b');
  await control('POST', '/__mock/tasks', { id: 'embed-done', pending_ms: 0, duration_ms: 0 });
  const { page, errors } = await openExample({ task1: 'embed-a', task2: 'embed-b', task3: 'embed-done' });
  await badge(page, '#mounted').filter({ hasText: 'RUNNING' }).waitFor();
  await badge(page, '#themed').filter({ hasText: 'RUNNING' }).waitFor();

  await page.locator('#mounted').getByRole('button', { name: 'Cancel task' }).click();
  await page.locator('#mounted .qtc-notice', { hasText: 'Cancelling…' }).waitFor();
  await control('POST', '/__mock/clock/advance', { ms: 1500 });
  await page.locator('#mounted .qtc-notice', { hasText: 'Task cancelled' }).waitFor();

  const log = await page.locator('#log').textContent();
  assert.match(log, /qmail-task-state from #mounted: embed-a is RUNNING/);
  assert.match(log, /qmail-task-state from #mounted: embed-a is CANCELLED/);
  assert.match(log, /qmail-task-cancelled from #mounted: embed-a is CANCELLED/);
  assert.match(log, /qmail-task-state from #themed: embed-b is RUNNING/);
  assert.doesNotMatch(log, /embed-b is CANCELLED/);

  assert.equal(await badge(page, '#themed').textContent(), 'State: RUNNING');
  const cancelsOfB = await control('GET', '/__mock/requests?method=POST&path=/api/task/cancel/embed-b');
  assert.equal(cancelsOfB.length, 0);

  // setTaskId: the mounted widget follows; a finished task fires qmail-task-finished.
  await page.locator('#change-task').click();
  await badge(page, '#mounted').filter({ hasText: 'COMPLETED' }).waitFor();
  assert.match(await page.locator('#log').textContent(), /qmail-task-finished from #mounted: embed-done is COMPLETED/);
  // A page of widgets downloads the widget's core, once, and not the list's.
  const cores = page.requested.filter((path) => path.includes('-core')).sort();
  assert.deepEqual(cores, ['/dist/widget/qmail-task-widget-core.js', '/dist/widget/qmail-task-widget-core_bg.wasm']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('destroy() removes the widget and stops its requests; removing the element does too', async () => {
  await running('embed-c');
  await running('embed-d');
  const { page } = await openExample({ task1: 'embed-c', task2: 'embed-d' });
  await badge(page, '#mounted').filter({ hasText: 'RUNNING' }).waitFor();
  await badge(page, '#themed').filter({ hasText: 'RUNNING' }).waitFor();

  await page.locator('#destroy').click();
  assert.equal(await page.locator('#mounted .qtc-widget').count(), 0);
  await page.evaluate(() => document.getElementById('themed').remove());
  const afterDestroy = [await statusReads('embed-c'), await statusReads('embed-d')];
  await page.waitForTimeout(500); // ten poll intervals of 50 ms
  assert.deepEqual([await statusReads('embed-c'), await statusReads('embed-d')], afterDestroy);
  await page.close();
});

test('host styles do not reach the widgets, widget styles do not reach the host, custom properties theme it', async () => {
  await running('embed-e');
  await running('embed-f');
  const { page } = await openExample({ task1: 'embed-e', task2: 'embed-f' });
  await badge(page, '#mounted').filter({ hasText: 'RUNNING' }).waitFor();
  await badge(page, '#themed').filter({ hasText: 'RUNNING' }).waitFor();

  const styles = await page.evaluate(() => {
    const inside = (host, selector) => document.querySelector(host).shadowRoot.querySelector(selector);
    const css = (element, property) => getComputedStyle(element).getPropertyValue(property);
    return {
      widgetButton: css(inside('#mounted', '.qtc-cancel-button'), 'background-color'),
      widgetMessageColour: css(inside('#mounted', '.qtc-message'), 'color'),
      widgetFont: css(inside('#mounted', '.qtc-widget'), 'font-family'),
      hostButton: css(document.getElementById('destroy'), 'background-color'),
      hostNote: css(document.querySelector('.host-note'), 'color'),
      pageStyleSheets: document.styleSheets.length,
      themedBadge: css(inside('#themed', '.qtc-badge'), 'color'),
      plainBadge: css(inside('#mounted', '.qtc-badge'), 'color'),
    };
  });
  assert.notEqual(styles.widgetButton, 'rgb(255, 105, 180)', 'host `button` rule reached the widget');
  assert.notEqual(styles.widgetMessageColour, 'rgb(0, 100, 0)', 'host `p` rule reached the widget');
  assert.doesNotMatch(styles.widgetFont, /Georgia/, 'host font reached the widget');
  assert.equal(styles.hostButton, 'rgb(255, 105, 180)');
  assert.equal(styles.hostNote, 'rgb(0, 100, 0)');
  assert.equal(styles.pageStyleSheets, 1, 'the widget added a stylesheet to the page');
  assert.equal(styles.themedBadge, 'rgb(107, 33, 168)', '--qtc-accent did not theme the widget');
  assert.equal(styles.plainBadge, 'rgb(37, 87, 214)');
  await page.close();
});

test('bad options are a clear JavaScript error, not a panic', async () => {
  const { page } = await openExample({ task1: 'embed-g', task2: 'embed-h' });
  await page.locator('#mounted .qtc-badge').waitFor();
  const messages = await page.evaluate(async () => {
    const { mount } = await import('../dist/widget/qmail-task-widget.js');
    const attempt = (options) => {
      try { mount(document.body.appendChild(document.createElement('div')), options); return 'no error'; }
      catch (error) { return String(error.message); }
    };
    return [
      attempt({ taskid: 'x' }),
      attempt({ taskId: 'x', pollIntervalMs: 'fast' }),
      attempt({ taskId: '' }),
      attempt({ taskId: 'x', maxAttempts: 0 }),
      attempt('x'),
      attempt({ taskId: 'x', requestTimeoutMs: 5 }),
      attempt({ taskId: 'x', apiBase: '', pollIntervalMs: 500, maxAttempts: 3, requestTimeoutMs: 2000, confirm: false }),
    ];
  });
  assert.match(messages[0], /invalid options: unknown option `taskid`/);
  assert.match(messages[1], /invalid options: .*pollIntervalMs|invalid type/);
  assert.match(messages[2], /taskId must not be empty/);
  assert.match(messages[3], /maxAttempts must be at least 1/);
  assert.match(messages[4], /options must be an object/);
  assert.match(messages[5], /requestTimeoutMs must be at least 100/);
  assert.equal(messages[6], 'no error', 'every documented option is accepted');
  await page.close();
});

test('request-timeout-ms on the element: an unanswered read is given up and explained', async () => {
  await running('embed-hang');
  const { page, errors } = await openExample({ task1: 'embed-other', task2: 'embed-x' });
  await page.locator('#mounted .qtc-badge').waitFor();
  await control('POST', '/__mock/faults', { route: 'status', kind: 'hang' });
  try {
    await page.evaluate((api) => {
      const element = document.createElement('qmail-task-cancel');
      element.id = 'slow';
      element.setAttribute('api-base', api);
      element.setAttribute('request-timeout-ms', '300');
      element.setAttribute('task-id', 'embed-hang');
      document.body.appendChild(element);
    }, mock.url);
    await page.locator('#slow .qtc-notice', { hasText: 'The server did not answer within 0.3 s' }).waitFor();
    assert.equal(await badge(page, '#slow').textContent(), 'State: LOADING');
  } finally {
    await control('DELETE', '/__mock/faults');
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a host whose CSP has no unsafe-inline anywhere (examples/strict-host.html), the widget is fully styled and causes no violation', async () => {
  await running('embed-strict');
  const { page, errors } = await openWatched(browser,
    `${site.url}/examples/strict-host.html?${new URLSearchParams({ api: mock.url, task: 'embed-strict' })}`);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.doesNotMatch(policy, /unsafe-inline/);
  assert.match(policy, /style-src 'self'/);
  await page.locator('#task .qtc-badge', { hasText: 'RUNNING' }).waitFor();
  const styled = await page.evaluate(() => {
    const shadow = document.getElementById('task').shadowRoot;
    const css = (selector, property) => getComputedStyle(shadow.querySelector(selector)).getPropertyValue(property);
    return {
      button: css('.qtc-cancel-button', 'background-color'),
      badgeBorder: css('.qtc-badge', 'border-top-style'),
      styleElements: shadow.querySelectorAll('style').length,
      adopted: shadow.adoptedStyleSheets.length,
    };
  });
  assert.equal(styled.button, 'rgb(180, 35, 24)', 'the Cancel button is unstyled');
  assert.equal(styled.badgeBorder, 'solid');
  assert.equal(styled.styleElements, 0, 'a <style> element, which this policy refuses');
  assert.equal(styled.adopted, 1);
  await page.locator('#task').getByRole('button', { name: 'Cancel task' }).click();
  await page.locator('#task .qtc-notice', { hasText: 'Cancelling…' }).waitFor();
  await control('POST', '/__mock/clock/advance', { ms: 1500 });
  await page.locator('#task .qtc-notice', { hasText: 'Task cancelled' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  // destroy() takes its stylesheet away again.
  assert.equal(await page.evaluate(() => {
    window.widget.destroy();
    return document.getElementById('task').shadowRoot.adoptedStyleSheets.length;
  }), 0);
  await page.close();
});

test('loaded twice: the same version is a warning, another version a clear error naming both', async () => {
  const { page, errors } = await openExample({ task1: 'embed-twice-a', task2: 'embed-twice-b' });
  await page.locator('#mounted .qtc-badge').waitFor();
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const outcomes = await page.evaluate(async () => {
    const first = await import('../dist/widget/qmail-task-widget.js');
    // Another URL is another module instance: a second bundle's copy.
    const again = await import('../dist/widget/qmail-task-widget.js?copy=2').then(() => 'loaded', (e) => String(e));
    // A page whose tag already belongs to another version.
    const other = await new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.src = 'about:blank';
      frame.onload = async () => {
        const win = frame.contentWindow;
        win.customElements.define('qmail-task-cancel', class extends win.HTMLElement { static version = '0.0.1'; });
        const script = win.document.createElement('script');
        script.type = 'module';
        win.__result = new Promise((done) => { win.__done = done; });
        script.textContent = `import('${new URL('../dist/widget/qmail-task-widget.js?copy=3', location.href)}').then(() => __done('loaded'), (e) => __done(String(e)))`;
        win.document.body.appendChild(script);
        resolve(await win.__result);
      };
      document.body.appendChild(frame);
    });
    return { version: first.VERSION, again, other };
  });
  assert.match(outcomes.version, /^\d+\.\d+\.\d+$/);
  assert.equal(outcomes.again, 'loaded', 'the same version twice threw');
  assert.ok(warnings.some((w) => w.includes('loaded twice')), `no warning: ${warnings}`);
  assert.match(outcomes.other, new RegExp(`qmail-task-widget ${outcomes.version.replaceAll('.', '\\.')}: .*already defined by version 0\\.0\\.1`));
  assert.deepEqual(errors, []);
  await page.close();
});

test('mounted before its core is in, a widget reads its status meanwhile: the first render shows it, after one read', async () => {
  await running('ahead-a');
  await running('ahead-b');
  const { page, errors } = await openBare(`
    window.widget = mount(add('w'), { taskId: 'ahead-a', apiBase: api, pollIntervalMs: 600000 });
    // An element with its attributes before the core is in reads ahead too.
    const element = add('e', 'qmail-task-cancel');
    element.setAttribute('api-base', api);
    element.setAttribute('poll-interval-ms', '600000');
    element.setAttribute('task-id', 'ahead-b');
  `);
  await badge(page, '#w').filter({ hasText: 'RUNNING' }).waitFor();
  await badge(page, '#e').filter({ hasText: 'RUNNING' }).waitFor();
  assert.equal(await statusReads('ahead-a'), 1, 'the widget read a second time');
  assert.equal(await statusReads('ahead-b'), 1, 'the element read a second time');
  const seen = await page.evaluate(() => window.seen);
  assert.ok(!seen.some((shown) => shown.includes('LOADING')), `badges shown: ${seen}`);
  // The read left while the core was still downloading.
  const read = page.requested.indexOf('request /api/task/status/ahead-a');
  const core = page.requested.indexOf('finished /dist/widget/qmail-task-widget-core_bg.wasm');
  assert.ok(read >= 0 && core >= 0 && read < core, page.requested.join('\n'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a read ahead not answered once the core is in: the widget shows LOADING, reads for itself, and shows the status', async () => {
  await running('ahead-slow');
  await control('POST', '/__mock/faults', { route: 'status', kind: 'hang', times: 1 });
  try {
    const { page, errors } = await openBare(`
      window.widget = mount(add('w'), { taskId: 'ahead-slow', apiBase: api, pollIntervalMs: 600000 });
    `);
    await badge(page, '#w').filter({ hasText: 'RUNNING' }).waitFor();
    // The unanswered read spent the rule (a hang is not journaled); then the widget's own.
    assert.deepEqual(await control('GET', '/__mock/faults'), []);
    assert.equal(await statusReads('ahead-slow'), 1);
    assert.ok((await page.evaluate(() => window.seen)).some((shown) => shown.includes('LOADING')));
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await control('DELETE', '/__mock/faults');
  }
});

test('before its core is in, mount() keeps setTaskId() and destroy(), and bad options are an event on the element', async () => {
  await running('ahead-new');
  await running('ahead-kept');
  const { page, errors } = await openBare(`
    const outcome = (attempt) => { try { attempt(); return 'no error'; } catch (error) { return String(error.message); } };
    window.events = [];
    const bad = add('bad');
    bad.addEventListener('qmail-task-error', (event) => window.events.push(event.detail));
    window.outcomes = { bad: outcome(() => mount(bad, { taskId: 'x', apiBase: api, pollIntervalMs: 1 })) };
    window.outcomes.notElement = outcome(() => mount('#w', { taskId: 'x' }));
    const moved = mount(add('w'), { taskId: 'ahead-old', apiBase: api, pollIntervalMs: 600000 });
    moved.setTaskId('ahead-new');
    // The page changing its options object afterwards changes nothing.
    const options = { taskId: 'ahead-kept', apiBase: api, pollIntervalMs: 600000 };
    mount(add('kept'), options);
    options.taskId = 'ahead-elsewhere';
    window.outcomes.blank = outcome(() => moved.setTaskId(' '));
    const gone = mount(add('gone'), { taskId: 'ahead-gone', apiBase: api });
    gone.destroy();
    window.outcomes.afterDestroy = outcome(() => gone.setTaskId('x'));
  `);
  await badge(page, '#w').filter({ hasText: 'RUNNING' }).waitFor();
  assert.match(await page.locator('#w .qtc-id').textContent(), /ahead-new/);
  await badge(page, '#kept').filter({ hasText: 'RUNNING' }).waitFor();
  assert.equal(await page.locator('#kept .qtc-id').textContent(), 'ahead-kept');
  await page.waitForFunction(() => window.events.length > 0);
  const { outcomes, events } = await page.evaluate(() => ({ outcomes: window.outcomes, events: window.events }));
  assert.equal(outcomes.bad, 'no error');
  assert.match(events[0], /pollIntervalMs must be at least 10/);
  assert.match(outcomes.notElement, /mount\(\) needs a DOM element/);
  assert.match(outcomes.blank, /taskId must not be empty/);
  assert.match(outcomes.afterDestroy, /this widget was destroyed/);
  assert.equal(await page.locator('#gone .qtc-widget').count(), 0, 'a widget destroyed while loading was mounted');
  assert.equal(await statusReads('ahead-new'), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('<qmail-task-cancel> with an empty, blank or not well-formed task-id is a qmail-task-error event, never silence or an uncaught error', { timeout: 30_000 }, async () => {
  await running('edge-live');
  const { page, errors } = await openBare(`
    window.events = {};
    const element = (id, taskId) => {
      const widget = document.createElement('qmail-task-cancel');
      widget.id = id;
      widget.setAttribute('api-base', api);
      widget.addEventListener('qmail-task-error', (event) => { window.events[id] = event.detail; });
      widget.setAttribute('task-id', taskId);
      return document.body.appendChild(widget);
    };
    element('empty', '');
    element('blank', ' ');
    element('surrogate', 'a\\uD800b');
    element('live', 'edge-live');
  `);
  await page.waitForFunction(() => Object.keys(window.events).length === 3);
  await page.locator('#live .qtc-badge').filter({ hasText: 'RUNNING' }).waitFor();
  // A live widget's task-id changed to one it refuses is an event too.
  await page.evaluate(() => document.getElementById('live').setAttribute('task-id', ' '));
  await page.waitForFunction(() => 'live' in window.events);
  const events = await page.evaluate(() => window.events);
  assert.match(events.empty, /taskId must not be empty/);
  assert.match(events.blank, /taskId must not be empty/);
  assert.match(events.surrogate, /taskId is not well-formed text/);
  assert.match(events.live, /taskId must not be empty/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('for ids that need escaping, the module reads ahead the very address the core reads: one status read each', { timeout: 60_000 }, async () => {
  // The module's id encoding is JavaScript, the core's is task_api's Rust: an
  // answer read from any other address is left out and the widget reads
  // again, so one read per widget says the two agree.
  const ids = ['esc a/b', 'esc ü?#', "esc (x)!*'", 'esc %41+&=', 'esc 😀'];
  await control('DELETE', '/__mock/requests');
  for (const id of ids) await running(id);
  const { page, errors } = await openBare(`
    ${JSON.stringify(ids)}.forEach((id, n) => mount(add('w' + n), { taskId: id, apiBase: api, pollIntervalMs: 600000 }));
  `);
  for (let n = 0; n < ids.length; n += 1) {
    await page.locator(`#w${n} .qtc-badge`).filter({ hasText: 'RUNNING' }).waitFor();
  }
  const reads = (await control('GET', '/__mock/requests?method=GET'))
    .map((entry) => decodeURIComponent(entry.path))
    .filter((path) => path.startsWith('/api/task/status/esc '));
  for (const id of ids) {
    assert.equal(reads.filter((path) => path === `/api/task/status/${id}`).length, 1, `reads of ${id}: ${JSON.stringify(reads)}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});
