//! SIGTERM while clients are connected: requests in flight finish, then the
//! process exits 0.

mod common;

use common::http::Connection;
use common::process::ServerProcess;
use std::process::Command;
use std::time::{Duration, Instant};

const IN_FLIGHT: usize = 20;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_under_load_finishes_requests_in_flight_and_exits_0() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mock-server"));
    command.args(["--port", "0", "--clock", "manual", "--no-demo"]);
    let mut server = ServerProcess::start(command);
    let addr = server.addr.clone();

    let mut control = Connection::open(&addr).await.expect("connects");
    control
        .send("POST", "/__mock/tasks", r#"{"id":"t"}"#)
        .await
        .expect("answer");
    control
        .send(
            "POST",
            "/__mock/faults",
            r#"{"route":"status","kind":"delay","ms":700}"#,
        )
        .await
        .expect("answer");

    // Requests that will still be in flight when SIGTERM arrives.
    let mut requests = Vec::new();
    for _ in 0..IN_FLIGHT {
        let addr = addr.clone();
        requests.push(tokio::spawn(async move {
            let mut connection = Connection::open(&addr).await.expect("connects");
            connection.send("GET", "/api/task/status/t", "").await
        }));
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (_, faults) = control
            .send("GET", "/__mock/faults", "")
            .await
            .expect("answer");
        if faults.contains(&format!(r#""hits":{IN_FLIGHT}"#)) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the requests never arrived: {faults}"
        );
        tokio::task::yield_now().await;
    }
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());

    for request in requests {
        let (status, body) = request
            .await
            .expect("task")
            .expect("an answer despite SIGTERM");
        assert_eq!(status, 200, "{body}");
        assert!(body.contains(r#""task_id":"t""#));
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = server.child.try_wait().expect("wait") {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "still running 10 s after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(exit.success(), "exit after SIGTERM: {exit:?}");
}
