//! The documented endpoints, checked against the API document's examples.

mod common;

use common::*;
use serde_json::json;
use task_api::{CancelAccepted, ErrorBody, TaskState, TaskStatus};

const DOC_ID: &str = "a7f8c9d1-e234-56b7-8901-23c45de67f89";

/// A task that runs for 10 s, checks every 2 s and cleans up for 500 ms.
const RUNNING: &str = r#"{"id":"a7f8c9d1-e234-56b7-8901-23c45de67f89","pending_ms":0,
    "duration_ms":10000,"check_interval_ms":2000,"cleanup_ms":500}"#;

#[tokio::test]
async fn cancel_of_running_task_is_the_documented_200() {
    let mock = mock();
    create(&mock, RUNNING).await;
    let response = send(&mock, "POST", &format!("/api/task/cancel/{DOC_ID}")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    // The document's example, verbatim.
    assert_eq!(
        json(&response),
        json!({
            "task_id": "a7f8c9d1-e234-56b7-8901-23c45de67f89",
            "status": "cancelled",
            "message": "Task cancellation requested successfully"
        })
    );
    let typed: CancelAccepted = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(typed, CancelAccepted::new(DOC_ID));
}

#[tokio::test]
async fn cancel_of_finished_task_is_400_naming_its_state() {
    let mock = mock();
    create(&mock, RUNNING).await;
    advance(&mock, 10_000).await;
    let response = send(&mock, "POST", &format!("/api/task/cancel/{DOC_ID}")).await;
    assert_eq!(response.status(), 400);
    assert_eq!(
        json(&response),
        json!({
            "error": "Cannot cancel task",
            "message": "Task has already finished (state: COMPLETED)",
            "task_id": "a7f8c9d1-e234-56b7-8901-23c45de67f89"
        })
    );
    let typed: ErrorBody = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(typed.finished_state(), Some(TaskState::Completed));
}

#[tokio::test]
async fn cancel_of_failed_and_cancelled_tasks_names_those_states() {
    let mock = mock();
    let failed = create(
        &mock,
        r#"{"pending_ms":0,"duration_ms":0,"outcome":"FAILED"}"#,
    )
    .await;
    let response = send(&mock, "POST", &format!("/api/task/cancel/{failed}")).await;
    assert_eq!(
        json(&response)["message"],
        "Task has already finished (state: FAILED)"
    );

    let pending = create(&mock, r#"{"pending_ms":5000}"#).await;
    assert_eq!(
        send(&mock, "POST", &format!("/api/task/cancel/{pending}"))
            .await
            .status(),
        200
    );
    let again = send(&mock, "POST", &format!("/api/task/cancel/{pending}")).await;
    assert_eq!(again.status(), 400);
    assert_eq!(
        json(&again)["message"],
        "Task has already finished (state: CANCELLED)"
    );
}

#[tokio::test]
async fn cancel_of_unknown_task_is_the_documented_404() {
    let mock = mock();
    let response = send(&mock, "POST", "/api/task/cancel/invalid-task-id").await;
    assert_eq!(response.status(), 404);
    assert_eq!(
        json(&response),
        json!({
            "error": "Task not found",
            "message": "No task exists with ID: invalid-task-id",
            "task_id": "invalid-task-id"
        })
    );
}

#[tokio::test]
async fn status_of_unknown_task_is_404_with_the_error_shape() {
    let mock = mock();
    let response = send(&mock, "GET", "/api/task/status/nope").await;
    assert_eq!(response.status(), 404);
    assert_eq!(json(&response)["error"], "Task not found");
    assert_eq!(json(&response)["task_id"], "nope");
}

#[tokio::test]
async fn status_object_has_every_documented_field() {
    let mock = mock();
    create(&mock, RUNNING).await;
    advance(&mock, 2_500).await;
    let response = send(&mock, "GET", &format!("/api/task/status/{DOC_ID}")).await;
    let body = json(&response);
    for field in [
        "task_id",
        "state",
        "progress",
        "message",
        "result",
        "error",
        "created_at",
        "started_at",
        "completed_at",
        "is_finished",
        "is_successful",
    ] {
        assert!(body.get(field).is_some(), "missing {field}: {body}");
    }
    let status: TaskStatus = serde_json::from_value(body).unwrap();
    assert_eq!(status.state, TaskState::Running);
    assert_eq!(status.progress, Some(25));
    assert_eq!(status.created_at, "2027-01-15T08:00:00.000Z");
    assert_eq!(
        status.started_at.as_deref(),
        Some("2027-01-15T08:00:00.000Z")
    );
    assert_eq!(status.completed_at, None);
    assert!(!status.is_finished && !status.is_successful);
}

#[tokio::test]
async fn cooperative_cancel_stays_running_until_check_and_cleanup() {
    let mock = mock();
    create(&mock, RUNNING).await;
    advance(&mock, 2_500).await;
    assert_eq!(
        send(&mock, "POST", &format!("/api/task/cancel/{DOC_ID}"))
            .await
            .status(),
        200
    );
    // Next check at 4000, then 500 ms of cleanup.
    advance(&mock, 1_499).await;
    assert_eq!(state_of(&mock, DOC_ID).await, "RUNNING");
    advance(&mock, 1).await;
    let cleaning = json(&send(&mock, "GET", &format!("/api/task/status/{DOC_ID}")).await);
    assert_eq!(cleaning["state"], "RUNNING");
    assert_eq!(cleaning["cancel_requested"], true);
    advance(&mock, 500).await;
    let done = json(&send(&mock, "GET", &format!("/api/task/status/{DOC_ID}")).await);
    assert_eq!(done["state"], "CANCELLED");
    assert_eq!(done["is_finished"], true);
    assert_eq!(done["is_successful"], false);
    assert_eq!(done["completed_at"], "2027-01-15T08:00:04.500Z");
}

#[tokio::test]
async fn task_that_finishes_first_wins_the_race() {
    let mock = mock();
    let id = create(
        &mock,
        r#"{"pending_ms":0,"duration_ms":3000,"check_interval_ms":60000}"#,
    )
    .await;
    advance(&mock, 1_000).await;
    assert_eq!(
        send(&mock, "POST", &format!("/api/task/cancel/{id}"))
            .await
            .status(),
        200
    );
    advance(&mock, 1_999).await;
    assert_eq!(state_of(&mock, &id).await, "RUNNING");
    advance(&mock, 1).await;
    let body = json(&send(&mock, "GET", &format!("/api/task/status/{id}")).await);
    assert_eq!(body["state"], "COMPLETED");
    assert_eq!(body["is_successful"], true);
    assert_eq!(body["cancel_requested"], true);
}

#[tokio::test]
async fn pending_task_is_cancelled_at_once() {
    let mock = mock();
    let id = create(&mock, r#"{"pending_ms":60000}"#).await;
    assert_eq!(state_of(&mock, &id).await, "PENDING");
    assert_eq!(
        send(&mock, "POST", &format!("/api/task/cancel/{id}"))
            .await
            .status(),
        200
    );
    let body = json(&send(&mock, "GET", &format!("/api/task/status/{id}")).await);
    assert_eq!(body["state"], "CANCELLED");
    assert_eq!(body["started_at"], serde_json::Value::Null);
}

#[tokio::test]
async fn repeat_cancel_while_the_first_takes_effect_is_200_again() {
    let mock = mock();
    create(&mock, RUNNING).await;
    for _ in 0..3 {
        let response = send(&mock, "POST", &format!("/api/task/cancel/{DOC_ID}")).await;
        assert_eq!(response.status(), 200);
        assert_eq!(state_of(&mock, DOC_ID).await, "RUNNING", "not yet noticed");
    }
}

#[tokio::test]
async fn repeat_cancel_of_a_pending_task_is_400_cancelled() {
    let mock = mock();
    let id = create(&mock, r#"{"pending_ms":60000}"#).await;
    assert_eq!(state_of(&mock, &id).await, "PENDING");
    let first = send(&mock, "POST", &format!("/api/task/cancel/{id}")).await;
    assert_eq!(first.status(), 200);
    // A task that never started stops at once: the second cancel finds it finished.
    let again = send(&mock, "POST", &format!("/api/task/cancel/{id}")).await;
    assert_eq!(again.status(), 400);
    assert_eq!(
        json(&again)["message"],
        "Task has already finished (state: CANCELLED)"
    );
}

#[tokio::test]
async fn immediate_mode_is_cancelled_on_the_next_read() {
    let mock = mock();
    let id = create(
        &mock,
        r#"{"pending_ms":0,"cancel_mode":"immediate","check_interval_ms":60000}"#,
    )
    .await;
    advance(&mock, 10).await;
    send(&mock, "POST", &format!("/api/task/cancel/{id}")).await;
    assert_eq!(state_of(&mock, &id).await, "CANCELLED");
}

#[tokio::test]
async fn ignore_mode_accepts_and_completes() {
    let mock = mock();
    let id = create(
        &mock,
        r#"{"pending_ms":0,"duration_ms":1000,"cancel_mode":"ignore","check_interval_ms":1}"#,
    )
    .await;
    assert_eq!(
        send(&mock, "POST", &format!("/api/task/cancel/{id}"))
            .await
            .status(),
        200
    );
    advance(&mock, 1_000).await;
    assert_eq!(state_of(&mock, &id).await, "COMPLETED");
}

#[tokio::test]
async fn cancel_ignores_any_request_body() {
    let mock = mock();
    create(&mock, RUNNING).await;
    let response = send_json(
        &mock,
        "POST",
        &format!("/api/task/cancel/{DOC_ID}"),
        "not json at all",
    )
    .await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn percent_encoded_ids_are_decoded() {
    let mock = mock();
    create(&mock, r#"{"id":"mail/archive 7"}"#).await;
    assert_eq!(state_of(&mock, "mail%2Farchive%207").await, "PENDING");
    // No task can have an id that is not text: not found, with the
    // document's body (400 is kept for "already finished").
    for (method, path) in [
        ("GET", "/api/task/status/%FF%FE"),
        ("POST", "/api/task/cancel/%FF%FE"),
    ] {
        let bad = send(&mock, method, path).await;
        assert_eq!(bad.status(), 404, "{method} {path}");
        let body = json(&bad);
        assert_eq!(body["error"], "Task not found");
        assert_eq!(body["task_id"], "\u{fffd}\u{fffd}");
        assert_eq!(body["message"], "No task exists with ID: \u{fffd}\u{fffd}");
    }
}

/// The answer `send` got, as the contract's checks read one.
fn answer_of(
    response: &warp::http::Response<warp::hyper::body::Bytes>,
) -> mock_server::outbound::Answer {
    mock_server::outbound::Answer {
        status: response.status(),
        headers: response.headers().clone(),
        body: response.body().clone(),
    }
}

/// The mock's own answers, in every documented case, held to the same rules
/// (`mock_server::contract`) that `verify` and the proxy hold other servers
/// to: no finding at any level.
#[tokio::test]
async fn every_documented_answer_keeps_to_the_contract() {
    use mock_server::contract::checks;
    let mock = mock();
    create(&mock, RUNNING).await;
    create(&mock, r#"{"id":"done","pending_ms":0,"duration_ms":0}"#).await;
    let status = send(&mock, "GET", &format!("/api/task/status/{DOC_ID}")).await;
    let (findings, _) = checks::status_object(&answer_of(&status), DOC_ID);
    assert_eq!(findings.0, [], "status object");
    let accepted = send(&mock, "POST", &format!("/api/task/cancel/{DOC_ID}")).await;
    assert_eq!(
        checks::cancel_accepted(&answer_of(&accepted), DOC_ID).0,
        [],
        "200"
    );
    let refused = send(&mock, "POST", "/api/task/cancel/done").await;
    let (findings, state) = checks::refused(&answer_of(&refused), "done");
    assert_eq!(
        (findings.0, state),
        (vec![], Some(TaskState::Completed)),
        "400"
    );
    for path in ["/api/task/status/nobody", "/api/task/cancel/nobody"] {
        let method = if path.contains("cancel") {
            "POST"
        } else {
            "GET"
        };
        let missing = send(&mock, method, path).await;
        assert_eq!(
            checks::not_found(&answer_of(&missing), "nobody").0,
            [],
            "{path}"
        );
    }
}
