//! The DOM events a host page hears.

use crate::task_list_state::{Outcome, Summary};
use task_api::{TaskState, TaskStatus};
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

/// Fired on every state change, with the status object as `detail`.
pub const STATE_EVENT: &str = "qmail-task-state";
/// Fired when the task reaches `CANCELLED`.
pub const CANCELLED_EVENT: &str = "qmail-task-cancelled";
/// Fired when the task ends `COMPLETED` or `FAILED`.
pub const FINISHED_EVENT: &str = "qmail-task-finished";
/// Fired by a list while a bulk cancel runs, with the counts as `detail`.
pub const PROGRESS_EVENT: &str = "qmail-tasks-progress";
/// Fired by a list when every task of a bulk cancel has an outcome.
pub const DONE_EVENT: &str = "qmail-tasks-done";

/// Dispatches the events for `status` on `host`. They bubble and cross
/// shadow roots (`composed`), so a listener anywhere above hears them.
pub fn dispatch_state_events(host: &Element, status: &TaskStatus) {
    let detail = status_detail(status);
    dispatch(host, STATE_EVENT, &detail);
    match status.state {
        TaskState::Cancelled => dispatch(host, CANCELLED_EVENT, &detail),
        TaskState::Completed | TaskState::Failed => dispatch(host, FINISHED_EVENT, &detail),
        _ => {}
    }
}

/// Dispatches a list's progress event: the counts of its bulk cancel.
pub fn dispatch_progress(host: &Element, summary: &Summary) {
    dispatch(host, PROGRESS_EVENT, &counts(summary));
}

/// Dispatches a list's done event: each task's outcome, and the counts.
pub fn dispatch_done(host: &Element, outcomes: &[(String, Outcome)]) {
    dispatch(host, DONE_EVENT, &done_detail(outcomes));
}

/// The status as a plain JavaScript object, as the API sent it: its JSON,
/// read by the browser's own `JSON.parse` (smaller than a serializer into
/// JavaScript values, which also carried float printing into the wasm).
fn status_detail(status: &TaskStatus) -> JsValue {
    js_sys::JSON::parse(&status.to_json()).unwrap_or(JsValue::NULL)
}

fn dispatch(host: &Element, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// `{ total, cancelled, finishedFirst, refused, notFound, failed,
/// stillRunning, inProgress, skipped }`.
fn counts(summary: &Summary) -> JsValue {
    let detail = js_sys::Object::new();
    set(&detail, "total", &JsValue::from(summary.total as u32));
    for (outcome, count) in &summary.counts {
        set(&detail, camel(*outcome), &JsValue::from(*count as u32));
    }
    detail.into()
}

/// `{ tasks: [{ taskId, outcome }], counts }`, outcomes as `Outcome::name`.
fn done_detail(outcomes: &[(String, Outcome)]) -> JsValue {
    let tasks = js_sys::Array::new();
    let mut summary = Summary {
        counts: Outcome::ALL.iter().map(|o| (*o, 0)).collect(),
        total: outcomes.len(),
    };
    for (task_id, outcome) in outcomes {
        let task = js_sys::Object::new();
        set(&task, "taskId", &JsValue::from_str(task_id));
        set(&task, "outcome", &JsValue::from_str(outcome.name()));
        tasks.push(&task);
        if let Some((_, n)) = summary.counts.iter_mut().find(|(o, _)| o == outcome) {
            *n += 1;
        }
    }
    let detail = js_sys::Object::new();
    set(&detail, "tasks", &tasks);
    set(&detail, "counts", &counts(&summary));
    detail.into()
}

fn camel(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::InProgress => "inProgress",
        Outcome::Cancelled => "cancelled",
        Outcome::FinishedFirst => "finishedFirst",
        Outcome::Refused => "refused",
        Outcome::NotFound => "notFound",
        Outcome::Failed => "failed",
        Outcome::StillRunning => "stillRunning",
        Outcome::Skipped => "skipped",
    }
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}
