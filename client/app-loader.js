// Starts the page: loads the program that trunk built for this address, the
// Try It Out page at /try-it-out, the widget page anywhere else. Two programs,
// so neither page downloads the other's code. A file of its own, not an inline
// script, so the page's Content-Security-Policy can forbid inline scripts.

// A built page's content-hashed file names and the wasm's integrity, filled in
// by scripts/fingerprint.mjs; empty under the dev server, which keeps plain names.
const FILES = {};

const tryItOut = location.pathname.replace(/\/+$/, '').endsWith('/try-it-out');
const program = tryItOut ? 'qmail-try-it-out' : 'qmail-task-app';
const files = FILES[program] ?? { js: `./${program}.js`, wasm: `./${program}_bg.wasm` };
// The wasm downloads (and compiles, as it streams) while its glue loads.
const wasm = fetch(new URL(files.wasm, import.meta.url), files.wasmIntegrity ? { integrity: files.wasmIntegrity } : {});
const { default: init } = await import(files.js);
await init({ module_or_path: wasm });
