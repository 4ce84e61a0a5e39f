//! The control API: scripted tasks, the manual clock, faults and the journal.

mod common;

use common::*;
use mock_server::http::cors::CorsPolicy;
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn created_task_answers_201_with_location_and_status() {
    let mock = mock();
    let response = send_json(
        &mock,
        "POST",
        "/__mock/tasks",
        r#"{"id":"job 1","pending_ms":0}"#,
    )
    .await;
    assert_eq!(response.status(), 201);
    assert_eq!(response.headers()["location"], "/api/task/status/job%201");
    let body = json(&response);
    assert_eq!(body["task_id"], "job 1");
    assert_eq!(body["state"], "RUNNING");
}

#[tokio::test]
async fn empty_body_creates_a_task_with_a_uuid() {
    let mock = mock();
    let id = create(&mock, "").await;
    assert_eq!(id.len(), 36);
    assert_eq!(state_of(&mock, &id).await, "PENDING");
}

#[tokio::test]
async fn bad_task_fields_are_400_naming_the_field() {
    let mock = mock();
    let cases = [
        (r#"{"duration_ms":-1}"#, "duration_ms"),
        (r#"{"pending_ms":"soon"}"#, "pending_ms"),
        (r#"{"cleanup_ms":99999999999999}"#, "cleanup_ms"),
        (r#"{"outcome":"CANCELLED"}"#, "outcome"),
        (r#"{"cancel_mode":"nuke"}"#, "cancel_mode"),
        (r#"{"id":""}"#, "id"),
        (r#"{"id":"a\u0000b"}"#, "id"),
        (r#"{"colour":"red"}"#, "colour"),
        (
            r#"{"timeline":[{"at_ms":5,"progress":1},{"at_ms":4,"progress":2}]}"#,
            "timeline",
        ),
        (r#"{"timeline":[{"at_ms":0,"progress":101}]}"#, "timeline"),
        (
            r#"{"timeline":[{"at_ms":0,"progress":300}]}"#,
            "timeline[0].progress",
        ),
        (r#"{"timeline":[{"at_ms":0}]}"#, "timeline[0]"),
    ];
    for (body, field) in cases {
        let response = send_json(&mock, "POST", "/__mock/tasks", body).await;
        assert_eq!(response.status(), 400, "{body}");
        assert_eq!(json(&response)["field"], field, "{body}");
    }
    let broken = send_json(&mock, "POST", "/__mock/tasks", "{\"id\":").await;
    assert_eq!(broken.status(), 400);
    assert_eq!(json(&broken)["error"], "Invalid request body");
    assert!(mock.tasks.is_empty(), "no bad request may create a task");
}

#[tokio::test]
async fn duplicate_id_is_409() {
    let mock = mock();
    create(&mock, r#"{"id":"same"}"#).await;
    let response = send_json(&mock, "POST", "/__mock/tasks", r#"{"id":"same"}"#).await;
    assert_eq!(response.status(), 409);
}

#[tokio::test]
async fn tasks_are_listed_read_and_deleted() {
    let mock = mock();
    for id in ["a", "b", "c"] {
        create(&mock, &format!(r#"{{"id":"{id}"}}"#)).await;
    }
    let list = json(&send(&mock, "GET", "/__mock/tasks").await);
    let ids: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["task_id"].clone())
        .collect();
    assert_eq!(ids, [json!("a"), json!("b"), json!("c")]);
    assert_eq!(
        json(&send(&mock, "GET", "/__mock/tasks/b").await)["task_id"],
        "b"
    );
    assert_eq!(send(&mock, "DELETE", "/__mock/tasks/b").await.status(), 200);
    assert_eq!(send(&mock, "DELETE", "/__mock/tasks/b").await.status(), 404);
    assert_eq!(send(&mock, "GET", "/api/task/status/b").await.status(), 404);
    let cleared = json(&send(&mock, "DELETE", "/__mock/tasks").await);
    assert_eq!(cleared, json!({ "removed": 2 }));
}

#[tokio::test]
async fn manual_clock_reads_and_advances() {
    let mock = mock();
    let before = json(&send(&mock, "GET", "/__mock/clock").await);
    assert_eq!(before["mode"], "manual");
    assert_eq!(before["now"], "2027-01-15T08:00:00.000Z");
    let after = json(&send_json(&mock, "POST", "/__mock/clock/advance", r#"{"ms":1500}"#).await);
    assert_eq!(after["now"], "2027-01-15T08:00:01.500Z");
    let bad = send_json(&mock, "POST", "/__mock/clock/advance", r#"{"ms":-3}"#).await;
    assert_eq!(bad.status(), 400);
    assert_eq!(json(&bad)["field"], "ms");
}

#[tokio::test]
async fn real_clock_refuses_to_advance_with_409() {
    let mock = mock_server::http::state::MockState::new(
        mock_server::engine::clock::Clock::new(mock_server::engine::clock::ClockMode::Real, 1.0),
        CorsPolicy::default(),
        mock_server::http::host_check::HostPolicy::default(),
    );
    let response = send_json(&mock, "POST", "/__mock/clock/advance", r#"{"ms":1}"#).await;
    assert_eq!(response.status(), 409);
    assert!(
        json(&response)["message"]
            .as_str()
            .unwrap()
            .contains("--clock manual")
    );
}

#[tokio::test]
async fn injected_500_uses_the_documented_error_body_then_recovers() {
    let mock = mock();
    let id = create(&mock, r#"{"pending_ms":0}"#).await;
    let fault = send_json(
        &mock,
        "POST",
        "/__mock/faults",
        r#"{"route":"cancel","kind":"status","code":500,"times":2}"#,
    )
    .await;
    assert_eq!(fault.status(), 201);
    for _ in 0..2 {
        let response = send(&mock, "POST", &format!("/api/task/cancel/{id}")).await;
        assert_eq!(response.status(), 500);
        assert_eq!(
            json(&response),
            json!({
                "error": "Internal server error",
                "message": "Server error occurred while processing the cancellation request",
                "task_id": id
            })
        );
    }
    assert_eq!(
        state_of(&mock, &id).await,
        "RUNNING",
        "status route is not faulted"
    );
    assert_eq!(
        send(&mock, "POST", &format!("/api/task/cancel/{id}"))
            .await
            .status(),
        200
    );
    assert_eq!(json(&send(&mock, "GET", "/__mock/faults").await), json!([]));
}

#[tokio::test]
async fn malformed_fault_sends_broken_json() {
    let mock = mock();
    let id = create(&mock, "{}").await;
    send_json(
        &mock,
        "POST",
        "/__mock/faults",
        r#"{"route":"status","kind":"malformed","times":1}"#,
    )
    .await;
    let response = send(&mock, "GET", &format!("/api/task/status/{id}")).await;
    assert_eq!(response.status(), 200);
    assert!(serde_json::from_slice::<serde_json::Value>(response.body()).is_err());
}

#[tokio::test]
async fn a_malformed_cancel_answer_still_cancels() {
    let mock = mock();
    let id = create(&mock, r#"{"pending_ms":0,"cancel_mode":"immediate"}"#).await;
    send_json(
        &mock,
        "POST",
        "/__mock/faults",
        r#"{"route":"cancel","kind":"malformed","times":1}"#,
    )
    .await;
    let response = send(&mock, "POST", &format!("/api/task/cancel/{id}")).await;
    assert_eq!(response.status(), 200);
    assert!(serde_json::from_slice::<serde_json::Value>(response.body()).is_err());
    assert_eq!(state_of(&mock, &id).await, "CANCELLED");
}

#[tokio::test(start_paused = true)]
async fn hang_fault_never_answers() {
    let mock = mock();
    let id = create(&mock, "{}").await;
    send_json(&mock, "POST", "/__mock/faults", r#"{"kind":"hang"}"#).await;
    let path = format!("/api/task/status/{id}");
    let request = send(&mock, "GET", &path);
    tokio::pin!(request);
    // An hour of (paused, auto-advancing) time passes without an answer.
    let waited = tokio::time::timeout(Duration::from_secs(3_600), &mut request).await;
    assert!(waited.is_err(), "a hang answered");
    // Letting go when the server stops: tests/shutdown.rs, over real TCP.
}

#[tokio::test(start_paused = true)]
async fn delay_fault_holds_the_answer_back() {
    let mock = mock();
    let id = create(&mock, "{}").await;
    send_json(
        &mock,
        "POST",
        "/__mock/faults",
        r#"{"route":"status","kind":"delay","ms":3000}"#,
    )
    .await;
    let started = tokio::time::Instant::now();
    let response = send(&mock, "GET", &format!("/api/task/status/{id}")).await;
    assert_eq!(response.status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(3_000));
}

#[tokio::test]
async fn faults_can_be_listed_and_removed_one_by_one() {
    let mock = mock();
    let added = json(
        &send_json(
            &mock,
            "POST",
            "/__mock/faults",
            r#"{"kind":"drop","probability":0.5}"#,
        )
        .await,
    );
    assert_eq!(added["probability"], 0.5);
    let id = added["id"].as_u64().unwrap();
    assert_eq!(
        send(&mock, "DELETE", &format!("/__mock/faults/{id}"))
            .await
            .status(),
        200
    );
    assert_eq!(
        send(&mock, "DELETE", &format!("/__mock/faults/{id}"))
            .await
            .status(),
        404
    );
    let bad = send_json(
        &mock,
        "POST",
        "/__mock/faults",
        r#"{"kind":"status","code":302}"#,
    )
    .await;
    assert_eq!(bad.status(), 400);
    assert_eq!(json(&bad)["field"], "code");
}

#[tokio::test]
async fn journal_records_requests_and_can_be_filtered_and_cleared() {
    let mock = mock();
    let id = create(&mock, "{}").await;
    send(&mock, "GET", &format!("/api/task/status/{id}")).await;
    send(&mock, "POST", &format!("/api/task/cancel/{id}")).await;
    send(&mock, "GET", "/api/task/status/missing").await;
    let all = json(&send(&mock, "GET", "/__mock/requests").await);
    let seen: Vec<_> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["method"].as_str().unwrap().to_owned(),
                e["status"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("POST".to_owned(), 201),
            ("GET".to_owned(), 200),
            ("POST".to_owned(), 200),
            ("GET".to_owned(), 404)
        ]
    );
    let path = format!("/api/task/status/{id}");
    let polls = json(
        &send(
            &mock,
            "GET",
            &format!("/__mock/requests?method=GET&path={path}"),
        )
        .await,
    );
    assert_eq!(polls.as_array().unwrap().len(), 1);
    assert_eq!(
        send(&mock, "DELETE", "/__mock/requests").await.status(),
        200
    );
    assert_eq!(
        json(&send(&mock, "GET", "/__mock/requests").await),
        json!([])
    );
}

#[tokio::test]
async fn journal_marks_injected_faults() {
    let mock = mock();
    let id = create(&mock, "{}").await;
    send_json(
        &mock,
        "POST",
        "/__mock/faults",
        r#"{"kind":"status","code":503,"times":1}"#,
    )
    .await;
    send(&mock, "GET", &format!("/api/task/status/{id}")).await;
    let entries = json(&send(&mock, "GET", "/__mock/requests?method=GET").await);
    assert_eq!(entries[0]["status"], 503);
    assert_eq!(entries[0]["fault"], "status");
}

#[tokio::test]
async fn control_writes_need_json_content_type() {
    let mock = mock();
    let response = send_with(
        &mock,
        "POST",
        "/__mock/tasks",
        &[("content-type", "text/plain")],
        "{}",
    )
    .await;
    assert_eq!(response.status(), 415);
    assert!(mock.tasks.is_empty());
}

#[tokio::test]
async fn bodies_over_the_limit_are_413() {
    let mock = mock();
    let huge = format!(r#"{{"message":"{}"}}"#, "x".repeat(70_000));
    let response = send_json(&mock, "POST", "/__mock/tasks", &huge).await;
    assert_eq!(response.status(), 413);
    assert_eq!(json(&response)["error"], "Payload too large");
}

#[tokio::test]
async fn past_the_task_limit_creating_is_a_507_naming_it_and_nothing_is_lost() {
    let mock = mock_server::http::state::MockState::with_max_tasks(
        mock_server::engine::clock::Clock::new(mock_server::engine::clock::ClockMode::Manual, 1.0),
        CorsPolicy::default(),
        mock_server::http::host_check::HostPolicy::default(),
        2,
    );
    let first = create(&mock, "{}").await;
    create(&mock, "{}").await;
    let over = send_json(&mock, "POST", "/__mock/tasks", "{}").await;
    assert_eq!(over.status(), 507);
    let body = json(&over);
    assert_eq!(body["error"], "Limit reached");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("at most 2 tasks"),
        "{body}"
    );
    assert_eq!(mock.tasks.len(), 2);
    assert_eq!(state_of(&mock, &first).await, "PENDING");
}

#[tokio::test]
async fn past_the_fault_limit_adding_is_a_507() {
    let mock = mock();
    for _ in 0..mock_server::engine::faults::MAX_FAULTS {
        mock.faults
            .add(serde_json::from_str(r#"{"kind":"drop","probability":0}"#).unwrap())
            .unwrap();
    }
    let over = send_json(&mock, "POST", "/__mock/faults", r#"{"kind":"drop"}"#).await;
    assert_eq!(over.status(), 507);
    assert!(
        json(&over)["message"]
            .as_str()
            .unwrap_or_default()
            .contains("1000 fault rules")
    );
    assert_eq!(
        mock.faults.list().len(),
        mock_server::engine::faults::MAX_FAULTS
    );
}
