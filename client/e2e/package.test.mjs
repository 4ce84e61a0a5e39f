// The widget as an npm package (dist/qmail-task-widget-*.tgz, from
// scripts/build-widget): its contents and its custom-elements.json, and a
// consumer project outside the crate tree that installs the tarball (offline)
// and type-checks every API with tsc, its React JSX types included, where
// misuse must fail to compile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { control, launchChromium, openWatched, root, serveFiles, startMock } from './harness.mjs';

const tsc = join(root, '.tools/node_modules/.bin/tsc');
let tarball;
let consumer;

before(() => {
  const name = readdirSync(join(root, 'dist')).find((file) => /^qmail-task-widget-.*\.tgz$/.test(file));
  assert.ok(name, 'no tarball in dist/: run scripts/build-widget');
  tarball = join(root, 'dist', name);
  consumer = mkdtempSync(join(tmpdir(), 'qmail-widget-consumer-'));
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler',
      lib: ['es2022', 'dom'], types: [], skipLibCheck: false, jsx: 'react-jsx',
    },
  }));
  // React's types come from the npm cache scripts/setup filled.
  const reactTypes = JSON.parse(readFileSync(join(root, '.tools/node_modules/@types/react/package.json'), 'utf8')).version;
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', tarball, `@types/react@${reactTypes}`],
    { cwd: consumer });
});

after(() => consumer && rmSync(consumer, { recursive: true, force: true }));

