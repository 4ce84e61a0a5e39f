//! `mount(element, options)`: the widget inside any element of any page.

use super::js_options::JsOptions;
use super::mounted::Mounted;
use super::options::{KNOWN_KEYS, MountOptions};
use super::shadow::ShadowMount;
use super::widget_events::dispatch_state_events;
use crate::api::client::DEFAULT_REQUEST_TIMEOUT_MS;
use crate::widget::first_answer::FirstAnswer;
use crate::widget::{TaskCancel, TaskCancelProps};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::Callback;

/// A mounted widget, returned to JavaScript by `mount`.
#[wasm_bindgen]
pub struct WidgetHandle(Mounted<TaskCancel>);

/// Renders the widget into `element`, inside a shadow root so that page
/// styles and widget styles cannot touch each other. Throws a clear error
/// for bad options or an element that cannot hold a shadow root.
///
/// `first_status`, `first_body` and `first_url` are the module's own: the
/// answer to the read of this task's status that it sent while this core
/// loaded, and where it sent it; the widget starts from it when it is for
/// the widget's own address and task (`client/src/widget/first_answer.rs`). No
/// body, no answer.
/// Hosts call the module's `mount(element, options)`, which passes them.
#[wasm_bindgen]
pub fn mount(
    element: Element,
    options: JsValue,
    first_status: u16,
    first_body: Option<String>,
    first_url: Option<String>,
) -> Result<WidgetHandle, JsError> {
    let options = read_options(&options)
        .map_err(|error| JsError::new(&format!("qmail-task-widget: invalid options: {error}")))?;
    let shadow = ShadowMount::attach(&element, "qtc-embed-root", "qmail-task-widget")
        .map_err(|error| JsError::new(&error))?;
    let host = element.clone();
    let defaults = TaskCancelProps {
        task_id: options.task_id.into(),
        api_base: options.api_base.into(),
        poll_interval_ms: options.poll_interval_ms.unwrap_or(1_000),
        max_attempts: options.max_attempts.unwrap_or(30),
        request_timeout_ms: options
            .request_timeout_ms
            .unwrap_or(DEFAULT_REQUEST_TIMEOUT_MS),
        confirm: options.confirm.unwrap_or(true),
        heading_level: options.heading_level.map_or(2, |level| level as u8),
        #[cfg(feature = "i18n")]
        lang: options.lang.into(),
        #[cfg(not(feature = "i18n"))]
        lang: Default::default(),
        on_state_change: Callback::from(move |status| dispatch_state_events(&host, &status)),
        first_answer: first_body.zip(first_url).map(|(body, url)| {
            Rc::new(FirstAnswer {
                url,
                status: first_status,
                body,
            })
        }),
    };
    Ok(WidgetHandle(Mounted::render(
        shadow,
        defaults,
        "qmail-task-widget: this widget was destroyed",
    )))
}

/// Reads `mount`'s options object; every error names the option at fault.
fn read_options(options: &JsValue) -> Result<MountOptions, String> {
    let options = JsOptions::new(options, &KNOWN_KEYS, "{ taskId: '…' }")?;
    let read = MountOptions {
        task_id: options.text("taskId")?.ok_or("taskId is required")?,
        api_base: options.text("apiBase")?.unwrap_or_default(),
        poll_interval_ms: options.whole("pollIntervalMs")?,
        max_attempts: options.whole("maxAttempts")?,
        request_timeout_ms: options.whole("requestTimeoutMs")?,
        confirm: options.flag("confirm")?,
        heading_level: options.whole("headingLevel")?,
        #[cfg(feature = "i18n")]
        lang: options.text("lang")?.unwrap_or_default(),
    };
    // Checked by every core; a core without languages speaks English
    // whatever it says (the module gives other languages the core with them).
    #[cfg(not(feature = "i18n"))]
    options.text("lang")?;
    read.validate()?;
    Ok(read)
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Shows another task, starting afresh.
    #[wasm_bindgen(js_name = setTaskId)]
    pub fn set_task_id(&mut self, task_id: String) -> Result<(), JsError> {
        if task_id.trim().is_empty() {
            return Err(JsError::new("qmail-task-widget: taskId must not be empty"));
        }
        self.0.update(|props| {
            props.task_id = task_id.into();
            props.first_answer = None;
        })
    }

    /// Removes the widget's DOM and stops every timer and request. Calling
    /// it twice does nothing.
    pub fn destroy(&mut self) {
        self.0.destroy();
    }
}
