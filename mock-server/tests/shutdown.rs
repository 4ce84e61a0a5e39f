//! Requests in flight when the server stops or resets: after SIGTERM they
//! finish and the process exits 0; after `stop()` nothing answers; a reset
//! is not undone by a request that arrived before it.

mod common;

use common::http::Connection;
use common::process::ServerProcess;
use std::process::Command;
use std::time::{Duration, Instant};

const IN_FLIGHT: usize = 20;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_under_load_finishes_requests_in_flight_and_exits_0() {
    let mut server = start_server();
    let addr = server.addr.clone();

    let mut control = slow_reads_of_task_t(&addr, 700).await;

    // Requests that will still be in flight when SIGTERM arrives.
    let mut requests = Vec::new();
    for _ in 0..IN_FLIGHT {
        let addr = addr.clone();
        requests.push(tokio::spawn(async move {
            let mut connection = Connection::open(&addr).await.expect("connects");
            connection.send("GET", "/api/task/status/t", "").await
        }));
    }
    wait_for_fault_hits(&mut control, IN_FLIGHT).await;
    signal(&server, "-TERM");

    for request in requests {
        let (status, body) = request
            .await
            .expect("task")
            .expect("an answer despite SIGTERM");
        assert_eq!(status, 200, "{body}");
        assert!(body.contains(r#""task_id":"t""#));
    }
    exit_within(&mut server, Duration::from_secs(10)).await;
}

/// A control connection to the server at `addr`, after creating task `t`
/// and a rule that delays every status read by `delay_ms`.
async fn slow_reads_of_task_t(addr: &str, delay_ms: u64) -> Connection {
    let mut control = Connection::open(addr).await.expect("connects");
    control
        .send("POST", "/__mock/tasks", r#"{"id":"t"}"#)
        .await
        .expect("answer");
    let rule = format!(r#"{{"route":"status","kind":"delay","ms":{delay_ms}}}"#);
    control
        .send("POST", "/__mock/faults", &rule)
        .await
        .expect("answer");
    control
}

/// Waits until the only fault rule has been hit `hits` times: the requests
/// are inside the server (the journal records a request only once answered).
async fn wait_for_fault_hits(control: &mut Connection, hits: usize) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (_, faults) = control
            .send("GET", "/__mock/faults", "")
            .await
            .expect("answer");
        if faults.contains(&format!(r#""hits":{hits}"#)) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the requests never arrived: {faults}"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Starts the binary with a manual clock and no demo tasks.
fn start_server() -> ServerProcess {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mock-server"));
    command.args(["--port", "0", "--clock", "manual", "--no-demo"]);
    ServerProcess::start(command)
}

fn signal(server: &ServerProcess, name: &str) {
    let status = Command::new("kill")
        .args([name, &server.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

/// Waits for the process to exit, failing after `limit`; returns how long it took.
async fn exit_within(server: &mut ServerProcess, limit: Duration) -> Duration {
    let started = Instant::now();
    loop {
        if let Some(exit) = server.child.try_wait().expect("wait") {
            assert!(exit.success(), "exit: {exit:?}");
            return started.elapsed();
        }
        assert!(
            started.elapsed() < limit,
            "still running {limit:?} after the signal"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A client that sent half its headers and then says nothing.
async fn half_open_client(addr: &str) -> tokio::net::TcpStream {
    use tokio::io::AsyncWriteExt;
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connects");
    stream
        .write_all(b"GET /api/task/status/t HTTP/1.1\r\nHost: localhost\r\n")
        .await
        .expect("writes");
    stream
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hanging_request_does_not_hold_up_sigterm() {
    let mut server = start_server();
    let addr = server.addr.clone();
    let mut control = Connection::open(&addr).await.expect("connects");
    control
        .send("POST", "/__mock/tasks", r#"{"id":"t"}"#)
        .await
        .expect("answer");
    control
        .send("POST", "/__mock/faults", r#"{"kind":"hang"}"#)
        .await
        .expect("answer");
    let hanging = tokio::spawn(async move {
        let mut connection = Connection::open(&addr).await.expect("connects");
        connection.send("GET", "/api/task/status/t", "").await
    });
    wait_for_fault_hits(&mut control, 1).await;
    assert!(!hanging.is_finished(), "a hang is never answered");
    signal(&server, "-TERM");
    let took = exit_within(&mut server, Duration::from_secs(3)).await;
    assert!(
        hanging.await.expect("task").is_err(),
        "the hang ends without an answer"
    );
    eprintln!("exit {took:?} after SIGTERM with a hanging request");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_open_clients_delay_sigterm_by_the_drain_limit_at_most() {
    let mut server = start_server();
    let _clients = [
        half_open_client(&server.addr).await,
        half_open_client(&server.addr).await,
    ];
    tokio::time::sleep(Duration::from_millis(100)).await;
    signal(&server, "-TERM");
    let drain = mock_server::server::DRAIN_TIMEOUT;
    let took = exit_within(&mut server, drain + Duration::from_secs(3)).await;
    eprintln!("exit {took:?} after SIGTERM with half-open clients");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_that_completes_during_the_drain_is_answered_before_the_exit() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut server = start_server();
    let mut client = half_open_client(&server.addr).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    signal(&server, "-TERM");
    // Well inside the drain limit, the client sends the rest of its request:
    // the server has waited for it, and answers it.
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    assert!(
        server.child.try_wait().expect("wait").is_none(),
        "exited without waiting for the request under way"
    );
    client
        .write_all(b"Connection: close\r\n\r\n")
        .await
        .expect("the rest of the request is sent");
    let mut answer = String::new();
    client
        .read_to_string(&mut answer)
        .await
        .expect("the answer is read");
    assert!(
        answer.starts_with("HTTP/1.1 404"),
        "no answer during the drain: {answer:?}"
    );
    exit_within(&mut server, Duration::from_secs(3)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_sigterm_exits_at_once() {
    let mut server = start_server();
    let _client = half_open_client(&server.addr).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    signal(&server, "-TERM");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        server.child.try_wait().expect("wait").is_none(),
        "the first signal waits for the open connection"
    );
    signal(&server, "-TERM");
    let took = exit_within(&mut server, Duration::from_secs(2)).await;
    eprintln!("exit {took:?} after the second SIGTERM");
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_closed() {
    use tokio::io::AsyncReadExt;
    let server = mock_server::spawn(mock_server::Config {
        header_read_timeout: Duration::from_millis(300),
        ..mock_server::Config::for_tests()
    })
    .await
    .expect("starts");
    let mut client = half_open_client(&server.addr().to_string()).await;
    let started = Instant::now();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), client.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "still open after 5 s");
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(250),
        "closed too early: {took:?}"
    );
    eprintln!("a silent half-open client was closed after {took:?}");
    // The server goes on answering, and stops at once.
    let stopped = Instant::now();
    server.stop().await;
    assert!(stopped.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn sigterm_right_after_the_banner_is_a_graceful_stop() {
    // ServerProcess::start returns once it has read the banner's first line.
    let mut server = start_server();
    signal(&server, "-TERM");
    let took = exit_within(&mut server, Duration::from_secs(10)).await;
    eprintln!("exit {took:?} after a SIGTERM sent as the banner was read");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_answers_after_stop_returned() {
    let server = mock_server::spawn(mock_server::Config::for_tests())
        .await
        .expect("starts");
    let addr = server.addr().to_string();
    let mut control = slow_reads_of_task_t(&addr, 3000).await;
    let in_flight = tokio::spawn({
        let addr = addr.clone();
        async move {
            let mut connection = Connection::open(&addr).await.expect("connects");
            connection.send("GET", "/api/task/status/t", "").await
        }
    });
    wait_for_fault_hits(&mut control, 1).await;
    server.stop_within(Duration::from_millis(100)).await;
    let answer = tokio::time::timeout(Duration::from_secs(10), in_flight)
        .await
        .expect("the request ends")
        .expect("task");
    assert!(
        answer.is_err(),
        "answered after stop() returned: {answer:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delayed_request_does_not_act_on_the_state_a_reset_left() {
    let server = mock_server::spawn(mock_server::Config::for_tests())
        .await
        .expect("starts");
    let addr = server.addr().to_string();
    let mut control = Connection::open(&addr).await.expect("connects");
    control
        .send("POST", "/__mock/tasks", r#"{"id":"t","pending_ms":600000}"#)
        .await
        .expect("answer");
    control
        .send(
            "POST",
            "/__mock/faults",
            r#"{"route":"cancel","kind":"delay","ms":1000}"#,
        )
        .await
        .expect("answer");
    let cancel = tokio::spawn({
        let addr = addr.clone();
        async move {
            let mut connection = Connection::open(&addr).await.expect("connects");
            connection.send("POST", "/api/task/cancel/t", "").await
        }
    });
    wait_for_fault_hits(&mut control, 1).await;
    // The reset comes after the cancel arrived: the task it restores is the
    // one the reset made, untouched by the cancel's late answer.
    let state = server.state().clone();
    state.reset();
    state
        .tasks
        .create("t".into(), Default::default(), &state.clock)
        .expect("the reset removed t, so it can be made again");
    let (status, _) = cancel.await.expect("task").expect("an answer");
    assert_eq!(status, 200, "the cancel was accepted when it arrived");
    let after = state.tasks.status("t", &state.clock).expect("t");
    assert!(
        !after.state.is_finished() && !after.cancel_requested,
        "a cancel from before the reset acted on the task made after it: {after:?}"
    );
    server.stop().await;
}