function typeCheck(file, source) {
  writeFileSync(join(consumer, file), source);
  const run = spawnSync(tsc, ['--project', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

test('the tarball holds exactly the package files, with a package.json that bundlers read', () => {
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
  const languages = ['ar', 'de', 'es', 'fr', 'ja'].flatMap((lang) => [`package/lang/${lang}.d.ts`, `package/lang/${lang}.js`]);
  assert.deepEqual(listing, [
    'package/README.md', 'package/custom-elements.json', ...languages, 'package/lang/en.json', 'package/package.json',
    'package/qmail-task-full-core.js', 'package/qmail-task-full-core_bg.wasm',
    'package/qmail-task-intl-core.js', 'package/qmail-task-intl-core_bg.wasm', 'package/qmail-task-languages.js',
    'package/qmail-task-widget-core.js', 'package/qmail-task-widget-core_bg.wasm',
    'package/qmail-task-widget-react.d.ts', 'package/qmail-task-widget.d.ts', 'package/qmail-task-widget.js',
  ].sort());
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  assert.equal(manifest.name, '@qmail/task-widget');
  assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.exports['.'].types, './qmail-task-widget.d.ts');
  assert.equal(manifest.exports['./qmail-task-widget-core_bg.wasm'], './qmail-task-widget-core_bg.wasm');
  assert.equal(manifest.exports['./qmail-task-list-core_bg.wasm'], undefined);
  assert.equal(manifest.exports['./qmail-task-full-core_bg.wasm'], './qmail-task-full-core_bg.wasm');
  assert.equal(manifest.exports['./qmail-task-intl-core_bg.wasm'], './qmail-task-intl-core_bg.wasm');
  assert.deepEqual(manifest.exports['./lang/*.js'], { types: './lang/*.d.ts', default: './lang/*.js' });
  assert.deepEqual(manifest.sideEffects, ['./qmail-task-widget.js']);
  assert.equal(manifest.customElements, 'custom-elements.json');
  assert.equal(manifest.exports['./react'].types, './qmail-task-widget-react.d.ts');
});

test('custom-elements.json lists exactly the attributes, events, CSS properties and parts the elements have', () => {
  const read = (path) => readFileSync(join(root, path), 'utf8');
  const elements = JSON.parse(read('client/embed/custom-elements.json')).modules[0].declarations
    .filter((d) => d.customElement);
  const module = read('client/embed/qmail-task-widget.js');
  const attributesOf = (name) => [...module.match(new RegExp(`class ${name} extends \\w+ \\{\\s*static attributes = \\{([^}]*)\\}`))[1]
    .matchAll(/'([a-z-]+)': '([A-Za-z]+)'/g)].map(([, attribute, field]) => `${attribute}=${field}`);
  // `theme` is read by the stylesheet, not passed to the core as an option.
  assert.match(read('client/style.css'), /:host\(\[theme=dark\]\)/);
  const expected = {
    'qmail-task-cancel': [...attributesOf('QmailTaskCancel'), 'theme'],
    'qmail-task-list': [...attributesOf('QmailTaskList'), 'theme'],
  };
  // The parts each element's markup names (the list shows the widget's badge).
  const partsIn = (...files) => [...new Set(files.flatMap((file) =>
    [...read(`client/src/${file}`).matchAll(/part="([a-z-]+)"/g)].map((m) => m[1])))].sort();
  const parts = {
    'qmail-task-cancel': partsIn('widget/state_badge.rs', 'widget/task_details.rs', 'widget/cancel_panel.rs', 'widget/task_cancel.rs'),
    'qmail-task-list': partsIn('widget/state_badge.rs', 'list/task_list.rs'),
  };
  const types = read('client/embed/qmail-task-widget.d.ts');
  const events = [...types.match(/interface QmailTaskEventMap \{([^}]*)\}/)[1].matchAll(/'(qmail-[a-z-]+)'/g)].map((m) => m[1]);
  const properties = [...new Set([...read('client/style.css').matchAll(/var\((--qtc-[a-z]+)/g)].map((m) => m[1]))].sort();
  assert.deepEqual(elements.map((e) => e.tagName), ['qmail-task-cancel', 'qmail-task-list']);
  for (const element of elements) {
    assert.deepEqual(element.attributes.map((a) => (a.fieldName ? `${a.name}=${a.fieldName}` : a.name)), expected[element.tagName], element.tagName);
    assert.deepEqual(element.cssParts.map((p) => p.name).sort(), parts[element.tagName], element.tagName);
    assert.deepEqual(element.cssProperties.map((p) => p.name).sort(), properties, element.tagName);
    for (const event of element.events) assert.ok(events.includes(event.name), `${event.name} is not in QmailTaskEventMap`);
  }
  const listed = elements.flatMap((e) => e.events.map((event) => event.name));
  assert.deepEqual([...new Set(listed)].sort(), [...events].sort(), 'every event of the map is listed');
});

test('React 19: the JSX types accept both elements and refuse misuse', () => {
  const { ok, output } = typeCheck('consumer.tsx', `
import type {} from '@qmail/task-widget/react';
import type { BulkDone, TaskStatus } from '@qmail/task-widget';

export function Page({ ids }: { ids: string[] }) {
  return (
    <>
      <qmail-task-cancel task-id="a7f8c9d1" api-base="http://localhost:8080" confirm={false}
        poll-interval-ms={1000} onqmail-task-cancelled={(event) => { const s: TaskStatus = event.detail; console.log(s.state); }} />
      <qmail-task-list task-ids={ids.join(' ')} max-in-flight={4}
        onqmail-tasks-done={(event) => { const d: BulkDone = event.detail; console.log(d.tasks.length); }} />
      {/* @ts-expect-error task-id is required */}
      <qmail-task-cancel api-base="" />
      {/* @ts-expect-error the list takes task-ids, not task-id */}
      <qmail-task-list task-id="a" />
      <qmail-task-list task-ids="a"
        // @ts-expect-error the done detail is not a status object
        onqmail-tasks-done={(event) => { const s: TaskStatus = event.detail; console.log(s); }} />
    </>
  );
}
`);
  assert.ok(ok, output);
});

test('a TypeScript consumer type-checks every API, and each deliberate misuse is refused', () => {
  // Every @ts-expect-error line must really be an error, or tsc fails the file.
  const { ok, output } = typeCheck('consumer.ts', `
import init, { mount, mountList, registerLanguage, VERSION, QmailTaskCancel, QmailTaskList } from '@qmail/task-widget';
import type { Messages, MessageKey } from '@qmail/task-widget';
import de from '@qmail/task-widget/lang/de.js';
const key: MessageKey = 'cancelTask';
console.log(key);
import type { MountOptions, TaskStatus, WidgetHandle, QmailTaskEventMap } from '@qmail/task-widget';
import type { ListOptions, ListHandle, BulkCounts, BulkDone, BulkOutcome } from '@qmail/task-widget';

await init();
await init({ wasmUrl: new URL('./qmail-task-widget-core_bg.wasm', import.meta.url) });
await init({ parts: ['list'], fullWasmUrl: '/assets/qmail-task-full-core_bg.wasm' });
await init({ parts: ['widget', 'list'], fullWasmUrl: '/assets/qmail-task-full-core_bg.wasm' });
// @ts-expect-error the list's own core is gone: its file is fullWasmUrl
await init({ parts: ['list'], listWasmUrl: '/assets/qmail-task-list-core_bg.wasm' });
// @ts-expect-error the parts are 'widget', 'list' and 'languages'
await init({ parts: ['table'] });
await init({ parts: ['languages'], intlWasmUrl: '/assets/qmail-task-intl-core_bg.wasm' });
await registerLanguage('de', { cancelTask: 'Auftrag abbrechen', cancelTasks: { one: '{count} Auftrag', other: '{count} Aufträge' } });
await registerLanguage('ja', { cancelTasks: '{count} 件をキャンセル' });
const shipped: Messages = de;
await registerLanguage('de-CH', shipped);
mount(document.createElement('div'), { taskId: 't', lang: 'de' });
mountList(document.createElement('div'), { taskIds: ['t'], lang: 'ar' });
// @ts-expect-error a key the catalogue does not have
await registerLanguage('de', { cancelTaks: 'Abbrechen' });
// @ts-expect-error plural forms need other
await registerLanguage('de', { cancelTasks: { one: '{count} Auftrag' } });
// @ts-expect-error a text message has no plural forms
await registerLanguage('de', { retry: { other: 'Nochmal' } });
const options: MountOptions = {
  taskId: 'a7f8c9d1', apiBase: 'http://localhost:8080', pollIntervalMs: 1000,
  maxAttempts: 30, requestTimeoutMs: 10000, confirm: true,
};
const handle: WidgetHandle = mount(document.createElement('div'), options);
handle.setTaskId('another');
handle.destroy();
const version: string = VERSION;
const element = document.createElement('qmail-task-cancel');
const typed: QmailTaskCancel = element;
const elementVersion: string = QmailTaskCancel.version;
element.addEventListener('qmail-task-cancelled', (event) => {
  const status: TaskStatus = event.detail;
  const progress: number | undefined = status.progress;
  const finished: boolean = status.is_finished;
  const extra: unknown = status['priority'];
  console.log(status.task_id, status.state, progress, finished, extra, version, typed, elementVersion);
});
document.addEventListener('qmail-task-state', (event) => console.log(event.detail.state));
const error: QmailTaskEventMap['qmail-task-error'] = new CustomEvent('qmail-task-error', { detail: 'bad' });
console.log(error.detail.toUpperCase());

const listOptions: ListOptions = {
  taskIds: ['a', 'b'], apiBase: '', pollIntervalMs: 1000, maxAttempts: 30,
  requestTimeoutMs: 10000, maxInFlight: 4,
};
const list: ListHandle = mountList(document.createElement('div'), listOptions);
list.setTaskIds(['c']);
list.destroy();
const listElement: QmailTaskList = document.createElement('qmail-task-list');
listElement.addEventListener('qmail-tasks-progress', (event) => {
  const counts: BulkCounts = event.detail;
  console.log(counts.cancelled + counts.finishedFirst + counts.notFound, counts.total);
});
document.addEventListener('qmail-tasks-done', (event) => {
  const done: BulkDone = event.detail;
  for (const task of done.tasks) {
    const outcome: BulkOutcome = task.outcome;
    console.log(task.taskId, outcome, done.counts.stillRunning);
  }
});

// @ts-expect-error taskId is required
mount(document.body, { apiBase: '' });
// @ts-expect-error a misspelt option is not an option
mount(document.body, { taskId: 't', pollIntervalMS: 1000 });
// @ts-expect-error requestTimeoutMs is a number of milliseconds
mount(document.body, { taskId: 't', requestTimeoutMs: '10s' });
// @ts-expect-error the handle has no cancel()
handle.cancel();
// @ts-expect-error taskIds is an array of ids, not one string
mountList(document.body, { taskIds: 'a b c' });
// @ts-expect-error an outcome is one of the named ones
const made_up: BulkOutcome = 'vanished';
console.log(made_up);
// @ts-expect-error the detail is a status object, not a string
const wrong: string = ({} as QmailTaskEventMap['qmail-task-state']).detail;
console.log(wrong);
`);
  assert.ok(ok, output);
});

test('the types name exactly the keys of the English catalogue, counting messages as plural ones', () => {
  const english = JSON.parse(readFileSync(join(root, 'client/lang/en.json'), 'utf8'));
  const types = readFileSync(join(root, 'client/embed/qmail-task-widget.d.ts'), 'utf8');
  const keysOf = (name) => [...types.match(new RegExp(`export type ${name} =([^;]*);`))[1].matchAll(/'(\w+)'/g)]
    .map((match) => match[1]).sort();
  const plural = Object.keys(english).filter((key) => typeof english[key] === 'object').sort();
  const text = Object.keys(english).filter((key) => typeof english[key] === 'string').sort();
  assert.deepEqual(keysOf('PluralMessageKey'), plural);
  assert.deepEqual(keysOf('TextMessageKey'), text);
  const readme = readFileSync(join(root, 'client/embed/README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| key | English |'), readme.indexOf('\n\n', readme.indexOf('| key | English |')));
  const listed = [...table.matchAll(/^\| `(\w+)` \|/gm)].map((match) => match[1]).sort();
  assert.deepEqual(listed, Object.keys(english).sort(), 'the integrator README lists every key');
});

test('without @ts-expect-error, misuse fails to compile with a message naming it', () => {
  const { ok, output } = typeCheck('consumer.ts', `
import { mount } from '@qmail/task-widget';
mount(document.body, { taskid: 't' });
`);
  assert.equal(ok, false, 'a misspelt option compiled');
  assert.match(output, /taskid/);
});

test('a Vite project imports the package as the README says, builds, and runs under a strict CSP against the mock', async () => {
  // The page a front-end team would write: the wasm's URL from Vite (?url),
  // since Vite moves and renames files; no inline script or style anywhere.
  writeFileSync(join(consumer, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>Vite consumer</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' http://127.0.0.1:*" />
</head><body><main><div id="task"></div><qmail-task-list id="list"></qmail-task-list></main>
<script type="module" src="/main.js"></script></body></html>
`);
  writeFileSync(join(consumer, 'main.js'), `
import init, { mount } from '@qmail/task-widget';
import wasmUrl from '@qmail/task-widget/qmail-task-widget-core_bg.wasm?url';

const params = new URLSearchParams(location.search);
window.__events = [];
for (const name of ['qmail-task-cancelled', 'qmail-tasks-done']) {
  document.addEventListener(name, (event) => window.__events.push(name));
}
await init({ wasmUrl });
mount(document.getElementById('task'), {
  taskId: params.get('task'), apiBase: params.get('api'), pollIntervalMs: 50, confirm: false,
});
const list = document.getElementById('list');
list.setAttribute('api-base', params.get('api'));
list.setAttribute('task-ids', params.get('task'));
`);
  const vite = join(root, '.tools/node_modules/.bin/vite');
  const build = spawnSync(vite, ['build', '--logLevel', 'error'], { cwd: consumer, encoding: 'utf8' });
  assert.equal(build.status, 0, `${build.stdout}${build.stderr}`);
  const assets = readdirSync(join(consumer, 'dist/assets'));
  assert.ok(assets.some((file) => /^qmail-task-widget-core_bg-.*\.wasm$/.test(file)), `Vite did not emit the wasm: ${assets}`);
  // The full core, which the list element loads itself, found by Vite too.
  assert.ok(assets.some((file) => /^qmail-task-full-core_bg-.*\.wasm$/.test(file)), `Vite did not emit the full core's wasm: ${assets}`);
  const html = readFileSync(join(consumer, 'dist/index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'the built page has an inline script');

  const mock = await startMock(18096);
  const site = await serveFiles(join(consumer, 'dist'));
  const browser = await launchChromium();
  try {
    await control(mock.url, 'POST', '/__mock/tasks',
      { id: 'vite-task', pending_ms: 0, duration_ms: 600000, check_interval_ms: 1000, cleanup_ms: 0 });
    const { page, errors } = await openWatched(browser, `${site.url}/?api=${encodeURIComponent(mock.url)}&task=vite-task`);
    const widget = page.locator('#task');
    await widget.locator('.qtc-badge', { hasText: 'RUNNING' }).waitFor();
    const accent = await widget.locator('.qtc-button--danger').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(accent, 'rgb(180, 35, 24)', 'the widget is styled');
    await widget.getByRole('button', { name: 'Cancel task' }).click();
    await control(mock.url, 'POST', '/__mock/clock/advance', { ms: 1000 });
    await widget.locator('.qtc-notice', { hasText: 'Task cancelled' }).waitFor();
    await page.locator('#list .qtc-badge', { hasText: 'CANCELLED' }).waitFor();
    assert.deepEqual(await page.evaluate(() => window.__events), ['qmail-task-cancelled']);
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'CSP violations');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    site.close();
    mock.stop();
  }
});
