// The dev loop `scripts/run` gives: `trunk serve` live-reloads while the page
// keeps its Content-Security-Policy without 'unsafe-inline'. The dev server
// gives its inline reload script a nonce, fresh for every page, which the
// page's own policy allows; a built page allows no nonce at all
// (scripts/trunk-post-build). Run by scripts/test after scripts/bundle-size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, openWatched, root } from './harness.mjs';

const PORT = 18099;
const url = `http://127.0.0.1:${PORT}`;
let server;
let browser;
let log = '';

before(async () => {
  server = spawn('trunk', ['serve', '--release', '--port', String(PORT)], {
    cwd: root,
    env: { ...process.env, QMAIL_DEV_SERVER: '1', PATH: `${join(root, '.tools/node_modules/.bin')}:${process.env.PATH}` },
    // trunk logs its builds to stdout, cargo's output to stderr.
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server.stdout.on('data', (chunk) => { log += chunk; });
  server.stderr.on('data', (chunk) => { log += chunk; });
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(`${url}/`)).ok) break;
    } catch {
      // not up yet
    }
    assert.ok(server.exitCode === null, `trunk serve stopped:\n${log}`);
    assert.ok(Date.now() - started < 600_000, `trunk serve did not answer within 10 minutes:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  // trunk serve runs cargo and the hook as children: stop the whole group.
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
});

const nonceOf = (html) => ({
  policy: html.match(/script-src [^;]*'nonce-([^']+)'/)?.[1],
  script: html.match(/<script nonce="([^"]+)">/)?.[1],
});

test('every page the dev server sends has a fresh nonce, on its reload script and in its policy', async () => {
  const first = nonceOf(await (await fetch(`${url}/`)).text());
  const second = nonceOf(await (await fetch(`${url}/try-it-out`)).text());
  assert.match(first.policy ?? '', /^[A-Za-z0-9+/]{16,}={0,2}$/, 'no nonce in the policy');
  assert.equal(first.script, first.policy, 'the reload script carries the policy\'s nonce');
  assert.equal(second.script, second.policy);
  assert.notEqual(first.policy, second.policy, 'the nonce is the same for two pages');
});

test('the dev page live-reloads (its script connects) with no CSP violation', async () => {
  const sockets = [];
  const { page: watched, errors } = await openWatched(browser, `${url}/`);
  watched.on('websocket', (socket) => sockets.push(socket.url()));
  await watched.locator('.qtc-app').waitFor();
  // Listening from here on: the reload script connects again after a reload.
  await watched.reload();
  await watched.locator('.qtc-app').waitFor();
  assert.ok(sockets.some((socket) => socket.endsWith('/.well-known/trunk/ws')), `no reload socket: ${sockets}`);
  assert.deepEqual(await watched.evaluate(() => window.__violations), [], 'CSP violations');
  assert.deepEqual(errors, []);
  await watched.close();
});

test('a built page allows no nonce and has no inline script', () => {
  const html = readFileSync(join(root, 'target/bundle/index.html'), 'utf8');
  assert.doesNotMatch(html, /nonce/);
  assert.match(html, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
});

test('the package build and other cargo builds beside the dev server start no rebuild of the app', async () => {
  // What scripts/build-widget writes (dist/widget/) and a cargo build for
  // another configuration (target/): the dev server watches neither
  // (Trunk.toml [watch]), so it does not rebuild the app for them.
  const builds = () => log.split('starting build').length - 1;
  const before = builds();
  const written = [join(root, 'dist/widget/dev-server-probe.txt'), join(root, 'target/dev-server-probe/probe.txt')];
  for (const file of written) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, String(Date.now()));
  }
  // The watcher reports within a second or two (trunk's debounce).
  await new Promise((resolve) => setTimeout(resolve, 4000));
  for (const file of written) rmSync(file);
  rmSync(join(root, 'target/dev-server-probe'), { recursive: true, force: true });
  assert.equal(builds(), before, `the dev server rebuilt:\n${log.slice(-2000)}`);
});
