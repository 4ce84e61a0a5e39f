// qmail-task-widget.js: the QMail task widget for any web page.
//
//   import init, { mount } from './qmail-task-widget.js';
//   await init();
//   const widget = mount(document.querySelector('#task'), { taskId: '…', apiBase: 'http://localhost:8080' });
//   widget.setTaskId('…');
//   widget.destroy();
//
//   const list = mountList(document.querySelector('#tasks'), { taskIds: ['a', 'b'], apiBase: '…' });
//   list.setTaskIds(['c']);
//   list.destroy();
//
// Importing this module also defines <qmail-task-cancel task-id="…" api-base="…">
// and <qmail-task-list task-ids="a b c" api-base="…">. The widget and the list
// each have a WebAssembly core: a page downloads the one it shows, and a page
// that asks for both at once downloads the full core, which has both.

/** This build's version (client/Cargo.toml; scripts/build-widget fills it in). */
export const VERSION = '__QMAIL_WIDGET_VERSION__';

// Each part has a WebAssembly core of its own, glue and wasm, so a page
// downloads only what it shows: the widget's (`mount`) and the list's
// (`mountList`). The full core has both, for a page that shows both: one
// download instead of two copies of everything they share. The paths are
// literal so bundlers find the files.
const CORES = {
  widget: {
    glue: () => import('./qmail-task-widget-core.js'),
    wasm: () => wasmUrls.widget ?? new URL('./qmail-task-widget-core_bg.wasm', import.meta.url),
  },
  list: {
    glue: () => import('./qmail-task-list-core.js'),
    wasm: () => wasmUrls.list ?? new URL('./qmail-task-list-core_bg.wasm', import.meta.url),
  },
  full: {
    glue: () => import('./qmail-task-full-core.js'),
    wasm: () => wasmUrls.full ?? new URL('./qmail-task-full-core_bg.wasm', import.meta.url),
  },
};
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
    cores[name] = glue()
      .then(async (core) => {
        await core.default({ module_or_path });
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
  return loaded.full ?? loaded[part];
}

/**
 * Loads what `parts` need, resolving to the core that has the first: the full
 * core for both parts when neither part's own core is loaded or loading, else
 * each part's own (or the full core, if that one is loading already).
 */
function loadParts(parts) {
  const wanted = [...new Set(parts)];
  if (wanted.length === 2 && !cores.widget && !cores.list) return load('full');
  return Promise.all(wanted.map((part) => cores.full ?? load(part))).then(() => coreWith(wanted[0]));
}

// Parts that elements ask for in one task load together, so a page whose
// HTML holds both elements downloads the full core.
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
 * Loads the widget's WebAssembly; call it and await it before `mount()` or
 * `mountList()` (more calls share the first load). A list's core loads the
 * first time a list mounts; `init({ parts: ['list'] })` loads it now instead,
 * and alone, for a page that shows lists and no widget;
 * `init({ parts: ['widget', 'list'] })` loads the full core, which has both,
 * for a page that shows both.
 * `init({ wasmUrl, listWasmUrl, fullWasmUrl })` names where the `.wasm` files
 * are, for bundlers that move files (e.g. Vite's `import wasmUrl from
 * '@qmail/task-widget/qmail-task-widget-core_bg.wasm?url'`); by default they
 * are next to this module.
 */
export default function init(options = {}) {
  const byUrl = options instanceof URL || typeof options === 'string';
  const { wasmUrl, listWasmUrl, fullWasmUrl, parts = ['widget'] } = byUrl ? { wasmUrl: options } : options ?? {};
  wasmUrls.widget ??= wasmUrl;
  wasmUrls.list ??= listWasmUrl;
  wasmUrls.full ??= fullWasmUrl;
  const asked = [].concat(parts);
  const unknown = asked.filter((part) => part !== 'widget' && part !== 'list');
  if (unknown.length > 0) {
    return Promise.reject(new TypeError(`qmail-task-widget: init() parts are 'widget' and 'list', not ${unknown.join(', ')}`));
  }
  return loadParts(asked).then(() => loaded.full ?? loaded.widget ?? loaded.list);
}

/**
 * Renders the widget into `element` (inside a shadow root) and returns a
 * handle with `setTaskId(id)` and `destroy()`.
 * Options: { taskId, apiBase, pollIntervalMs, maxAttempts, requestTimeoutMs, confirm }.
 */
export function mount(element, options) {
  const core = coreWith('widget');
  ready_for('mount', element, core);
  return core.mount(element, options);
}

/**
 * Renders a list of tasks with bulk cancel into `element` (inside a shadow
 * root) and returns a handle with `setTaskIds(ids)` and `destroy()`.
 * Options: { taskIds, apiBase, pollIntervalMs, maxAttempts, requestTimeoutMs, maxInFlight }.
 * Fires `qmail-tasks-progress` and `qmail-tasks-done` on `element`.
 * Bad options throw at once; the list shows once its core has loaded.
 */
export function mountList(element, options) {
  const core = coreWith('list');
  ready_for('mountList', element, core ?? loaded.widget);
  if (core) return core.mountList(element, options);
  loaded.widget.checkListMount(element, options);
  return new LoadingList(element, { ...options });
}

/**
 * A list's handle while its core loads: it mounts the list once the core is
 * there, with the last task ids set, unless destroyed first. A core that
 * cannot load is a `qmail-task-error` event on the element.
 */
class LoadingList {
  #list = null;
  #taskIds = null;
  #destroyed = false;

  constructor(element, options) {
    loadParts(['list']).then((core) => {
      if (this.#destroyed) return;
      this.#list = core.mountList(element, this.#taskIds ? { ...options, taskIds: this.#taskIds } : options);
    }).catch((error) => {
      console.error(error);
      element.dispatchEvent(new CustomEvent('qmail-task-error', { bubbles: true, composed: true, detail: String(error) }));
    });
  }

  setTaskIds(taskIds) {
    if (this.#destroyed) throw new Error('qmail-task-list: this list was destroyed');
    if (this.#list) return this.#list.setTaskIds(taskIds);
    if (!Array.isArray(taskIds) || taskIds.some((id) => typeof id !== 'string')) {
      throw new TypeError('qmail-task-list: setTaskIds() needs an array of strings');
    }
    this.#taskIds = [...taskIds];
  }

  destroy() {
    this.#destroyed = true;
    this.#list?.destroy();
    this.#list = null;
  }
}

function ready_for(name, element, core) {
  if (!core) {
    const listOnly = loaded.list ? " (init({ parts: ['list'] }) loaded the list's core only)" : '';
    throw new Error(`qmail-task-widget: call the default export (init) and await it before ${name}()${listOnly}`);
  }
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
    try {
      // The element's own core only: a page of lists never loads the widget's.
      await loadForElement(this.constructor.part);
      if (generation !== this.#generation || !this.isConnected) return;
      this.#handle = this.mountWith(this.#options());
    } catch (error) {
      // A failed load that a later remount has replaced is not this element's error any more.
      if (generation !== this.#generation) return;
      console.error(error);
      this.dispatchEvent(new CustomEvent('qmail-task-error', { bubbles: true, composed: true, detail: String(error) }));
    }
  }
}

const NUMBERS = new Set(['pollIntervalMs', 'maxAttempts', 'requestTimeoutMs', 'maxInFlight']);

/** <qmail-task-cancel task-id="…" api-base="…" poll-interval-ms="1000" max-attempts="30" request-timeout-ms="10000" confirm="false"> */
export class QmailTaskCancel extends MountingElement {
  static attributes = {
    'task-id': 'taskId',
    'api-base': 'apiBase',
    'poll-interval-ms': 'pollIntervalMs',
    'max-attempts': 'maxAttempts',
    'request-timeout-ms': 'requestTimeoutMs',
    'confirm': 'confirm',
  };
  static observedAttributes = Object.keys(QmailTaskCancel.attributes);
  static required = 'task-id';
  static part = 'widget';
  static version = VERSION;

  static read(key, value) {
    if (NUMBERS.has(key)) return Number(value);
    return key === 'confirm' ? value !== 'false' : value;
  }

  mountWith(options) {
    // An empty task-id is the options' error, not "nothing to show".
    return options.taskId ? mount(this, options) : null;
  }

  follow(handle, name, value) {
    if (name !== 'task-id' || !value) return false;
    handle.setTaskId(value);
    return true;
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
    handle.setTaskIds(taskIdsOf(value));
    return true;
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
