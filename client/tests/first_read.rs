//! The widget page's first status read (feature `first-read`): the widget
//! adopts the read the page's loader started, left as `client/app-loader.js`
//! leaves it, instead of sending its own.

#![cfg(all(target_arch = "wasm32", feature = "first-read"))]

mod common;

use common::*;
use js_sys::Reflect;
use serde_json::json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A poll interval no test waits for: every status request a test counts is
/// the first read.
const NO_SECOND_READ_MS: u32 = 600_000;

/// Starts a status read of `url` and leaves it where the page's loader
/// leaves its own, in the same shape; `abort()` also records that it ran.
fn start_first_read(url: &str) -> JsValue {
    let start = js_sys::Function::new_with_args(
        "url",
        "const controller = new AbortController();
         const read = { url, aborted: false, abort: () => { read.aborted = true; controller.abort(); } };
         read.answer = fetch(url, { signal: controller.signal })
           .then(async (response) => (read.answered = [response.status, await response.text()]));
         read.answer.catch(() => {});
         globalThis.qmailFirstRead = read;
         return read;",
    );
    start
        .call1(&JsValue::NULL, &url.into())
        .expect("the read starts")
}

fn field(read: &JsValue, name: &str) -> JsValue {
    Reflect::get(read, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn read_left_on_page() -> bool {
    Reflect::has(&js_sys::global(), &"qmailFirstRead".into()).unwrap_or(false)
}

fn forget_read() {
    let _ = Reflect::delete_property(&js_sys::global(), &"qmailFirstRead".into());
}

fn status_url(task_id: &str) -> String {
    format!("{MOCK}/api/task/status/{task_id}")
}

#[wasm_bindgen_test]
async fn an_answer_already_in_is_the_first_render() {
    clear_faults().await;
    let id = running_for_a_minute("first-in").await;
    let read = start_first_read(&status_url(&id));
    wait_until("the first read's answer", || {
        !field(&read, "answered").is_undefined()
    })
    .await;
    let (root, handle) = mount_with(widget_props(&id, NO_SECOND_READ_MS, 30, true));
    // Only the scheduler's own work runs here, no network answer: whatever
    // the badge says now, the first render said.
    yew::scheduler::flush().await;
    let shown = badge(&root);
    assert!(shown.ends_with("RUNNING"), "the first render shows {shown}");
    assert!(!read_left_on_page(), "the read is taken once");
    let reads = requests_to("GET", &format!("/api/task/status/{id}")).await;
    assert_eq!(reads, 1, "the widget sent no read of its own");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_read_under_way_is_awaited_not_repeated() {
    clear_faults().await;
    let id = running_for_a_minute("first-pending").await;
    add_fault(json!({ "route": "status", "kind": "delay", "ms": 300, "times": 1 })).await;
    let _read = start_first_read(&status_url(&id));
    let (root, handle) = mount_with(widget_props(&id, NO_SECOND_READ_MS, 30, true));
    yew::scheduler::flush().await;
    let shown = badge(&root);
    assert!(shown.ends_with("LOADING"), "no answer yet, but {shown}");
    wait_for_badge(&root, "RUNNING").await;
    let reads = requests_to("GET", &format!("/api/task/status/{id}")).await;
    assert_eq!(reads, 1, "one read: the loader's");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_read_of_another_task_is_left_alone() {
    clear_faults().await;
    let other = running_for_a_minute("first-other").await;
    let id = running_for_a_minute("first-mine").await;
    let read = start_first_read(&status_url(&other));
    let (root, handle) = mount_with(widget_props(&id, NO_SECOND_READ_MS, 30, true));
    wait_for_badge(&root, "RUNNING").await;
    assert!(read_left_on_page(), "not this widget's read");
    assert_eq!(
        requests_to("GET", &format!("/api/task/status/{id}")).await,
        1
    );
    forget_read();
    drop(read);
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_failed_read_is_reported_as_no_answer() {
    clear_faults().await;
    // Nothing listens on the discard port: the connection is refused.
    let base = "http://127.0.0.1:9";
    let _read = start_first_read(&format!("{base}/api/task/status/gone"));
    let mut props = widget_props("gone", NO_SECOND_READ_MS, 30, true);
    props.api_base = base.into();
    let (root, handle) = mount_with(props);
    wait_for_notice(&root, "No answer from the server").await;
    assert!(!read_left_on_page());
    handle.destroy();
}

#[wasm_bindgen_test]
async fn an_unanswered_read_times_out_and_is_aborted() {
    clear_faults().await;
    let id = running_for_a_minute("first-slow").await;
    add_fault(json!({ "route": "status", "kind": "delay", "ms": 5000, "times": 1 })).await;
    let read = start_first_read(&status_url(&id));
    let mut props = widget_props(&id, NO_SECOND_READ_MS, 30, true);
    props.request_timeout_ms = 300;
    let (root, handle) = mount_with(props);
    wait_for_notice(&root, "did not answer within").await;
    assert_eq!(
        field(&read, "aborted"),
        JsValue::TRUE,
        "the loader's request is ended"
    );
    handle.destroy();
    clear_faults().await;
}
