//! The widget under injected faults: slow answers, dropped connections,
//! broken JSON, a server that stops answering and comes back. It always ends
//! in a true, explained state, and says "Task cancelled" only when the
//! server said CANCELLED.

#![cfg(target_arch = "wasm32")]

mod common;

use client::TaskCancel;
use common::*;
use serde_json::json;
use wasm_bindgen_test::*;
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

fn mount(task_id: &str, max_attempts: u32) -> (web_sys::Element, AppHandle<TaskCancel>) {
    mount_widget(task_id, 20, max_attempts, false)
}

async fn running_task(prefix: &str) -> String {
    create_task(json!({
        "id": unique_id(prefix), "pending_ms": 0, "duration_ms": 600000,
        "check_interval_ms": 1000, "cleanup_ms": 500
    }))
    .await
}

/// Counts, per URL, the requests in flight at once, by wrapping the page's `fetch`.
fn count_requests_in_flight() {
    let _ = js_sys::eval(
        r#"(() => {
            if (window.__fetchWrapped) return;
            window.__fetchWrapped = true;
            window.__inFlight = {};
            window.__maxInFlight = {};
            const original = window.fetch;
            window.fetch = async (...args) => {
                const url = String(args[0]?.url ?? args[0]);
                window.__inFlight[url] = (window.__inFlight[url] ?? 0) + 1;
                window.__maxInFlight[url] = Math.max(window.__maxInFlight[url] ?? 0, window.__inFlight[url]);
                try { return await original.apply(window, args); }
                finally { window.__inFlight[url] -= 1; }
            };
        })()"#,
    );
}

/// The most requests ever in flight at once to `url`.
fn max_in_flight(url: &str) -> f64 {
    let Ok(table) = js_sys::eval("window.__maxInFlight") else {
        return f64::NAN;
    };
    js_sys::Reflect::get(&table, &url.into())
        .ok()
        .and_then(|value| value.as_f64())
        .unwrap_or(0.0)
}

#[wasm_bindgen_test]
async fn answers_slower_than_the_poll_interval_never_overlap_or_go_back() {
    clear_faults().await;
    count_requests_in_flight();
    let id = running_task("slow").await;
    add_fault(json!({ "route": "status", "kind": "delay", "ms": 150 })).await;
    let (root, handle) = mount(&id, 30);
    wait_for_badge(&root, "RUNNING").await;
    click(&root, "Cancel task").await;
    wait_for_notice(&root, "the server accepted the request").await;
    advance_clock(1_500).await;
    wait_for_notice(&root, "Task cancelled").await;
    clear_faults().await;
    // A few more intervals: nothing may bring back an older state.
    let mut checks = 0;
    wait_until("a while after CANCELLED", || {
        checks += 1;
        assert_eq!(badge(&root), "State: CANCELLED", "state went back");
        checks > 30
    })
    .await;
    let status_url = format!("{MOCK}/api/task/status/{id}");
    assert_eq!(
        max_in_flight(&status_url),
        1.0,
        "two status reads were in flight at once"
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn dropped_connections_are_explained_and_polling_recovers() {
    clear_faults().await;
    let id = running_task("drop").await;
    add_fault(json!({ "route": "status", "kind": "drop" })).await;
    let (root, handle) = mount(&id, 30);
    wait_for_notice(&root, "Could not refresh the status").await;
    wait_for_notice(&root, "No answer from the server").await;
    assert_eq!(badge(&root), "State: LOADING", "a state was invented");
    clear_faults().await;
    click(&root, "Retry now").await;
    wait_for_badge(&root, "RUNNING").await;
    wait_until("the error is gone", || {
        !text(&root).contains("Could not refresh")
    })
    .await;
    handle.destroy();
}

#[wasm_bindgen_test]
async fn malformed_json_is_explained_and_polling_recovers() {
    clear_faults().await;
    let id = running_task("malformed").await;
    add_fault(json!({ "route": "status", "kind": "malformed", "times": 1 })).await;
    let (root, handle) = mount(&id, 30);
    wait_for_notice(&root, "is not the expected JSON").await;
    wait_for_badge(&root, "RUNNING").await;
    wait_until("the error is gone", || {
        !text(&root).contains("not the expected JSON")
    })
    .await;
    handle.destroy();
}

#[wasm_bindgen_test]
async fn server_gone_after_the_cancel_is_never_reported_as_cancelled() {
    clear_faults().await;
    let id = running_task("gone").await;
    let (root, handle) = mount(&id, 5);
    wait_for_badge(&root, "RUNNING").await;
    // The cancel goes through, then the server stops answering entirely.
    add_fault(json!({ "route": "status", "kind": "drop" })).await;
    click(&root, "Cancel task").await;
    wait_for_notice(&root, "the server accepted the request").await;
    advance_clock(1_500).await;
    wait_for_notice(&root, "after 5 checks").await;
    assert!(
        !notices(&root).contains("Task cancelled"),
        "claimed success without CANCELLED"
    );
    assert_eq!(
        badge(&root),
        "State: RUNNING",
        "the last state the server said is shown"
    );
    // The server comes back: keep waiting, and now the truth arrives.
    clear_faults().await;
    click(&root, "Keep waiting").await;
    wait_for_notice(&root, "Task cancelled").await;
    handle.destroy();
}

#[wasm_bindgen_test]
async fn failing_server_then_recovery_ends_explained() {
    clear_faults().await;
    let id = running_task("flaky-cancel").await;
    let (root, handle) = mount(&id, 30);
    wait_for_badge(&root, "RUNNING").await;
    add_fault(json!({ "route": "all", "kind": "status", "code": 500, "times": 3 })).await;
    click(&root, "Cancel task").await;
    wait_for_notice(&root, "The cancel request failed").await;
    // Status reads use up the other two 500s, backing off (1-2 s, then 2-4 s
    // of real time), then recover; bounded, so a widget that stops reading
    // fails the test instead of hanging it.
    let mut checks = 0;
    while faults_left().await > 0 {
        checks += 1;
        assert!(
            checks <= 200,
            "the widget stopped reading while the server failed"
        );
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    wait_until("the status error is gone", || {
        !text(&root).contains("Could not refresh")
    })
    .await;
    click(&root, "Retry").await;
    wait_for_notice(&root, "the server accepted the request").await;
    advance_clock(1_500).await;
    wait_for_notice(&root, "Task cancelled").await;
    handle.destroy();
}
