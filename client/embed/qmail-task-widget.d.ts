// Types of qmail-task-widget.js, the QMail task widget for any web page.
// Hand-written; checked by `tsc --noEmit` against a consumer project in the
// end-to-end tests (client/e2e/package.test.mjs).

/** This build's version, e.g. `"0.1.0"`. */
export declare const VERSION: string;

/**
 * The parts of the widget. The widget's core has `widget`; the full core has
 * both, and loads once a list is wanted; the core with `languages` has all
 * three, and loads instead for a widget or list in another language than
 * English (or once a language is registered).
 */
export type Part = 'widget' | 'list' | 'languages';

export interface InitOptions {
  /** Where the widget's `.wasm` file is; by default next to the module. */
  wasmUrl?: string | URL;
  /** Where the full core's `.wasm` file is (the list's); by default next to the module. */
  fullWasmUrl?: string | URL;
  /** Where the `.wasm` file of the core with languages is; by default next to the module. */
  intlWasmUrl?: string | URL;
  /**
   * The parts to load now (default `['widget']`). The full core otherwise
   * loads the first time a list mounts; `['list']` (or `['widget', 'list']`)
   * loads it now, one download for a page that shows a list. On a page
   * whose `<html lang>` is not English, the core with languages loads.
   */
  parts?: Part[];
}

/**
 * Loads the WebAssembly. `mount()` may come before it resolves (it loads the
 * widget's core itself); await it before `mountList()`, and call it first,
 * awaited or not, to name `wasmUrl`. More calls share what is loaded.
 */
export default function init(options?: InitOptions | string | URL): Promise<unknown>;

export interface MountOptions {
  /** The task to show. */
  taskId: string;
  /** Where the task API lives, e.g. `"http://localhost:8080"`; empty or omitted: this page's origin. */
  apiBase?: string;
  /** Time between a status answer and the next read (default 1000, at least 10). */
  pollIntervalMs?: number;
  /** Status reads after an accepted cancel before giving up (default 30, at least 1). */
  maxAttempts?: number;
  /** How long a request may go unanswered before it is abandoned (default 10000, at least 100). */
  requestTimeoutMs?: number;
  /** Ask "Cancel this task?" before sending the cancel (default true). */
  confirm?: boolean;
  /** The level of the widget's heading, 1 to 6, to fit the page's outline (default 2). */
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6;
  /**
   * The language to speak, e.g. `"de"` or `"de-AT"` (which falls back to
   * `de`, then English). Omitted: the nearest `lang` around `element`,
   * followed when it changes.
   */
  lang?: string;
}

/** A mounted widget. */
export interface WidgetHandle {
  /** Shows another task, starting afresh. */
  setTaskId(taskId: string): void;
  /** Removes the widget and stops every timer and request; a second call does nothing. */
  destroy(): void;
}

/**
 * Renders the widget into a shadow root of `element`. Throws for bad options
 * once `init()` has resolved; before, it loads the widget's core, reads the
 * task's status meanwhile, and reports bad options as a `qmail-task-error`
 * event on `element`. Throws at once for an `element` that is not one.
 */
export declare function mount(element: Element, options: MountOptions): WidgetHandle;

export interface ListOptions {
  /** The tasks to list, in order; blanks and repeats are dropped. */
  taskIds: string[];
  /** Where the task API lives; empty or omitted: this page's origin. */
  apiBase?: string;
  /** Time between a task's status answer and its next read (default 1000, at least 10). */
  pollIntervalMs?: number;
  /** Status reads after an accepted cancel before giving up on a task (default 30, at least 1). */
  maxAttempts?: number;
  /** How long a request may go unanswered before it is abandoned (default 10000, at least 100). */
  requestTimeoutMs?: number;
  /** Status reads in flight at most, and cancels in flight at most (default 4, at least 1). */
  maxInFlight?: number;
  /** The language to speak; omitted: the nearest `lang` around `element`, followed when it changes. */
  lang?: string;
}

