//! The API document's own examples, run unchanged against the real binary.
//!
//! Each example gets a fresh server on a free port (the document's task id
//! is one of the demo tasks), with only the host in the example rewritten.
//! The examples poll once a second themselves; a time scale of 4 makes the
//! task's cooperative cancel land before their second poll.

mod common;

use common::process::ServerProcess;
use std::process::{Command, Stdio};
use std::time::Duration;

fn start_server() -> ServerProcess {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mock-server"));
    command.args(["--port", "0", "--time-scale", "4"]);
    ServerProcess::start(command)
}

fn example(name: &str) -> String {
    let path = format!("{}/tests/document/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Runs `program` on the example with its host pointed at a fresh server.
fn run_example(name: &str, program: &[&str], extension: &str) -> String {
    let server = start_server();
    let source = example(name).replace("http://localhost:8080", &server.url());
    let dir = std::env::temp_dir().join(format!("qmail-doc-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("main.{extension}"));
    std::fs::write(&file, source).unwrap();
    let output = Command::new("timeout")
        .arg("60")
        .args(program)
        .arg(&file)
        .current_dir(&dir)
        .output()
        .expect("the example's interpreter runs");
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
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            assert!(exit.success(), "exit after SIGTERM: {exit:?}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no exit after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
