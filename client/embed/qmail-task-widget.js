// qmail-task-widget.js: the QMail task widget for any web page.
//
//   import { mount } from './qmail-task-widget.js';
//   const widget = mount(document.querySelector('#task'), { taskId: '…', apiBase: 'http://localhost:8080' });
//   widget.setTaskId('…');
//   widget.destroy();
//
//   const list = mountList(document.querySelector('#tasks'), { taskIds: ['a', 'b'], apiBase: '…' });
//   list.setTaskIds(['c']);
//   list.destroy();
//
//   await registerLanguage('de', { cancelTask: 'Auftrag abbrechen' });
//
// Importing this module also defines <qmail-task-cancel task-id="…" api-base="…">
// and <qmail-task-list task-ids="a b c" api-base="…">. Three WebAssembly
// cores: the widget's, for a page that shows only widgets; the full one, with
// the list too, which a page downloads once it shows a list; and the one that
// also speaks other languages than English, with both, which a page downloads
// instead when a widget or list of it is in another language (its `lang`, or
// the nearest around it) or the page registers a language. An English page
// never downloads what other languages need.

import { taskStatusUrl } from './task-status-url.js';

/** This build's version (client/Cargo.toml; scripts/build-widget fills it in). */
export const VERSION = '__QMAIL_WIDGET_VERSION__';

// The three cores, glue and wasm each: the widget's (`mount`), the full one
// (`mount` and `mountList`), which a page loads once it shows a list, so a page
// never downloads two copies of what the widget and the list share, and the
// full one with languages. The paths are literal so bundlers find the files.
const CORES = {
  widget: {
    glue: () => import('./qmail-task-widget-core.js'),
    wasm: () => wasmUrls.widget ?? new URL('./qmail-task-widget-core_bg.wasm', import.meta.url),
  },
  full: {
    glue: () => import('./qmail-task-full-core.js'),
    wasm: () => wasmUrls.full ?? new URL('./qmail-task-full-core_bg.wasm', import.meta.url),
  },
  intl: {
    glue: () => import('./qmail-task-intl-core.js'),
    wasm: () => wasmUrls.intl ?? new URL('./qmail-task-intl-core_bg.wasm', import.meta.url),
  },
};
// What only a page in another language needs (the shipped languages, and
// the check of a host's messages), in a module of its own
// (client/embed/qmail-task-languages.js) that loads with the core that
// speaks them.
const languages = () => import('./qmail-task-languages.js');
// Whether the page registered a language: the widgets and lists it mounts
// from then on use the core with languages, so the registration reaches them.
let registered = false;
/**
 * Adds `messages` to language `lang` (a new language, or single keys over
 * a shipped one; `en` changes English) for the widgets and lists mounted
 * from then on (they use the core with languages) and those on that core
 * already. Resolves once it applies; rejects, naming the fault, for a tag or
 * messages that are not well-formed.
 */
export function registerLanguage(lang, messages) {
  registered = true;
  return loadParts(['languages']).then(async (core) => {
    const { checkedMessages } = await languages();
    core.registerLanguage(lang, checkedMessages(lang, messages));
  });
}
/** The `lang` in force at `element`: its own or an ancestor's, across shadow roots. */
function langAt(element) {
  let node = element;
  while (node && !node.closest('[lang]')) node = node.getRootNode().host;
  // Outside the document (not mounted in the page yet): the page's, as the core reads it.
  return node?.closest('[lang]').lang ?? document.documentElement.lang;
}
/**
 * 'languages' for a widget or list that speaks another language than
 * English (by its `lang` option, else the page around `element`), or on a
 * page that registered a language; else `part`.
 */
function partFor(part, element, options) {
  // An empty `lang` follows the page, as the core reads it.
  const lang = String(options?.lang || langAt(element));
  const english = /^(en([-_].*)?)?$/i.test(lang.trim());
  return english && !registered ? part : 'languages';
}
// Each core's loading promise, and each loaded core's exports.
const cores = {};
const loaded = {};
const wasmUrls = {};

function load(name) {
  if (!cores[name]) {
    const { glue, wasm } = CORES[name];
    // The wasm downloads while its glue loads; the glue's init consumes it.
    const module_or_path = fetch(wasm());
    module_or_path.catch(() => {}); // a failure is the glue's init's to report
    // The languages' module (and with it the page's language) downloads
    // alongside, so a widget's first render can speak it.
    if (name === 'intl') languages().catch(() => {});
    cores[name] = glue()
      .then(async (core) => {
        await core.default({ module_or_path });
        if (name === 'intl') core.setLanguageLoader((lang) => languages().then(({ load }) => load(lang)));
        loaded[name] = core;
        return core;
      })
      .catch((error) => {
        // A failed download may be tried again by the next call.
        delete cores[name];
        throw error;
      });
  }
  return cores[name];
}

