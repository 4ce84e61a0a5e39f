// Joins an ES module and the modules it imports by relative path into one
// file (rolldown, which scripts/setup installs), so a page downloads one
// file where the source keeps one definition per concept (the status URL of
// client/embed/task-status-url.js serves the page loader and the embed
// module). The embed's cores stay separate files, imported on demand.
//
// Usage: node scripts/bundle-js.mjs ENTRY OUT
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { rolldown } = await import(pathToFileURL(createRequire(join(root, '.tools/package.json')).resolve('rolldown')).href);

/** Writes `entry` and what it imports as one module to `out` (which may be `entry`). */
export async function bundleFile(entry, out) {
  const bundle = await rolldown({
    input: entry,
    // A core is loaded only when a page shows its part, the languages'
    // module and a language only when a widget speaks another than English.
    external: (id) => /-core\.js$|-languages\.js$|\/lang\/[a-z-]+\.js$/.test(id),
    logLevel: 'warn',
  });
  try {
    await bundle.write({ file: out, format: 'esm' });
  } finally {
    await bundle.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.length !== 4) {
    console.error('usage: node scripts/bundle-js.mjs ENTRY OUT');
    process.exit(2);
  }
  await bundleFile(process.argv[2], process.argv[3]);
}
