//! Shared by the browser suites: the mock server's control API, and DOM
//! helpers that wait for a condition instead of sleeping for a fixed time.

#![allow(dead_code)]

use client::{TaskCancel, TaskCancelProps};
use gloo_net::http::Request;
use gloo_timers::future::TimeoutFuture;
use serde_json::{Value, json};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::AppHandle;

/// The mock server the test command starts (manual clock, no demo tasks).
pub const MOCK: &str = match option_env!("QMAIL_MOCK_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:18089",
};

/// A task id no other test uses.
pub fn unique_id(prefix: &str) -> String {
    format!("{prefix}-{}", (js_sys::Math::random() * 1e12) as u64)
}

async fn control(method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let url = format!("{MOCK}{path}");
    let builder = match method {
        "POST" => Request::post(&url),
        "DELETE" => Request::delete(&url),
        _ => Request::get(&url),
    };
    let response = match body {
        Some(body) => {
            builder
                .header("Content-Type", "application/json")
                .body(body.to_string())
                .expect("JSON body")
                .send()
                .await
        }
        None => builder.send().await,
    }
    .unwrap_or_else(|error| panic!("the mock server at {MOCK} answers ({error})"));
    let status = response.status();
    let text = response.text().await.expect("a body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Creates a task on the mock with this script and returns its id.
pub async fn create_task(script: Value) -> String {
    let (status, body) = control("POST", "/__mock/tasks", Some(script)).await;
    assert_eq!(status, 201, "creating a task: {body}");
    body["task_id"].as_str().expect("task_id").to_owned()
}

/// Creates a task that runs, from its start, for a minute of mock time, and
/// returns its id.
pub async fn running_for_a_minute(prefix: &str) -> String {
    create_task(json!({ "id": unique_id(prefix), "pending_ms": 0, "duration_ms": 60000 })).await
}

/// A task that runs for a minute of mock time, checks for cancels every
/// second and cleans up for half a second, saying `message`.
pub async fn cancellable_task(prefix: &str, message: &str) -> String {
    create_task(json!({
        "id": unique_id(prefix),
        "pending_ms": 0,
        "duration_ms": 60000,
        "check_interval_ms": 1000,
        "cleanup_ms": 500,
        "message": message
    }))
    .await
}

/// Moves the mock's manual clock forward.
pub async fn advance_clock(ms: u64) {
    let (status, body) = control("POST", "/__mock/clock/advance", Some(json!({ "ms": ms }))).await;
    assert_eq!(status, 200, "advancing the clock: {body}");
}

/// Removes a task from the mock, as a server that cleans up finished tasks would.
pub async fn delete_task(task_id: &str) {
    let path = format!("/__mock/tasks/{}", task_api::encode_path_segment(task_id));
    let (status, body) = control("DELETE", &path, None).await;
    assert_eq!(status, 200, "deleting a task: {body}");
}

pub async fn add_fault(rule: Value) {
    let (status, body) = control("POST", "/__mock/faults", Some(rule)).await;
    assert_eq!(status, 201, "adding a fault: {body}");
}

/// How many fault rules are still active.
pub async fn faults_left() -> usize {
    let (_, body) = control("GET", "/__mock/faults", None).await;
    body.as_array().map(Vec::len).unwrap_or(0)
}

pub async fn clear_faults() {
    control("DELETE", "/__mock/faults", None).await;
}

/// The journal entries that match `query`, e.g. `method=GET&since=3`.
pub async fn journal(query: &str) -> Vec<Value> {
    let (status, body) = control("GET", &format!("/__mock/requests?{query}"), None).await;
    assert_eq!(status, 200, "reading the journal: {body}");
    body.as_array().cloned().unwrap_or_default()
}

/// Records when the page fetches each URL (`performance.now()`), by wrapping
/// `fetch`; see [`request_times`].
pub fn record_request_times() {
    let _ = js_sys::eval(
        r#"(() => {
            if (window.__requestTimes) return;
            window.__requestTimes = {};
            const original = window.fetch;
            window.fetch = (...args) => {
                const url = String(args[0]?.url ?? args[0]);
                (window.__requestTimes[url] ??= []).push(performance.now());
                return original.apply(window, args);
            };
        })()"#,
    );
}

/// When the page read the status of `task_id`, in milliseconds.
pub fn request_times(task_id: &str) -> Vec<f64> {
    let url = format!("{MOCK}{}", task_api::status_path(task_id));
    js_sys::eval("window.__requestTimes ?? {}")
        .ok()
        .and_then(|table| js_sys::Reflect::get(&table, &url.into()).ok())
        .filter(|times| times.is_object())
        .map(|times| {
            js_sys::Array::from(&times)
                .iter()
                .filter_map(|time| time.as_f64())
                .collect()
        })
        .unwrap_or_default()
}