/** The loaded core that has `part` ('widget' or 'list'), if one has loaded. */
function coreWith(part) {
  if (loaded.intl || part === 'languages') return loaded.intl;
  return part === 'list' ? loaded.full : loaded.full ?? loaded.widget;
}

/**
 * Loads a core with every part in `parts`: the core with languages once
 * one is wanted ('languages'), else the full core once a list is wanted
 * (here, or by an element of the page still waiting for its core), else the
 * widget's (or a bigger core, if one is loading already).
 */
function loadParts(parts) {
  const wanted = (part) => parts.includes(part) || batch?.parts.has(part);
  if (wanted('languages') || cores.intl) return load('intl');
  return wanted('list') || cores.full ? load('full') : load('widget');
}

// Parts that elements ask for in one task load together, so a page whose
// HTML holds both elements downloads the full core alone.
let batch = null;

function loadForElement(part) {
  if (!batch) {
    const parts = new Set();
    const loading = Promise.resolve().then(() => {
      batch = null;
      return loadParts([...parts]);
    });
    batch = { parts, loading };
  }
  batch.parts.add(part);
  return batch.loading;
}

/**
 * Loads the widget's WebAssembly; await it before `mountList()` (more calls
 * share the first load). `mount()` needs no `init()`: it loads the widget's
 * core itself; call `init()` first, awaited or not, to name `wasmUrl`.
 * The full core, with the list, loads the first time a list mounts;
 * `init({ parts: ['list'] })` loads it now instead, for a page that shows
 * lists (with or without widgets), and then only it.
 * `init({ wasmUrl, fullWasmUrl })` names where the `.wasm` files are, for
 * bundlers that move files (e.g. Vite's `import wasmUrl from
 * '@qmail/task-widget/qmail-task-widget-core_bg.wasm?url'`); by default they
 * are next to this module.
 */
export default function init(options = {}) {
  const byUrl = options instanceof URL || typeof options === 'string';
  const { wasmUrl, fullWasmUrl, intlWasmUrl, parts = ['widget'], ...rest } = byUrl ? { wasmUrl: options } : options ?? {};
  if ('listWasmUrl' in rest) {
    // The list's own core is gone: naming its file would load nothing.
    return Promise.reject(new TypeError("qmail-task-widget: init() no longer takes listWasmUrl: the list is in the full core, so name that file as fullWasmUrl"));
  }
  wasmUrls.widget ??= wasmUrl;
  wasmUrls.full ??= fullWasmUrl;
  wasmUrls.intl ??= intlWasmUrl;
  const asked = [].concat(parts);
  const unknown = asked.filter((part) => !['widget', 'list', 'languages'].includes(part));
  if (unknown.length > 0) {
    return Promise.reject(new TypeError(`qmail-task-widget: init() parts are 'widget', 'list' and 'languages', not ${unknown.join(', ')}`));
  }
  // A page in another language than English gets the core that speaks it.
  return loadParts(asked.map((part) => partFor(part, document.documentElement, {})));
}

/**
 * Renders the widget into `element` (inside a shadow root) and returns a
 * handle with `setTaskId(id)` and `destroy()`.
 * Options: { taskId, apiBase, pollIntervalMs, maxAttempts, requestTimeoutMs, confirm, headingLevel, lang }.
 * Bad options throw at once once `init()` has resolved. Called before, it
 * loads the widget's core itself and reads the task's status meanwhile, so
 * the widget shows the status as soon as the core is in; bad options are
 * then a `qmail-task-error` event on the element.
 */
export function mount(element, options) {
  return mountWidget(element, options, null);
}

/** `mount`, with the status read sent while the core loaded, if one was. */
function mountWidget(element, options, read) {
  checkElement('mount', element);
  const part = partFor('widget', element, options);
  const core = coreWith(part);
  return core ? core.mount(element, options, ...answerOf(read)) : new LoadingWidget(element, options, part);
}

/**
 * Renders a list of tasks with bulk cancel into `element` (inside a shadow
 * root) and returns a handle with `setTaskIds(ids)` and `destroy()`.
 * Options: { taskIds, apiBase, pollIntervalMs, maxAttempts, requestTimeoutMs, maxInFlight, lang }.
 * Fires `qmail-tasks-progress` and `qmail-tasks-done` on `element`.
 * Bad options throw at once; the list shows once its core has loaded.
 */
