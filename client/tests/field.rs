//! The widget against a server that is slow, odd or changing under it: answers
//! that never come, tasks that disappear mid-cancel, bodies that are not the
//! document's, the shipping server's immediate cancel, and many widgets
//! retrying after an outage. Every case ends in a true, explained state.

#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Short enough for a test, long enough for the mock on loopback.
const TIMEOUT_MS: u32 = 400;

/// A task that runs for ten minutes of mock time, checks for cancels every
/// second and cleans up for half a second.
async fn running_task(prefix: &str, extra: serde_json::Value) -> String {
    let mut script = json!({
        "id": unique_id(prefix), "pending_ms": 0, "duration_ms": 600000,
        "check_interval_ms": 1000, "cleanup_ms": 500
    });
    if let (Some(script), Some(extra)) = (script.as_object_mut(), extra.as_object()) {
        script.extend(extra.clone());
    }
    create_task(script).await
}

fn with_timeout(task_id: &str, max_attempts: u32) -> client::TaskCancelProps {
    client::TaskCancelProps {
        request_timeout_ms: TIMEOUT_MS,
        ..widget_props(task_id, 20, max_attempts, false)
    }
}

/// Waits a number of poll intervals (20 ms each) of wall time.
async fn some_intervals() {
    let mut ticks = 0;
    wait_until("a few poll intervals", || {
        ticks += 1;
        ticks > 30
    })
    .await;
}

#[wasm_bindgen_test]
async fn an_unanswered_status_read_times_out_and_is_retried() {
    clear_faults().await;
    let id = running_task("hang-read", json!({})).await;
    add_fault(json!({ "route": "status", "kind": "hang" })).await;
    let (root, handle) = mount_with(with_timeout(&id, 30));
    wait_for_notice(&root, "Could not refresh the status.").await;
    wait_for_notice(&root, "The server did not answer within 0.4 s").await;
    assert_eq!(badge(&root), "State: LOADING", "no state was invented");
    clear_faults().await;
    click(&root, "Retry now").await;
    wait_for_badge(&root, "RUNNING").await;
    wait_until("the notice is gone", || notices(&root).is_empty()).await;
    handle.destroy();
}

#[wasm_bindgen_test]
async fn an_unanswered_cancel_times_out_says_so_and_can_be_retried() {
    clear_faults().await;
    let id = running_task("hang-cancel", json!({})).await;
    let (root, handle) = mount_with(with_timeout(&id, 30));
    wait_for_badge(&root, "RUNNING").await;
    add_fault(json!({ "route": "cancel", "kind": "hang", "times": 1 })).await;
    click(&root, "Cancel task").await;
    wait_for_notice(&root, "did not answer the cancel request within 0.4 s").await;
    let said = notices(&root);
    assert!(said.contains("may or may not have received it"), "{said}");
    assert!(!said.contains("Requesting"), "{said}");
    assert!(!text(&root).contains("Cancelling…"), "{}", text(&root));
    // Status reads resume.
    let path = format!("/api/task/status/{id}");
    let before = requests_to("GET", &path).await;
    some_intervals().await;
    assert!(requests_to("GET", &path).await > before, "reads resumed");
    click(&root, "Retry").await;
    wait_for_notice(&root, "the server accepted the request").await;
    advance_clock(1_500).await;
    wait_for_notice(&root, "Task cancelled").await;
    wait_for_badge(&root, "CANCELLED").await;
    handle.destroy();
}

/// Asserts the widget ended saying the task is gone, and reads no more.
async fn assert_gone(root: &web_sys::Element, id: &str) {
    wait_for_notice(root, "The task no longer exists on the server").await;
    wait_for_badge(root, "NOT FOUND").await;
    let all = text(root);
    assert!(!all.contains("Cancelling"), "{all}");
    assert!(!all.contains("Task cancelled"), "{all}");
    assert!(notices(root).contains("may have been cancelled"));
    let path = format!("/api/task/status/{id}");
    let reads = requests_to("GET", &path).await;
    some_intervals().await;
    assert_eq!(requests_to("GET", &path).await, reads, "reads went on");
}

