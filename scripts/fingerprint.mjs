// Gives a built page's files content-hashed names and subresource integrity:
// each program's glue and wasm, the stylesheet (the widget's and the app's
// in one file) and the loader are renamed `name-<hash>.ext`, so a browser can
// cache them for good and a new build is never mixed with an old one.
//
// Each page gets its own HTML file (index.html, tasks/index.html,
// try-it-out/index.html) naming the stylesheet and the loader with their
// `integrity`, and preloading its own program: the glue as a `modulepreload`
// with its `integrity` (which covers the loader's `import()` of it), the wasm
// as a `preload` that the loader's `fetch` with the wasm's `integrity` takes
// over. So both downloads start while the page is parsed, not once the loader
// has run. The loader (which a page served for another address may run)
// knows every program's files. Run by scripts/trunk-post-build on
// `trunk build` output (the dev server keeps plain names).
// Usage: node scripts/fingerprint.mjs DIR
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minifyFile } from './minify-js.mjs';

const dir = process.argv[2];
// Each page's folder (client/app-loader.js picks the program the same way).
const PAGES = { '': 'qmail-task-app', tasks: 'qmail-task-list', 'try-it-out': 'qmail-try-it-out' };
const PROGRAMS = Object.values(PAGES);

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
// No blank lines where the removed tags were.
html = html.replace(/\n[ \t]*(?=\n)/g, '');
const loaderTag = html.match(/\n([ \t]*)<script type="module" src="\/app-loader-/);
if (!loaderTag) throw new Error('fingerprint: index.html has no loader script');
for (const [folder, program] of Object.entries(PAGES)) {
  const { js, jsIntegrity, wasm } = files[program];
  // The wasm's preload carries no integrity: Chromium ignores it on a fetch
  // preload (and says so in the console); the loader's fetch checks it.
  const preloads = [
    `<link rel="modulepreload" href="/${js.slice(2)}" integrity="${jsIntegrity}" />`,
    `<link rel="preload" as="fetch" type="application/wasm" crossorigin href="/${wasm.slice(2)}" />`,
  ].map((tag) => `\n${loaderTag[1]}${tag}`).join('');
  const page = html.replace(loaderTag[0], `${preloads}${loaderTag[0]}`);
  mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(join(dir, folder, 'index.html'), page);
}