/** A mounted list. */
export interface ListHandle {
  /** Shows other tasks, starting afresh. */
  setTaskIds(taskIds: string[]): void;
  /** Removes the list and stops every timer and request; a second call does nothing. */
  destroy(): void;
}

/**
 * Renders a task list with bulk cancel into a shadow root of `element`.
 * Throws for bad options. After `init()` for the widget alone, the list shows
 * once its core has loaded (the handle takes `setTaskIds` and `destroy` meanwhile).
 */
export declare function mountList(element: Element, options: ListOptions): ListHandle;

/** The keys of messages that count something: plural forms by `Intl.PluralRules`. */
export type PluralMessageKey =
  | 'resultMore' | 'resultItems' | 'resultFields' | 'gaveUp' | 'selectedCount' | 'cancelTasks'
  | 'confirmTasks' | 'skippedTasks' | 'confirmYes' | 'countCancelled' | 'countFinishedFirst'
  | 'countRefused' | 'countNotFound' | 'countFailed' | 'countStillRunning' | 'countSkipped'
  | 'rowStillRunning';

/** The keys of every other message. */
export type TextMessageKey =
  | 'taskTitle' | 'stateLabel' | 'statePending' | 'stateRunning' | 'stateCompleted'
  | 'stateFailed' | 'stateCancelled' | 'stateLoading' | 'stateNotFound' | 'loadingStatus'
  | 'retryNow' | 'progress' | 'percent' | 'taskError' | 'noErrorMessage' | 'taskResult'
  | 'resultEmpty' | 'created' | 'started' | 'finished' | 'recentTime' | 'confirmLabel'
  | 'confirmQuestion' | 'keepRunning' | 'confirmCancel' | 'cancelTask' | 'cancellingButton'
  | 'keepWaiting' | 'retry' | 'requestingCancel' | 'cancelling' | 'cancelled' | 'failedFirst'
  | 'finishedFirst' | 'cannotCancel' | 'taskIs' | 'gone' | 'cancelTimedOut' | 'taskNotFound'
  | 'cancelRefused' | 'cancelFailed' | 'refreshFailed' | 'retryIn' | 'announceRequesting'
  | 'announceCancelling' | 'announceTask' | 'announceUnavailable' | 'announceLoading'
  | 'announceNotFound' | 'announceRefreshFailed' | 'errorNotFound' | 'errorRejected'
  | 'errorServer' | 'errorNetwork' | 'errorTimedOut' | 'errorBadBody' | 'listLabel'
  | 'selectAll' | 'cancelSelected' | 'keepThemRunning' | 'filterLabel' | 'filterAll'
  | 'filterOutcome' | 'retryFailed' | 'keepWaitingCount' | 'noTasks' | 'columnSelected'
  | 'columnTask' | 'columnState' | 'columnProgress' | 'columnMessage' | 'columnCancellation'
  | 'selectTask' | 'progressOfTask' | 'showTask' | 'outcomeInProgress' | 'outcomeCancelled'
  | 'outcomeFinishedFirst' | 'outcomeRefused' | 'outcomeNotFound' | 'outcomeFailed'
  | 'outcomeStillRunning' | 'outcomeSkipped' | 'summaryDone' | 'summarySpokenDone'
  | 'summaryOutcomes' | 'summaryInProgress' | 'summarySeparator' | 'rowSkipped'
  | 'rowRequesting' | 'rowCancelled' | 'rowNotFound' | 'rowFinishedFirst' | 'rowRefusedState'
  | 'rowRefused' | 'rowFailed';

/** Every key of the message catalogue (the integrator README lists them with their English). */
export type MessageKey = PluralMessageKey | TextMessageKey;

