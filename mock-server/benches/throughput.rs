//! Benchmarks of the mock server, printed as a table; exits non-zero when a
//! budget is broken. Run by `scripts/bench` (which builds in release mode and
//! installs wrk).
//!
//! 1. Status throughput and latency with 10,000 live tasks (wrk), next to a bare
//!    warp handler answering a fixed body of the same size: the ratio.
//! 2. Cancel storm: 100,000 tasks created and cancelled by concurrent clients
//!    over HTTP, then read until every one is `CANCELLED`; peak RSS.
//! 3. Memory per idle task, and CPU while tasks merely exist.

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const LIVE_TASKS: usize = 10_000;
const STORM_TASKS: usize = 100_000;
const CLIENTS: usize = 16;
const WRK_SECONDS: u32 = 5;
/// wrk runs alternate between the two servers this many times and the
/// medians are compared, so a burst of noise on the machine does not decide.
/// The servers run on core 1 and wrk on core 0 (taskset), so they do not
/// fight over one core.
const WRK_ROUNDS: usize = 5;

const MIN_THROUGHPUT_RATIO: f64 = 0.85;
const MAX_STORM_SECONDS: f64 = 10.0;
const MAX_BYTES_PER_IDLE_TASK: f64 = 300.0;
const MAX_IDLE_CPU_PERCENT: f64 = 1.0;

/// A server on core 1 (taskset), leaving core 0 to wrk.
fn start(program: &str, args: &[&str]) -> ServerProcess {
    let mut command = Command::new("taskset");
    command.args(["-c", "1", program]).args(args);
    ServerProcess::start(command)
}

use mock_server_test_support::http::Connection;
use mock_server_test_support::process::ServerProcess;

/// Runs `count` requests made by `request(n)` over `CLIENTS` connections;
/// every answer must have status `expect` and contain `needle`.
async fn storm<F>(
    addr: &str,
    count: usize,
    expect: u16,
    needle: &'static str,
    request: F,
) -> Duration
where
    F: Fn(usize) -> (&'static str, String, String) + Send + Sync + 'static,
{
    let request = Arc::new(request);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut clients = Vec::new();
    for _ in 0..CLIENTS {
        let (addr, request, next) = (addr.to_owned(), request.clone(), next.clone());
        clients.push(tokio::spawn(async move {
            let mut connection = Connection::open(&addr).await.expect("connects");
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= count {
                    break;
                }
                let (method, path, body) = request(n);
                let (status, answer) = connection
                    .send(method, &path, &body)
                    .await
                    .expect("an answer");
                assert_eq!(status, expect, "{method} {path}: {answer}");
                assert!(answer.contains(needle), "{method} {path}: {answer}");
            }
        }));
    }
    for client in clients {
        client.await.expect("client");
    }
    started.elapsed()
}

fn proc_field(pid: u32, file: &str, key: &str) -> u64 {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).unwrap_or_default();
    text.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Resident memory in bytes.
fn rss(pid: u32) -> u64 {
    proc_field(pid, "status", "VmRSS:") * 1024
}

fn peak_rss(pid: u32) -> u64 {
    proc_field(pid, "status", "VmHWM:") * 1024
}

/// CPU time (user + system) in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    field(11) + field(12)
}

struct WrkResult {
    requests_per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: u64,
}

fn wrk(url: &str) -> WrkResult {
    let output = Command::new("taskset")
        .args([
            "-c",
            "0",
            "wrk",
            "-t1",
            "-c32",
            &format!("-d{WRK_SECONDS}s"),
            "--latency",
            url,
        ])
        .output()
        .expect("wrk runs (scripts/bench installs it)");
    let text = String::from_utf8_lossy(&output.stdout);
    let number_after = |label: &str| -> Option<String> {
        text.lines()
            .find(|l| l.trim_start().starts_with(label))
            .and_then(|l| {
                l.trim_start()[label.len()..]
                    .split_whitespace()
                    .next()
                    .map(str::to_owned)
            })
    };
    let millis = |value: String| -> f64 {
        let (number, scale) = if let Some(v) = value.strip_suffix("us") {
            (v, 0.001)
        } else if let Some(v) = value.strip_suffix("ms") {
            (v, 1.0)
        } else if let Some(v) = value.strip_suffix('s') {
            (v, 1000.0)
        } else {
            (value.as_str(), 1.0)
        };
        number.parse::<f64>().unwrap_or(f64::NAN) * scale
    };
    let errors = text
        .lines()
        .filter(|l| l.contains("Non-2xx") || l.contains("Socket errors"))
        .flat_map(|l| {
            l.split(|c: char| !c.is_ascii_digit())
                .filter_map(|n| n.parse::<u64>().ok())
        })
        .sum();
    WrkResult {
        requests_per_second: number_after("Requests/sec:")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0),
        p50_ms: number_after("50%").map(millis).unwrap_or(f64::NAN),
        p99_ms: number_after("99%").map(millis).unwrap_or(f64::NAN),
        errors,
    }
}

