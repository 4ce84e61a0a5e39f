// Shortens the names a wasm-bindgen program's wasm and its JavaScript glue
// use to reach each other: every import (`__wbg_set_checked_91ac4f7dd0263c1a`,
// 123 of them on the widget page, each with a hash that does not compress)
// and every export (`__wbindgen_malloc`, closure shims) gets a name of one or
// two characters, and the import module (`./<name>_bg.js`) becomes `a`.
// binaryen renames them in the wasm (`--minify-imports-and-exports-and-modules`)
// and prints the mapping; this script applies it to the glue, and refuses to
// leave anything half-renamed. What the glue exports to pages (`mount`, the
// default `init`) keeps its name. About 4 KB gzipped off the widget page
// (2.5 KB of wasm, 1.6 KB of glue). The same last pass over every wasm we ship
// drops its `producers` and `target_features` sections, toolchain notes that
// no browser reads (234 bytes that do not compress).
//
// Usage: node scripts/minify-wasm-names.mjs DIR NAME   (DIR/NAME.js and DIR/NAME_bg.wasm)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, name] = process.argv.slice(2);
if (!dir || !name) {
  console.error('usage: node scripts/minify-wasm-names.mjs DIR NAME');
  process.exit(2);
}
const wasmPath = join(dir, `${name}_bg.wasm`);
const gluePath = join(dir, `${name}.js`);
const fail = (why) => {
  console.error(`minify-wasm-names: ${name}: ${why}`);
  process.exit(1);
};

const module = `./${name}_bg.js`;
const before = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmPath)));
const modules = new Set(before.map((entry) => entry.module));
if (modules.size > 1 || (modules.size === 1 && !modules.has(module))) {
  fail(`imports come from ${[...modules].join(', ')}, not only ${module}`);
}

const output = execFileSync('wasm-opt', [
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types',
  '--minify-imports-and-exports-and-modules', '--strip-producers', '--strip-target-features',
  wasmPath, '-o', wasmPath,
], { encoding: 'utf8' });
const mapping = JSON.parse(output.slice(output.indexOf('{')));
const after = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmPath)));
const newModule = after[0]?.module;

let glue = readFileSync(gluePath, 'utf8');
// Imports: the keys of the glue's import object, each exactly once. (The
// glue may define a few more than the wasm still imports after wasm-opt;
// those keep their names.)
const imports = new Map(mapping.imports.map(([, from, to]) => [from, to]));
let renamed = 0;
glue = glue.replace(/^(\s+)(__wbg_\w+|__wbindgen_\w+)(: function\()/gm, (whole, indent, from, rest) => {
  if (!imports.has(from)) return whole;
  renamed += 1;
  return `${indent}${JSON.stringify(imports.get(from))}${rest}`;
});
if (renamed !== imports.size) fail(`renamed ${renamed} of the wasm's ${imports.size} imports in the glue`);
if (newModule !== undefined) {
  const key = `${JSON.stringify(module)}: import0`;
  if (glue.split(key).length !== 2) fail(`expected the glue to name ${module} once, as \`${key}\``);
  glue = glue.replace(key, `${JSON.stringify(newModule)}: import0`);
}

// Exports: every `wasm.<name>` the glue calls.
const exports = new Map(mapping.exports);
glue = glue.replace(/\bwasm\.(\w+)/g, (whole, from) => {
  if (!exports.has(from)) fail(`the glue uses wasm.${from}, which the wasm does not export`);
  return `wasm[${JSON.stringify(exports.get(from))}]`;
});
writeFileSync(gluePath, glue);
