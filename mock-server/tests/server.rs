//! The library entry point over real TCP: `spawn`, dropped connections,
//! graceful stop.

use mock_server::{Config, spawn};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends one raw HTTP/1.1 request and returns everything the server sent.
async fn raw_request(addr: std::net::SocketAddr, request: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).await.expect("connects");
    stream.write_all(request.as_bytes()).await.expect("sends");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    answer
}

fn post(path: &str, body: &str) -> String {
    format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

fn get(path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
}

#[tokio::test]
async fn spawn_serves_on_a_free_port_and_stops() {
    let server = spawn(Config::for_tests()).await.expect("starts");
    assert_ne!(server.addr().port(), 0);
    let answer = raw_request(server.addr(), &post("/__mock/tasks", r#"{"id":"t1"}"#)).await;
    assert!(
        answer.starts_with(b"HTTP/1.1 201"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    let addr = server.addr();
    server.stop().await;
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "still listening after stop"
    );
}

#[tokio::test]
async fn drop_fault_closes_the_connection_without_an_answer() {
    let server = spawn(Config::for_tests()).await.expect("starts");
    raw_request(server.addr(), &post("/__mock/tasks", r#"{"id":"t1"}"#)).await;
    raw_request(
        server.addr(),
        &post("/__mock/faults", r#"{"kind":"drop","times":1}"#),
    )
    .await;
    let dropped = raw_request(server.addr(), &get("/api/task/status/t1")).await;
    assert!(
        dropped.is_empty(),
        "got {}",
        String::from_utf8_lossy(&dropped)
    );
    let recovered = raw_request(server.addr(), &get("/api/task/status/t1")).await;
    assert!(recovered.starts_with(b"HTTP/1.1 200"));
    let journal = raw_request(server.addr(), &get("/__mock/requests?method=GET")).await;
    let journal = String::from_utf8_lossy(&journal);
    let body = &journal[journal.find("\r\n\r\n").map_or(0, |at| at + 4)..];
    let entries: serde_json::Value = serde_json::from_str(body).expect("the journal is JSON");
    let entries = entries.as_array().expect("a list");
    assert_eq!(entries.len(), 2, "{journal}");
    // The client got no answer, so the journal says none, not a 200.
    assert_eq!(entries[0]["fault"], "drop", "{journal}");
    assert_eq!(entries[0]["status"], serde_json::Value::Null, "{journal}");
    assert_eq!(entries[1]["status"], 200, "{journal}");
    server.stop().await;
}

#[tokio::test]
async fn stop_lets_a_request_in_flight_finish() {
    let server = spawn(Config::for_tests()).await.expect("starts");
    raw_request(server.addr(), &post("/__mock/tasks", r#"{"id":"t1"}"#)).await;
    raw_request(
        server.addr(),
        &post("/__mock/faults", r#"{"kind":"delay","ms":300}"#),
    )
    .await;
    let addr = server.addr();
    let in_flight =
        tokio::spawn(async move { raw_request(addr, &get("/api/task/status/t1")).await });
    // Wait until the request is inside the server (journal entries are written
    // when a response is made, so poll the fault's hit count instead).
    loop {
        if server
            .state()
            .faults
            .list()
            .first()
            .is_some_and(|f| f.hits == 1)
        {
            break;
        }
        tokio::task::yield_now().await;
    }
    server.stop().await;
    let answer = in_flight.await.expect("request task");
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
}

#[tokio::test]
async fn bad_time_scale_is_refused() {
    let config = Config {
        time_scale: 0.0,
        ..Config::for_tests()
    };
    assert!(spawn(config).await.is_err());
}

mod common;

/// The tests' own HTTP client reads chunked bodies too, so a server that
/// streams its answer cannot pass a test by looking empty.
#[tokio::test]
async fn the_test_client_reads_chunked_and_sized_bodies() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let addr = listener.local_addr().expect("address").to_string();
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("accepts");
        let mut request = [0u8; 1024];
        for answer in [
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7\r\n{\"a\":1,\r\n8\r\n\"b\":\"c\"}\r\n0\r\n\r\n",
            "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}",
        ] {
            let _ = stream.read(&mut request).await;
            stream.write_all(answer.as_bytes()).await.expect("answers");
        }
    });
    let mut connection = common::http::Connection::open(&addr)
        .await
        .expect("connects");
    let chunked = connection.send("GET", "/", "").await.expect("an answer");
    assert_eq!(chunked, (200, r#"{"a":1,"b":"c"}"#.to_owned()));
    let sized = connection.send("GET", "/", "").await.expect("an answer");
    assert_eq!(sized, (404, "{}".to_owned()));
}

/// The headers a browser client depends on, compared between the two paths.
const COMPARED_HEADERS: [&str; 4] = [
    "content-type",
    "access-control-allow-origin",
    "access-control-expose-headers",
    "vary",
];

/// The compared headers among `headers` (lower-case names), sorted.
fn compared(headers: impl Iterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut kept: Vec<_> = headers
        .filter(|(name, _)| COMPARED_HEADERS.contains(&name.as_str()))
        .collect();
    kept.sort();
    kept
}

/// Status, the compared headers, and the body of a raw answer.
fn parts(answer: &[u8]) -> (u16, Vec<(String, String)>, String) {
    let text = String::from_utf8_lossy(answer);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let headers = compared(
        lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.to_ascii_lowercase(), value.trim().to_owned())),
    );
    (status, headers, body.to_owned())
}

/// The hot path that answers status reads over TCP answers exactly as the
/// full routes do, for every kind of status read.
#[tokio::test]
async fn status_reads_answer_alike_on_the_hot_path_and_through_the_routes() {
    let server = spawn(Config::for_tests()).await.expect("starts");
    let state = server.state().clone();
    raw_request(
        server.addr(),
        &post("/__mock/tasks", r#"{"id":"t 1","pending_ms":0}"#),
    )
    .await;
    let cases: [(&str, Option<&str>, Option<&str>); 7] = [
        ("/api/task/status/t%201", None, None),
        (
            "/api/task/status/t%201",
            Some("http://localhost:8000"),
            None,
        ),
        (
            "/api/task/status/t%201",
            Some("https://elsewhere.example"),
            None,
        ),
        (
            "/api/task/status/nobody",
            Some("http://localhost:8000"),
            None,
        ),
        ("/api/task/status/%FF", None, None),
        // Not an origin a browser sends: read, not refused, on both paths.
        (
            "/api/task/status/t%201",
            Some("http://lo\u{e7}alhost:8000"),
            None,
        ),
        (
            "/api/task/status/t%201",
            None,
            Some(r#"{"route":"status","kind":"status","code":503}"#),
        ),
    ];
    for (path, origin, fault) in cases {
        if let Some(fault) = fault {
            raw_request(server.addr(), &post("/__mock/faults", fault)).await;
        }
        let origin_line = origin
            .map(|o| format!("Origin: {o}\r\n"))
            .unwrap_or_default();
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: localhost\r\n{origin_line}Connection: close\r\n\r\n"
        );
        let hot = parts(&raw_request(server.addr(), &request).await);
        let mut routed = warp::test::request().method("GET").path(path);
        if let Some(origin) = origin {
            let value =
                warp::http::HeaderValue::from_bytes(origin.as_bytes()).expect("header bytes");
            routed = routed.header("origin", value);
        }
        let routed = routed.reply(&mock_server::routes(state.clone())).await;
        let headers = compared(routed.headers().iter().map(|(name, value)| {
            (
                name.as_str().to_owned(),
                value.to_str().unwrap_or_default().to_owned(),
            )
        }));
        let routed = (
            routed.status().as_u16(),
            headers,
            String::from_utf8_lossy(routed.body()).into_owned(),
        );
        assert_eq!(hot, routed, "{path} from {origin:?} with fault {fault:?}");
        if fault.is_some() {
            raw_request(
                server.addr(),
                "DELETE /__mock/faults HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            )
            .await;
        }
    }
    // Both ways were journaled alike.
    let entries = state.journal.list(&Default::default());
    let reads: Vec<_> = entries.iter().filter(|e| e.method == "GET").collect();
    assert_eq!(reads.len(), 14);
    for pair in reads.chunks(2) {
        assert_eq!(
            (
                &pair[0].path,
                pair[0].status,
                &pair[0].fault,
                &pair[0].origin
            ),
            (
                &pair[1].path,
                pair[1].status,
                &pair[1].fault,
                &pair[1].origin
            )
        );
    }
    server.stop().await;
}

#[test]
fn a_redirected_log_has_no_colour_codes() {
    use std::io::BufRead;
    let dir = std::env::temp_dir().join(format!("qmail-log-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let scenario = dir.join("scenario.json");
    std::fs::write(&scenario, r#"{"tasks": [{"id": "a"}]}"#).expect("writes");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mock-server"))
        .args(["--port", "0", "--no-demo", "--scenario"])
        .arg(&scenario)
        .env_remove("NO_COLOR")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("starts");
    let mut lines = std::io::BufReader::new(child.stdout.take().expect("piped"));
    // The log line of the load comes first, then the banner.
    let mut log = String::new();
    lines.read_line(&mut log).expect("a log line");
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(log.contains("loaded"), "{log:?}");
    assert!(!log.contains('\x1b'), "colour codes in a pipe: {log:?}");
}
