//! The DOM events a host page hears.

use task_api::{TaskState, TaskStatus};
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

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

/// The status as a plain JavaScript object, as the API sent it.
fn status_detail(status: &TaskStatus) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(status, &serializer).unwrap_or(JsValue::NULL)
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
