// The task list for hosts (examples/task-list.html): <qmail-task-list> and
// mountList() in headless Chromium against a mock server on a manual clock,
// with their events; bad options are clear errors. Run by scripts/test after
// scripts/build-widget: `node --test client/e2e/`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { control as mockControl, launchChromium, serveFiles, startMock } from './harness.mjs';

let mock;
let site;
let browser;

const control = (method, path, body) => mockControl(mock.url, method, path, body);

before(async () => {
  mock = await startMock(18095);
  site = await serveFiles('.');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  site?.close();
  mock?.stop();
});

/** An example page with `query` (and the mock as its API), recording the paths it requests. */
async function openPage(example, query) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.requested = [];
  page.on('request', (request) => page.requested.push(new URL(request.url()).pathname));
  await page.goto(`${site.url}/examples/${example}?${new URLSearchParams({ api: mock.url, ...query })}`);
  return { page, errors };
}

const openExample = (query) => openPage('task-list.html', { poll: '50', ...query });

test('<qmail-task-list>: select all cancellable, confirm once, every task followed to its outcome, events heard', async () => {
  for (const id of ['el-a', 'el-b']) {
    await control('POST', '/__mock/tasks', { id, pending_ms: 0, duration_ms: 600000, check_interval_ms: 1000, cleanup_ms: 0 });
  }
  await control('POST', '/__mock/tasks', { id: 'el-done', pending_ms: 0, duration_ms: 0 });
  const { page, errors } = await openExample({ ids: 'el-a el-b,el-done' });
  const list = page.locator('#element');
  await list.getByText('Select all cancellable (2)').waitFor();
  assert.equal(await list.locator('tbody tr').count(), 3);
  assert.ok(await list.getByRole('checkbox', { name: 'Select task el-done' }).isDisabled(), 'a finished task cannot be selected');

  await list.getByRole('checkbox', { name: /Select all cancellable/ }).check();
  await list.getByRole('button', { name: 'Cancel 2 tasks' }).click();
  await list.getByText('Cancel 2 tasks?').waitFor();
  await list.getByRole('button', { name: 'Yes, cancel 2 tasks' }).click();
  await list.getByText('0 of 2 done; 2 in progress').waitFor();
  await control('POST', '/__mock/clock/advance', { ms: 1000 });
  await list.getByText('2 of 2 done: 2 cancelled').waitFor();

  const log = await page.locator('#log').textContent();
  assert.match(log, /progress from #element: \{"total":2,"cancelled":0,.*"inProgress":2/);
  assert.match(log, /done from #element: el-a=cancelled el-b=cancelled/);
  const posts = await control('GET', '/__mock/requests?method=POST');
  const cancels = posts.map((e) => e.path).filter((path) => path.startsWith('/api/')).sort();
  assert.deepEqual(cancels, ['/api/task/cancel/el-a', '/api/task/cancel/el-b'], 'one cancel each, none for el-done');
  assert.deepEqual(errors, []);
  await page.close();
});

test('mountList(): renders its tasks, setTaskIds() follows, and bad options are named', async () => {
  await control('POST', '/__mock/tasks', { id: 'ml-a', pending_ms: 600000 });
  await control('POST', '/__mock/tasks', { id: 'ml-b', pending_ms: 0, duration_ms: 0, outcome: 'FAILED' });
  const { page, errors } = await openExample({ ids: '', mounted: 'ml-a' });
  const list = page.locator('#mounted');
  await list.locator('.qtc-badge', { hasText: 'PENDING' }).waitFor();
  await page.evaluate(() => window.mountedList.setTaskIds(['ml-b']));
  await list.locator('.qtc-badge', { hasText: 'FAILED' }).waitFor();
  assert.equal(await list.locator('tbody tr').count(), 1);

  const refused = await page.evaluate(async () => {
    const { mountList } = await import('../dist/widget/qmail-task-widget.js');
    const attempts = [
      ['div', { taskIds: 'a b' }],
      ['div', { taskIds: ['a'], maxInFlight: 0 }],
      ['div', { taskId: 'a' }],
      ['input', { taskIds: ['a'] }],
    ];
    const refused = attempts.map(([tag, options]) => {
      try {
        mountList(document.createElement(tag), options);
        return 'mounted';
      } catch (error) {
        return error.message;
      }
    });
    window.mountedList.destroy();
    try {
      window.mountedList.setTaskIds(['ml-a']);
      refused.push('set after destroy');
    } catch (error) {
      refused.push(error.message);
    }
    return refused;
  });
  assert.deepEqual(refused, [
    'qmail-task-list: invalid options: taskIds must be an array of strings',
    'qmail-task-list: invalid options: maxInFlight must be at least 1',
    'qmail-task-list: invalid options: unknown option `taskId`; the options are taskIds, apiBase, pollIntervalMs, maxAttempts, requestTimeoutMs, maxInFlight, lang',
    'qmail-task-list: cannot mount into <input>: it cannot hold a shadow root (use a <div> or <section>)',
    'qmail-task-list: this list was destroyed',
  ]);
  // A page of lists (init({ parts: ['list'] }) and the element) downloads the
  // full core, once: nothing of the widget's own core, and no second copy.
  const cores = page.requested.filter((path) => path.includes('-core')).sort();
  assert.deepEqual(cores, ['/dist/widget/qmail-task-full-core.js', '/dist/widget/qmail-task-full-core_bg.wasm']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('mountList() straight after init(): bad options throw at once, the full core loads on first use, and setTaskIds() and destroy() before it has loaded are kept', async () => {
  await control('POST', '/__mock/tasks', { id: 'lazy-a', pending_ms: 600000 });
  await control('POST', '/__mock/tasks', { id: 'lazy-b', pending_ms: 0, duration_ms: 0, outcome: 'FAILED' });
  // The example with nothing mounted: no list, and no core loaded yet.
  const { page, errors } = await openExample({ ids: '' });
  const answers = await page.evaluate(async (apiBase) => {
    document.body.append(...['kept', 'dropped'].map((id) => Object.assign(document.createElement('div'), { id })));
    const { default: init, mountList } = await import('/dist/widget/qmail-task-widget.js');
    await init();
    const answers = [];
    try {
      mountList(document.getElementById('kept'), { taskIds: ['lazy-a'], maxAttempts: 0 });
    } catch (error) {
      answers.push(error.message);
    }
    const kept = mountList(document.getElementById('kept'), { taskIds: ['lazy-a'], apiBase, pollIntervalMs: 50 });
    kept.setTaskIds(['lazy-b']);
    try {
      kept.setTaskIds('lazy-a');
    } catch (error) {
      answers.push(error.message);
    }
    const dropped = mountList(document.getElementById('dropped'), { taskIds: ['lazy-a'], apiBase });
    dropped.destroy();
    try {
      dropped.setTaskIds(['lazy-a']);
    } catch (error) {
      answers.push(error.message);
    }
    return answers;
  }, mock.url);
  assert.deepEqual(answers, [
    'qmail-task-list: invalid options: maxAttempts must be at least 1',
    'qmail-task-list: setTaskIds() needs an array of strings',
    'qmail-task-list: this list was destroyed',
  ]);
  await page.locator('#kept .qtc-badge', { hasText: 'FAILED' }).waitFor();
  assert.equal(await page.locator('#kept tbody tr').count(), 1, 'the last ids set before the core loaded');
  assert.equal(await page.locator('#dropped .qtc-badge').count(), 0, 'destroyed before it mounted');
  const reads = await control('GET', '/__mock/requests?method=GET&path=/api/task/status/lazy-a');
  assert.equal(reads.length, 0, 'no list read lazy-a');
  assert.deepEqual(page.requested.filter((path) => path.endsWith('.wasm')),
    ['/dist/widget/qmail-task-widget-core_bg.wasm', '/dist/widget/qmail-task-full-core_bg.wasm']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('mountList() refuses bad options in the same words before the list\'s core has loaded (the module checks them) and after (the core does)', async () => {
  const { page, errors } = await openExample({ ids: '' });
  const { before, after } = await page.evaluate(async () => {
    const { default: init, mountList } = await import('/dist/widget/qmail-task-widget.js');
    const cases = [
      null, 'a', () => {}, [], Object.create(null), {}, { taskId: 'a' }, { taskIds: 'a' }, { taskIds: [1] },
      { taskIds: ['a\uD800'] }, { taskIds: ['a'], pollIntervalMs: 1.5 }, { taskIds: ['a'], pollIntervalMs: 5 },
      { taskIds: ['a'], requestTimeoutMs: 50 }, { taskIds: ['a'], maxAttempts: 0 }, { taskIds: ['a'], maxInFlight: -1 },
      { taskIds: ['a'], maxInFlight: 0 }, { taskIds: ['a'], pollIntervalMs: 1, maxInFlight: 'x' },
      { taskIds: ['a'], apiBase: 5 }, { taskIds: ['a'], apiBase: 'x\uDC00' }, { taskIds: ['a'], lang: 'en', apiBase: [] },
    ];
    const refusals = () => cases.map((options) => {
      try {
        mountList(document.createElement('div'), options).destroy();
        return 'mounted';
      } catch (error) {
        return error.message;
      }
    });
    await init();
    const before = refusals();
    await init({ parts: ['list'] });
    return { before, after: refusals() };
  });
  assert.deepEqual(before, after);
  assert.ok(before.every((said) => said.startsWith('qmail-task-list: invalid options: ')), before.join('\n'));
  assert.equal(new Set(before).size, 13, before.join('\n'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a full core that cannot load is a qmail-task-error event, and the next mountList() tries again', async () => {
  await control('POST', '/__mock/tasks', { id: 'retry-a', pending_ms: 600000 });
  const { page, errors } = await openExample({ ids: '' });
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.route('**/qmail-task-full-core_bg.wasm', (route) => route.fulfill({ status: 503, body: 'down' }));
  const heard = await page.evaluate(async (apiBase) => {
    const { default: init, mountList } = await import('../dist/widget/qmail-task-widget.js');
    await init();
    const host = Object.assign(document.createElement('div'), { id: 'failing' });
    document.body.append(host);
    const error = new Promise((resolve) => host.addEventListener('qmail-task-error', (event) => resolve(event.detail)));
    mountList(host, { taskIds: ['retry-a'], apiBase });
    return error;
  }, mock.url);
  assert.match(heard, /503 .*qmail-task-full-core_bg\.wasm/, heard);

  await page.unroute('**/qmail-task-full-core_bg.wasm');
  await page.evaluate(async (apiBase) => {
    const { mountList } = await import('../dist/widget/qmail-task-widget.js');
    const host = Object.assign(document.createElement('div'), { id: 'retried' });
    document.body.append(host);
    mountList(host, { taskIds: ['retry-a'], apiBase, pollIntervalMs: 50 });
  }, mock.url);
  await page.locator('#retried .qtc-badge', { hasText: 'PENDING' }).waitFor();
  assert.ok(errors.length > 0, 'the failed load was reported on the console');
  assert.deepEqual(errors.filter((error) => !/503/.test(error)), [], 'only the failed load was an error');
  await page.close();
});

/** examples/dashboard.html: a widget and a list as elements. */
const openDashboard = (query) => openPage('dashboard.html', query);

const FULL_CORE = ['/dist/widget/qmail-task-full-core.js', '/dist/widget/qmail-task-full-core_bg.wasm'];

/**
 * After the `inits` calls of init(), mounts a widget of `taskId` and a list
 * of `taskIds` (both RUNNING), then checks that the page downloaded the full
 * core and no other.
 */
async function mountBothFromFullCore({ page, errors }, inits, taskId, taskIds) {
  await page.evaluate(async ({ apiBase, inits, taskId, taskIds }) => {
    const { default: init, mount, mountList } = await import('/dist/widget/qmail-task-widget.js');
    for (const options of inits) await init(options);
    const hosts = ['one', 'many'].map((id) => Object.assign(document.createElement('div'), { id }));
    document.body.append(...hosts);
    mount(hosts[0], { taskId, apiBase });
    mountList(hosts[1], { taskIds, apiBase });
  }, { apiBase: mock.url, inits, taskId, taskIds });
  await page.locator('#one .qtc-badge', { hasText: 'RUNNING' }).waitFor();
  await page.locator('#many .qtc-badge', { hasText: 'RUNNING' }).waitFor();
  assert.deepEqual(page.requested.filter((path) => path.includes('-core')).sort(), FULL_CORE);
  assert.deepEqual(errors, []);
  await page.close();
}

test('a page that shows a widget and a list downloads the full core alone, and mount() and mountList() use it', async () => {
  await control('POST', '/__mock/tasks', { id: 'both-w', pending_ms: 0, duration_ms: 600000 });
  await control('POST', '/__mock/tasks', { id: 'both-l', pending_ms: 600000 });
  const opened = await openDashboard({ task: 'both-w', ids: 'both-l' });
  await opened.page.locator('#task .qtc-badge', { hasText: 'RUNNING' }).waitFor();
  await opened.page.locator('#tasks .qtc-badge', { hasText: 'PENDING' }).waitFor();
  await mountBothFromFullCore(opened, [{ parts: ['widget', 'list'] }], 'both-w', ['both-w']);
});

test("init({ parts: ['widget', 'list'] }) loads the full core alone; init() after it loads nothing more", async () => {
  await control('POST', '/__mock/tasks', { id: 'both-init', pending_ms: 0, duration_ms: 600000 });
  const opened = await openDashboard({ task: '', ids: '' });
  await mountBothFromFullCore(opened, [{ parts: ['widget', 'list'] }, {}, { parts: ['list'] }], 'both-init', ['both-init']);
});

test("init({ listWasmUrl }) is refused with the option that replaced it, and loads nothing", async () => {
  const { page, errors } = await openDashboard({ task: '', ids: '' });
  const refused = await page.evaluate(async () => {
    const { default: init } = await import('/dist/widget/qmail-task-widget.js');
    return init({ parts: ['list'], listWasmUrl: '/dist/widget/qmail-task-list-core_bg.wasm' }).then(
      () => 'loaded',
      (error) => `${error.name}: ${error.message}`,
    );
  });
  assert.equal(refused,
    'TypeError: qmail-task-widget: init() no longer takes listWasmUrl: the list is in the full core, so name that file as fullWasmUrl');
  assert.deepEqual(page.requested.filter((path) => path.includes('-core')), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a page with a list in its HTML that calls init() at once downloads the full core alone', async () => {
  const page = await browser.newPage();
  page.requested = [];
  page.on('request', (request) => page.requested.push(new URL(request.url()).pathname));
  // Served from the same origin as the module: the list element is upgraded
  // while the module runs, before the page's own init() (parts default to the
  // widget's) is called. (A fulfilled page counts as public to Chromium's
  // local network access, so the list's reads are refused: only the cores
  // matter here.)
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>list</title></head><body>
<qmail-task-list task-ids="html-list" api-base="${mock.url}"></qmail-task-list>
<script type="module">
import init from '/dist/widget/qmail-task-widget.js';
init();
</script></body></html>`;
  await page.route(`${site.url}/examples/inline-list.html`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await page.goto(`${site.url}/examples/inline-list.html`);
  await page.waitForFunction(() => document.querySelector('qmail-task-list')?.shadowRoot?.querySelector('.qtc-list'));
  const cores = page.requested.filter((path) => path.includes('-core')).sort();
  assert.deepEqual(cores, ['/dist/widget/qmail-task-full-core.js', '/dist/widget/qmail-task-full-core_bg.wasm']);
  await page.close();
});
