// What the end-to-end tests, the client benchmark and the screenshot script
// share: the repository root, Debian's Chromium driven by playwright-core (from
// .tools/, installed by scripts/setup), a mock server process, a static file
// server, and calls to the mock's control API.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, normalize, isAbsolute } from 'node:path';

export const root = new URL('../../', import.meta.url).pathname;
const require = createRequire(join(root, '.tools/package.json'));
const { chromium } = require('playwright-core');

const TYPES = {
  '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.md': 'text/plain',
};

/** Headless Chromium from Debian, with the flags this closed network needs. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Starts target/debug/mock-server on `port` and waits until it answers. */
export async function startMock(port, args = ['--clock', 'manual', '--no-demo']) {
  const binary = process.env.MOCK_SERVER_BIN ?? join(root, 'target/debug/mock-server');
  const child = spawn(binary, ['--port', String(port), ...args], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await fetch(`${url}/__mock/health`);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, stop: () => child.kill() };
}

/**
 * Serves the files under `dir` (absolute, or relative to the repository root) on a free
 * port. With `appFallback`, paths without an extension get index.html, as the
 * app's own routes (/try-it-out) need.
 */
export async function serveFiles(dir, { appFallback = false } = {}) {
  const server = createServer(async (request, response) => {
    let path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (path.endsWith('/')) path += 'index.html';
    else if (appFallback && !extname(path)) path = '/index.html';
    try {
      const body = await readFile(join(isAbsolute(dir) ? dir : join(root, dir), path));
      response.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Calls the mock's control API (JSON in and out); throws on an error status. */
export async function control(mockUrl, method, path, body) {
  const response = await fetch(`${mockUrl}${path}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

/**
 * Opens `url` in a new page that records every Content-Security-Policy
 * violation in `window.__violations` and every uncaught error in `errors`.
 */
export async function openWatched(browser, url) {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  return { page, errors };
}