export function mountList(element, options) {
  if (!(loaded.intl ?? loaded.full ?? loaded.widget)) {
    throw new Error('qmail-task-widget: call the default export (init) and await it before mountList()');
  }
  checkElement('mountList', element);
  const part = partFor('list', element, options);
  const core = coreWith(part);
  if (core) return core.mountList(element, options);
  checkListMount(element, options);
  return new LoadingList(element, { ...options }, part);
}

// mountList()'s options, as the list's core reads them
// (client/src/embed/list_options.rs), checked here while no core with the
// list has loaded, so bad options throw at once with the words the core
// would use (client/e2e/task-list.test.mjs holds the two to the same answers).
const LIST_KEYS = ['taskIds', 'apiBase', 'pollIntervalMs', 'maxAttempts', 'requestTimeoutMs', 'maxInFlight', 'lang'];
const WHOLE = ' must be a whole number from 0 to 4294967295';
// A lone half of a UTF-16 surrogate pair (a whole pair is one code point).
const HALF_PAIR = /\p{Cs}/u;
const HALF_PAIR_FAULT = ' is not well-formed text: it holds half of a UTF-16 surrogate pair';
/** What the list's core would refuse in `options`, in its order, or null. */
function listOptionsFault(options) {
  if (!(options instanceof Object) || typeof options === 'function') return "options must be an object such as { taskIds: ['…', '…'] }";
  const unknown = Object.keys(options).find((key) => !LIST_KEYS.includes(key));
  if (unknown !== undefined) return `unknown option \`${unknown}\`; the options are ${LIST_KEYS.join(', ')}`;
  const { taskIds, maxInFlight } = options;
  if (taskIds === undefined) return 'taskIds is required';
  for (const id of Array.isArray(taskIds) ? taskIds : [0]) {
    if (typeof id !== 'string') return 'taskIds must be an array of strings';
    if (HALF_PAIR.test(id)) return `taskIds${HALF_PAIR_FAULT}`;
  }
  const whole = (n) => n === undefined || (Number.isInteger(n) && n >= 0 && n <= 4294967295);
  const limits = [['pollIntervalMs', 10], ['requestTimeoutMs', 100], ['maxAttempts', 1]];
  const notWhole = limits.find(([key]) => !whole(options[key]));
  if (notWhole) return notWhole[0] + WHOLE;
  const under = limits.find(([key, least]) => options[key] < least);
  if (under) return `${under[0]} must be at least ${under[1]}`;
  if (!whole(maxInFlight)) return `maxInFlight${WHOLE}`;
  if (maxInFlight === 0) return 'maxInFlight must be at least 1';
  for (const key of ['apiBase', 'lang']) {
    const text = options[key];
    if (text !== undefined && typeof text !== 'string') return `${key} must be a string`;
    if (HALF_PAIR.test(text)) return key + HALF_PAIR_FAULT;
  }
  return null;
}
/** Throws what the list's core would throw for `element` and `options`. */
function checkListMount(element, options) {
  const fault = listOptionsFault(options);
  if (fault) throw new Error(`qmail-task-list: invalid options: ${fault}`);
  try {
    element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  } catch {
    throw new Error(`qmail-task-list: cannot mount into <${element.tagName.toLowerCase()}>: it cannot hold a shadow root (use a <div> or <section>)`);
  }
}

// A widget mounted before its core is in reads its task's status while the
// core loads, and starts from the answer: its first render shows the status,
// rather than LOADING, then a read, then the status (client/src/widget/first_answer.rs).
// Once the core is in, it waits this long at most for that answer before it
// shows LOADING and reads for itself: about as long as a person takes to
// notice that nothing is shown yet.
const ANSWER_WAIT_MS = 100;

/**
 * Sends the status read of the task `options` name, as the core would send
 * it, while the widget's core loads: `{ done, answered, abort }`. None once
 * the core is in, or for options the core would refuse.
 */
function readAhead(options) {
  const { taskId, apiBase = '' } = options ?? {};
  if (coreWith('widget') || typeof taskId !== 'string' || !taskId.trim() || typeof apiBase !== 'string') return null;
  // An id that is not well-formed text has no address: the core refuses it.
  const url = taskStatusUrl(apiBase, taskId);
  if (url === null) return null;
  const controller = new AbortController();
  const read = { abort: () => controller.abort() };
  read.done = fetch(url, { signal: controller.signal })
    .then(async (response) => (read.answered = [response.status, await response.text(), url]))
    // The widget then reads for itself, and reports what it finds.
    .catch(() => {});
  return read;
}

