//! `mock-server verify <BASE_URL>`: checks a running server against the API
//! document and reports like a test runner.
//!
//! Read-only by default: unknown ids on both endpoints, ids that need
//! percent-encoding, and the status object of `--task`. `--cancel-task`
//! (explicit consent: it really cancels) follows the documented flow.
//! `--scripted`, against this mock, creates its own tasks and covers every
//! documented case, the race where the task finishes first included.
//!
//! Every finding has a level: *document* (exactly as written) or
//! *client-safe* (what a robust client needs). The shipping server's 404
//! without `message` breaks the first, not the second.

mod baseline;
mod coverage;
mod report;

pub use crate::contract::{Finding, Level};
pub use crate::outbound::{BadBaseUrl, Target};
pub use baseline::{BadBaseline, Baseline, KnownFinding};
pub use coverage::Coverage;
pub use report::{Check, Outcome, Report};

use crate::contract::checks::{self, Findings};
use crate::contract::lifecycle::Lifecycle;
use crate::outbound::{Answer, Exchange};
use serde_json::{Value, json};
use std::str::FromStr;
use std::time::{Duration, Instant};
use task_api::{TaskState, cancel_path, status_path};
use warp::http::Method;

/// What to verify and how.
#[derive(Clone, Debug)]
pub struct Options {
    pub base_url: String,
    /// A task whose status object is checked, and observed over time
    /// (read-only).
    pub task: Option<String>,
    /// How long `task` is observed (at least three reads after the first,
    /// `interval` apart).
    pub observe: Duration,
    /// Observe `task` until it is finished (at most `max_attempts` reads)
    /// instead of for `observe`.
    pub until_terminal: bool,
    /// A task to really cancel, following the documented flow.
    pub cancel_task: Option<String>,
    /// Create tasks on this mock and cover every documented case.
    pub scripted: bool,
    /// Time between status reads while a cancel is followed.
    pub interval: Duration,
    /// Status reads at most while a cancel is followed.
    pub max_attempts: u32,
    /// Findings at this level or stricter fail a check.
    pub level: Level,
    /// How long one request may take.
    pub timeout: Duration,
    /// The least share, in percent, of the document's answers and
    /// transitions the run must exercise to pass.
    pub min_coverage: Option<u32>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            base_url: "http://localhost:8080".to_owned(),
            task: None,
            observe: Duration::from_secs(3),
            until_terminal: false,
            cancel_task: None,
            scripted: false,
            interval: Duration::from_secs(1),
            max_attempts: 30,
            level: Level::Document,
            timeout: Duration::from_secs(10),
            min_coverage: None,
        }
    }
}

impl FromStr for Level {
    type Err = String;

    fn from_str(text: &str) -> Result<Level, String> {
        match text {
            "document" => Ok(Level::Document),
            "client-safe" => Ok(Level::ClientSafe),
            other => Err(format!(
                "unknown level {other:?}: `document` or `client-safe`"
            )),
        }
    }
}

/// Why verification could not run at all (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum CannotVerify {
    #[error(transparent)]
    BadBaseUrl(#[from] BadBaseUrl),
    #[error("{url} cannot be reached: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("--scripted needs this mock (GET {url} did not answer as the mock does: {reason})")]
    NotTheMock { url: String, reason: String },
    #[error(
        "could not run: nothing at {url}/api/task/… looks like the task API (an unknown task's status and cancel were answered without a task_id or any word of a task){}",
        match suggestion {
            Some(base_url) => format!("; did you mean {base_url}?"),
            None => "; is this the server's base URL?".to_owned(),
        }
    )]
    NotTheTaskApi {
        url: String,
        suggestion: Option<String>,
    },
}

