//! Scenario files: parsing with line and column, the shipped example,
//! export and load round trip, `POST /__mock/reset`, and `--watch`.

mod common;

use common::{advance, create, json, mock, mock_holding, send, send_json};
use mock_server::engine::scenario::{Applied, Scenario, ScenarioError};
use mock_server::{Config, spawn};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The ids of the tasks in force, oldest first.
fn task_ids(state: &mock_server::http::state::MockState) -> Vec<String> {
    state
        .tasks
        .scripts()
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

/// Replaces the file at `path` whole, as an editor saves: written beside it,
/// then renamed over it, so a reload can never read it half-written.
fn write_and_rename(path: &Path, text: &str) {
    let beside = path.with_extension("json.tmp");
    std::fs::write(&beside, text).expect("writes");
    std::fs::rename(&beside, path).expect("renames");
}

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/example.json");

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scenario-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = dir.join("scenario.json");
    std::fs::write(&path, text).expect("writes");
    path
}

#[test]
fn a_bad_file_names_the_line_column_and_entry() {
    let cases = [
        (
            "{\n  \"tasks\": [\n    {\"id\": \"a\",}\n  ]\n}",
            "f.json:3:16: tasks[0]: trailing comma",
        ),
        (
            "{\"tasks\": [{\"id\": \"a\"}, {\"pending\": 5}]}",
            "f.json:1:34: tasks[1].pending: unknown field `pending`, expected one of `id`, \
             `pending_ms`, `duration_ms`, `outcome`, `check_interval_ms`, `cleanup_ms`, \
             `cancel_mode`, `message`, `result`, `error`, `timeline`, `observed`",
        ),
        (
            "{\"tasks\": [], \"rules\": []}",
            "f.json:1:21: rules: unknown field `rules`, expected one of `dialect`, `tasks`, `faults`",
        ),
        ("{\"tasks\": []} extra", "f.json:1:15: trailing characters"),
    ];
    for (text, expected) in cases {
        let error = Scenario::parse(text, "f.json").expect_err(text);
        assert!(matches!(error, ScenarioError::Syntax { .. }), "{error:?}");
        assert_eq!(error.to_string(), expected, "{text}");
    }
}