/** Waits for `read`'s answer, at most ANSWER_WAIT_MS. */
function answerIn(read) {
  return read && Promise.race([read.done, new Promise((resolve) => setTimeout(resolve, ANSWER_WAIT_MS))]);
}

/**
 * `read`'s answer as the core's `mount` takes it: `[status code, body, url]`
 * (the core uses it only if the url is the widget's own and the body names
 * its task), or `[0]` for none. A read still under way is ended: the widget
 * sends its own.
 */
function answerOf(read) {
  if (!read?.answered) read?.abort();
  return read?.answered ?? [0];
}

/**
 * A handle while its part's core loads: `mountWith(core)` mounts it once
 * `loading` resolves to the core, unless destroyed first. A core that cannot
 * load, or options it refuses, is a `qmail-task-error` event on the element.
 */
class LoadingHandle {
  mounted = null;
  #destroyed = false;
  #gone;

  /** `gone` is the error for a call after `destroy()`. */
  constructor(element, loading, gone, mountWith) {
    this.#gone = gone;
    loading.then((core) => {
      if (!this.#destroyed) this.mounted = mountWith(core);
    }).catch((error) => {
      console.error(error);
      element.dispatchEvent(new CustomEvent('qmail-task-error', { bubbles: true, composed: true, detail: String(error) }));
    });
  }

  /** Throws once destroyed; else whether the part has mounted. */
  live() {
    if (this.#destroyed) throw new Error(this.#gone);
    return this.mounted !== null;
  }

  destroy() {
    this.#destroyed = true;
    this.mounted?.destroy();
    this.mounted = null;
  }
}

/** A widget's handle while its core loads; its status is read meanwhile. */
class LoadingWidget extends LoadingHandle {
  #options;
  #read;

  constructor(element, options, part) {
    const loading = loadParts([part]).then(async (core) => {
      await answerIn(this.#read);
      return core;
    }, (error) => {
      this.#read?.abort();
      throw error;
    });
    super(element, loading, 'qmail-task-widget: this widget was destroyed', (core) =>
      core.mount(element, this.#options, ...answerOf(this.#read)));
    // A copy: the answer read now must be the answer for the task mounted
    // later, even if the page changes its object meanwhile.
    this.#options = options !== null && typeof options === 'object' ? { ...options } : options;
    this.#read = readAhead(this.#options);
  }

  setTaskId(taskId) {
    if (this.live()) return this.mounted.setTaskId(taskId);
    if (typeof taskId !== 'string' || !taskId.trim()) throw new Error('qmail-task-widget: taskId must not be empty');
    this.#read?.abort();
    this.#options = { ...this.#options, taskId };
    this.#read = readAhead(this.#options);
  }

  destroy() {
    this.#read?.abort();
    super.destroy();
  }
}

/** A list's handle while its core loads, with the last task ids set. */
class LoadingList extends LoadingHandle {
  #taskIds = null;

  constructor(element, options, part) {
    super(element, loadParts([part]), 'qmail-task-list: this list was destroyed', (core) =>
      core.mountList(element, this.#taskIds ? { ...options, taskIds: this.#taskIds } : options));
  }

  setTaskIds(taskIds) {
    if (this.live()) return this.mounted.setTaskIds(taskIds);
    if (!Array.isArray(taskIds) || taskIds.some((id) => typeof id !== 'string')) {
      throw new TypeError('qmail-task-list: setTaskIds() needs an array of strings');
    }
    this.#taskIds = [...taskIds];
  }
}

function checkElement(name, element) {
  if (!(element instanceof Element)) {
    throw new TypeError(`qmail-task-widget: ${name}() needs a DOM element as its first argument`);
  }
}

/**
 * What both elements share: they load their part's core and mount when
 * added, pass their attributes as options (`attributes` maps each to its
 * option, `read` converts its text), remount when one changes (unless
 * `follow` can hand the change to the live handle), and tear down when
 * removed. A mount error, or a core that cannot load, is an event, not a throw.
 */
class MountingElement extends HTMLElement {
  #handle = null;
  #generation = 0;

  connectedCallback() {
    this.#remount();
  }

  disconnectedCallback() {
    this.#generation += 1;
    this.#handle?.destroy();
    this.#handle = null;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.isConnected || oldValue === newValue) return;
    if (!(this.#handle && this.follow(this.#handle, name, newValue))) this.#remount();
  }

  #options() {
    const options = {};
    for (const [attribute, key] of Object.entries(this.constructor.attributes)) {
      const value = this.getAttribute(attribute);
      if (value !== null) options[key] = this.constructor.read(key, value);
    }
    return options;
  }

  async #remount() {
    const generation = ++this.#generation;
    this.#handle?.destroy();
    this.#handle = null;
    if (this.getAttribute(this.constructor.required) === null) return;
    const options = this.#options();
    let read = null;
    try {
      // A widget reads its status while the core loads (see `readAhead`).
      if (this.constructor.part === 'widget') read = readAhead(options);
      // The element's own core only: a page of lists never loads the widget's.
      await loadForElement(partFor(this.constructor.part, this, options));
      await answerIn(read);
      if (generation !== this.#generation || !this.isConnected) return read?.abort();
      this.#handle = this.mountWith(options, read);
    } catch (error) {
      read?.abort();
      // A failed load that a later remount has replaced is not this element's error any more.
      if (generation !== this.#generation) return;
      console.error(error);
      this.dispatchEvent(new CustomEvent('qmail-task-error', { bubbles: true, composed: true, detail: String(error) }));
    }
  }
}

const NUMBERS = new Set(['pollIntervalMs', 'maxAttempts', 'requestTimeoutMs', 'maxInFlight', 'headingLevel']);

/** <qmail-task-cancel task-id="…" api-base="…" poll-interval-ms="1000" max-attempts="30" request-timeout-ms="10000" confirm="false"> */
export class QmailTaskCancel extends MountingElement {
  static attributes = {
    'task-id': 'taskId',
    'api-base': 'apiBase',
    'poll-interval-ms': 'pollIntervalMs',
    'max-attempts': 'maxAttempts',
    'request-timeout-ms': 'requestTimeoutMs',
    'confirm': 'confirm',
    'heading-level': 'headingLevel',
  };
  static observedAttributes = Object.keys(QmailTaskCancel.attributes);
  static required = 'task-id';
  static part = 'widget';
  static version = VERSION;

  static read(key, value) {
    if (NUMBERS.has(key)) return Number(value);
    return key === 'confirm' ? value !== 'false' : value;
  }

  mountWith(options, read) {
    // An empty or blank task-id is the options' error (an event), as any
    // other bad option is: never "nothing to show" without a word.
    return mountWidget(this, options, read);
  }

  follow(handle, name, value) {
    if (name !== 'task-id') return false;
    // A task-id the live widget refuses remounts, which reports it as an event.
    try {
      handle.setTaskId(value);
      return true;
    } catch {
      return false;
    }
  }
}

/** <qmail-task-list task-ids="a b c" api-base="…" max-in-flight="4">: ids separated by spaces or commas. */
export class QmailTaskList extends MountingElement {
  static attributes = {
    'task-ids': 'taskIds',
    'api-base': 'apiBase',
    'poll-interval-ms': 'pollIntervalMs',
    'max-attempts': 'maxAttempts',
    'request-timeout-ms': 'requestTimeoutMs',
    'max-in-flight': 'maxInFlight',
  };
  static observedAttributes = Object.keys(QmailTaskList.attributes);
  static required = 'task-ids';
  static part = 'list';
  static version = VERSION;

  static read(key, value) {
    if (NUMBERS.has(key)) return Number(value);
    return key === 'taskIds' ? taskIdsOf(value) : value;
  }

  mountWith(options) {
    return mountList(this, options);
  }

  follow(handle, name, value) {
    if (name !== 'task-ids') return false;
    try {
      handle.setTaskIds(taskIdsOf(value));
      return true;
    } catch {
      return false;
    }
  }
}

function taskIdsOf(value) {
  return (value ?? '').split(/[\s,]+/).filter((id) => id !== '');
}

// Two bundles on one page may each import this module. The same version
// again is harmless: the first definition stays. Another version cannot
// share the tag name, and saying so beats a silently older widget.
for (const [tag, element] of [['qmail-task-cancel', QmailTaskCancel], ['qmail-task-list', QmailTaskList]]) {
  const defined = customElements.get(tag);
  if (!defined) {
    customElements.define(tag, element);
  } else if (defined.version === VERSION) {
    console.warn(`qmail-task-widget ${VERSION} was loaded twice; <${tag}> keeps its first definition`);
  } else {
    throw new Error(
      `qmail-task-widget ${VERSION}: <${tag}> is already defined by ${defined.version ? `version ${defined.version}` : 'another script'}; load one version of the widget per page`,
    );
  }
}
