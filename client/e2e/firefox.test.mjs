// The release build of the app (target/bundle, from scripts/bundle-size) in
// headless Firefox, driven over WebDriver by geckodriver (playwright-core
// cannot drive Debian's Firefox): each page finds its own program, preloads
// its glue with its integrity, and starts; the widget page cancels a task. And
// the embed (dist/widget, from scripts/build-widget): a page of widgets and a
// page of lists each load their own core and show their tasks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { control as mockControl, serveFiles, startMock } from './harness.mjs';

const GECKODRIVER_PORT = 18086;
const driverUrl = `http://127.0.0.1:${GECKODRIVER_PORT}`;

let mock;
let site;
let repo;
let geckodriver;
let session;

/** One WebDriver command; its `value`, or a thrown error naming the command. */
async function webdriver(method, path, body) {
  const response = await fetch(`${driverUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const { value } = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${value?.message ?? response.status}`);
  return value;
}

const run = (script, ...args) => webdriver('POST', `/session/${session}/execute/sync`, { script, args });

/** Waits (up to 10 s) until `script` returns something truthy, and returns it. */
async function until(script, what) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = await run(script);
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Firefox never showed ${what}; the page says: ${await run('return document.body.innerText')}`);
}

before(async () => {
  mock = await startMock(18087);
  site = await serveFiles('target/bundle', { appFallback: true });
  repo = await serveFiles('.');
  geckodriver = spawn(process.env.GECKODRIVER ?? 'geckodriver', ['--port', String(GECKODRIVER_PORT)], { stdio: 'ignore' });
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await webdriver('GET', '/status')).ready) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  ({ sessionId: session } = await webdriver('POST', '/session', {
    capabilities: { alwaysMatch: { 'moz:firefoxOptions': { args: ['-headless'] } } },
  }));
});

after(async () => {
  if (session) await webdriver('DELETE', `/session/${session}`).catch(() => {});
  geckodriver?.kill();
  site?.close();
  repo?.close();
  mock?.stop();
});

const control = (method, path, body) => mockControl(mock.url, method, path, body);
const open = (path) => webdriver('POST', `/session/${session}/url`, { url: `${site.url}${path}` });
const api = () => encodeURIComponent(mock.url);

/** The glue the page preloaded, with its integrity. */
const preloaded = () => run(`return [...document.querySelectorAll('link[rel=modulepreload]')]
  .map((link) => ({ file: link.href.split('/').pop(), integrity: link.integrity }))`);

test('in Firefox, the widget page starts from its own program and cancels a task', async () => {
  await control('POST', '/__mock/tasks',
    { id: 'firefox-task', pending_ms: 0, duration_ms: 600000, check_interval_ms: 1000, cleanup_ms: 0 });
  await open(`/?api=${api()}&task=firefox-task`);
  await until("return document.querySelector('.qtc-widget .qtc-badge')?.textContent.includes('RUNNING')", 'the task RUNNING');
  const glue = await preloaded();
  assert.equal(glue.length, 1, JSON.stringify(glue));
  assert.match(glue[0].file, /^qmail-task-app-[0-9a-f]{16}\.js$/);
  assert.match(glue[0].integrity, /^sha384-/);
  // Its wasm is downloaded once, by the loader's checked fetch.
  const wasm = await run(`return performance.getEntriesByType('resource')
    .map((entry) => entry.name.split('/').pop()).filter((file) => file.endsWith('.wasm'))`);
  assert.equal(wasm.length, 1, JSON.stringify(wasm));
  assert.match(wasm[0], /^qmail-task-app-[0-9a-f]{16}_bg\.wasm$/);

  await run("[...document.querySelectorAll('button')].find((b) => b.textContent === 'Cancel task').click()");
  await until("return [...document.querySelectorAll('button')].find((b) => b.textContent === 'Yes, cancel task')", 'the confirmation');
  await run("[...document.querySelectorAll('button')].find((b) => b.textContent === 'Yes, cancel task').click()");
  await until("return document.querySelector('.qtc-notice')?.textContent.includes('Cancelling')", 'Cancelling…');
  await control('POST', '/__mock/clock/advance', { ms: 1000 });
  await until("return document.querySelector('.qtc-notice')?.textContent.includes('Task cancelled')", 'Task cancelled');
});

test('in Firefox, the task list and Try It Out pages start from their own programs', async () => {
  await control('POST', '/__mock/tasks', { id: 'firefox-listed', pending_ms: 0, duration_ms: 600000 });
  for (const [path, program, shown] of [
    ['/tasks', 'qmail-task-list', 'Select all cancellable'],
    ['/try-it-out', 'qmail-try-it-out', 'Send cancel request'],
  ]) {
    await open(`${path}?api=${api()}`);
    await until(`return document.body.innerText.includes(${JSON.stringify(shown)})`, shown);
    const glue = await preloaded();
    assert.deepEqual(glue.map(({ file }) => file.replace(/-[0-9a-f]{16}\.js$/, '')), [program], path);
  }
});

/** The `.wasm` files the page downloaded, in order. */
const wasmFetched = () => run(`return performance.getEntriesByType('resource')
  .map((entry) => entry.name.split('/').pop()).filter((file) => file.endsWith('.wasm'))`);

/** The badge text in the shadow root of `host`. */
const badgeOf = (host) => `return document.querySelector(${JSON.stringify(host)})?.shadowRoot?.querySelector('.qtc-badge')?.textContent`;

test('in Firefox, the embed: a page of widgets loads the widget core, a page of lists or of both the full core', async () => {
  await control('POST', '/__mock/tasks', { id: 'firefox-embed', pending_ms: 0, duration_ms: 600000 });
  await webdriver('POST', `/session/${session}/url`,
    { url: `${repo.url}/examples/embed.html?api=${api()}&poll=50&task1=firefox-embed&task2=firefox-embed` });
  for (const host of ['#mounted', '#themed']) {
    await until(`${badgeOf(host)}?.includes('RUNNING')`, `${host} RUNNING`);
  }
  assert.deepEqual(await wasmFetched(), ['qmail-task-widget-core_bg.wasm']);

  await webdriver('POST', `/session/${session}/url`,
    { url: `${repo.url}/examples/task-list.html?api=${api()}&poll=50&ids=firefox-embed&mounted=firefox-embed` });
  for (const host of ['#element', '#mounted']) {
    await until(`${badgeOf(host)}?.includes('RUNNING')`, `${host} RUNNING`);
  }
  assert.deepEqual(await wasmFetched(), ['qmail-task-full-core_bg.wasm']);

  await webdriver('POST', `/session/${session}/url`,
    { url: `${repo.url}/examples/dashboard.html?api=${api()}&task=firefox-embed&ids=firefox-embed` });
  for (const host of ['#task', '#tasks']) {
    await until(`${badgeOf(host)}?.includes('RUNNING')`, `${host} RUNNING`);
  }
  assert.deepEqual(await wasmFetched(), ['qmail-task-full-core_bg.wasm']);
});
