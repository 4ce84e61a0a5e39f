// Minifies JavaScript files in place (oxc's minifier, through rolldown, which
// scripts/setup installs): the programs' wasm-bindgen glue and the
// embed's module, which pages load as they are. Names a file exports keep
// their names. About 2 KB gzipped off each page's glue.
//
// Usage: node scripts/minify-js.mjs FILE...
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rolldown = createRequire(join(root, '.tools/package.json')).resolve('rolldown/utils');
const { minifySync } = await import(pathToFileURL(rolldown).href);

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node scripts/minify-js.mjs FILE...');
  process.exit(2);
}
for (const file of files) {
  const source = readFileSync(file, 'utf8');
  const { code, errors } = minifySync(file, source, { module: true, compress: true, mangle: { toplevel: true } });
  if (errors?.length) {
    console.error(`minify-js: ${file}: ${errors.map((error) => error.message).join('; ')}`);
    process.exit(1);
  }
  writeFileSync(file, code);
}