/** A counting message's forms, by plural category; `other` is required. */
export interface PluralForms {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/**
 * A language's messages: any keys, each a text with `{placeholders}`, or
 * plural forms for a counting message. A key left out is English.
 */
export type Messages = { [K in TextMessageKey]?: string } & { [K in PluralMessageKey]?: string | PluralForms };

/**
 * Adds `messages` to language `lang` (`"de"`, `"pt-BR"`): a language of the
 * page's own, or single keys over a shipped one (`"en"` changes English).
 * The widgets and lists mounted from then on show them (on the core with
 * languages), and so do those on that core already; one mounted before on
 * an English-only core keeps English until it mounts again. Resolves once
 * they apply; rejects with a TypeError for a tag or messages that are not
 * well-formed.
 */
export declare function registerLanguage(lang: string, messages: Messages): Promise<void>;

/** Where one task of a bulk cancel ended up. */
export type BulkOutcome =
  | 'cancelled'
  | 'finished-first'
  | 'refused'
  | 'not-found'
  | 'failed'
  | 'still-running'
  | 'in-progress'
  | 'skipped';

/** How many tasks of a bulk cancel are in each group: the `detail` of `qmail-tasks-progress`. */
export interface BulkCounts {
  total: number;
  cancelled: number;
  finishedFirst: number;
  refused: number;
  notFound: number;
  failed: number;
  stillRunning: number;
  inProgress: number;
  skipped: number;
}

/** The `detail` of `qmail-tasks-done`: each task's outcome, and the counts. */
export interface BulkDone {
  tasks: { taskId: string; outcome: BulkOutcome }[];
  counts: BulkCounts;
}

/** A task's state; a server may name others. */
export type TaskState = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | (string & {});

/** The status object, as `GET /api/task/status/{id}` sent it: the `detail` of the events. */
export interface TaskStatus {
  task_id: string;
  state: TaskState;
  /** Percent, 0 to 100; absent when the server sent none. */
  progress?: number;
  message: string;
  result: unknown;
  error: string | null;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  is_finished: boolean;
  is_successful: boolean;
  cancel_requested: boolean;
  /** Fields the API document does not name, as the server sent them. */
  [extra: string]: unknown;
}

/** The events a widget dispatches on its element; they bubble and cross shadow roots. */
export interface QmailTaskEventMap {
  /** Every change of the task's state. */
  'qmail-task-state': CustomEvent<TaskStatus>;
  /** The task reached `CANCELLED`. */
  'qmail-task-cancelled': CustomEvent<TaskStatus>;
  /** The task ended `COMPLETED` or `FAILED`. */
  'qmail-task-finished': CustomEvent<TaskStatus>;
  /** `<qmail-task-cancel>` or `<qmail-task-list>` could not mount (bad attributes, or its WebAssembly could not load), or a list from `mountList` could not load its core: the message. */
  'qmail-task-error': CustomEvent<string>;
  /** A list's bulk cancel changed: the counts. */
  'qmail-tasks-progress': CustomEvent<BulkCounts>;
  /** Every task of a list's bulk cancel has an outcome. */
  'qmail-tasks-done': CustomEvent<BulkDone>;
}

/**
 * `<qmail-task-cancel task-id api-base poll-interval-ms max-attempts
 * request-timeout-ms confirm>`, defined when the module is imported.
 */
export declare class QmailTaskCancel extends HTMLElement {
  static readonly version: string;
  static readonly observedAttributes: string[];
  addEventListener<K extends keyof QmailTaskEventMap>(
    type: K,
    listener: (this: QmailTaskCancel, event: QmailTaskEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

/**
 * `<qmail-task-list task-ids api-base poll-interval-ms max-attempts
 * request-timeout-ms max-in-flight>`; `task-ids` separated by spaces or commas.
 */
export declare class QmailTaskList extends HTMLElement {
  static readonly version: string;
  static readonly observedAttributes: string[];
  addEventListener<K extends keyof QmailTaskEventMap>(
    type: K,
    listener: (this: QmailTaskList, event: QmailTaskEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'qmail-task-cancel': QmailTaskCancel;
    'qmail-task-list': QmailTaskList;
  }
  // The events bubble to any ancestor and the document.
  interface HTMLElementEventMap extends QmailTaskEventMap {}
  interface DocumentEventMap extends QmailTaskEventMap {}
}
