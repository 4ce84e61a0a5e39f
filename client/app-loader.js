// Starts the app: loads the wasm that trunk built next to this file.
// A file of its own, not an inline script, so the page's Content-Security-Policy
// can forbid inline scripts.
import init from './qmail-task-app.js';

await init({ module_or_path: new URL('./qmail-task-app_bg.wasm', import.meta.url) });
