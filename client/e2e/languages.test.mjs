// The embed module in the page's language, in headless Chromium against a
// mock server: a page in English downloads nothing of other languages; a
// German page gets the core with languages and the German texts, and nothing
// English; an Arabic page mirrors; a page that changes its language while a
// widget shows follows it; a host's registered key shows; bad registrations
// are refused with a clear error. Run by scripts/test after
// scripts/build-widget: `node --test client/e2e/`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { control as mockControl, launchChromium, root, serveFiles, startMock } from './harness.mjs';

let mock;
let browser;
let dir;
let site;
let pages = 0;

const control = (method, path, body) => mockControl(mock.url, method, path, body);
const running = (id) => control('POST', '/__mock/tasks',
  { id, pending_ms: 0, duration_ms: 600000, check_interval_ms: 1000, cleanup_ms: 500, message: '—' });

before(async () => {
  mock = await startMock(18097);
  dir = await mkdtemp(join(tmpdir(), 'qmail-languages-'));
  await mkdir(join(dir, 'examples'));
  await symlink(join(root, 'dist'), join(dir, 'dist'));
  site = await serveFiles(dir);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  site?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  mock?.stop();
});

/** A page whose `<html lang>` is `lang`, running `script` (a module). */
async function open(lang, body, script) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.requested = [];
  page.on('request', (request) => page.requested.push(new URL(request.url()).pathname));
  const name = `languages-${++pages}.html`;
  await writeFile(join(dir, 'examples', name), `<!doctype html><html lang="${lang}"><meta charset="utf-8">
    <title>languages</title><body>${body}<script type="module">
      import * as widget from '../dist/widget/qmail-task-widget.js';
      window.widget = widget;
      window.api = ${JSON.stringify(mock.url)};
      ${script}
    </script></body></html>`);
  await page.goto(`${site.url}/examples/${name}`);
  return { page, errors };
}

const shadowText = (page, selector) =>
  page.evaluate((selector) => document.querySelector(selector)?.shadowRoot?.textContent ?? '', selector);

async function waitForText(page, selector, wanted) {
  await page.waitForFunction(([selector, wanted]) =>
    (document.querySelector(selector)?.shadowRoot?.textContent ?? '').includes(wanted), [selector, wanted]);
}

/** A core, the languages' module or a language file. */
const isDownload = (path) => /-core|-languages\.js$|\/lang\//.test(path);

/** English's texts, cut at their placeholders: the pieces of four letters or more. */
async function englishPieces(other) {
  const catalogue = async (lang) => JSON.parse(await readFile(join(root, `client/lang/${lang}.json`), 'utf8'));
  const texts = (messages) => Object.values(messages).flatMap((m) => (typeof m === 'string' ? [m] : Object.values(m)));
  const theirs = texts(await catalogue(other)).join('\n');
  return [...new Set(texts(await catalogue('en'))
    .flatMap((text) => text.split(/\{[^}]*\}/))
    .map((piece) => piece.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((piece) => (piece.match(/[A-Za-z]/g) ?? []).length >= 4 && !theirs.includes(piece)))];
}

