//! `mountList(element, options)`: a list of tasks with bulk cancel inside
//! any element of any page, and its events.

use super::events::{dispatch_done, dispatch_progress};
use super::js_options::JsOptions;
use super::mounted::Mounted;
use super::options::{MIN_POLL_INTERVAL_MS, MIN_REQUEST_TIMEOUT_MS};
use super::shadow::ShadowMount;
use crate::api_client::DEFAULT_REQUEST_TIMEOUT_MS;
use crate::components::{TaskList, TaskListProps};
use crate::task_list_state::{DEFAULT_MAX_IN_FLIGHT, Outcome, Summary};
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::Callback;

/// The keys `mountList` understands.
pub const LIST_KEYS: [&str; 6] = [
    "taskIds",
    "apiBase",
    "pollIntervalMs",
    "maxAttempts",
    "requestTimeoutMs",
    "maxInFlight",
];

/// A mounted list, returned to JavaScript by `mountList`.
#[wasm_bindgen]
pub struct ListHandle(Mounted<TaskList>);

/// Renders a task list into `element`, inside a shadow root. Throws a clear
/// error for bad options or an element that cannot hold a shadow root.
#[wasm_bindgen(js_name = mountList)]
pub fn mount_list(element: Element, options: JsValue) -> Result<ListHandle, JsError> {
    let props = read_list_options(&options, &element)
        .map_err(|error| JsError::new(&format!("qmail-task-list: invalid options: {error}")))?;
    let shadow = ShadowMount::attach(
        &element,
        "qtc-embed-root",
        "qmail-task-list: this list was destroyed",
    )
    .map_err(|error| JsError::new(&error))?;
    Ok(ListHandle(Mounted::render(
        shadow,
        props,
        "qmail-task-list",
    )))
}

fn read_list_options(options: &JsValue, host: &Element) -> Result<TaskListProps, String> {
    let options = JsOptions::new(options, &LIST_KEYS, "{ taskIds: ['…', '…'] }")?;
    let task_ids = options.strings("taskIds")?.ok_or("taskIds is required")?;
    let poll_interval_ms = options.whole("pollIntervalMs")?.unwrap_or(1_000);
    if poll_interval_ms < MIN_POLL_INTERVAL_MS {
        return Err(format!(
            "pollIntervalMs must be at least {MIN_POLL_INTERVAL_MS}"
        ));
    }
    let request_timeout_ms = options
        .whole("requestTimeoutMs")?
        .unwrap_or(DEFAULT_REQUEST_TIMEOUT_MS);
    if request_timeout_ms < MIN_REQUEST_TIMEOUT_MS {
        return Err(format!(
            "requestTimeoutMs must be at least {MIN_REQUEST_TIMEOUT_MS}"
        ));
    }
    let max_attempts = options.whole("maxAttempts")?.unwrap_or(30);
    if max_attempts == 0 {
        return Err("maxAttempts must be at least 1".to_owned());
    }
    let max_in_flight = options
        .whole("maxInFlight")?
        .map_or(DEFAULT_MAX_IN_FLIGHT, |n| n as usize);
    if max_in_flight == 0 {
        return Err("maxInFlight must be at least 1".to_owned());
    }
    let (progress_host, done_host) = (host.clone(), host.clone());
    Ok(TaskListProps {
        task_ids,
        api_base: options.text("apiBase")?.unwrap_or_default().into(),
        poll_interval_ms,
        max_attempts,
        request_timeout_ms,
        max_in_flight,
        on_progress: Callback::from(move |summary: Summary| {
            dispatch_progress(&progress_host, &summary);
        }),
        on_done: Callback::from(move |outcomes: Vec<(String, Outcome)>| {
            dispatch_done(&done_host, &outcomes);
        }),
        on_open: None,
    })
}

#[wasm_bindgen]
impl ListHandle {
    /// Shows other tasks, starting afresh.
    #[wasm_bindgen(js_name = setTaskIds)]
    pub fn set_task_ids(&mut self, task_ids: Vec<String>) -> Result<(), JsError> {
        self.0.update(|props| props.task_ids = task_ids)
    }

    /// Removes the list's DOM and stops every timer and request. Calling it
    /// twice does nothing.
    pub fn destroy(&mut self) {
        self.0.destroy();
    }
}