#[test]
fn an_entry_the_control_api_would_refuse_is_refused_whole() {
    let state = mock();
    let good = Scenario::parse(r#"{"tasks": [{"id": "a"}]}"#, "f").expect("parses");
    state.load_scenario(good, "f").expect("loads");
    for (text, expected) in [
        (
            r#"{"tasks": [{"id": "b"}, {"id": "c", "pending_ms": 99999999999}]}"#,
            "f: tasks[1]: pending_ms must be at most 2592000000 (30 days), not 99999999999",
        ),
        (
            r#"{"tasks": [{"id": "b"}, {"id": "b"}]}"#,
            "f: tasks[1]: the id \"b\" is used twice",
        ),
        (
            r#"{"faults": [{"kind": "status", "code": 200}]}"#,
            "f: faults[0]: code must be an HTTP error status from 400 to 599, not 200",
        ),
    ] {
        let scenario = Scenario::parse(text, "f").expect("parses");
        let error = state.load_scenario(scenario, "f").expect_err(text);
        assert_eq!(error.to_string(), expected);
        let ids = task_ids(&state);
        assert_eq!(ids, ["a"], "nothing of a refused scenario is applied");
    }
}

#[tokio::test]
async fn the_shipped_example_loads_and_exports_as_it_loads() {
    let state = mock();
    let applied =
        mock_server::engine::scenario::load_file(&state, Path::new(EXAMPLE)).expect("loads");
    assert_eq!(
        applied,
        Applied {
            tasks: 6,
            faults: 2
        }
    );
    let exported = json(&send(&state, "GET", "/__mock/scenario").await);
    assert_eq!(exported["tasks"].as_array().map(Vec::len), Some(6));
    assert_eq!(exported["tasks"][0]["id"], "export-mailbox");
    assert_eq!(exported["faults"][0]["code"], 503);
    assert_eq!(exported["faults"][1]["probability"], 0.1);

    // The export is a scenario file that recreates the same state.
    let again = mock();
    let scenario = Scenario::parse(&exported.to_string(), "export").expect("parses");
    again.load_scenario(scenario, "export").expect("loads");
    assert_eq!(
        json(&send(&again, "GET", "/__mock/scenario").await),
        exported
    );
}

#[tokio::test]
async fn reset_restores_tasks_faults_journal_and_the_manual_clock() {
    let state = mock();
    let scenario = Scenario::parse(
        r#"{"tasks": [{"id": "run", "pending_ms": 0, "duration_ms": 60000}],
            "faults": [{"route": "cancel", "kind": "status", "code": 503, "times": 1}]}"#,
        "f",
    )
    .expect("parses");
    state.load_scenario(scenario, "f").expect("loads");
    let start = json(&send(&state, "GET", "/__mock/clock").await)["now_ms"].clone();

    advance(&state, 5_000).await;
    assert_eq!(
        send(&state, "POST", "/api/task/cancel/run").await.status(),
        503
    );
    assert_eq!(
        send(&state, "POST", "/api/task/cancel/run").await.status(),
        200
    );
    advance(&state, 5_000).await;
    create(&state, r#"{"id": "extra"}"#).await;
    assert_eq!(
        json(&send(&state, "GET", "/api/task/status/run").await)["state"],
        "CANCELLED"
    );
    send_json(&state, "POST", "/__mock/faults", r#"{"kind": "drop"}"#).await;

    let reset = send(&state, "POST", "/__mock/reset").await;
    assert_eq!(json(&reset), serde_json::json!({"tasks": 1, "faults": 1}));
    assert_eq!(
        json(&send(&state, "GET", "/__mock/clock").await)["now_ms"],
        start
    );
    let status = json(&send(&state, "GET", "/api/task/status/run").await);
    assert_eq!(status["state"], "RUNNING");
    assert_eq!(status["cancel_requested"], false);
    assert_eq!(
        send(&state, "GET", "/api/task/status/extra").await.status(),
        404
    );
    let faults = json(&send(&state, "GET", "/__mock/faults").await);
    assert_eq!(faults.as_array().map(Vec::len), Some(1));
    assert_eq!(faults[0]["times_left"], 1, "the rule's count starts again");
    let journal = json(&send(&state, "GET", "/__mock/requests").await);
    let paths: Vec<&str> = journal
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|entry| entry["path"].as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "/__mock/reset",
            "/__mock/clock",
            "/api/task/status/run",
            "/api/task/status/extra",
            "/__mock/faults"
        ],
        "only what came after the reset"
    );
}

