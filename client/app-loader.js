// Starts the page: loads the program that trunk built for this address, the
// task list at /tasks, the Try It Out page at /try-it-out, the widget page
// anywhere else, and on the widget page sends the task's first status read.
// A program per page, so no page downloads another's code. A file of its own,
// not an inline script, so the page's Content-Security-Policy can forbid
// inline scripts.

import { taskStatusUrl } from './task-status-url.js';

// A built page's content-hashed file names and integrity, filled in by
// scripts/fingerprint.mjs; empty under the dev server, which keeps plain names.
const FILES = {};

const page = location.pathname.replace(/\/+(index\.html)?$/, '').split('/').pop();
const program = { tasks: 'qmail-task-list', 'try-it-out': 'qmail-try-it-out' }[page] ?? 'qmail-task-app';
const files = FILES[program] ?? { js: `./${program}.js`, wasm: `./${program}_bg.wasm` };
const glue = new URL(files.js, import.meta.url).href;
// The wasm downloads (and compiles, as it streams) while its glue loads.
const wasm = fetch(new URL(files.wasm, import.meta.url), files.wasmIntegrity ? { integrity: files.wasmIntegrity } : {});
// The widget page's first status read leaves now, alongside the program, not
// once the program runs; the widget adopts it (client/src/widget/first_read.rs), and
// when its answer is in by then, the page's first render shows the status.
const query = new URLSearchParams(location.search);
const task = query.get('task');
// How long the first read may go unanswered: the program's own request
// timeout (DEFAULT_REQUEST_TIMEOUT_MS in client/src/api/client.rs).
const FIRST_READ_TIMEOUT_MS = 10000;
// As the program writes the address (none for an id that is not well-formed text).
const firstReadUrl = program === 'qmail-task-app' && task?.trim() ? taskStatusUrl(query.get('api') ?? '', task) : null;
if (firstReadUrl !== null) {
  const controller = new AbortController();
  const read = { url: firstReadUrl, abort: () => controller.abort() };
  const timer = setTimeout(() => controller.abort(new DOMException(
    `no answer within ${FIRST_READ_TIMEOUT_MS / 1000} s`, 'TimeoutError')), FIRST_READ_TIMEOUT_MS);
  read.answer = fetch(read.url, { signal: controller.signal })
    .then(async (response) => (read.answered = [response.status, await response.text()]));
  // A failure is the program's to report, when it adopts the read.
  read.answer.catch(() => {}).finally(() => clearTimeout(timer));
  globalThis.qmailFirstRead = read;
}
try {
  // A browser without modulepreload (Safari before 17) would fire neither
  // load nor error: it imports the glue unchecked rather than never starting.
  if (files.jsIntegrity && document.createElement('link').relList.supports('modulepreload')) {
    // `import()` cannot carry an integrity; a module preloaded with one can, and
    // once it is in the page's module map the import below gets that checked
    // module (a tampered one is refused and never runs).
    const preload = document.createElement('link');
    preload.rel = 'modulepreload';
    preload.href = glue;
    preload.integrity = files.jsIntegrity;
    const preloaded = new Promise((resolve, reject) => {
      preload.onload = resolve;
      preload.onerror = () => reject(new Error(`${files.js} failed its integrity check or did not load`));
    });
    document.head.append(preload);
    await preloaded;
  }
  const { default: init } = await import(glue);
  await init({ module_or_path: wasm });
} catch (error) {
  // The program will never adopt the first read: end it, not leave it open.
  globalThis.qmailFirstRead?.abort();
  delete globalThis.qmailFirstRead;
  throw error;
}
