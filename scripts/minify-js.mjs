// Minifies JavaScript files in place (oxc's minifier, through rolldown, which
// scripts/setup installs): the programs' wasm-bindgen glue, the page loader
// (scripts/fingerprint.mjs calls `minifyFile` once it has filled in the
// file names) and the embed's module, which pages load as they are. Names a
// file exports keep their names. About 2 KB gzipped off each page's glue.
//
// Usage: node scripts/minify-js.mjs FILE...
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rolldown = createRequire(join(root, '.tools/package.json')).resolve('rolldown/utils');
const { minifySync } = await import(pathToFileURL(rolldown).href);

/** Minifies `file` in place; throws, naming the file, on a syntax error. */
export function minifyFile(file) {
  const source = readFileSync(file, 'utf8');
  const { code, errors } = minifySync(file, source, { module: true, compress: true, mangle: { toplevel: true } });
  if (errors?.length) throw new Error(`minify-js: ${file}: ${errors.map((error) => error.message).join('; ')}`);
  writeFileSync(file, code);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node scripts/minify-js.mjs FILE...');
    process.exit(2);
  }
  for (const file of files) minifyFile(file);
}
