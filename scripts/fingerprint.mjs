// Gives a built page's files content-hashed names and subresource integrity,
// so a browser caches them for good, a new build is never mixed with an old
// one, and a tampered file is refused. Trunk does this for what it builds
// itself (`filehash`, `data-integrity`), but not here: two of the three
// programs come from scripts/trunk-post-build, and the page's loader is an
// external file (a CSP without 'unsafe-inline' refuses trunk's inline one)
// that must name the hashed files of the program it picks.
//
// Each program's glue and wasm, the stylesheet (the widget's and the app's in
// one file) and the loader are renamed `name-<hash>.ext`; index.html names
// the stylesheet and the loader with `integrity`; the loader preloads only its
// program's glue (`modulepreload` with its `integrity`, which covers its
// `import()`) and fetches its wasm with its `integrity`; the loader and the
// status URL it imports become one file (scripts/bundle-js.mjs). Every edit of
// trunk's output checks that what it replaces is there, and throws naming it
// when not (client/e2e/app-csp.test.mjs loads the result under a strict CSP).
// Run by scripts/trunk-post-build on `trunk build` output (the dev server
// keeps plain names). Usage: node scripts/fingerprint.mjs DIR
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleFile } from './bundle-js.mjs';
import { minifyFile } from './minify-js.mjs';

const dir = process.argv[2];
const PROGRAMS = ['qmail-task-app', 'qmail-task-list', 'qmail-try-it-out'];

const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** Renames `name` to carry its content hash; returns the new name and its integrity. */
function fingerprint(name, hashedName) {
  const bytes = readFileSync(join(dir, name));
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const renamed = hashedName(hash);
  renameSync(join(dir, name), join(dir, renamed));
  return { name: renamed, integrity: integrity(bytes) };
}

let html = readFileSync(join(dir, 'index.html'), 'utf8');
const replace = (from, to) => {
  if (!html.includes(from)) throw new Error(`fingerprint: index.html has no ${from}`);
  html = html.replace(from, to);
};

const files = {};
for (const program of PROGRAMS) {
  const js = fingerprint(`${program}.js`, (hash) => `${program}-${hash}.js`);
  const wasm = fingerprint(`${program}_bg.wasm`, (hash) => `${program}-${hash}_bg.wasm`);
  files[program] = {
    js: `./${js.name}`, jsIntegrity: js.integrity, wasm: `./${wasm.name}`, wasmIntegrity: wasm.integrity,
  };
}

const loaderPath = join(dir, 'app-loader.js');
const loader = readFileSync(loaderPath, 'utf8');
const filled = loader.replace('const FILES = {};', `const FILES = ${JSON.stringify(files)};`);
if (filled === loader) throw new Error('fingerprint: app-loader.js has no `const FILES = {};` to fill');
writeFileSync(loaderPath, filled);
// The loader's import of the status URL becomes part of it: one request.
await bundleFile(loaderPath, loaderPath);
rmSync(join(dir, 'task-status-url.js'));
minifyFile(loaderPath);
const appLoader = fingerprint('app-loader.js', (hash) => `app-loader-${hash}.js`);
// The widget's stylesheet and the app's own become one file: one request,
// and one gzip stream compresses better than two.
const link = (sheet) => new RegExp(`\\s*<link rel="stylesheet" href="/${sheet}\\.css"[^>]*>`).exec(html)?.[0]
  ?? `<link rel="stylesheet" href="/${sheet}.css"`;
writeFileSync(join(dir, 'style.css'), readFileSync(join(dir, 'style.css'), 'utf8') + readFileSync(join(dir, 'app.css'), 'utf8'));
rmSync(join(dir, 'app.css'));
replace(link('app'), '');
const style = fingerprint('style.css', (hash) => `style-${hash}.css`);
replace(link('style').trim(), `<link rel="stylesheet" href="/${style.name}" integrity="${style.integrity}" />`);
replace('<script type="module" src="/app-loader.js"></script>',
  `<script type="module" src="/${appLoader.name}" integrity="${appLoader.integrity}"></script>`);
// Trunk leaves its own build directive in the page when it injects no script.
html = html.replace(/\s*<link data-trunk rel="rust"[^>]*>/, '');
writeFileSync(join(dir, 'index.html'), html);
