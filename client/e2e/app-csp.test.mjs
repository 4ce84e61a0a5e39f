// The release build of the app (target/bundle, from scripts/bundle-size)
// under its own Content-Security-Policy, which forbids inline scripts:
// it must start, render a task and cancel it without a single violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const require = createRequire(join(root, '.tools/package.json'));
const { chromium } = require('playwright-core');

const MOCK_PORT = 18093;
const mockUrl = `http://127.0.0.1:${MOCK_PORT}`;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
let mock;
let site;
let siteUrl;
let browser;

before(async () => {
  mock = spawn(process.env.MOCK_SERVER_BIN ?? join(root, 'target/debug/mock-server'),
    ['--port', String(MOCK_PORT), '--clock', 'manual', '--no-demo'], { stdio: 'ignore' });
  site = createServer(async (request, response) => {
    const path = normalize(new URL(request.url, 'http://x').pathname);
    const file = extname(path) ? path : '/index.html'; // the app's own routes
    try {
      const body = await readFile(join(root, 'target/bundle', file));
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${site.address().port}`;
  for (let i = 0; i < 100; i++) {
    try { await fetch(`${mockUrl}/__mock/health`); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  site?.close();
  mock?.kill();
});

async function control(method, path, body) {
  const response = await fetch(`${mockUrl}${path}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status}`);
  return response.json();
}

async function openWatched(path) {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${siteUrl}${path}`);
  return { page, errors };
}

test('the app runs under its CSP without inline scripts, and cancels a task', async () => {
  await control('POST', '/__mock/tasks',
    { id: 'csp-task', pending_ms: 0, duration_ms: 600000, check_interval_ms: 1000, cleanup_ms: 0 });
  const { page, errors } = await openWatched(`/?api=${encodeURIComponent(mockUrl)}&task=csp-task`);
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
  await page.close();
});

test('the Try It Out page runs under the same CSP', async () => {
  const { page, errors } = await openWatched(`/try-it-out?api=${encodeURIComponent(mockUrl)}&task=nobody`);
  await page.getByRole('button', { name: 'Send cancel request' }).click();
  await page.locator('.qtc-status-code', { hasText: 'HTTP 404' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await page.close();
});