/// How many times `method path` reached the mock, per its journal.
pub async fn requests_to(method: &str, path: &str) -> usize {
    let query = format!("/__mock/requests?method={method}&path={path}");
    let (_, body) = control("GET", &query, None).await;
    body.as_array().map(Vec::len).unwrap_or(0)
}

/// A fresh element in the page to render into.
pub fn fresh_root() -> Element {
    let document = gloo_utils::document();
    let root = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    root
}

/// The task widget for `task_id` against the mock, rendered into a fresh
/// element. Tests poll every few milliseconds of wall time: the mock's manual
/// clock, not this interval, decides what the task does.
pub fn mount_widget(
    task_id: &str,
    poll_interval_ms: u32,
    max_attempts: u32,
    confirm: bool,
) -> (Element, AppHandle<TaskCancel>) {
    mount_with(widget_props(
        task_id,
        poll_interval_ms,
        max_attempts,
        confirm,
    ))
}

/// The props [`mount_widget`] uses, for tests that change one more.
pub fn widget_props(
    task_id: &str,
    poll_interval_ms: u32,
    max_attempts: u32,
    confirm: bool,
) -> TaskCancelProps {
    TaskCancelProps {
        task_id: task_id.to_owned().into(),
        api_base: MOCK.into(),
        poll_interval_ms,
        max_attempts,
        request_timeout_ms: client::api::DEFAULT_REQUEST_TIMEOUT_MS,
        confirm,
        on_state_change: Default::default(),
        heading_level: 2,
        lang: Default::default(),
        first_answer: None,
    }
}

/// The task widget with these props, rendered into a fresh element.
pub fn mount_with(props: TaskCancelProps) -> (Element, AppHandle<TaskCancel>) {
    let root = fresh_root();
    let handle = yew::Renderer::<TaskCancel>::with_root_and_props(root.clone(), props).render();
    (root, handle)
}

/// The text of the widget's state badge.
pub fn badge(root: &Element) -> String {
    root.query_selector(".qtc-badge")
        .ok()
        .flatten()
        .and_then(|badge| badge.text_content())
        .unwrap_or_default()
}

/// Waits until `condition` holds, checking every few milliseconds; fails
/// with `what` after five seconds.
pub async fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    for _ in 0..1_000 {
        yew::scheduler::flush().await;
        if condition() {
            return;
        }
        TimeoutFuture::new(5).await;
    }
    panic!("timed out waiting until {what}");
}

/// Waits until `read()` satisfies `done`, checking every few milliseconds;
/// fails after five seconds, saying what `read()` last gave.
async fn wait_for_reading(what: &str, read: impl Fn() -> String, done: impl Fn(&str) -> bool) {
    for _ in 0..1_000 {
        yew::scheduler::flush().await;
        if done(&read()) {
            return;
        }
        TimeoutFuture::new(5).await;
    }
    panic!("timed out waiting for {what}; it says {:?}", read());
}

/// Waits until the state badge says exactly `state` (e.g. `RUNNING`).
pub async fn wait_for_badge(root: &Element, state: &str) {
    let wanted = format!("State: {state}");
    wait_for_reading(
        &format!("the badge {state:?}"),
        || badge(root),
        |said| said == wanted,
    )
    .await;
}

/// The text of the visible notices (not the screen-reader-only live region).
pub fn notices(root: &Element) -> String {
    let Ok(found) = root.query_selector_all(".qtc-notice") else {
        return String::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|notice| notice.text_content())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Waits until a visible notice contains `wanted`.
pub async fn wait_for_notice(root: &Element, wanted: &str) {
    let what = format!("a notice {wanted:?}");
    wait_for_reading(&what, || notices(root), |said| said.contains(wanted)).await;
}

/// Waits until the widget's text (live region included) contains `wanted`.
pub async fn wait_for_text(root: &Element, wanted: &str) {
    let what = format!("{wanted:?}");
    wait_for_reading(&what, || text(root), |said| said.contains(wanted)).await;
}

pub fn text(root: &Element) -> String {
    root.text_content().unwrap_or_default()
}

/// The button whose text is `label`, if there is one.
pub fn button(root: &Element, label: &str) -> Option<HtmlElement> {
    let buttons = root.query_selector_all("button").ok()?;
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .find(|button| button.text_content().unwrap_or_default().trim() == label)
}

/// Disabled either way: `disabled`, or `aria-disabled` (which keeps focus).
pub fn is_disabled(button: &HtmlElement) -> bool {
    button.has_attribute("disabled")
        || button.get_attribute("aria-disabled").as_deref() == Some("true")
}

pub async fn click(root: &Element, label: &str) {
    wait_until(&format!("an enabled {label:?} button"), || {
        button(root, label).is_some_and(|b| !is_disabled(&b))
    })
    .await;
    if let Some(button) = button(root, label) {
        button.click();
    }
    yew::scheduler::flush().await;
}
