//! `--proxy-to`: unknown ids go to a real server, whose answers come back
//! unchanged with their departures from the document listed in a header
//! and in the journal.

mod common;

use mock_server::http::VIOLATIONS_HEADER;
use mock_server::verify::Target;
use mock_server::{Config, RunningServer, spawn};
use serde_json::{Value, json};
use std::time::Duration;
use warp::http::{Method, StatusCode};

async fn proxy_to(upstream: &str) -> RunningServer {
    spawn(Config {
        proxy_to: Some(upstream.to_owned()),
        ..Config::for_tests()
    })
    .await
    .expect("the mock starts")
}

/// Sends a request and returns its status, violations header and body.
async fn send(server: &str, method: Method, path: &str) -> (StatusCode, Option<String>, Value) {
    let client = Target::parse(server, Duration::from_secs(5)).expect("a URL");
    let exchange = client.send(method, path).await;
    let answer = exchange.answer.expect("an answer");
    let header = answer
        .headers
        .get(VIOLATIONS_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = serde_json::from_slice(&answer.body).unwrap_or(Value::Null);
    (answer.status, header, body)
}

async fn journal(server: &str) -> Vec<Value> {
    let (_, _, entries) = send(server, Method::GET, "/__mock/requests").await;
    entries.as_array().cloned().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_upstream_is_forwarded_unchanged_and_its_violations_listed() {
    let upstream = common::wrong_server::start().await;
    let mock = proxy_to(&upstream).await;
    let url = mock.url();
    let control = Target::parse(&url, Duration::from_secs(5)).expect("a URL");
    control
        .send_json(Method::POST, "/__mock/tasks", &json!({"id": "local"}))
        .await;

    // A task the mock knows is the mock's own.
    let (status, header, body) = send(&url, Method::GET, "/api/task/status/local").await;
    assert_eq!((status, header), (StatusCode::OK, None));
    assert_eq!(body["state"], "PENDING");

    // The upstream's object without `progress`, as it sent it.
    let (status, header, body) = send(&url, Method::GET, "/api/task/status/t1").await;
    let (_, _, direct) = send(&upstream, Method::GET, "/api/task/status/t1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, direct, "unchanged");
    assert_eq!(
        header.as_deref(),
        Some("[document] $.progress: expected an integer from 0 to 100, got nothing")
    );

    // A 404 with an `error` naming the id: all the document asks of the
    // status endpoint's.
    let (status, header, _) = send(&url, Method::GET, "/api/task/status/gone").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(header, None);

    // The upstream accepts any cancel with an empty body; the proxy cannot
    // know the task is missing, but the body breaks the document.
    let accepted = "[document] $.task_id: expected \"gone\", got nothing; \
                    [document] $.status: expected \"cancelled\", got nothing; \
                    [document] $.message: expected a string, got nothing";
    let (status, header, body) = send(&url, Method::POST, "/api/task/cancel/gone").await;
    assert_eq!(status, StatusCode::OK, "the upstream's answer, not blocked");
    assert_eq!(body, json!({}));
    assert_eq!(header.as_deref(), Some(accepted));

    let entries = journal(&url).await;
    let violations = |path: &str| {
        entries
            .iter()
            .find(|entry| entry["path"] == path)
            .map(|entry| entry["violations"].clone())
            .unwrap_or_else(|| panic!("no journal entry for {path}: {entries:?}"))
    };
    assert_eq!(
        violations("/api/task/status/local"),
        Value::Null,
        "not forwarded"
    );
    assert_eq!(
        violations("/api/task/cancel/gone"),
        json!(accepted.split("; ").collect::<Vec<_>>())
    );
    assert_eq!(
        violations("/api/task/status/t1").as_array().map(Vec::len),
        Some(1)
    );
    mock.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upstream_that_keeps_to_the_document_shows_no_violations() {
    let upstream = spawn(Config::for_tests())
        .await
        .expect("the upstream starts");
    let control = Target::parse(&upstream.url(), Duration::from_secs(5)).expect("a URL");
    let task = json!({"id": "far", "pending_ms": 0, "duration_ms": 60_000});
    control
        .send_json(Method::POST, "/__mock/tasks", &task)
        .await;
    let mock = proxy_to(&upstream.url()).await;
    let url = mock.url();
    for (method, path, expected) in [
        (Method::GET, "/api/task/status/far", StatusCode::OK),
        (Method::POST, "/api/task/cancel/far", StatusCode::OK),
        (
            Method::GET,
            "/api/task/status/nowhere",
            StatusCode::NOT_FOUND,
        ),
        (
            Method::POST,
            "/api/task/cancel/nowhere",
            StatusCode::NOT_FOUND,
        ),
    ] {
        let (status, header, _) = send(&url, method, path).await;
        assert_eq!((status, header), (expected, None), "{path}");
    }
    let (_, _, body) = send(&upstream.url(), Method::GET, "/api/task/status/far").await;
    assert_eq!(
        body["cancel_requested"], true,
        "the cancel reached the upstream"
    );
    for entry in journal(&url).await {
        if entry["path"]
            .as_str()
            .is_some_and(|p| p.starts_with("/api/"))
        {
            assert_eq!(entry["violations"], json!([]), "{entry}");
        }
    }
    mock.stop().await;
    upstream.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upstream_that_does_not_answer_is_a_502_naming_it() {
    let mock = proxy_to("http://127.0.0.1:1").await;
    let (status, _, body) = send(&mock.url(), Method::GET, "/api/task/status/x").await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert_eq!(body["error"], "Upstream not reachable");
    assert_eq!(body["task_id"], "x");
    let message = body["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("http://127.0.0.1:1/api/task/status/x"),
        "{message}"
    );
    mock.stop().await;
}

#[tokio::test]
async fn a_bad_upstream_url_stops_the_start() {
    let error = spawn(Config {
        proxy_to: Some("https://qmail.example".into()),
        ..Config::for_tests()
    })
    .await
    .err()
    .map(|error| error.to_string());
    assert_eq!(
        error.as_deref(),
        Some(
            "--proxy-to \"https://qmail.example\": only http:// URLs are supported (put a TLS-terminating proxy in front for https)"
        )
    );
}

/// Request headers from `(name, value)` pairs.
fn headers(pairs: &[(&'static str, &'static str)]) -> warp::http::HeaderMap {
    pairs
        .iter()
        .map(|(name, value)| {
            (
                warp::http::header::HeaderName::from_static(name),
                warp::http::HeaderValue::from_static(value),
            )
        })
        .collect()
}

/// An upstream that, like a real QMail server behind a login, answers only
/// requests carrying its bearer token and session cookie, and says what it
/// received in its own headers.
async fn upstream_behind_a_login() -> String {
    use warp::{Filter, Reply};
    let route = warp::any()
        .and(warp::path::full())
        .and(warp::header::headers_cloned())
        .map(
            |path: warp::path::FullPath, headers: warp::http::HeaderMap| {
                let id = path
                    .as_str()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                let has = |name: &str, value: &str| {
                    headers
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .is_some_and(|v| v.contains(value))
                };
                let authorized =
                    has("authorization", "Bearer s3cret") && has("cookie", "session=abc");
                let body = json!({
                    "task_id": id, "state": "RUNNING", "progress": 5, "message": "m",
                    "result": null, "error": null, "created_at": "2026-01-01T00:00:00Z",
                    "started_at": "2026-01-01T00:00:01Z", "completed_at": null,
                    "is_finished": false, "is_successful": false,
                });
                let status = if authorized {
                    StatusCode::OK
                } else {
                    StatusCode::UNAUTHORIZED
                };
                let keep_alive = headers.contains_key("keep-alive");
                let host = headers
                    .get("host")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                let reply = warp::reply::with_status(warp::reply::json(&body), status);
                let reply = warp::reply::with_header(reply, "x-upstream", "qmail");
                let reply = warp::reply::with_header(reply, "x-seen-host", host);
                let reply =
                    warp::reply::with_header(reply, "x-seen-keep-alive", keep_alive.to_string());
                warp::reply::with_header(reply, "access-control-allow-origin", "*").into_response()
            },
        );
    common::serve_filter(route).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proxy_passes_on_the_request_headers_and_returns_the_upstreams() {
    let upstream = upstream_behind_a_login().await;
    let mock = proxy_to(&upstream).await;
    let client = Target::parse(&mock.url(), Duration::from_secs(5)).expect("a URL");
    let sent = headers(&[
        ("authorization", "Bearer s3cret"),
        ("cookie", "session=abc"),
        ("keep-alive", "timeout=5"),
        ("x-request-id", "r-1"),
    ]);
    let exchange = client
        .send_with(Method::GET, "/api/task/status/t1", sent)
        .await;
    let answer = exchange.answer.expect("an answer");
    assert_eq!(answer.status, StatusCode::OK, "the login went through");
    assert_eq!(
        answer.headers["x-upstream"], "qmail",
        "the upstream's headers"
    );
    assert_eq!(
        answer.headers["x-seen-keep-alive"], "false",
        "not hop-by-hop"
    );
    let upstream_authority = upstream.trim_start_matches("http://");
    assert_eq!(answer.headers["x-seen-host"], upstream_authority);
    assert!(
        !answer.headers.contains_key("access-control-allow-origin"),
        "the mock's CORS policy answers the browser, not the upstream's"
    );

    let entries = journal(&mock.url()).await;
    let entry = entries
        .iter()
        .find(|entry| entry["path"] == "/api/task/status/t1")
        .expect("journaled");
    let forwarded = entry["forwarded_headers"].as_array().expect("listed");
    for expected in [
        "authorization: [redacted]",
        "cookie: [redacted]",
        "x-request-id: r-1",
    ] {
        assert!(forwarded.contains(&json!(expected)), "{expected}: {entry}");
    }
    assert!(
        !entry.to_string().contains("s3cret") && !entry.to_string().contains("session=abc"),
        "no secret in the journal: {entry}"
    );
    mock.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_rules_apply_to_forwarded_ids() {
    let upstream = upstream_behind_a_login().await;
    let mock = proxy_to(&upstream).await;
    let control = Target::parse(&mock.url(), Duration::from_secs(5)).expect("a URL");
    control
        .send_json(
            Method::POST,
            "/__mock/faults",
            &json!({"route": "status", "kind": "status", "code": 500, "times": 1}),
        )
        .await;
    let (status, _, body) = send(&mock.url(), Method::GET, "/api/task/status/far-away").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    assert_eq!(body["task_id"], "far-away");
    let (status, _, _) = send(&mock.url(), Method::GET, "/api/task/status/far-away").await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the upstream's own answer again"
    );
    mock.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_origin_gets_no_credentials_passed_on() {
    let upstream = upstream_behind_a_login().await;
    let mock = proxy_to(&upstream).await;
    let client = Target::parse(&mock.url(), Duration::from_secs(5)).expect("a URL");
    let sent = headers(&[
        ("origin", "https://evil.example"),
        ("authorization", "Bearer s3cret"),
        ("cookie", "session=abc"),
    ]);
    let exchange = client
        .send_with(Method::GET, "/api/task/status/t1", sent)
        .await;
    let answer = exchange.answer.expect("an answer");
    assert_eq!(
        answer.status,
        StatusCode::UNAUTHORIZED,
        "a page the CORS policy refuses rode on the user's login"
    );
    mock.stop().await;
}
