//! Hostile and broken input: each case gets a clear JSON error, nothing is
//! created or changed by it, and the server stays healthy afterwards.

mod common;

use common::*;
use mock_server::{Config, spawn};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One bad request and the answer it must get.
struct Case {
    what: &'static str,
    method: &'static str,
    path: String,
    content_type: Option<&'static str>,
    body: String,
    status: u16,
    error: &'static str,
}

fn case(
    what: &'static str,
    method: &'static str,
    path: &str,
    status: u16,
    error: &'static str,
) -> Case {
    Case {
        what,
        method,
        path: path.to_owned(),
        content_type: None,
        body: String::new(),
        status,
        error,
    }
}

fn create(what: &'static str, body: &str, status: u16, error: &'static str) -> Case {
    Case {
        what,
        method: "POST",
        path: "/__mock/tasks".to_owned(),
        content_type: Some("application/json"),
        body: body.to_owned(),
        status,
        error,
    }
}

fn fault(what: &'static str, body: &str) -> Case {
    Case {
        path: "/__mock/faults".to_owned(),
        ..create(what, body, 400, "Invalid request body")
    }
}

fn cases() -> Vec<Case> {
    let long_id = "x".repeat(10 * 1024);
    vec![
        // Task ids in the path.
        case("empty id", "GET", "/api/task/status/", 404, "Not found"),
        case(
            "empty id on cancel",
            "POST",
            "/api/task/cancel/",
            404,
            "Not found",
        ),
        case(
            "10 KB id",
            "GET",
            &format!("/api/task/status/{long_id}"),
            404,
            "Task not found",
        ),
        case(
            "10 KB id on cancel",
            "POST",
            &format!("/api/task/cancel/{long_id}"),
            404,
            "Task not found",
        ),
        case(
            "non-UTF-8 escape",
            "GET",
            "/api/task/status/%C3%28",
            404,
            "Task not found",
        ),
        case(
            "lone escape byte",
            "POST",
            "/api/task/cancel/%FF",
            404,
            "Task not found",
        ),
        case(
            "encoded slash",
            "GET",
            "/api/task/status/a%2Fb",
            404,
            "Task not found",
        ),
        case(
            "dot segments",
            "GET",
            "/api/task/status/..%2F..%2Fetc%2Fpasswd",
            404,
            "Task not found",
        ),
        case(
            "extra segments",
            "GET",
            "/api/task/status/a/../b",
            404,
            "Not found",
        ),
        case(
            "script tag",
            "GET",
            "/api/task/status/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            404,
            "Task not found",
        ),
        case(
            "NUL",
            "POST",
            "/api/task/cancel/a%00b",
            404,
            "Task not found",
        ),
        case(
            "bad escape",
            "GET",
            "/api/task/status/%zz",
            404,
            "Task not found",
        ),
        // Methods.
        case(
            "PUT on status",
            "PUT",
            "/api/task/status/x",
            405,
            "Method not allowed",
        ),
        case(
            "GET on cancel",
            "GET",
            "/api/task/cancel/x",
            405,
            "Method not allowed",
        ),
        case(
            "DELETE on cancel",
            "DELETE",
            "/api/task/cancel/x",
            405,
            "Method not allowed",
        ),
        case(
            "PATCH on tasks",
            "PATCH",
            "/__mock/tasks",
            405,
            "Method not allowed",
        ),
        case(
            "POST on journal",
            "POST",
            "/__mock/requests",
            405,
            "Method not allowed",
        ),
        case("unknown route", "GET", "/api/task", 404, "Not found"),
        case(
            "unknown control route",
            "GET",
            "/__mock/everything",
            404,
            "Not found",
        ),
        case(
            "bad journal query",
            "GET",
            "/__mock/requests?since=soon",
            400,
            "Invalid query",
        ),
        case(
            "unknown journal query",
            "GET",
            "/__mock/requests?colour=red",
            400,
            "Invalid query",
        ),
        case(
            "bad fault id",
            "DELETE",
            "/__mock/faults/abc",
            404,
            "Not found",
        ),
        // Control API bodies.
        create("broken JSON", "{\"id\": ", 400, "Invalid request body"),
        create("JSON array", "[1, 2]", 400, "Invalid request body"),
        create("trailing garbage", "{} {}", 400, "Invalid request body"),
        create("binary", "\u{0}\u{1}\u{2}", 400, "Invalid request body"),
        create(
            "unknown field",
            r#"{"colour":"red"}"#,
            400,
            "Invalid request body",
        ),
        create(
            "negative duration",
            r#"{"duration_ms":-1}"#,
            400,
            "Invalid request body",
        ),
        create(
            "absurd duration",
            r#"{"duration_ms":1e300}"#,
            400,
            "Invalid request body",
        ),
        create(
            "duration past 30 days",
            r#"{"pending_ms":2592000001}"#,
            400,
            "Invalid request body",
        ),
        create(
            "duration past u64",
            r#"{"cleanup_ms":99999999999999999999999}"#,
            400,
            "Invalid request body",
        ),
        create(
            "string duration",
            r#"{"check_interval_ms":"1s"}"#,
            400,
            "Invalid request body",
        ),
        create(
            "bad outcome",
            r#"{"outcome":"CANCELLED"}"#,
            400,
            "Invalid request body",
        ),
        create(
            "bad mode",
            r#"{"cancel_mode":"nuke"}"#,
            400,
            "Invalid request body",
        ),
        create("empty id", r#"{"id":""}"#, 400, "Invalid request body"),
        create(
            "control characters in id",
            r#"{"id":"a\nb"}"#,
            400,
            "Invalid request body",
        ),
        create(
            "257-character id",
            &format!(r#"{{"id":"{}"}}"#, "y".repeat(257)),
            400,
            "Invalid request body",
        ),
        create(
            "huge body",
            &format!(r#"{{"message":"{}"}}"#, "z".repeat(100_000)),
            413,
            "Payload too large",
        ),
        Case {
            content_type: Some("text/plain"),
            ..create("not JSON content type", "{}", 415, "Unsupported media type")
        },
        Case {
            content_type: None,
            ..create("no content type", "{}", 415, "Unsupported media type")
        },
        fault(
            "probability above 1",
            r#"{"kind":"drop","probability":1.5}"#,
        ),
        fault(
            "negative probability",
            r#"{"kind":"drop","probability":-1}"#,
        ),
        fault(
            "NaN-like probability",
            r#"{"kind":"drop","probability":"NaN"}"#,
        ),
        fault("zero times", r#"{"kind":"drop","times":0}"#),
        fault("negative times", r#"{"kind":"drop","times":-3}"#),
        fault("absurd delay", r#"{"kind":"delay","ms":99999999}"#),
        fault("success code as fault", r#"{"kind":"status","code":200}"#),
        fault("unknown kind", r#"{"kind":"explode"}"#),
        fault("unknown route", r#"{"route":"everything","kind":"drop"}"#),
        Case {
            path: "/__mock/clock/advance".to_owned(),
            ..create(
                "negative advance",
                r#"{"ms":-5}"#,
                400,
                "Invalid request body",
            )
        },
        Case {
            path: "/__mock/clock/advance".to_owned(),
            ..create(
                "absurd advance",
                r#"{"ms":18446744073709551615}"#,
                400,
                "Invalid request body",
            )
        },
    ]
}

#[tokio::test]
async fn every_bad_input_gets_a_clear_json_error_and_changes_nothing() {
    let mock = mock();
    let cases = cases();
    for case in &cases {
        let headers: Vec<_> = case
            .content_type
            .map(|content_type| ("content-type", content_type))
            .into_iter()
            .collect();
        let response = send_with(&mock, case.method, &case.path, &headers, case.body.clone()).await;
        assert_eq!(
            response.status(),
            case.status,
            "{}: {}",
            case.what,
            String::from_utf8_lossy(response.body())
        );
        assert_eq!(
            response.headers()["content-type"],
            "application/json",
            "{}",
            case.what
        );
        let body = json(&response);
        assert_eq!(body["error"], case.error, "{}: {body}", case.what);
        assert!(
            body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{}: no message",
            case.what
        );
    }
    assert!(mock.tasks.is_empty(), "a bad request created a task");
    assert!(mock.faults.list().is_empty(), "a bad request added a fault");
    assert_eq!(
        json(&send(&mock, "GET", "/__mock/clock").await)["now"],
        "2027-01-15T08:00:00.000Z"
    );
    let healthy = send(&mock, "GET", "/__mock/health").await;
    assert_eq!(healthy.status(), 200);
    println!("bad inputs tried: {}", cases.len());
}

#[tokio::test]
async fn thousands_of_silent_connections_do_not_stop_the_server() {
    // Both ends of every connection live in this process: 2,000 of them
    // need about 4,000 descriptors. Where the limit is lower (1,024 is a
    // common default), as many as fit, said in the output.
    let silent_count = match open_files_limit() {
        Some(limit) if limit < 4_200 => (limit.saturating_sub(200) / 2) as usize,
        _ => 2_000,
    };
    println!("silent connections held: {silent_count}");
    assert!(silent_count >= 300, "too few descriptors to test anything");
    let server = spawn(Config::for_tests()).await.expect("starts");
    let mut silent = Vec::with_capacity(silent_count);
    for _ in 0..silent_count {
        silent.push(TcpStream::connect(server.addr()).await.expect("connects"));
    }
    // Half of them start a request and stop in the middle of its headers.
    for stream in silent.iter_mut().step_by(2) {
        stream
            .write_all(b"GET /api/task/status/x HTTP/1.1\r\nHost: localhost\r\n")
            .await
            .expect("writes");
    }
    assert_healthy(server.addr()).await;
    drop(silent);
    server.stop().await;
}

#[tokio::test]
async fn garbage_on_the_wire_is_refused_and_the_server_goes_on() {
    let server = spawn(Config::for_tests()).await.expect("starts");
    for garbage in [
        &b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"[..], // a TLS hello
        b"NOT HTTP AT ALL\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET /api/task/status/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n\r\n",
    ] {
        let mut stream = TcpStream::connect(server.addr()).await.expect("connects");
        stream.write_all(garbage).await.expect("writes");
        let mut answer = Vec::new();
        let read =
            tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
        // Refused: the server closes the connection, with a 4xx or 5xx
        // status line or nothing, and never answers as if it were a request.
        assert!(read.is_ok(), "{garbage:?}: the connection is held open");
        let answer = String::from_utf8_lossy(&answer);
        assert!(
            answer.is_empty()
                || answer.starts_with("HTTP/1.1 4")
                || answer.starts_with("HTTP/1.1 5"),
            "{garbage:?} was answered: {answer}"
        );
    }
    assert_healthy(server.addr()).await;
    server.stop().await;
}

/// This process's soft limit of open files, where the system says it.
fn open_files_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits
        .lines()
        .find(|line| line.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// A fresh connection gets `GET /__mock/health` answered within 5 s.
async fn assert_healthy(addr: std::net::SocketAddr) {
    let mut probe = TcpStream::connect(addr).await.expect("connects");
    probe
        .write_all(b"GET /__mock/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .expect("writes");
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), probe.read_to_end(&mut answer))
        .await
        .expect("an answer within 5 s")
        .expect("reads");
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
}
