//! The DOM events a host page hears from a list.

use super::events::dispatch;
use crate::list::state::{Outcome, Summary};
use wasm_bindgen::JsValue;
use web_sys::Element;

/// Fired by a list while a bulk cancel runs, with the counts as `detail`.
pub const PROGRESS_EVENT: &str = "qmail-tasks-progress";
/// Fired by a list when every task of a bulk cancel has an outcome.
pub const DONE_EVENT: &str = "qmail-tasks-done";

/// Dispatches a list's progress event: the counts of its bulk cancel.
pub fn dispatch_progress(host: &Element, summary: &Summary) {
    dispatch(host, PROGRESS_EVENT, &counts(summary));
}

/// Dispatches a list's done event: each task's outcome, and the counts.
pub fn dispatch_done(host: &Element, outcomes: &[(String, Outcome)]) {
    dispatch(host, DONE_EVENT, &done_detail(outcomes));
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
