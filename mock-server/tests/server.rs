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
    assert!(journal.contains(r#""fault":"drop""#), "{journal}");
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
