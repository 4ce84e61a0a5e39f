// JSX types for React 19: `import type {} from '@qmail/task-widget/react';`
// once in a project, and <qmail-task-cancel> and <qmail-task-list> type-check
// in .tsx files. React 19 sets known properties and attributes on custom
// elements and listens to their events through `on` + the event's name.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  BulkCounts,
  BulkDone,
  QmailTaskCancel,
  QmailTaskList,
  TaskStatus,
} from './qmail-task-widget.js';

/** What both elements take: where the API is and how politely to poll it. */
interface CommonAttributes {
  'api-base'?: string;
  'poll-interval-ms'?: number | string;
  'max-attempts'?: number | string;
  'request-timeout-ms'?: number | string;
  /** The colour scheme: auto (the reader's), light or dark. */
  theme?: 'light' | 'dark' | 'auto';
  'onqmail-task-error'?: (event: CustomEvent<string>) => void;
}

export interface QmailTaskCancelAttributes extends CommonAttributes {
  'task-id': string;
  confirm?: boolean | 'true' | 'false';
  'heading-level'?: 1 | 2 | 3 | 4 | 5 | 6 | '1' | '2' | '3' | '4' | '5' | '6';
  'onqmail-task-state'?: (event: CustomEvent<TaskStatus>) => void;
  'onqmail-task-cancelled'?: (event: CustomEvent<TaskStatus>) => void;
  'onqmail-task-finished'?: (event: CustomEvent<TaskStatus>) => void;
}

export interface QmailTaskListAttributes extends CommonAttributes {
  /** Ids separated by spaces or commas. */
  'task-ids': string;
  'max-in-flight'?: number | string;
  'onqmail-tasks-progress'?: (event: CustomEvent<BulkCounts>) => void;
  'onqmail-tasks-done'?: (event: CustomEvent<BulkDone>) => void;
}

type ElementProps<T, A> = DetailedHTMLProps<HTMLAttributes<T>, T> & A;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'qmail-task-cancel': ElementProps<QmailTaskCancel, QmailTaskCancelAttributes>;
      'qmail-task-list': ElementProps<QmailTaskList, QmailTaskListAttributes>;
    }
  }
}
