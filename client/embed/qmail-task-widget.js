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
// and <qmail-task-list task-ids="a b c" api-base="…">.
import wasmInit, { mount as wasmMount, mountList as wasmMountList } from './qmail-task-widget-core.js';

/** This build's version (client/Cargo.toml; scripts/build-widget fills it in). */
export const VERSION = '__QMAIL_WIDGET_VERSION__';

let ready = null;
let initialised = false;

/**
 * Loads the widget's WebAssembly; call once (more calls share the first).
 * `init({ wasmUrl })` names where the `.wasm` file is, for bundlers that move
 * files (e.g. Vite's `import wasmUrl from '@qmail/task-widget/qmail-task-widget-core_bg.wasm?url'`);
 * by default it is next to this module.
 */
export default function init(options = {}) {
  if (!ready) {
    const wasmUrl = options instanceof URL || typeof options === 'string' ? options : options?.wasmUrl;
    const module_or_path = wasmUrl ?? new URL('./qmail-task-widget-core_bg.wasm', import.meta.url);
    ready = wasmInit({ module_or_path }).then((exports) => {
      initialised = true;
      return exports;
    });
  }
  return ready;
}

/**
 * Renders the widget into `element` (inside a shadow root) and returns a
 * handle with `setTaskId(id)` and `destroy()`.
 * Options: { taskId, apiBase, pollIntervalMs, maxAttempts, requestTimeoutMs, confirm }.
 */
export function mount(element, options) {
  ready_for('mount', element);
  return wasmMount(element, options);
}

/**
 * Renders a list of tasks with bulk cancel into `element` (inside a shadow
 * root) and returns a handle with `setTaskIds(ids)` and `destroy()`.
 * Options: { taskIds, apiBase, pollIntervalMs, maxAttempts, requestTimeoutMs, maxInFlight }.
 * Fires `qmail-tasks-progress` and `qmail-tasks-done` on `element`.
 */
export function mountList(element, options) {
  ready_for('mountList', element);
  return wasmMountList(element, options);
}

function ready_for(name, element) {
  if (!initialised) {
    throw new Error(`qmail-task-widget: call the default export (init) and await it before ${name}()`);
  }
  if (!(element instanceof Element)) {
    throw new TypeError(`qmail-task-widget: ${name}() needs a DOM element as its first argument`);
  }
}

const ATTRIBUTES = {
  'task-id': 'taskId',
  'api-base': 'apiBase',
  'poll-interval-ms': 'pollIntervalMs',
  'max-attempts': 'maxAttempts',
  'request-timeout-ms': 'requestTimeoutMs',
  'confirm': 'confirm',
};

/** <qmail-task-cancel task-id="…" api-base="…" poll-interval-ms="1000" max-attempts="30" request-timeout-ms="10000" confirm="false"> */
export class QmailTaskCancel extends HTMLElement {
  static observedAttributes = Object.keys(ATTRIBUTES);
  static version = VERSION;

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
    if (name === 'task-id' && this.#handle && newValue) {
      this.#handle.setTaskId(newValue);
    } else {
      this.#remount();
    }
  }

  #options() {
    const options = {};
    for (const [attribute, key] of Object.entries(ATTRIBUTES)) {
      const value = this.getAttribute(attribute);
      if (value === null) continue;
      if (key === 'pollIntervalMs' || key === 'maxAttempts' || key === 'requestTimeoutMs') options[key] = Number(value);
      else if (key === 'confirm') options[key] = value !== 'false';
      else options[key] = value;
    }
    return options;
  }

  async #remount() {
    const generation = ++this.#generation;
    this.#handle?.destroy();
    this.#handle = null;
    if (!this.getAttribute('task-id')) return;
    await init();
    if (generation !== this.#generation || !this.isConnected) return;
    try {
      this.#handle = mount(this, this.#options());
    } catch (error) {
      console.error(error);
      this.dispatchEvent(new CustomEvent('qmail-task-error', { bubbles: true, composed: true, detail: String(error) }));
    }
  }
}

const LIST_ATTRIBUTES = {
  'task-ids': 'taskIds',
  'api-base': 'apiBase',
  'poll-interval-ms': 'pollIntervalMs',
  'max-attempts': 'maxAttempts',
  'request-timeout-ms': 'requestTimeoutMs',
  'max-in-flight': 'maxInFlight',
};

/** <qmail-task-list task-ids="a b c" api-base="…" max-in-flight="4">: ids separated by spaces or commas. */
export class QmailTaskList extends HTMLElement {
  static observedAttributes = Object.keys(LIST_ATTRIBUTES);
  static version = VERSION;

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
    if (name === 'task-ids' && this.#handle) {
      this.#handle.setTaskIds(taskIdsOf(newValue));
    } else {
      this.#remount();
    }
  }

  #options() {
    const options = {};
    for (const [attribute, key] of Object.entries(LIST_ATTRIBUTES)) {
      const value = this.getAttribute(attribute);
      if (value === null) continue;
      if (key === 'taskIds') options[key] = taskIdsOf(value);
      else if (key === 'apiBase') options[key] = value;
      else options[key] = Number(value);
    }
    return options;
  }

  async #remount() {
    const generation = ++this.#generation;
    this.#handle?.destroy();
    this.#handle = null;
    if (this.getAttribute('task-ids') === null) return;
    await init();
    if (generation !== this.#generation || !this.isConnected) return;
    try {
      this.#handle = mountList(this, this.#options());
    } catch (error) {
      console.error(error);
      this.dispatchEvent(new CustomEvent('qmail-task-error', { bubbles: true, composed: true, detail: String(error) }));
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