/// Runs every check `options` asks for.
pub async fn run(options: &Options) -> Result<Report, CannotVerify> {
    let started = Instant::now();
    let target = Target::parse(&options.base_url, options.timeout)?;
    let mut report = Report::new(options.base_url.clone(), options.level);
    report.min_coverage = options.min_coverage;
    let missing = format!("verify-missing-{}", uuid::Uuid::new_v4());

    let probe = target.send(Method::GET, &status_path(&missing)).await;
    if let Err(reason) = &probe.answer {
        return Err(CannotVerify::Unreachable {
            url: probe.url,
            reason: reason.clone(),
        });
    }
    record(
        &mut report,
        "status: an unknown id is 404 with an error body",
        &probe,
        |answer| checks::status_not_found(answer, &missing),
    );
    let cancel = target.send(Method::POST, &cancel_path(&missing)).await;
    let answered_as_the_api = |exchange: &Exchange| {
        exchange
            .answer
            .as_ref()
            .is_ok_and(checks::looks_like_task_api)
    };
    if !answered_as_the_api(&probe) && !answered_as_the_api(&cancel) {
        return Err(CannotVerify::NotTheTaskApi {
            url: target.base_url(),
            suggestion: base_url_of_the_api(&target, &missing).await,
        });
    }
    record(
        &mut report,
        "cancel: an unknown id is 404 with the documented body",
        &cancel,
        |answer| checks::not_found(answer, &missing),
    );
    let awkward = format!(
        "verify missing/é ?#%{}",
        &missing["verify-missing-".len()..]
    );
    let encoded = target.send(Method::GET, &status_path(&awkward)).await;
    let name = "status: an id that needs percent-encoding arrives whole (404 naming it)";
    match encoded.answer.as_ref().map(|answer| (answer, answer.json())) {
        Ok((answer, _)) if !checks::looks_like_task_api(answer) => report.skip(
            name,
            format!(
                "answered {} by something that is not the task API (a proxy in front that refuses an encoded `/`, `%2F`, answers so), so whether the id arrives whole cannot be told",
                answer.status.as_u16()
            ),
        ),
        Ok((_, Ok(body))) if body.get("task_id").is_none() => report.skip(
            name,
            "the answer names no task_id, so whether the id arrived whole cannot be told",
        ),
        _ => record(&mut report, name, &encoded, |answer| {
            checks::status_not_found(answer, &awkward)
        }),
    }

    // This mock on a manual clock: move its clock instead of waiting. Asked
    // only when a task is read over time.
    let asks_the_clock = options.task.is_some() || options.cancel_task.is_some();
    let wait = match asks_the_clock {
        true => match mock_clock(&target).await {
            Ok(clock) if clock == "manual" => Wait::MockClock(options.interval),
            _ => Wait::RealTime(options.interval),
        },
        false => Wait::RealTime(options.interval),
    };
    match &options.task {
        Some(id) => {
            let (_, first) =
                status_check(&target, &mut report, id, "status: the object of --task").await;
            observe(&target, &mut report, id, first, &wait, options).await;
        }
        None => {
            report.skip("status: the object of --task", "no --task given");
            report.skip(OBSERVED, "no --task given");
        }
    }

    match &options.cancel_task {
        Some(id) => {
            // The id is in each check's request, not its name, so a CI's
            // history of a check lines up from run to run.
            let label = "--cancel-task".to_owned();
            follow_cancel(
                &target,
                &mut report,
                id,
                &label,
                &wait,
                options.max_attempts,
                None,
            )
            .await;
        }
        None => report.skip(
            "cancel: the documented flow",
            "no --cancel-task given (it really cancels the task)",
        ),
    }

    if options.scripted {
        scripted(&target, &mut report, options).await?;
    } else {
        report.skip("scripted cases", "no --scripted (needs this mock)");
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

/// The check of `--task` over time.
const OBSERVED: &str = "status: --task over time moves only forward, its times once set stay";

/// After the `first` status object, reads task `id` every `interval` for
/// `observe` (at least three reads more), or until it is finished with
/// `until_terminal`, and holds every answer and their sequence to the
/// document (`contract::lifecycle`).
async fn observe(
    target: &Target,
    report: &mut Report,
    id: &str,
    first: Option<Value>,
    wait: &Wait,
    options: &Options,
) {
    let started = Instant::now();
    let interval = options.interval.max(Duration::from_millis(1));
    let planned = if options.until_terminal {
        options.max_attempts.max(1)
    } else {
        let spans = options.observe.as_millis().div_ceil(interval.as_millis());
        u32::try_from(spans).unwrap_or(u32::MAX).max(3)
    };
    let mut lifecycle = Lifecycle::default();
    if let Some(first) = &first {
        lifecycle.see(first);
    }
    let mut finished = lifecycle.last_state().is_some_and(TaskState::is_finished);
    let mut findings = Vec::new();
    let mut seen = Vec::new();
    for _ in 0..planned {
        if options.until_terminal && finished {
            break;
        }
        wait.pass(target).await;
        let exchange = target.send(Method::GET, &status_path(id)).await;
        report.coverage.saw(&exchange);
        match exchange.answer.as_ref() {
            Ok(answer) => {
                findings.extend(checks::status_object(answer, id).0.0);
                if let Ok(body) = answer.json() {
                    lifecycle.see(&body);
                }
            }
            Err(reason) => findings.push(no_answer(reason)),
        }
        seen.push(exchange);
        finished = lifecycle.last_state().is_some_and(TaskState::is_finished);
    }
    let reads = lifecycle.reads();
    let sequence = lifecycle.sequence();
    for (from, to) in lifecycle.steps() {
        report.coverage.stepped(from.as_str(), to.as_str());
    }
    let (lifecycle_findings, mut notes) = lifecycle.into_parts();
    findings.extend(lifecycle_findings);
    findings.dedup();
    notes.insert(0, format!("{reads} reads: {sequence}"));
    if options.until_terminal && !finished {
        notes.push(format!("not finished after {reads} reads (--max-attempts)"));
    }
    if reads == 0 {
        report.skip(OBSERVED, "no status object could be read");
        return;
    }
    report.ran(
        OBSERVED,
        started.elapsed(),
        seen.last().map(|exchange| exchange.curl().to_string()),
        findings,
        notes,
    );
    report.evidence(&seen);
}

/// Where on the same server the task API answers, when the base URL has a
/// path it should not have: without a trailing `/api` (the API's own
/// prefix, given twice), or at the root.
async fn base_url_of_the_api(target: &Target, missing: &str) -> Option<String> {
    let prefix = target.prefix();
    let mut candidates = Vec::new();
    if let Some(shorter) = prefix.strip_suffix("/api") {
        candidates.push(shorter.to_owned());
    }
    if !prefix.is_empty() {
        candidates.push(String::new());
    }
    for candidate in candidates {
        let elsewhere = target.with_prefix(&candidate);
        let exchange = elsewhere.send(Method::GET, &status_path(missing)).await;
        if exchange
            .answer
            .as_ref()
            .is_ok_and(checks::looks_like_task_api)
        {
            return Some(elsewhere.base_url());
        }
    }
    None
}

/// Adds a check made of one exchange judged by `judge`.
fn record(
    report: &mut Report,
    name: &str,
    exchange: &Exchange,
    judge: impl FnOnce(&Answer) -> Findings,
) {
    report.coverage.saw(exchange);
    let findings = match &exchange.answer {
        Ok(answer) => judge(answer).0,
        Err(reason) => vec![no_answer(reason)],
    };
    report.ran(
        name,
        exchange.elapsed,
        Some(exchange.curl().to_string()),
        findings,
        Vec::new(),
    );
    report.evidence([exchange]);
}

fn no_answer(reason: &str) -> Finding {
    Finding {
        level: Level::ClientSafe,
        path: "answer".to_owned(),
        expected: "an HTTP answer".to_owned(),
        actual: reason.to_owned(),
    }
}

/// Reads task `id` once and checks its status object; returns its state and
/// the object.
async fn status_check(
    target: &Target,
    report: &mut Report,
    id: &str,
    name: &str,
) -> (Option<String>, Option<Value>) {
    let exchange = target.send(Method::GET, &status_path(id)).await;
    report.coverage.saw(&exchange);
    let mut state = None;
    let mut object = None;
    let mut notes = Vec::new();
    let findings = match &exchange.answer {
        Ok(answer) => {
            let (findings, read) = checks::status_object(answer, id);
            state = read;
            object = answer.json().ok();
            let extra = checks::undocumented_fields(answer);
            if !extra.is_empty() {
                notes.push(format!("fields beyond the document: {}", extra.join(", ")));
            }
            findings.0
        }
        Err(reason) => vec![no_answer(reason)],
    };
    report.ran(
        name,
        exchange.elapsed,
        Some(exchange.curl().to_string()),
        findings,
        notes,
    );
    report.evidence([&exchange]);
    (state, object)
}

/// How time passes between status reads.
enum Wait {
    /// Sleep this long (a real server, or a mock on a real clock).
    RealTime(Duration),
    /// Advance this mock's manual clock by this much.
    MockClock(Duration),
}

impl Wait {
    async fn pass(&self, target: &Target) {
        match self {
            Wait::RealTime(interval) => tokio::time::sleep(*interval).await,
            Wait::MockClock(step) => {
                let ms = u64::try_from(step.as_millis()).unwrap_or(u64::MAX);
                target
                    .send_json(Method::POST, "/__mock/clock/advance", &json!({ "ms": ms }))
                    .await;
            }
        }
    }
}

fn is_terminal(state: &str) -> bool {
    matches!(state, "COMPLETED" | "FAILED" | "CANCELLED")
}

/// The documented flow on task `id`: cancel (200), read until a terminal
/// state, then a second cancel must be 400 naming it. With `expect`, the
/// terminal state must be that one (scripted cases know what should happen).
async fn follow_cancel(
    target: &Target,
    report: &mut Report,
    id: &str,
    label: &str,
    wait: &Wait,
    max_attempts: u32,
    expect: Option<Expect>,
) {
    let label = |what: &str| format!("{label}: {what}");
    let (Some(before), _) = status_check(target, report, id, &label("its status before")).await
    else {
        report.skip(label("the documented flow"), "its status could not be read");
        return;
    };
    let mut terminal = is_terminal(&before).then(|| before.clone());
    if terminal.is_some() {
        match expect {
            // Asked for by the user: the flow the run was for did not run.
            None => report.not_exercised(
                label("the documented cancel flow"),
                format!("the task had already finished as {before}"),
            ),
            Some(expected) => {
                report.skip(
                    label("accepted with 200"),
                    format!("the task had already finished ({before})"),
                );
                ended_as(report, &label("ends as scripted"), expected, &before);
            }
        }
    } else {
        let exchange = target.send(Method::POST, &cancel_path(id)).await;
        report.coverage.saw(&exchange);
        let raced = exchange
            .answer
            .as_ref()
            .ok()
            .filter(|a| a.status.as_u16() == 400);
        if let Some(answer) = raced {
            // Allowed only if the task finished between the read and the
            // cancel: the 400 must name the state, and a status read right
            // after it must show that state. A refusal is checked, not believed.
            let (mut findings, named) = checks::refused(answer, id);
            let after = target.send(Method::GET, &status_path(id)).await;
            report.coverage.saw(&after);
            let shown = after
                .answer
                .as_ref()
                .ok()
                .and_then(|answer| checks::status_object(answer, id).1);
            findings
                .0
                .extend(checks::refusal_agrees_with_status(named, shown.as_deref()).0);
            let note = match &shown {
                Some(state) => format!("the status read after the 400 shows {state}"),
                None => "the status could not be read after the 400".to_owned(),
            };
            report.ran(
                label("refused with 400: the task had finished"),
                exchange.elapsed + after.elapsed,
                Some(exchange.curl().to_string()),
                findings.0,
                vec![note],
            );
            report.evidence([&exchange, &after]);
            terminal = shown.filter(|state| is_terminal(state));
            if let (Some(expected), Some(state)) = (expect, &terminal) {
                ended_as(report, &label("ends as scripted"), expected, state);
            }
        } else {
            record(
                report,
                &label("accepted with 200 and the documented body"),
                &exchange,
                |answer| checks::cancel_accepted(answer, id),
            );
            if exchange
                .answer
                .as_ref()
                .is_ok_and(|a| a.status.is_success())
            {
                let name = label("reaches a terminal state");
                let (finished, first) =
                    read_until_finished(target, report, id, &name, wait, max_attempts, expect)
                        .await;
                // The step from the read before the cancel to the first after it.
                if let Some(first) = first {
                    report.coverage.stepped(&before, &first);
                }
                terminal = finished;
            }
        }
    }
    let Some(state) = terminal else {
        report.skip(
            label("a second cancel is 400 naming the state"),
            "the task did not finish",
        );
        return;
    };
    let again = target.send(Method::POST, &cancel_path(id)).await;
    record(
        report,
        &label(&format!("a second cancel is 400 naming {state}")),
        &again,
        |answer| checks::already_finished(answer, id, &state),
    );
}

/// Reads task `id` after each `wait` until it is finished; one check for
/// the whole wait. Returns the terminal state, if one came, and the state
/// the first read showed.
async fn read_until_finished(
    target: &Target,
    report: &mut Report,
    id: &str,
    name: &str,
    wait: &Wait,
    max_attempts: u32,
    expect: Option<Expect>,
) -> (Option<String>, Option<String>) {
    let started = Instant::now();
    let mut findings = Vec::new();
    let mut notes = Vec::new();
    let mut seen = Vec::new();
    let mut reads = 0;
    let mut terminal = None;
    let mut lifecycle = Lifecycle::default();
    while reads < max_attempts {
        wait.pass(target).await;
        reads += 1;
        let exchange = target.send(Method::GET, &status_path(id)).await;
        report.coverage.saw(&exchange);
        let state = match &exchange.answer {
            Ok(answer) => {
                let (found, state) = checks::status_object(answer, id);
                findings.extend(found.0);
                if let Ok(body) = answer.json() {
                    lifecycle.see(&body);
                }
                state
            }
            Err(reason) => {
                findings.push(no_answer(reason));
                None
            }
        };
        seen.push(exchange);
        if let Some(state) = state.filter(|state| is_terminal(state)) {
            terminal = Some(state);
            break;
        }
    }
    let sequence = lifecycle.sequence();
    let first = sequence
        .split(", ")
        .next()
        .filter(|state| !state.is_empty());
    let first = first.map(str::to_owned);
    for (from, to) in lifecycle.steps() {
        report.coverage.stepped(from.as_str(), to.as_str());
    }
    let (over_time, progress_notes) = lifecycle.into_parts();
    findings.extend(over_time);
    notes.extend(progress_notes);
    findings.dedup();
    let waited = match wait {
        Wait::RealTime(_) => format!("{} ms", started.elapsed().as_millis()),
        Wait::MockClock(step) => {
            format!("{} ms of mock time", step.as_millis() * u128::from(reads))
        }
    };
    match terminal.as_deref() {
        Some("CANCELLED") => {
            notes.push(format!("CANCELLED at status read {reads}, after {waited}"));
            if reads == 1 && expect.is_none() {
                notes.push(
                    "cancelled by the first read: the document describes a cooperative \
                     cancel that takes time; clients must not rely on either"
                        .to_owned(),
                );
            }
        }
        Some(other) => notes.push(format!(
            "finished as {other} before the cancellation took effect (read {reads}, after \
             {waited}), as the document allows"
        )),
        None => findings.push(Finding {
            level: Level::Document,
            path: "$.state".to_owned(),
            expected: format!("a terminal state within {max_attempts} reads"),
            actual: format!("still unfinished after {waited}"),
        }),
    }
    if let (Some(expected), Some(actual)) = (expect, terminal.as_deref()) {
        findings.extend(expected.judge(actual, &sequence));
    }
    report.ran(
        name,
        started.elapsed(),
        seen.last().map(|exchange| exchange.curl().to_string()),
        findings,
        notes,
    );
    report.evidence(&seen);
    (terminal, first)
}

/// The clock mode (`manual` or `real`) of this mock, or why the target
/// does not answer as this mock does.
async fn mock_clock(target: &Target) -> Result<String, String> {
    let health = target.send(Method::GET, "/__mock/health").await;
    match &health.answer {
        Ok(answer) if answer.status.is_success() => answer
            .json()
            .ok()
            .and_then(|body| body.get("clock")?.as_str().map(str::to_owned))
            .ok_or_else(|| "no `clock` in its answer".to_owned()),
        Ok(answer) => Err(format!("status {}", answer.status.as_u16())),
        Err(reason) => Err(reason.clone()),
    }
}

/// One scripted case: a task as `POST /__mock/tasks` takes it, and the
/// state a cancel must end in.
struct Case {
    what: &'static str,
    script: serde_json::Value,
    /// Let it finish before the cancel.
    finish_first: bool,
    expect: Expect,
}

/// What a scripted case must end in, and a state its reads after the cancel
/// must show before that (a cooperative cancel takes time).
#[derive(Clone, Copy)]
struct Expect {
    state: &'static str,
    through: Option<&'static str>,
}

/// A check that a scripted case ended in its expected state, for the paths
/// that do not follow it read by read.
fn ended_as(report: &mut Report, name: &str, expected: Expect, state: &str) {
    let findings = (expected.state != state)
        .then(|| Finding {
            level: Level::Document,
            path: "$.state".to_owned(),
            expected: expected.state.to_owned(),
            actual: state.to_owned(),
        })
        .into_iter()
        .collect();
    report.ran(name, Duration::ZERO, None, findings, Vec::new());
}

impl Expect {
    /// What a case that ended in `terminal`, after the reads `sequence`
    /// (`RUNNING, CANCELLED`), broke of this expectation.
    fn judge(self, terminal: &str, sequence: &str) -> Option<Finding> {
        let finding = |expected: String, actual: String| Finding {
            level: Level::Document,
            path: "$.state".to_owned(),
            expected,
            actual,
        };
        if self.state != terminal {
            return Some(finding(self.state.to_owned(), terminal.to_owned()));
        }
        let through = self.through?;
        (!sequence.split(", ").any(|state| state == through)).then(|| {
            finding(
                format!(
                    "{through} in the reads after the accepted cancel, before {terminal}: a \
                     cooperative cancel takes time"
                ),
                format!("reads: {sequence}"),
            )
        })
    }
}

const fn ends(state: &'static str) -> Expect {
    Expect {
        state,
        through: None,
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            what: "pending",
            script: json!({"pending_ms": 600_000, "duration_ms": 600_000}),
            finish_first: false,
            expect: ends("CANCELLED"),
        },
        Case {
            what: "running",
            script: json!({"pending_ms": 0, "duration_ms": 600_000, "check_interval_ms": 2_000, "cleanup_ms": 1_000, "cancel_mode": "cooperative"}),
            finish_first: false,
            // Cooperative: still RUNNING until the task notices.
            expect: Expect {
                state: "CANCELLED",
                through: Some("RUNNING"),
            },
        },
        Case {
            what: "race",
            script: json!({"pending_ms": 0, "duration_ms": 1_500, "check_interval_ms": 600_000, "cancel_mode": "cooperative"}),
            finish_first: false,
            expect: ends("COMPLETED"),
        },
        Case {
            what: "completed",
            script: json!({"pending_ms": 0, "duration_ms": 500}),
            finish_first: true,
            expect: ends("COMPLETED"),
        },
        Case {
            what: "failed",
            // Seen PENDING, RUNNING, then FAILED before the cancel.
            script: json!({"pending_ms": 1_000, "duration_ms": 1_500, "outcome": "FAILED"}),
            finish_first: true,
            expect: ends("FAILED"),
        },
        Case {
            what: "immediate",
            script: json!({"pending_ms": 0, "duration_ms": 600_000, "cancel_mode": "immediate"}),
            finish_first: false,
            expect: ends("CANCELLED"),
        },
    ]
}

/// Creates a task per documented case on this mock, follows each, and
/// removes them again.
async fn scripted(
    target: &Target,
    report: &mut Report,
    options: &Options,
) -> Result<(), CannotVerify> {
    let clock = mock_clock(target)
        .await
        .map_err(|reason| CannotVerify::NotTheMock {
            url: target.url("/__mock/health"),
            reason,
        })?;
    let wait = if clock == "manual" {
        Wait::MockClock(Duration::from_secs(1))
    } else {
        Wait::RealTime(options.interval.min(Duration::from_millis(250)))
    };
    let run = &uuid::Uuid::new_v4().to_string()[..8];
    for case in cases() {
        let id = format!("verify-{run}-{}", case.what);
        if !create(
            target,
            report,
            &format!("scripted {}", case.what),
            "/__mock/tasks",
            {
                let mut script = case.script.clone();
                script["id"] = json!(id);
                script
            },
        )
        .await
        {
            continue;
        }
        if case.finish_first {
            let mut previous: Option<String> = None;
            for attempt in 0..options.max_attempts {
                // The first read at once, so a case that starts PENDING is
                // seen so.
                if attempt > 0 {
                    wait.pass(target).await;
                }
                let read = target.send(Method::GET, &status_path(&id)).await;
                report.coverage.saw(&read);
                let state = read
                    .answer
                    .as_ref()
                    .ok()
                    .and_then(|answer| answer.json().ok())
                    .and_then(|body| Some(body.get("state")?.as_str()?.to_owned()));
                if let (Some(from), Some(to)) = (&previous, &state) {
                    report.coverage.stepped(from, to);
                }
                if state.as_deref().is_some_and(is_terminal) {
                    break;
                }
                previous = state;
            }
        }
        let label = format!("scripted, {} task", case.what);
        follow_cancel(
            target,
            report,
            &id,
            &label,
            &wait,
            options.max_attempts,
            Some(case.expect),
        )
        .await;
        remove(target, &id).await;
    }
    server_error(target, report, run).await;
    Ok(())
}

/// The documented 500: a fault rule answers the next cancel with it.
async fn server_error(target: &Target, report: &mut Report, run: &str) {
    let what = "scripted, server error";
    let id = format!("verify-{run}-server-error");
    let task = json!({"id": id, "pending_ms": 0, "duration_ms": 600_000});
    let rule = json!({"route": "cancel", "kind": "status", "code": 500, "times": 1});
    if create(target, report, what, "/__mock/tasks", task).await
        && create(target, report, what, "/__mock/faults", rule).await
    {
        let exchange = target.send(Method::POST, &cancel_path(&id)).await;
        record(
            report,
            &format!("{what}: a cancel answered 500 has an error body"),
            &exchange,
            checks::server_error,
        );
    }
    remove(target, &id).await;
}

/// POSTs `body` to the mock's control API at `path`; a check that fails
/// when the mock does not create it.
async fn create(target: &Target, report: &mut Report, what: &str, path: &str, body: Value) -> bool {
    let created = target.send_json(Method::POST, path, &body).await;
    let ok = created
        .answer
        .as_ref()
        .is_ok_and(|a| a.status.as_u16() == 201);
    if !ok {
        record(
            report,
            &format!("{what}: POST {path}"),
            &created,
            |answer| {
                let mut findings = Findings::default();
                findings.status(answer, 201);
                findings
            },
        );
    }
    ok
}

async fn remove(target: &Target, id: &str) {
    let path = format!("/__mock/tasks/{}", task_api::encode_path_segment(id));
    target.send(Method::DELETE, &path).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cooperative_case_must_be_seen_running_after_its_cancel() {
        let cooperative = Expect {
            state: "CANCELLED",
            through: Some("RUNNING"),
        };
        assert_eq!(
            cooperative.judge("CANCELLED", "RUNNING, RUNNING, CANCELLED"),
            None
        );
        let at_once = cooperative
            .judge("CANCELLED", "CANCELLED")
            .expect("a cancel that took no time fails");
        assert_eq!(at_once.level, Level::Document);
        assert_eq!(at_once.actual, "reads: CANCELLED");
        let other = cooperative.judge("COMPLETED", "RUNNING, COMPLETED");
        assert_eq!(other.map(|f| f.expected), Some("CANCELLED".to_owned()));
        assert_eq!(ends("COMPLETED").judge("COMPLETED", "COMPLETED"), None);
    }
}