test('an English page downloads neither the core with languages nor a language file', async () => {
  await running('lang-en');
  const { page, errors } = await open('en', '<qmail-task-cancel id="w" task-id="lang-en"></qmail-task-cancel>',
    "document.getElementById('w').setAttribute('api-base', window.api);");
  await waitForText(page, '#w', 'Cancel task');
  assert.deepEqual(page.requested.filter(isDownload).sort(),
    ['/dist/widget/qmail-task-widget-core.js', '/dist/widget/qmail-task-widget-core_bg.wasm']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a German page gets the core with languages and German, and no English in the widget', async () => {
  await running('lang-de');
  const { page, errors } = await open('de', '<div id="w"></div>',
    "window.widget.mount(document.getElementById('w'), { taskId: 'lang-de', apiBase: window.api, pollIntervalMs: 50 });");
  await waitForText(page, '#w', 'Aufgabe abbrechen');
  await waitForText(page, '#w', 'Status: Läuft');
  const said = await shadowText(page, '#w');
  const english = (await englishPieces('de')).filter((piece) => said.includes(piece));
  assert.deepEqual(english, [], said);
  const downloads = page.requested.filter(isDownload);
  assert.deepEqual(downloads.sort(), [
    '/dist/widget/lang/de.js', '/dist/widget/qmail-task-intl-core.js', '/dist/widget/qmail-task-intl-core_bg.wasm',
    '/dist/widget/qmail-task-languages.js',
  ]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an Arabic page mirrors the widget; a change of lang while it shows is followed', async () => {
  await running('lang-ar');
  const { page, errors } = await open('ar', '<qmail-task-cancel id="w" task-id="lang-ar"></qmail-task-cancel>',
    "document.getElementById('w').setAttribute('api-base', window.api);");
  await waitForText(page, '#w', 'إلغاء المهمة');
  const look = () => page.evaluate(() => {
    const section = document.getElementById('w').shadowRoot.querySelector('.qtc-widget');
    return { lang: section.lang, dir: section.dir, direction: getComputedStyle(section).direction };
  });
  assert.deepEqual(await look(), { lang: 'ar', dir: 'rtl', direction: 'rtl' });
  // The element's own lang is nearer than the page's.
  await page.evaluate(() => document.getElementById('w').setAttribute('lang', 'es'));
  await waitForText(page, '#w', 'Cancelar tarea');
  assert.deepEqual(await look(), { lang: 'es', dir: 'ltr', direction: 'ltr' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a registered key shows over the shipped language; bad registrations are refused, naming the fault', async () => {
  await running('lang-override');
  const { page, errors } = await open('de', '<div id="w"></div>', '');
  const refused = await page.evaluate(async () => {
    const { registerLanguage, mount } = window.widget;
    await registerLanguage('de', { cancelTask: 'Auftrag stoppen' });
    mount(document.getElementById('w'), { taskId: 'lang-override', apiBase: window.api, pollIntervalMs: 50 });
    const refused = [];
    for (const [lang, messages] of [['', {}], ['en_US', {}], ['de', 'Abbrechen'], ['de', { cancelTasks: { one: 'x' } }], ['de', { retry: 5 }]]) {
      try {
        await registerLanguage(lang, messages);
        refused.push('registered');
      } catch (error) {
        refused.push(`${error.name}: ${error.message}`);
      }
    }
    return refused;
  });
  assert.deepEqual(refused, [
    'TypeError: qmail-task-widget: registerLanguage(): the language must be a tag, e.g. de',
    'TypeError: qmail-task-widget: registerLanguage(): the language must be a tag, e.g. de',
    'TypeError: qmail-task-widget: registerLanguage(): the messages must be an object of keys and texts',
    'TypeError: qmail-task-widget: registerLanguage(): cancelTasks must be a text, or plural forms (zero, one, two, few, many, other) with at least other',
    'TypeError: qmail-task-widget: registerLanguage(): retry must be a text, or plural forms (zero, one, two, few, many, other) with at least other',
  ]);
  await waitForText(page, '#w', 'Auftrag stoppen');
  // The rest is the shipped German.
  await waitForText(page, '#w', 'Status: Läuft');
  assert.deepEqual(errors, []);
  await page.close();
});

test('an English page that registers a key gets it in the widgets it mounts next, without awaiting', async () => {
  await running('lang-registered');
  const { page, errors } = await open('en', '<div id="w"></div>', `
    window.widget.registerLanguage('en', { cancelTask: 'Stop this task' });
    window.widget.mount(document.getElementById('w'), { taskId: 'lang-registered', apiBase: window.api, pollIntervalMs: 50 });`);
  await waitForText(page, '#w', 'Stop this task');
  await waitForText(page, '#w', 'State: RUNNING');
  assert.deepEqual(errors, []);
  await page.close();
});