struct Row {
    name: String,
    value: String,
    budget: String,
    ok: bool,
}

fn row(rows: &mut Vec<Row>, name: &str, value: String, budget: &str, ok: bool) {
    rows.push(Row {
        name: name.to_owned(),
        value,
        budget: budget.to_owned(),
        ok,
    });
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // `cargo test --all-targets` runs bench targets too, without `--bench`;
    // like libtest's benches, this one only runs under `cargo bench`.
    if !std::env::args().any(|arg| arg == "--bench") {
        println!("throughput: a benchmark; run it with `cargo bench` (scripts/bench)");
        return;
    }
    // This program runs from <target>/release/deps/; the servers it starts
    // are in <target>/release (BENCH_BIN_DIR overrides).
    let bin_dir = std::env::var("BENCH_BIN_DIR").unwrap_or_else(|_| {
        std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.parent()?.display().to_string()))
            .unwrap_or_else(|| "target/release".to_owned())
    });
    let mock_bin = format!("{bin_dir}/mock-server");
    let bare_bin = format!("{bin_dir}/examples/bare_handler");
    let mut rows = Vec::new();

    // 1. Status throughput with 10,000 live tasks, next to a bare handler.
    let mock = start(
        &mock_bin,
        &["--port", "0", "--clock", "manual", "--no-demo"],
    );
    storm(&mock.addr, LIVE_TASKS, 201, "task_id", |n| {
        (
            "POST",
            "/__mock/tasks".to_owned(),
            format!(r#"{{"id":"live-{n}","pending_ms":0,"duration_ms":3600000}}"#),
        )
    })
    .await;
    let probe = format!("/api/task/status/live-{}", LIVE_TASKS / 2);
    let (_, body) = Connection::open(&mock.addr)
        .await
        .expect("connects")
        .send("GET", &probe, "")
        .await
        .expect("an answer");
    let bare = start(&bare_bin, &["0", &body.len().to_string()]);
    let median = |mut runs: Vec<WrkResult>| {
        runs.sort_by(|a, b| a.requests_per_second.total_cmp(&b.requests_per_second));
        runs.swap_remove(runs.len() / 2)
    };
    let (mut mock_runs, mut bare_runs) = (Vec::new(), Vec::new());
    for _ in 0..WRK_ROUNDS {
        mock_runs.push(wrk(&format!("http://{}{probe}", mock.addr)));
        bare_runs.push(wrk(&format!("http://{}/", bare.addr)));
    }
    let errors: u64 = mock_runs.iter().chain(&bare_runs).map(|r| r.errors).sum();
    let (on_mock, on_bare) = (median(mock_runs), median(bare_runs));
    drop(bare);
    drop(mock);
    let ratio = on_mock.requests_per_second / on_bare.requests_per_second;
    row(
        &mut rows,
        "status: mock requests/s (10,000 tasks; median of 5)",
        format!("{:.0}", on_mock.requests_per_second),
        "",
        true,
    );
    row(
        &mut rows,
        "status: mock latency p50 / p99",
        format!("{:.2} / {:.2} ms", on_mock.p50_ms, on_mock.p99_ms),
        "",
        true,
    );
    row(
        &mut rows,
        "status: bare warp requests/s (median of 5)",
        format!("{:.0}", on_bare.requests_per_second),
        "",
        true,
    );
    row(
        &mut rows,
        "status: bare latency p50 / p99",
        format!("{:.2} / {:.2} ms", on_bare.p50_ms, on_bare.p99_ms),
        "",
        true,
    );
    row(
        &mut rows,
        "status: mock / bare",
        format!("{:.1}%", ratio * 100.0),
        &format!(">= {:.0}%", MIN_THROUGHPUT_RATIO * 100.0),
        ratio >= MIN_THROUGHPUT_RATIO,
    );
    row(
        &mut rows,
        "status: failed requests",
        format!("{errors}"),
        "0",
        errors == 0,
    );

    // 2 and 3. Idle memory and CPU, then the cancel storm.
    let mock = start(
        &mock_bin,
        &["--port", "0", "--clock", "manual", "--no-demo"],
    );
    let pid = mock.child.id();
    // Fill the request journal first, so its fixed cost is in the baseline.
    storm(&mock.addr, 12_000, 200, "ok", |_| {
        ("GET", "/__mock/health".to_owned(), String::new())
    })
    .await;
    let empty_rss = rss(pid);
    let create = storm(&mock.addr, STORM_TASKS, 201, "task_id", |n| {
        (
            "POST",
            "/__mock/tasks".to_owned(),
            format!(r#"{{"id":"storm-{n}","pending_ms":0,"duration_ms":3600000,"check_interval_ms":1000,"cleanup_ms":0}}"#),
        )
    })
    .await;
    let idle_rss = rss(pid);
    let per_task = (idle_rss.saturating_sub(empty_rss)) as f64 / STORM_TASKS as f64;
    let ticks_before = cpu_ticks(pid);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let ticks_per_second = 100.0; // USER_HZ on Linux
    let idle_cpu = (cpu_ticks(pid) - ticks_before) as f64 / ticks_per_second / 3.0 * 100.0;
    let cancel = storm(&mock.addr, STORM_TASKS, 200, "cancelled", |n| {
        ("POST", format!("/api/task/cancel/storm-{n}"), String::new())
    })
    .await;
    let mut clock = Connection::open(&mock.addr).await.expect("connects");
    let (status, _) = clock
        .send("POST", "/__mock/clock/advance", r#"{"ms":1000}"#)
        .await
        .expect("an answer");
    assert_eq!(status, 200);
    let confirm = storm(
        &mock.addr,
        STORM_TASKS,
        200,
        "\"state\":\"CANCELLED\"",
        |n| ("GET", format!("/api/task/status/storm-{n}"), String::new()),
    )
    .await;
    let peak = peak_rss(pid);
    drop(mock);

    let storm_seconds = (create + cancel).as_secs_f64();
    row(
        &mut rows,
        "storm: create 100,000 tasks",
        format!("{:.2} s", create.as_secs_f64()),
        "",
        true,
    );
    row(
        &mut rows,
        "storm: cancel 100,000 tasks",
        format!("{:.2} s", cancel.as_secs_f64()),
        "",
        true,
    );
    row(
        &mut rows,
        "storm: create + cancel",
        format!("{storm_seconds:.2} s"),
        "< 10 s",
        storm_seconds < MAX_STORM_SECONDS,
    );
    row(
        &mut rows,
        "storm: read all until CANCELLED",
        format!("{:.2} s", confirm.as_secs_f64()),
        "",
        true,
    );
    row(
        &mut rows,
        "storm: requests per second",
        format!(
            "{:.0}",
            (3 * STORM_TASKS) as f64 / (create + cancel + confirm).as_secs_f64()
        ),
        "",
        true,
    );
    row(
        &mut rows,
        "storm: peak RSS",
        format!("{:.1} MB", peak as f64 / 1e6),
        "",
        true,
    );
    row(
        &mut rows,
        "idle: RSS of the empty server",
        format!("{:.1} MB", empty_rss as f64 / 1e6),
        "",
        true,
    );
    row(
        &mut rows,
        "idle: RSS per idle task",
        format!("{per_task:.0} bytes"),
        "< 300 bytes",
        per_task < MAX_BYTES_PER_IDLE_TASK,
    );
    row(
        &mut rows,
        "idle: CPU with 100,000 tasks",
        format!("{idle_cpu:.2}%"),
        "< 1%",
        idle_cpu < MAX_IDLE_CPU_PERCENT,
    );

    let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
    println!(
        "{:width$}  {:>18}  {:>12}  result",
        "measure", "value", "budget"
    );
    let mut broken = 0;
    for r in &rows {
        let verdict = if r.budget.is_empty() {
            ""
        } else if r.ok {
            "ok"
        } else {
            "BROKEN"
        };
        if !r.ok {
            broken += 1;
        }
        println!(
            "{:width$}  {:>18}  {:>12}  {verdict}",
            r.name, r.value, r.budget
        );
    }
    if broken > 0 {
        eprintln!("{broken} budget(s) broken");
        std::process::exit(1);
    }
}
