//! The API document's own examples, run unchanged against the real binary.
//!
//! Each example gets a fresh server on a free port (the document's task id
//! is one of the demo tasks), with only the host in the example rewritten.
//! The server's clock is manual: it stands still while the example cancels
//! and reads the task (RUNNING: cancellation is not instantaneous), and the
//! test moves it past the task's next check and cleanup once the journal
//! shows that first read, so the example's next poll sees CANCELLED however
//! slowly the machine runs it.

mod common;

use common::process::ServerProcess;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The document's task id, a demo task RUNNING from the start.
const TASK_ID: &str = "a7f8c9d1-e234-56b7-8901-23c45de67f89";

fn start_server() -> ServerProcess {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mock-server"));
    command.args(["--port", "0", "--clock", "manual"]);
    ServerProcess::start(command)
}

fn example(name: &str) -> String {
    let path = format!("{}/tests/document/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One request to the control API over a fresh connection: the whole answer.
fn control(addr: &str, method: &str, path: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("the mock accepts a connection");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("the request is sent");
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .expect("the answer is read");
    answer
}

/// Runs `program` on the example with its host pointed at a fresh server,
/// moving the server's clock on once the example has read the task after
/// its cancel.
fn run_example(name: &str, program: &[&str], extension: &str) -> String {
    let server = start_server();
    let source = example(name).replace("http://localhost:8080", &server.url());
    let dir = std::env::temp_dir().join(format!("qmail-doc-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("main.{extension}"));
    std::fs::write(&file, source).unwrap();
    let mut child = Command::new("timeout")
        .arg("120")
        .args(program)
        .arg(&file)
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the example's interpreter runs");
    // Every example cancels first, then reads: a read in the journal is one
    // the frozen clock answered RUNNING.
    let read = format!("/api/task/status/{TASK_ID}");
    let deadline = Instant::now() + Duration::from_secs(120);
    while !control(&server.addr, "GET", "/__mock/requests?method=GET", "").contains(&read) {
        if child
            .try_wait()
            .expect("the example can be waited for")
            .is_some()
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{name} never read the task's status"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Past the next check (1 s) and the cleanup (1.5 s).
    let advanced = control(
        &server.addr,
        "POST",
        "/__mock/clock/advance",
        r#"{"ms":5000}"#,
    );
    assert!(advanced.starts_with("HTTP/1.1 200"), "{advanced}");
    let output = child.wait_with_output().expect("the example ends");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{name} failed: {stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    drop(server);
    stdout
}

fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

#[test]
fn document_curl_example_reaches_cancelled() {
    let stdout = run_example("cancel.sh", &["bash"], "sh");
    assert!(stdout.contains("HTTP Status: 200"), "{stdout}");
    assert!(
        stdout.contains("Cancellation requested successfully"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Current state: RUNNING"),
        "cancellation is not instantaneous: {stdout}"
    );
    assert!(
        stdout.trim_end().ends_with("Task cancelled successfully"),
        "{stdout}"
    );
}

#[test]
fn document_javascript_example_reaches_cancelled() {
    assert!(
        have("node"),
        "node is needed to run the document's JavaScript example"
    );
    let stdout = run_example("cancel.mjs", &["node"], "mjs");
    assert!(!stdout.contains("Error"), "{stdout}");
    assert!(
        stdout.contains("Cancellation requested: Task cancellation requested successfully"),
        "{stdout}"
    );
    assert!(stdout.contains("Task state: RUNNING"), "{stdout}");
    assert!(stdout.contains("Task successfully cancelled"), "{stdout}");
}

#[test]
fn document_go_example_reaches_cancelled() {
    assert!(
        have("go"),
        "no Go toolchain: the document's Go example needs `go run` (scripts/setup installs Debian's golang-go)"
    );
    let stdout = run_example("cancel.go", &["go", "run"], "go");
    assert!(stdout.contains("Task successfully cancelled"), "{stdout}");
    assert!(
        stdout.trim_end().ends_with("Task cancelled successfully"),
        "{stdout}"
    );
}

#[test]
fn server_prints_demo_tasks_and_stops_on_sigterm() {
    let mut server = start_server();
    let pid = server.child.id().to_string();
    let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            assert!(exit.success(), "exit after SIGTERM: {exit:?}");
            break;
        }
        assert!(Instant::now() < deadline, "no exit after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }
}
