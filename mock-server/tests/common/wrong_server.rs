//! A server that departs from the API document, for `verify` and the
//! validating proxy to catch.

use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use warp::http::{Method, StatusCode};
use warp::{Filter, Reply};

/// A server that departs from the document: 404s without `message`, a 200
/// for cancelling an unknown task, a status object without `progress`, a
/// CANCELLED task that says it is not finished, and a 400 that does not
/// name the state.
pub async fn start() -> String {
    let cancelled = Arc::new(AtomicBool::new(false));
    let routes = warp::any().and(warp::method()).and(warp::path::full()).map(
        move |method: Method, path: warp::path::FullPath| {
            let (status, body) = wrong_answer(&method, path.as_str(), &cancelled);
            warp::reply::with_status(warp::reply::json(&body), status).into_response()
        },
    );
    super::serve_filter(routes).await
}

fn wrong_answer(method: &Method, path: &str, cancelled: &AtomicBool) -> (StatusCode, Value) {
    if let Some(id) = path.strip_prefix("/api/task/status/") {
        if id != "t1" {
            let body = json!({"error": "Task not found", "task_id": id, "status": "error"});
            return (StatusCode::NOT_FOUND, body);
        }
        let mut body = json!({
            "task_id": "t1", "state": "RUNNING", "progress": 10, "message": "m",
            "result": null, "error": null, "created_at": "2026-11-29T04:20:35.152Z",
            "started_at": "2026-11-29T04:20:35.152Z", "completed_at": null,
            "is_finished": false, "is_successful": false
        });
        if cancelled.load(Ordering::SeqCst) {
            body["state"] = json!("CANCELLED");
            body["completed_at"] = json!("2026-11-29T04:21:35.152Z");
        } else if let Value::Object(fields) = &mut body {
            fields.remove("progress");
        }
        return (StatusCode::OK, body);
    }
    match path.strip_prefix("/api/task/cancel/") {
        Some("t1") if method == Method::POST => {
            if cancelled.swap(true, Ordering::SeqCst) {
                let body = json!({"error": "Cannot cancel task", "message": "Task has already finished", "task_id": "t1"});
                return (StatusCode::BAD_REQUEST, body);
            }
            let body = json!({"task_id": "t1", "status": "cancelled", "message": "ok"});
            (StatusCode::OK, body)
        }
        Some(_) if method == Method::POST => (StatusCode::OK, json!({})),
        _ => (StatusCode::NOT_FOUND, json!({"error": "no such route"})),
    }
}

/// A server whose task `t1` runs for ever and that refuses every cancel of it
/// with the documented 400 body, naming the state it really is in: each
/// answer well formed, the behaviour not what the document allows.
pub async fn start_refusing() -> String {
    let routes = warp::any().and(warp::path::full()).map(|path: warp::path::FullPath| {
        let (status, body) = match path.as_str() {
            "/api/task/status/t1" => (
                StatusCode::OK,
                json!({
                    "task_id": "t1", "state": "RUNNING", "progress": 10, "message": "m",
                    "result": null, "error": null, "created_at": "2026-11-29T04:20:35.152Z",
                    "started_at": "2026-11-29T04:20:35.152Z", "completed_at": null,
                    "is_finished": false, "is_successful": false
                }),
            ),
            "/api/task/cancel/t1" => (
                StatusCode::BAD_REQUEST,
                json!({"error": "Cannot cancel task", "message": "Task has already finished (state: RUNNING)", "task_id": "t1"}),
            ),
            other => {
                let id = other.rsplit('/').next().unwrap_or_default();
                (
                    StatusCode::NOT_FOUND,
                    json!({"error": "Task not found", "message": format!("No task exists with ID: {id}"), "task_id": id}),
                )
            }
        };
        warp::reply::with_status(warp::reply::json(&body), status).into_response()
    });
    super::serve_filter(routes).await
}

/// A server that answers every unknown task as the document says, behind a
/// front proxy that refuses any path with an encoded `/` (`%2F`) with its own
/// HTML page, as some proxies do by default.
pub async fn start_behind_a_strict_proxy() -> String {
    let routes = warp::any().and(warp::path::full()).map(|path: warp::path::FullPath| {
        let path = path.as_str();
        if path.to_ascii_uppercase().contains("%2F") {
            return warp::http::Response::builder()
                .status(StatusCode::BAD_REQUEST)
                .header("content-type", "text/html")
                .body("<html><body><h1>400 Bad Request</h1></body></html>".into())
                .unwrap_or_default();
        }
        let id = path.rsplit('/').next().unwrap_or_default();
        let body = json!({"error": "Task not found", "message": format!("No task exists with ID: {id}"), "task_id": id});
        warp::reply::with_status(warp::reply::json(&body), StatusCode::NOT_FOUND).into_response()
    });
    super::serve_filter(routes).await
}

/// A server whose task `t1` is RUNNING, then COMPLETED, then RUNNING again,
/// each answer a well-formed status object.
pub async fn start_flip_flopping() -> String {
    let reads = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let routes = warp::any().and(warp::path::full()).map(move |path: warp::path::FullPath| {
        let id = path.as_str().rsplit('/').next().unwrap_or_default().to_owned();
        if path.as_str() != "/api/task/status/t1" {
            let body = json!({"error": "Task not found", "message": format!("No task exists with ID: {id}"), "task_id": id});
            return warp::reply::with_status(warp::reply::json(&body), StatusCode::NOT_FOUND).into_response();
        }
        let completed = reads.fetch_add(1, Ordering::SeqCst) % 3 == 1;
        let body = json!({
            "task_id": "t1", "state": if completed { "COMPLETED" } else { "RUNNING" },
            "progress": if completed { 100 } else { 50 }, "message": "m",
            "result": if completed { json!({}) } else { Value::Null }, "error": null,
            "created_at": "2026-11-29T04:20:35.152Z", "started_at": "2026-11-29T04:20:35.152Z",
            "completed_at": if completed { json!("2026-11-29T04:21:35.152Z") } else { Value::Null },
            "is_finished": completed, "is_successful": completed
        });
        warp::reply::json(&body).into_response()
    });
    super::serve_filter(routes).await
}
