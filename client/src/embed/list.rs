//! `mountList(element, options)`: a list of tasks with bulk cancel inside
//! any element of any page, and its events.

use super::list_events::{dispatch_done, dispatch_progress};
use super::list_options::{invalid_list_options, read_list_options};
use super::mounted::Mounted;
use super::shadow::ShadowMount;
use crate::list::state::{Outcome, Summary};
use crate::list::{TaskList, TaskListProps};
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::Callback;

/// A mounted list, returned to JavaScript by `mountList`.
#[wasm_bindgen]
pub struct ListHandle(Mounted<TaskList>);

/// Renders a task list into `element`, inside a shadow root. Throws a clear
/// error for bad options or an element that cannot hold a shadow root.
#[wasm_bindgen(js_name = mountList)]
pub fn mount_list(element: Element, options: JsValue) -> Result<ListHandle, JsError> {
    let options =
        read_list_options(&options).map_err(|error| JsError::new(&invalid_list_options(&error)))?;
    let shadow = ShadowMount::attach(&element, "qtc-embed-root", "qmail-task-list")
        .map_err(|error| JsError::new(&error))?;
    let (progress_host, done_host) = (element.clone(), element);
    let props = TaskListProps {
        task_ids: options.task_ids,
        api_base: options.api_base.into(),
        poll_interval_ms: options.poll_interval_ms,
        max_attempts: options.max_attempts,
        request_timeout_ms: options.request_timeout_ms,
        max_in_flight: options.max_in_flight,
        #[cfg(feature = "i18n")]
        lang: options.lang.into(),
        #[cfg(not(feature = "i18n"))]
        lang: Default::default(),
        on_progress: Callback::from(move |summary: Summary| {
            dispatch_progress(&progress_host, &summary);
        }),
        on_done: Callback::from(move |outcomes: Vec<(String, Outcome)>| {
            dispatch_done(&done_host, &outcomes);
        }),
        on_open: None,
    };
    Ok(ListHandle(Mounted::render(
        shadow,
        props,
        "qmail-task-list: this list was destroyed",
    )))
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
