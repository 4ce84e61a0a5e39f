//! The API client against the real mock server, one test per documented
//! outcome, in a real browser.

#![cfg(target_arch = "wasm32")]

mod common;

use client::api::ApiClient;
use client::api::ApiError;
use common::*;
use serde_json::json;
use task_api::TaskState;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mock() -> ApiClient {
    ApiClient::new(MOCK)
}

#[wasm_bindgen_test]
async fn status_reads_the_status_object() {
    clear_faults().await;
    let id = create_task(json!({ "id": unique_id("status"), "pending_ms": 0 })).await;
    let status = mock().status(&id, None).await.expect("status");
    assert_eq!(status.task_id, id);
    assert_eq!(status.state, TaskState::Running);
}

#[wasm_bindgen_test]
async fn ids_with_slashes_and_spaces_reach_their_task() {
    clear_faults().await;
    let id = create_task(json!({ "id": format!("{} a/b c", unique_id("odd")) })).await;
    let status = mock().status(&id, None).await.expect("status");
    assert_eq!(status.task_id, id);
}

#[wasm_bindgen_test]
async fn cancel_of_running_task_is_accepted() {
    clear_faults().await;
    let id = create_task(json!({ "pending_ms": 0 })).await;
    assert_eq!(mock().cancel(&id).await, Ok(()));
}

#[wasm_bindgen_test]
async fn cancel_of_finished_task_is_already_finished_with_its_state() {
    clear_faults().await;
    let id = create_task(json!({ "pending_ms": 0, "duration_ms": 0 })).await;
    assert_eq!(
        mock().cancel(&id).await,
        Err(ApiError::AlreadyFinished {
            message: "Task has already finished (state: COMPLETED)".into(),
            state: Some(TaskState::Completed),
        })
    );
}

#[wasm_bindgen_test]
async fn unknown_task_is_not_found() {
    clear_faults().await;
    let error = mock().cancel(&unique_id("missing")).await.unwrap_err();
    assert!(matches!(error, ApiError::NotFound { .. }), "{error:?}");
    let error = mock()
        .status(&unique_id("missing"), None)
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::NotFound { .. }), "{error:?}");
}

#[wasm_bindgen_test]
async fn injected_500_is_a_server_error() {
    clear_faults().await;
    let id = create_task(json!({ "pending_ms": 0 })).await;
    clear_faults().await;
    add_fault(json!({ "route": "cancel", "kind": "status", "code": 500, "times": 1 })).await;
    let error = mock().cancel(&id).await.unwrap_err();
    assert_eq!(
        error,
        ApiError::Server {
            status: 500,
            message: "Server error occurred while processing the cancellation request".into()
        }
    );
    assert_eq!(mock().cancel(&id).await, Ok(()));
}

#[wasm_bindgen_test]
async fn malformed_answer_is_a_bad_body() {
    clear_faults().await;
    let id = create_task(json!({})).await;
    clear_faults().await;
    add_fault(json!({ "route": "status", "kind": "malformed", "times": 1 })).await;
    let error = mock().status(&id, None).await.unwrap_err();
    assert!(
        matches!(error, ApiError::BadBody { status: 200, .. }),
        "{error:?}"
    );
}

#[wasm_bindgen_test]
async fn dropped_connection_is_a_network_error() {
    clear_faults().await;
    let id = create_task(json!({})).await;
    clear_faults().await;
    // Not `times: 1`: a browser silently retries a GET whose reused
    // connection closed without an answer, so only a lasting drop is seen.
    add_fault(json!({ "route": "status", "kind": "drop" })).await;
    let result = mock().status(&id, None).await;
    clear_faults().await;
    let error = result.unwrap_err();
    assert!(matches!(error, ApiError::Network(_)), "{error:?}");
}

#[wasm_bindgen_test]
async fn unreachable_server_is_a_network_error() {
    clear_faults().await;
    // Port 9 (discard) has nothing listening on this machine.
    let error = ApiClient::new("http://127.0.0.1:9")
        .status("x", None)
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Network(_)), "{error:?}");
}

#[wasm_bindgen_test]
async fn an_unanswered_request_times_out_and_is_abandoned() {
    clear_faults().await;
    let id = create_task(json!({})).await;
    clear_faults().await;
    add_fault(json!({ "kind": "hang" })).await;
    let client = mock().with_timeout(300);
    let read = client.status(&id, None).await;
    let cancel = client.cancel(&id).await;
    clear_faults().await;
    assert_eq!(read, Err(ApiError::TimedOut { after_ms: 300 }));
    assert_eq!(cancel, Err(ApiError::TimedOut { after_ms: 300 }));
    assert_eq!(mock().status(&id, None).await.map(|s| s.task_id), Ok(id));
}
