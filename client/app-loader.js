// Starts the page: loads the program that trunk built for this address, the
// Try It Out page at /try-it-out, the widget page anywhere else. Two programs,
// so neither page downloads the other's code. A file of its own, not an inline
// script, so the page's Content-Security-Policy can forbid inline scripts.
const tryItOut = location.pathname.replace(/\/+$/, '').endsWith('/try-it-out');
const program = tryItOut ? 'qmail-try-it-out' : 'qmail-task-app';
// The wasm downloads (and compiles, as it streams) while its glue loads.
const wasm = fetch(new URL(`./${program}_bg.wasm`, import.meta.url));
const { default: init } = await import(`./${program}.js`);
await init({ module_or_path: wasm });