#[wasm_bindgen_test]
async fn a_task_that_disappears_mid_cancel_ends_gone() {
    clear_faults().await;
    let id = running_task("vanish", json!({})).await;
    let (root, handle) = mount_widget(&id, 20, 30, false);
    wait_for_badge(&root, "RUNNING").await;
    click(&root, "Cancel task").await;
    wait_for_notice(&root, "Cancelling…").await;
    delete_task(&id).await;
    assert_gone(&root, &id).await;
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_task_that_disappears_after_keep_waiting_ends_gone() {
    clear_faults().await;
    // It never checks for the cancel, so the widget gives up.
    let id = running_task("vanish-wait", json!({ "check_interval_ms": 3600000 })).await;
    let (root, handle) = mount_widget(&id, 20, 3, false);
    wait_for_badge(&root, "RUNNING").await;
    click(&root, "Cancel task").await;
    wait_for_notice(&root, "after 3 checks").await;
    delete_task(&id).await;
    click(&root, "Keep waiting").await;
    assert_gone(&root, &id).await;
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_task_that_disappears_after_a_refused_cancel_ends_gone() {
    clear_faults().await;
    let id = running_task("vanish-refused", json!({ "duration_ms": 1000 })).await;
    // A long interval: no read sees the task complete before the click.
    let (root, handle) = mount_widget(&id, 60_000, 30, false);
    wait_for_badge(&root, "RUNNING").await;
    advance_clock(1_000).await;
    // From now on the server says the task does not exist.
    add_fault(json!({ "route": "status", "kind": "status", "code": 404 })).await;
    click(&root, "Cancel task").await;
    assert_gone(&root, &id).await;
    clear_faults().await;
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_cancel_answered_with_broken_json_is_still_followed_to_cancelled() {
    clear_faults().await;
    let id = running_task("odd-cancel", json!({})).await;
    let (root, handle) = mount_widget(&id, 20, 30, false);
    wait_for_badge(&root, "RUNNING").await;
    add_fault(json!({ "route": "cancel", "kind": "malformed", "times": 1 })).await;
    click(&root, "Cancel task").await;
    wait_for_notice(&root, "the server accepted the request").await;
    assert_eq!(faults_left().await, 0, "the malformed answer was sent");
    advance_clock(1_500).await;
    wait_for_notice(&root, "Task cancelled").await;
    wait_for_badge(&root, "CANCELLED").await;
    handle.destroy();
}

#[wasm_bindgen_test]
async fn an_immediate_cancel_is_cancelled_at_the_first_read() {
    clear_faults().await;
    let id = running_task("immediate", json!({ "cancel_mode": "immediate" })).await;
    let (root, handle) = mount_widget(&id, 20, 30, false);
    wait_for_badge(&root, "RUNNING").await;
    let path = format!("/api/task/status/{id}");
    click(&root, "Cancel task").await;
    // No clock advance: the shipping server cancels at once.
    wait_for_notice(&root, "Task cancelled").await;
    wait_for_badge(&root, "CANCELLED").await;
    let cancels = journal(&format!("method=POST&path=/api/task/cancel/{id}")).await;
    assert_eq!(cancels.len(), 1, "one cancel request");
    let cancel_seq = cancels[0]["seq"].as_u64().expect("seq");
    let reads_after = journal(&format!("method=GET&path={path}&since={cancel_seq}")).await;
    assert_eq!(
        reads_after.len(),
        1,
        "CANCELLED at the first read after the 200"
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_server_that_ignores_the_cancel_finishes_first() {
    clear_faults().await;
    let id = running_task(
        "ignore",
        json!({ "cancel_mode": "ignore", "duration_ms": 5000 }),
    )
    .await;
    let (root, handle) = mount_widget(&id, 20, 30, false);
    wait_for_badge(&root, "RUNNING").await;
    click(&root, "Cancel task").await;
    wait_for_notice(&root, "the server accepted the request").await;
    advance_clock(5_000).await;
    wait_for_notice(
        &root,
        "finished (COMPLETED) before the cancellation took effect",
    )
    .await;
    wait_for_badge(&root, "COMPLETED").await;
    assert!(!notices(&root).contains("Task cancelled"));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn two_widgets_retry_at_different_times() {
    clear_faults().await;
    record_request_times();
    let first = running_task("jitter-a", json!({})).await;
    let second = running_task("jitter-b", json!({})).await;
    add_fault(json!({ "route": "status", "kind": "status", "code": 503 })).await;
    let (root_a, a) = mount_widget(&first, 100, 30, false);
    let (root_b, b) = mount_widget(&second, 100, 30, false);
    // Five reads each: the first at once, then four backed-off retries.
    wait_until("five reads of each task", || {
        request_times(&first).len() >= 5 && request_times(&second).len() >= 5
    })
    .await;
    clear_faults().await;
    let gaps = |id: &str| {
        let times = request_times(id);
        times
            .windows(2)
            .map(|w| w[1] - w[0])
            .take(4)
            .collect::<Vec<f64>>()
    };
    let (gaps_a, gaps_b) = (gaps(&first), gaps(&second));
    let apart = gaps_a
        .iter()
        .zip(&gaps_b)
        .any(|(a, b)| (a - b).abs() > 20.0);
    assert!(apart, "lock-step retries: {gaps_a:?} and {gaps_b:?}");
    for (n, gap) in gaps_a.iter().chain(&gaps_b).enumerate() {
        assert!(*gap >= 45.0, "retry {n} came after only {gap} ms");
    }
    assert!(notices(&root_a).contains("Could not refresh"));
    assert!(notices(&root_b).contains("Could not refresh"));
    a.destroy();
    b.destroy();
}
