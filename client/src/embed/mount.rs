//! `mount(element, options)`: the widget inside any element of any page.

use super::events::dispatch_state_events;
use super::options::{MountOptions, check_keys};
use crate::api_client::DEFAULT_REQUEST_TIMEOUT_MS;
use crate::components::{TaskCancel, TaskCancelProps};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::{AppHandle, Callback};

/// The widget's stylesheet, carried inside the wasm so a host needs no CSS file.
const STYLESHEET: &str = include_str!("../../style.css");

/// A mounted widget, returned to JavaScript by `mount`.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<AppHandle<TaskCancel>>,
    props: TaskCancelProps,
    /// What `mount` added to the shadow root, removed again by `destroy`.
    added: Vec<Element>,
    /// The stylesheet adopted by the shadow root, and that root, when the
    /// browser has constructable stylesheets.
    adopted: Option<(ShadowRoot, CssStyleSheet)>,
}

/// Renders the widget into `element`, inside a shadow root so that page
/// styles and widget styles cannot touch each other. Throws a clear error
/// for bad options or an element that cannot hold a shadow root.
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<WidgetHandle, JsError> {
    let options = read_options(options)
        .map_err(|error| JsError::new(&format!("qmail-task-widget: invalid options: {error}")))?;
    let shadow = shadow_root_of(&element)?;
    let document = gloo_utils::document();
    let adopted = adopt_stylesheet(&shadow);
    let mut added = Vec::new();
    if adopted.is_none() {
        let style = document
            .create_element("style")
            .map_err(|_| JsError::new("qmail-task-widget: could not create a style element"))?;
        style.set_text_content(Some(STYLESHEET));
        added.push(style);
    }
    let root = document
        .create_element("div")
        .map_err(|_| JsError::new("qmail-task-widget: could not create the widget root"))?;
    root.set_class_name("qtc-embed-root");
    added.push(root.clone());
    for child in &added {
        shadow
            .append_child(child)
            .map_err(|_| JsError::new("qmail-task-widget: could not attach the widget"))?;
    }
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
        on_state_change: Callback::from(move |status| dispatch_state_events(&host, &status)),
    };
    let app =
        yew::Renderer::<TaskCancel>::with_root_and_props(root.clone(), defaults.clone()).render();
    Ok(WidgetHandle {
        app: Some(app),
        props: defaults,
        added,
        adopted,
    })
}

/// Styles `shadow` with a constructable stylesheet: no `<style>` element, so
/// a host page whose Content-Security-Policy has no `'unsafe-inline'` for
/// styles still shows the widget styled. `None` where the browser has no
/// constructable stylesheets; the caller then adds a `<style>` element.
fn adopt_stylesheet(shadow: &ShadowRoot) -> Option<(ShadowRoot, CssStyleSheet)> {
    let sheet = CssStyleSheet::new().ok()?;
    sheet.replace_sync(STYLESHEET).ok()?;
    let sheets = shadow.adopted_style_sheets();
    sheets.push(&sheet);
    shadow.set_adopted_style_sheets(&sheets);
    Some((shadow.clone(), sheet))
}

/// Reads the options object key by key (`Reflect::get`), so every error
/// names the option at fault.
fn read_options(options: JsValue) -> Result<MountOptions, String> {
    let object = options
        .dyn_ref::<js_sys::Object>()
        .filter(|_| !options.is_function())
        .ok_or("options must be an object such as { taskId: '…' }")?;
    let keys: Vec<String> = js_sys::Object::keys(object)
        .iter()
        .filter_map(|key| key.as_string())
        .collect();
    check_keys(keys.iter().map(String::as_str))?;
    let get = |key: &str| {
        js_sys::Reflect::get(&options, &JsValue::from_str(key))
            .ok()
            .filter(|value| !value.is_undefined())
    };
    let text = |key: &str| match get(key) {
        None => Ok(None),
        Some(value) => value
            .as_string()
            .map(Some)
            .ok_or_else(|| format!("{key} must be a string")),
    };
    let whole = |key: &str| match get(key) {
        None => Ok(None),
        Some(value) => match value.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => {
                Ok(Some(n as u32))
            }
            _ => Err(format!(
                "{key} must be a whole number from 0 to {}",
                u32::MAX
            )),
        },
    };
    let confirm = match get("confirm") {
        None => None,
        Some(value) => Some(value.as_bool().ok_or("confirm must be true or false")?),
    };
    let options = MountOptions {
        task_id: text("taskId")?.ok_or("taskId is required")?,
        api_base: text("apiBase")?.unwrap_or_default(),
        poll_interval_ms: whole("pollIntervalMs")?,
        max_attempts: whole("maxAttempts")?,
        request_timeout_ms: whole("requestTimeoutMs")?,
        confirm,
    };
    options.validate()?;
    Ok(options)
}

fn shadow_root_of(element: &Element) -> Result<ShadowRoot, JsError> {
    if let Some(existing) = element.shadow_root() {
        return Ok(existing);
    }
    element
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .map_err(|_| {
            JsError::new(&format!(
                "qmail-task-widget: cannot mount into <{}>: it cannot hold a shadow root (use a <div> or <section>)",
                element.tag_name().to_lowercase()
            ))
        })
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Shows another task, starting afresh.
    #[wasm_bindgen(js_name = setTaskId)]
    pub fn set_task_id(&mut self, task_id: String) -> Result<(), JsError> {
        if task_id.trim().is_empty() {
            return Err(JsError::new("qmail-task-widget: taskId must not be empty"));
        }
        let Some(app) = self.app.as_mut() else {
            return Err(JsError::new("qmail-task-widget: this widget was destroyed"));
        };
        self.props.task_id = task_id.into();
        app.update(self.props.clone());
        Ok(())
    }

    /// Removes the widget's DOM and stops every timer and request. Calling
    /// it twice does nothing.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        for element in self.added.drain(..) {
            element.remove();
        }
        if let Some((shadow, sheet)) = self.adopted.take() {
            let others: js_sys::Array = shadow
                .adopted_style_sheets()
                .iter()
                .filter(|adopted| adopted != AsRef::<JsValue>::as_ref(&sheet))
                .collect();
            shadow.set_adopted_style_sheets(&others);
        }
    }
}
