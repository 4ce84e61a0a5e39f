//! `mock-server verify`: it passes this mock in every cancel mode and with
//! `--scripted`, and fails a deliberately wrong server with the right
//! findings at the right levels.

mod common;

use mock_server::verify::{self, Check, Level, Options, Outcome, Report, Target};
use mock_server::{Config, RunningServer, spawn};
use serde_json::{Value, json};
use std::time::Duration;
use warp::http::Method;

async fn mock() -> RunningServer {
    spawn(Config::for_tests()).await.expect("the mock starts")
}

fn options(base_url: String) -> Options {
    Options {
        base_url,
        ..Options::default()
    }
}

fn check<'a>(report: &'a Report, name: &str) -> &'a Check {
    report
        .checks
        .iter()
        .find(|check| check.name == name)
        .unwrap_or_else(|| panic!("no check {name:?} in\n{}", report.text()))
}

fn finding_paths(check: &Check) -> Vec<(Level, &str)> {
    check
        .findings
        .iter()
        .map(|finding| (finding.level, finding.path.as_str()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scripted_covers_every_documented_case_on_this_mock() {
    let server = mock().await;
    let report = verify::run(&Options {
        scripted: true,
        ..options(server.url())
    })
    .await
    .expect("verify runs");
    assert!(report.all_passed(), "{}", report.text());
    assert_eq!(report.skipped, 5, "{}", report.text());
    // Every documented answer and transition, on this mock.
    assert_eq!(report.coverage.percent(), 100, "{}", report.coverage.line());
    let race = check(&report, "scripted, race task: reaches a terminal state");
    assert!(
        race.notes[0].starts_with("finished as COMPLETED before the cancellation took effect"),
        "{:?}",
        race.notes
    );
    for name in [
        "scripted, race task: a second cancel is 400 naming COMPLETED",
        "scripted, failed task: a second cancel is 400 naming FAILED",
        "scripted, running task: a second cancel is 400 naming CANCELLED",
        "scripted, server error: a cancel answered 500 has an error body",
    ] {
        assert_eq!(check(&report, name).outcome, Outcome::Ok, "{name}");
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_cancel_mode_of_this_mock_passes_the_documented_flow() {
    let server = mock().await;
    let control = Target::parse(&server.url(), Duration::from_secs(5)).expect("a URL");
    for mode in ["cooperative", "immediate", "ignore"] {
        let task = json!({"id": mode, "pending_ms": 0, "duration_ms": 5_000, "cancel_mode": mode});
        common::create_task(&control, &task).await;
    }
    let mut notes = Vec::new();
    for mode in ["cooperative", "immediate", "ignore"] {
        let report = verify::run(&Options {
            cancel_task: Some(mode.to_owned()),
            ..options(server.url())
        })
        .await
        .expect("verify runs");
        assert!(report.all_passed(), "{mode}:\n{}", report.text());
        let name = "--cancel-task: reaches a terminal state".to_owned();
        notes.push(check(&report, &name).notes.join(" / "));
    }
    assert!(
        notes[0].starts_with("CANCELLED at status read 3"),
        "{}",
        notes[0]
    );
    assert!(
        notes[1].contains("cancelled by the first read"),
        "{}",
        notes[1]
    );
    assert!(
        notes[2].starts_with("finished as COMPLETED before the cancellation took effect"),
        "{}",
        notes[2]
    );
    server.stop().await;
}

async fn verify_wrong_server(url: &str, level: Level) -> Report {
    verify::run(&Options {
        task: Some("t1".into()),
        cancel_task: Some("t1".into()),
        // Not this mock, so verify really waits; the server answers at once.
        interval: Duration::from_millis(10),
        level,
        ..options(url.to_owned())
    })
    .await
    .expect("verify runs")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_server_fails_with_the_right_findings_at_the_right_levels() {
    let url = common::wrong_server::start().await;
    let report = verify_wrong_server(&url, Level::Document).await;
    let text = report.text();
    // The shipping server's 404 (no `message`) is all the document asks of
    // the status endpoint's, which it gives no body for.
    let unknown_status = check(&report, "status: an unknown id is 404 with an error body");
    assert_eq!(unknown_status.outcome, Outcome::Ok, "{text}");
    let unknown_cancel = check(
        &report,
        "cancel: an unknown id is 404 with the documented body",
    );
    assert_eq!(unknown_cancel.failed_level, Some(Level::ClientSafe));
    assert_eq!(unknown_cancel.findings[0].expected, "404");
    assert_eq!(unknown_cancel.findings[0].actual, "200");
    assert!(
        unknown_cancel
            .request
            .as_deref()
            .is_some_and(|curl| curl.starts_with("curl -sS -i -X POST 'http://")),
        "{text}"
    );
    let encoded = check(
        &report,
        "status: an id that needs percent-encoding arrives whole (404 naming it)",
    );
    assert_eq!(
        finding_paths(encoded),
        [(Level::Document, "$.task_id")],
        "the server echoes the id still encoded: {text}"
    );
    let object = check(&report, "status: the object of --task");
    assert_eq!(
        finding_paths(object),
        [(Level::Document, "$.progress")],
        "{text}"
    );
    let terminal = check(&report, "--cancel-task: reaches a terminal state");
    assert_eq!(
        finding_paths(terminal),
        [(Level::Document, "$.is_finished")],
        "{text}"
    );
    let second = check(
        &report,
        "--cancel-task: a second cancel is 400 naming CANCELLED",
    );
    assert_eq!(
        finding_paths(second),
        [(Level::Document, "$.message")],
        "{text}"
    );
    assert!(second.findings[0].expected.contains("(state: CANCELLED)"));
    assert!(
        text.contains("FAIL  cancel: an unknown id is 404"),
        "{text}"
    );
    assert!(
        text.contains("[client-safe] status: expected 404, got 200"),
        "{text}"
    );
    // Each failure again at the end, with the request that repeats it; the
    // summary says how long the run took.
    assert!(
        text.contains(
            "\nfailures:\n    cancel: an unknown id is 404 with the documented body\n        curl -sS -i "
        ),
        "{text}"
    );
    let summary = format!(
        "{} passed, {} failed, {} skipped (",
        report.passed, report.failed, report.skipped
    );
    let last = text.lines().last().unwrap_or_default();
    assert!(
        last.starts_with(&summary) && last.ends_with(" s)"),
        "{text}"
    );

    // At the client-safe level only what breaks a robust client fails.
    // A fresh server: the first run cancelled its task.
    let report = verify_wrong_server(&common::wrong_server::start().await, Level::ClientSafe).await;
    let failed: Vec<&str> = report
        .checks
        .iter()
        .filter(|check| check.outcome == Outcome::Fail)
        .map(|check| check.name.as_str())
        .collect();
    assert_eq!(
        failed,
        ["cancel: an unknown id is 404 with the documented body"],
        "{}",
        report.text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_cancel_is_checked_against_the_status_not_believed() {
    let url = common::wrong_server::start_refusing().await;
    let report = verify_wrong_server(&url, Level::ClientSafe).await;
    let text = report.text();
    let refused = check(
        &report,
        "--cancel-task: refused with 400: the task had finished",
    );
    assert_eq!(refused.outcome, Outcome::Fail, "{text}");
    assert_eq!(
        finding_paths(refused),
        [(Level::ClientSafe, "status")],
        "{text}"
    );
    assert_eq!(
        refused.findings[0].actual,
        "400: refused the cancel of a RUNNING task"
    );
    assert_eq!(
        refused.notes,
        ["the status read after the 400 shows RUNNING"],
        "{text}"
    );
    // The task never finished, so there is no second cancel to judge.
    let second = check(
        &report,
        "--cancel-task: a second cancel is 400 naming the state",
    );
    assert!(matches!(second.outcome, Outcome::Skip(_)), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_base_url_where_nothing_looks_like_the_task_api_cannot_be_verified() {
    let server = mock().await;
    for (path, level) in [
        ("/nonsense/", Level::ClientSafe),
        ("/api", Level::Document),
        ("/qmail/api", Level::ClientSafe),
    ] {
        let error = verify::run(&Options {
            level,
            ..options(format!("{}{path}", server.url()))
        })
        .await
        .expect_err("nothing to verify at that path");
        let text = error.to_string();
        let base = path.trim_end_matches('/');
        assert!(
            text.starts_with(&format!(
                "could not run: nothing at {}{base}/api/task/… looks like the task API",
                server.url()
            )),
            "{text}"
        );
        assert!(
            text.ends_with(&format!("; did you mean {}?", server.url())),
            "{text}"
        );
    }
    // At the right address the same mock is verified, and says how strictly.
    let report = verify::run(&options(server.url()))
        .await
        .expect("verify runs");
    assert!(
        report
            .text()
            .starts_with(&format!("verify {} (strictness: document)\n", server.url())),
        "{}",
        report.text()
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proxy_that_refuses_an_encoded_slash_is_not_held_against_the_api() {
    let url = common::wrong_server::start_behind_a_strict_proxy().await;
    let report = verify::run(&options(url)).await.expect("verify runs");
    let text = report.text();
    let encoded = check(
        &report,
        "status: an id that needs percent-encoding arrives whole (404 naming it)",
    );
    let Outcome::Skip(reason) = &encoded.outcome else {
        panic!("not a skip: {text}");
    };
    assert!(
        reason.starts_with("answered 400 by something that is not the task API"),
        "{text}"
    );
    assert!(reason.contains("%2F"), "{text}");
    assert!(report.all_passed(), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancel_task_already_finished_is_reported_as_not_exercised() {
    let server = mock().await;
    let control = Target::parse(&server.url(), Duration::from_secs(5)).expect("a URL");
    let task = json!({"id": "done", "pending_ms": 0, "duration_ms": 0});
    common::create_task(&control, &task).await;
    let report = verify::run(&Options {
        cancel_task: Some("done".into()),
        ..options(server.url())
    })
    .await
    .expect("verify runs");
    let text = report.text();
    let flow = check(&report, "--cancel-task: the documented cancel flow");
    assert_eq!(
        flow.outcome,
        Outcome::Skip("not exercised: the task had already finished as COMPLETED".into()),
        "{text}"
    );
    assert!(
        text.contains(
            "\nnot exercised: --cancel-task: the documented cancel flow (the task had already finished as COMPLETED)\n"
        ),
        "{text}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_run_exits_130() {
    // A real clock, so verify waits between its reads of the task.
    let server = spawn(Config {
        clock: mock_server::engine::clock::ClockMode::Real,
        ..Config::for_tests()
    })
    .await
    .expect("the mock starts");
    let control = Target::parse(&server.url(), Duration::from_secs(5)).expect("a URL");
    let task = json!({"id": "long", "pending_ms": 600_000});
    common::create_task(&control, &task).await;
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_mock-server"))
        .args([
            "verify",
            &server.url(),
            "--task",
            "long",
            "--observe",
            "60s",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("mock-server runs");
    // Interrupted once it is observing: its second read of the task is in.
    let observing = async {
        loop {
            let reads = control
                .send(Method::GET, "/__mock/requests?path=/api/task/status/long")
                .await;
            let answer = reads.answer.expect("the journal answers");
            let entries: Value = serde_json::from_slice(&answer.body).expect("JSON");
            if entries.as_array().is_some_and(|list| list.len() >= 2) {
                break;
            }
            tokio::task::yield_now().await;
        }
    };
    tokio::time::timeout(Duration::from_secs(30), observing)
        .await
        .expect("verify reads the task twice within 30 s");
    let pid = child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let output = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .expect("joins")
        .expect("the process ends");
    assert_eq!(output.status.code(), Some(130));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "mock-server verify: interrupted\n"
    );
    server.stop().await;
}

/// Runs `mock-server verify ARGS…`: exit code, stdout and stderr.
async fn verify_output(args: Vec<String>) -> (Option<i32>, String, String) {
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_mock-server"))
            .arg("verify")
            .args(args)
            .output()
            .expect("mock-server runs")
    })
    .await
    .expect("joins");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stdout, stderr)
}

/// Runs `mock-server verify ARGS…`: exit code, and stdout then stderr.
async fn verify_command(args: Vec<String>) -> (Option<i32>, String) {
    let (code, stdout, stderr) = verify_output(args).await;
    (code, format!("{stdout}{stderr}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_baseline_passes_known_deviations_fails_new_ones_and_lists_the_fixed() {
    let dir = std::env::temp_dir().join(format!("verify-baseline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let file = |name: &str| dir.join(name).display().to_string();
    let wrong = common::wrong_server::start().await;

    let (code, text) = verify_command(vec![
        wrong.clone(),
        "--write-baseline".into(),
        file("wrong.json"),
    ])
    .await;
    assert_eq!(code, Some(1), "{text}");
    let (code, text) =
        verify_command(vec![wrong.clone(), "--baseline".into(), file("wrong.json")]).await;
    assert_eq!(code, Some(0), "known deviations pass: {text}");
    assert!(
        text.contains("known cancel: an unknown id is 404 with the documented body"),
        "{text}"
    );
    assert!(text.contains(" known (baseline), "), "{text}");

    // The conformant mock: every recorded deviation is gone.
    let server = mock().await;
    let (code, text) =
        verify_command(vec![server.url(), "--baseline".into(), file("wrong.json")]).await;
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("gone from the baseline (fixed): cancel: an unknown id is 404 with the documented body: status [client-safe]"),
        "{text}"
    );

    // A baseline of the mock (nothing known) lets none of them through.
    let (code, text) = verify_command(vec![
        server.url(),
        "--write-baseline".into(),
        file("mock.json"),
    ])
    .await;
    assert_eq!(code, Some(0), "{text}");
    let (code, text) = verify_command(vec![wrong, "--baseline".into(), file("mock.json")]).await;
    assert_eq!(code, Some(1), "new findings fail: {text}");

    let (code, text) = verify_command(vec![
        server.url(),
        "--baseline".into(),
        file("missing.json"),
    ])
    .await;
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("could not read the baseline"), "{text}");
    server.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_below_min_coverage_fails_saying_so() {
    let server = mock().await;
    let report = verify::run(&Options {
        min_coverage: Some(50),
        ..options(server.url())
    })
    .await
    .expect("verify runs");
    let text = report.text();
    // Only the unknown-id probes ran: two answers of eleven.
    assert_eq!(report.failed, 0, "{text}");
    assert!(!report.all_passed(), "{text}");
    assert!(
        text.contains(
            "coverage 18%: answers 2 of 6 (cancel 404, status 404); transitions 0 of 5 (none)\nFAIL  coverage below --min-coverage 50%\n"
        ),
        "{text}"
    );
    // CI reads the JUnit file: the coverage is a failed test case there too.
    let junit = report.junit();
    assert!(junit.contains("failures=\"1\""), "{junit}");
    assert!(
        junit.contains("<failure message=\"coverage below 50%\">"),
        "{junit}"
    );
    server.stop().await;
}

const OBSERVED: &str = "status: --task over time moves only forward, its times once set stay";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_observed_over_time_is_held_to_its_lifecycle() {
    let url = common::wrong_server::start_flip_flopping().await;
    let report = verify::run(&Options {
        task: Some("t1".into()),
        interval: Duration::from_millis(10),
        observe: Duration::from_millis(60),
        level: Level::ClientSafe,
        ..options(url)
    })
    .await
    .expect("verify runs");
    let text = report.text();
    // Each answer alone is well formed; their order is impossible.
    assert_eq!(
        check(&report, "status: the object of --task").outcome,
        Outcome::Ok,
        "{text}"
    );
    let observed = check(&report, OBSERVED);
    assert_eq!(observed.outcome, Outcome::Fail, "{text}");
    assert_eq!(
        observed.findings[0].actual,
        "RUNNING at read 3, after COMPLETED (reads: RUNNING, COMPLETED, RUNNING)",
        "{text}"
    );
    assert_eq!(
        observed.findings.len(),
        1,
        "the first impossible transition: {text}"
    );
    // The reads after the first, each kept as the evidence of the failure.
    let states = observed
        .answers
        .iter()
        .filter(|answer| {
            answer
                .body
                .as_ref()
                .is_some_and(|body| body.get("state").is_some())
        })
        .count();
    assert_eq!(states, 6, "{text}");
    assert_eq!(
        observed.notes,
        [
            "7 reads: RUNNING, COMPLETED, RUNNING, RUNNING, COMPLETED, RUNNING, RUNNING",
            "2 transitions that cannot happen in 7 reads; the first is shown"
        ],
        "{text}"
    );

    // The mock's task, followed on its manual clock until it finishes.
    let server = mock().await;
    let control = Target::parse(&server.url(), Duration::from_secs(5)).expect("a URL");
    let task = json!({"id": "observed", "pending_ms": 1_000, "duration_ms": 2_000});
    common::create_task(&control, &task).await;
    let report = verify::run(&Options {
        task: Some("observed".into()),
        until_terminal: true,
        ..options(server.url())
    })
    .await
    .expect("verify runs");
    let observed = check(&report, OBSERVED);
    assert_eq!(observed.outcome, Outcome::Ok, "{}", report.text());
    assert_eq!(
        observed.notes[0],
        "4 reads: PENDING, RUNNING, RUNNING, COMPLETED",
        "{}",
        report.text()
    );
    server.stop().await;
}

#[test]
fn a_base_url_without_a_scheme_is_refused_naming_what_is_missing() {
    let error = Target::parse("localhost:8080", Duration::from_secs(1)).expect_err("no scheme");
    assert_eq!(
        error.to_string(),
        "\"localhost:8080\" has no scheme: did you mean \"http://localhost:8080\"?"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_exits_0_1_or_2_and_writes_its_reports() {
    let server = mock().await;
    let wrong = common::wrong_server::start().await;
    let dir = std::env::temp_dir().join(format!("verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let (junit, json_file) = (dir.join("report.xml"), dir.join("report.json"));
    let cases = [
        (vec![server.url()], 0),
        (
            vec![
                wrong.clone(),
                "--junit".into(),
                junit.display().to_string(),
                "--json".into(),
                json_file.display().to_string(),
            ],
            1,
        ),
        (vec!["http://127.0.0.1:1".into()], 2),
        (vec!["https://example.com".into()], 2),
        (vec![wrong, "--scripted".into()], 2),
        (vec![server.url(), "--level".into(), "strict".into()], 2),
    ];
    for (args, expected) in cases {
        let (code, stdout, stderr) = verify_output(args.clone()).await;
        assert_eq!(code, Some(expected), "{args:?}\n{stdout}\n{stderr}");
        if expected == 2 {
            assert!(!stderr.trim().is_empty(), "{args:?}: says why");
        }
    }
    let xml = std::fs::read_to_string(&junit).expect("the JUnit report");
    assert!(
        xml.contains("<failure message=\"fails the client-safe level\">"),
        "{xml}"
    );
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_file).expect("the JSON report"))
            .expect("JSON");
    assert!(report["failed"].as_u64().is_some_and(|n| n > 0), "{report}");
    assert_eq!(report["checks"][1]["outcome"], "fail", "{report}");
    // A failed check carries every answer it saw.
    let answers = &report["checks"][1]["answers"];
    assert_eq!(answers.as_array().map(Vec::len), Some(1), "{report}");
    assert_eq!(answers[0]["status"], 200, "{report}");
    assert_eq!(answers[0]["body"], json!({}), "{report}");
    assert!(
        report["checks"][0].get("answers").is_none(),
        "a passed check: {report}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    server.stop().await;
}
