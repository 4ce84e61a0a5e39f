// The widget as an npm package (dist/qmail-task-widget-*.tgz, from
// scripts/build-widget): its contents, and a consumer project outside the
// crate tree that installs the tarball (offline: it has no dependencies) and
// type-checks every API with tsc, where misuse must fail to compile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './harness.mjs';

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
      lib: ['es2022', 'dom'], types: [], skipLibCheck: false,
    },
  }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', tarball], { cwd: consumer });
});

after(() => consumer && rmSync(consumer, { recursive: true, force: true }));

function typeCheck(file, source) {
  writeFileSync(join(consumer, file), source);
  const run = spawnSync(tsc, ['--project', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

test('the tarball holds exactly the package files, with a package.json that bundlers read', () => {
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
  assert.deepEqual(listing, [
    'package/README.md', 'package/package.json', 'package/qmail-task-widget-core.js',
    'package/qmail-task-widget-core_bg.wasm', 'package/qmail-task-widget.d.ts', 'package/qmail-task-widget.js',
  ]);
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  assert.equal(manifest.name, '@qmail/task-widget');
  assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.exports['.'].types, './qmail-task-widget.d.ts');
  assert.equal(manifest.exports['./qmail-task-widget-core_bg.wasm'], './qmail-task-widget-core_bg.wasm');
  assert.deepEqual(manifest.sideEffects, ['./qmail-task-widget.js']);
});

test('a TypeScript consumer type-checks every API, and each deliberate misuse is refused', () => {
  // Every @ts-expect-error line must really be an error, or tsc fails the file.
  const { ok, output } = typeCheck('consumer.ts', `
import init, { mount, mountList, VERSION, QmailTaskCancel, QmailTaskList } from '@qmail/task-widget';
import type { MountOptions, TaskStatus, WidgetHandle, QmailTaskEventMap } from '@qmail/task-widget';
import type { ListOptions, ListHandle, BulkCounts, BulkDone, BulkOutcome } from '@qmail/task-widget';

await init();
await init({ wasmUrl: new URL('./qmail-task-widget-core_bg.wasm', import.meta.url) });
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

test('without @ts-expect-error, misuse fails to compile with a message naming it', () => {
  const { ok, output } = typeCheck('consumer.ts', `
import { mount } from '@qmail/task-widget';
mount(document.body, { taskid: 't' });
`);
  assert.equal(ok, false, 'a misspelt option compiled');
  assert.match(output, /taskid/);
});