/// Reads the mock's health until `done` holds for its `scenario` part, for
/// at most 10 s: the file watcher's events take their own time.
async fn wait_for_reload(
    url: &str,
    done: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let address = url.trim_start_matches("http://").to_owned();
    for _ in 0..500 {
        let mut connection = mock_server_test_support::http::Connection::open(&address)
            .await
            .expect("connects");
        let (_, body) = connection
            .send("GET", "/__mock/health", "")
            .await
            .expect("an answer");
        let health: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        if done(&health["scenario"]) {
            return health;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the scenario file was not reloaded within 10 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watch_reloads_the_file_and_keeps_the_old_scenario_on_a_bad_edit() {
    let path = temp_file("watch", r#"{"tasks": [{"id": "a", "pending_ms": 0}]}"#);
    let server = spawn(Config {
        scenario: Some(path.clone()),
        watch_scenario: true,
        ..Config::for_tests()
    })
    .await
    .expect("starts");
    let state = server.state().clone();
    let cancelled = state.tasks.cancel("a", &state.clock);
    assert!(cancelled.is_some());
    state.journal.record(mock_server::engine::journal::Record {
        method: "GET",
        path: "/before-the-reload",
        status: Some(200),
        at_ms: 0,
        fault: None,
        origin: None,
        violations: None,
        forwarded_headers: None,
    });

    // An edit: `a` comes back with its script restarted, `b` is new.
    let edited = r#"{"tasks": [{"id": "a", "pending_ms": 0}, {"id": "b"}],
                     "faults": [{"kind": "drop", "probability": 0}]}"#;
    write_and_rename(&path, edited);
    wait_for_reload(&server.url(), |scenario| {
        scenario["reloads"].as_u64() >= Some(1)
    })
    .await;
    let ids = task_ids(&state);
    assert_eq!(ids, ["a", "b"]);
    let a = state.tasks.status("a", &state.clock).expect("a");
    assert!(!a.state.is_finished(), "a's script restarted: {a:?}");
    assert_eq!(state.faults.list().len(), 1);
    let journal = state.journal.list(&Default::default());
    assert!(
        journal
            .iter()
            .any(|entry| entry.path == "/before-the-reload"),
        "the journal is kept"
    );

    // A bad edit is reported with its place, and changes nothing.
    write_and_rename(&path, "{\"tasks\": [\n  {\"id\": }\n]}");
    let health = wait_for_reload(&server.url(), |scenario| scenario["error"].is_string()).await;
    let error = health["scenario"]["error"].as_str().unwrap_or_default();
    assert!(error.contains("scenario.json:2:10: "), "{error}");
    let ids = task_ids(&state);
    assert_eq!(ids, ["a", "b"], "the previous scenario stays");

    // Good again: the error clears.
    write_and_rename(&path, r#"{"tasks": [{"id": "c"}]}"#);
    wait_for_reload(&server.url(), |scenario| {
        scenario["error"].is_null() && scenario["reloads"].as_u64() >= Some(3)
    })
    .await;
    let ids = task_ids(&state);
    assert_eq!(ids, ["c"]);
    server.stop().await;
    let _ = std::fs::remove_dir_all(path.parent().expect("a directory"));
}

#[test]
fn a_bad_scenario_stops_the_start_with_its_place() {
    let path = temp_file("start", "{\"tasks\": [{\"id\": 5}]}");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_mock-server"))
        .args(["--port", "0", "--scenario"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "scenario.json:1:19: tasks[0].id: invalid type: integer `5`, expected a string"
        ),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(path.parent().expect("a directory"));
}

#[test]
fn reset_never_keeps_a_task_created_after_the_rewound_clock() {
    let state = mock();
    let start = state.clock.now();
    for round in 0..1000 {
        state.clock.advance(60_000).expect("a manual clock");
        let creating = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let creator = {
            let (state, creating) = (state.clone(), creating.clone());
            std::thread::spawn(move || {
                let mut n = 0;
                while creating.load(std::sync::atomic::Ordering::Relaxed) {
                    let id = format!("r{round}-{n}");
                    let _ = state.tasks.create(id, Default::default(), &state.clock);
                    n += 1;
                }
            })
        };
        // Let the creator get going, then reset under it.
        while state.tasks.is_empty() {
            std::thread::yield_now();
        }
        state.reset();
        creating.store(false, std::sync::atomic::Ordering::Relaxed);
        creator.join().expect("the creator ends");
        assert_eq!(state.clock.now(), start);
        for id in task_ids(&state) {
            let status = state.tasks.status(&id, &state.clock).expect("exists");
            assert_eq!(
                status.created_at,
                mock_server::engine::clock::iso8601(start),
                "round {round}: {id} outlived the reset that rewound the clock before it"
            );
        }
        state.tasks.clear();
    }
}

#[tokio::test]
async fn reset_answers_with_every_task_it_leaves_demo_tasks_included() {
    let state = mock();
    state.set_demo(true);
    state
        .load_scenario(
            Scenario::parse(r#"{"tasks": [{"id": "mine"}]}"#, "inline").expect("parses"),
            "inline",
        )
        .expect("loads");
    let reset = json(&send(&state, "POST", "/__mock/reset").await);
    let held = json(&send(&state, "GET", "/__mock/tasks").await);
    let held = held.as_array().map_or(0, Vec::len);
    assert!(held > 1, "the demo tasks and the scenario's");
    assert_eq!(reset, serde_json::json!({"tasks": held, "faults": 0}));
}

#[test]
fn a_scenario_larger_than_max_tasks_is_refused_naming_the_limit() {
    let state = mock_holding(2);
    let three = Scenario::parse(
        r#"{"tasks": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}"#,
        "three.json",
    )
    .expect("parses");
    let error = state
        .load_scenario(three, "three.json")
        .expect_err("three tasks do not fit in two");
    let message = error.to_string();
    assert!(message.contains("--max-tasks 2"), "{message}");
    assert!(message.starts_with("three.json: tasks:"), "{message}");
    assert!(state.tasks.is_empty(), "nothing was applied");
    // A task made at runtime counts too.
    state
        .tasks
        .create("runtime".into(), Default::default(), &state.clock)
        .expect("fits");
    let two =
        Scenario::parse(r#"{"tasks": [{"id": "a"}, {"id": "b"}]}"#, "two.json").expect("parses");
    assert!(state.load_scenario(two, "two.json").is_err());
    let replacing = Scenario::parse(
        r#"{"tasks": [{"id": "runtime"}, {"id": "b"}]}"#,
        "replacing.json",
    )
    .expect("parses");
    assert_eq!(
        state.load_scenario(replacing, "replacing.json"),
        Ok(Applied {
            tasks: 2,
            faults: 0
        })
    );
}

#[tokio::test]
async fn a_reload_that_changes_only_fault_rules_keeps_the_tasks_running() {
    let state = mock();
    let first = r#"{"tasks": [{"id": "kept", "pending_ms": 0, "duration_ms": 600000},
                              {"id": "edited", "pending_ms": 0}]}"#;
    state
        .load_scenario(Scenario::parse(first, "s.json").expect("parses"), "s.json")
        .expect("loads");
    advance(&state, 30_000).await;
    let before = state.tasks.status("kept", &state.clock).expect("kept");
    let second = r#"{"tasks": [{"id": "kept", "pending_ms": 0, "duration_ms": 600000},
                               {"id": "edited", "pending_ms": 5}],
                     "faults": [{"kind": "drop", "probability": 0}]}"#;
    state
        .load_scenario(Scenario::parse(second, "s.json").expect("parses"), "s.json")
        .expect("loads");
    let after = state.tasks.status("kept", &state.clock).expect("kept");
    assert_eq!(after.created_at, before.created_at, "not restarted");
    assert_eq!(after.progress, before.progress);
    let edited = state.tasks.status("edited", &state.clock).expect("edited");
    assert_eq!(
        edited.created_at,
        mock_server::engine::clock::iso8601(state.clock.now()),
        "an edited task starts again"
    );
    assert_eq!(task_ids(&state), ["kept", "edited"]);
    assert_eq!(state.faults.list().len(), 1);
}

#[test]
fn a_scenario_that_would_not_fit_beside_the_demo_tasks_after_a_reset_is_refused() {
    let state = mock_holding(6);
    mock_server::engine::demo::seed(&state);
    state.set_demo(true);
    // A demo task deleted at runtime makes room now, but a reset brings it back.
    assert!(state.tasks.remove("demo-pending"));
    let two =
        Scenario::parse(r#"{"tasks": [{"id": "s1"}, {"id": "s2"}]}"#, "two.json").expect("parses");
    let error = state
        .load_scenario(two, "two.json")
        .expect_err("5 demo tasks and 2 are more than 6");
    assert!(error.to_string().contains("--max-tasks 6"), "{error}");
    let one = Scenario::parse(r#"{"tasks": [{"id": "s1"}]}"#, "one.json").expect("parses");
    assert!(state.load_scenario(one, "one.json").is_ok());
    assert_eq!(
        state.reset(),
        Applied {
            tasks: 6,
            faults: 0
        }
    );
    assert!(state.tasks.contains("s1"));
}
