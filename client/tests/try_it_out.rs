//! The Try It Out page against the mock server, in a real browser: a 200
//! followed until CANCELLED, a 400, a 404, an injected 500, and a host that
//! does not answer.

#![cfg(target_arch = "wasm32")]

mod common;

use client::{TryItOutPage, TryItOutPageProps};
use common::*;
use serde_json::json;
use wasm_bindgen_test::*;
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

fn open(api_host: &str, task_id: &str) -> (web_sys::Element, AppHandle<TryItOutPage>) {
    let root = fresh_root();
    let props = TryItOutPageProps {
        api_host: api_host.to_owned().into(),
        task_id: task_id.to_owned().into(),
        poll_interval_ms: 20,
        max_attempts: 30,
    };
    let handle = yew::Renderer::<TryItOutPage>::with_root_and_props(root.clone(), props).render();
    (root, handle)
}

#[wasm_bindgen_test]
async fn accepted_cancel_is_followed_until_cancelled() {
    clear_faults().await;
    let id = create_task(json!({
        "id": unique_id("try"), "pending_ms": 0, "duration_ms": 60000,
        "check_interval_ms": 1000, "cleanup_ms": 500
    }))
    .await;
    let (root, handle) = open(MOCK, &id);
    click(&root, "Send cancel request").await;
    wait_for_text(&root, "HTTP 200").await;
    wait_for_text(&root, "OK: cancellation request accepted successfully").await;
    wait_for_text(&root, &format!("POST {MOCK}/api/task/cancel/{id}")).await;
    wait_for_text(
        &root,
        "\"message\": \"Task cancellation requested successfully\"",
    )
    .await;
    click(&root, "Follow until cancelled").await;
    wait_until("the timeline shows RUNNING", || {
        root.query_selector(".qtc-timeline tbody")
            .ok()
            .flatten()
            .and_then(|body| body.text_content())
            .is_some_and(|rows| rows.contains("RUNNING"))
    })
    .await;
    advance_clock(1_500).await;
    wait_for_text(&root, "Verdict: Task successfully cancelled").await;
    assert!(text(&root).contains("CANCELLED"));
    // The snippets name this host and task.
    assert!(text(&root).contains(&format!("API_HOST='{MOCK}'")));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn finished_task_is_400_with_the_documents_meaning() {
    clear_faults().await;
    let id = create_task(json!({ "pending_ms": 0, "duration_ms": 0 })).await;
    let (root, handle) = open(MOCK, &id);
    click(&root, "Send cancel request").await;
    wait_for_text(&root, "HTTP 400").await;
    assert!(text(&root).contains("already finished (COMPLETED, FAILED, or CANCELLED)"));
    assert!(text(&root).contains("\"error\": \"Cannot cancel task\""));
    assert!(
        button(&root, "Follow until cancelled").is_none(),
        "nothing to follow after a 400"
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn unknown_task_is_404() {
    clear_faults().await;
    let (root, handle) = open(MOCK, &unique_id("nobody"));
    click(&root, "Send cancel request").await;
    wait_for_text(&root, "HTTP 404").await;
    assert!(text(&root).contains("no task exists with the specified ID"));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn injected_500_is_shown_with_its_body() {
    clear_faults().await;
    let id = create_task(json!({ "pending_ms": 0 })).await;
    add_fault(json!({ "route": "cancel", "kind": "status", "code": 500, "times": 1 })).await;
    let (root, handle) = open(MOCK, &id);
    click(&root, "Send cancel request").await;
    wait_for_text(&root, "HTTP 500").await;
    assert!(text(&root).contains("Internal Server Error"));
    assert!(text(&root).contains("\"error\": \"Internal server error\""));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn unreachable_host_is_explained() {
    clear_faults().await;
    let (root, handle) = open("http://127.0.0.1:9", "any-task");
    click(&root, "Send cancel request").await;
    wait_for_text(&root, "No response").await;
    wait_for_text(&root, "could not be reached").await;
    // Its own second request showed nothing answers: down, not CORS.
    assert!(text(&root).contains("most likely down or the host is wrong"));
    assert!(!text(&root).contains("--cors-origin"), "{}", text(&root));
    handle.destroy();
}

/// Types `text` into `input` a character at a time, a few tens of
/// milliseconds apart, as a fast typist would.
async fn type_into(input: &web_sys::Element, text: &str) {
    let set = js_sys::Function::new_with_args(
        "input, value",
        "input.value = value; input.dispatchEvent(new Event('input', { bubbles: true }));",
    );
    let mut typed = String::new();
    for c in text.chars() {
        typed.push(c);
        let _ = set.call2(&wasm_bindgen::JsValue::NULL, input, &typed.as_str().into());
        yew::scheduler::flush().await;
        gloo_timers::future::TimeoutFuture::new(30).await;
    }
}

/// How many times the page asked `<host>/__mock/health`, per its fetches.
fn health_checks() -> Vec<String> {
    let table = js_sys::eval("window.__requestTimes ?? {}").unwrap_or_default();
    js_sys::Object::keys(&table.into())
        .iter()
        .filter_map(|key| key.as_string())
        .filter(|url| url.ends_with("/__mock/health"))
        .collect()
}

#[wasm_bindgen_test]
async fn typing_a_host_asks_the_mock_once_when_it_is_typed_out() {
    let (root, handle) = open(MOCK, "any-task");
    wait_for_text(&root, "New demo task").await;
    record_request_times();
    let _ = js_sys::eval("window.__requestTimes = {}");
    let input = root
        .query_selector("#qtc-host")
        .ok()
        .flatten()
        .expect("the host field");
    type_into(&input, &MOCK.replace("127.0.0.1", "localhost")).await;
    wait_until("the typed-out host is checked", || {
        !health_checks().is_empty()
    })
    .await;
    assert_eq!(
        health_checks(),
        [format!(
            "{}/__mock/health",
            MOCK.replace("127.0.0.1", "localhost")
        )],
        "half-typed hosts were asked"
    );
    handle.destroy();
}

#[wasm_bindgen_test]
fn json_is_pretty_printed_in_the_servers_order_and_other_text_is_not() {
    use client::pretty_body;
    assert_eq!(
        pretty_body(r#"{"task_id":"t","error":"x","a":[1]}"#).as_deref(),
        Some("{\n  \"task_id\": \"t\",\n  \"error\": \"x\",\n  \"a\": [\n    1\n  ]\n}")
    );
    // The wire as sent: integer-like keys stay where they were, large and
    // decimal numbers keep their spelling (JSON.stringify would rewrite all three).
    assert_eq!(
        pretty_body(r#"{"b":1,"2":2.0,"big":12345678901234567890}"#).as_deref(),
        Some("{\n  \"b\": 1,\n  \"2\": 2.0,\n  \"big\": 12345678901234567890\n}")
    );
    assert_eq!(pretty_body("<html>oops</html>"), None);
    assert_eq!(pretty_body(r#"{"task_id": "#), None);
}

#[wasm_bindgen_test]
async fn a_dropped_connection_is_not_blamed_on_cors_for_a_loopback_page() {
    clear_faults().await;
    let id = running_for_a_minute("try-drop").await;
    // Every cancel until the test clears it: a browser sends a request again
    // when a reused connection closes before any answer, once per pooled
    // connection it tries, so no fixed count is enough.
    add_fault(json!({"route": "cancel", "kind": "drop"})).await;
    let (root, handle) = open(MOCK, &id);
    click(&root, "Send cancel request").await;
    wait_for_text(&root, "No response").await;
    // Whatever the browser lets the page learn of the failure, a flag the
    // mock needs only for other origins is no advice for a loopback page.
    assert!(!text(&root).contains("--cors-origin"), "{}", text(&root));
    handle.destroy();
    clear_faults().await;
}
