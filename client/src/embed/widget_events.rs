//! The DOM events a host page hears from a widget.

use super::events::dispatch;
use task_api::{TaskState, TaskStatus};
use wasm_bindgen::JsValue;
use web_sys::Element;

/// Fired on every state change, with the status object as `detail`.
pub const STATE_EVENT: &str = "qmail-task-state";
/// Fired when the task reaches `CANCELLED`.
pub const CANCELLED_EVENT: &str = "qmail-task-cancelled";
/// Fired when the task ends `COMPLETED` or `FAILED`.
pub const FINISHED_EVENT: &str = "qmail-task-finished";

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

/// The status as a plain JavaScript object, as the API sent it: its JSON,
/// read by the browser's own `JSON.parse` (smaller than a serializer into
/// JavaScript values, which also carried float printing into the wasm).
fn status_detail(status: &TaskStatus) -> JsValue {
    js_sys::JSON::parse(&status.to_json()).unwrap_or(JsValue::NULL)
}
