//! The task state machine.
//!
//! A task's state is never stored: it is computed on every read from its
//! [`Script`], the time it was created, the time a cancel was first accepted,
//! and the current time. So the mock needs no timer per task, a manual clock
//! is exact, and an idle task costs only its memory.
//!
//! Cooperative cancellation follows the API document: a running task checks
//! for a cancel request every `check_interval_ms` after it starts; when a check
//! sees one it spends `cleanup_ms` cleaning up and then is `CANCELLED`. If its
//! work ends before that check, it finishes `COMPLETED` or `FAILED` and the
//! cancel has lost the race. A `PENDING` task is cancelled at once.

use crate::engine::clock::{Millis, iso8601_bytes};
use crate::engine::timeline::{self, Step};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::fmt;
use task_api::TaskState;

/// How a task answers an accepted cancel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CancelMode {
    /// Checks every `check_interval_ms`, then cleans up (the documentation).
    #[default]
    Cooperative,
    /// `CANCELLED` at once (what the shipping server does).
    Immediate,
    /// Accepts the cancel and finishes anyway.
    Ignore,
}

/// How a task ends when nothing cancels it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    #[default]
    #[serde(rename = "COMPLETED", alias = "completed")]
    Completed,
    #[serde(rename = "FAILED", alias = "failed")]
    Failed,
}

/// What a task will do, fixed when it is created. Times are milliseconds of
/// the mock's clock; `u32` holds the 30-day maximum and keeps tasks small.
#[derive(Clone, Debug, PartialEq)]
pub struct Script {
    /// Time spent `PENDING` before it starts.
    pub pending_ms: u32,
    /// Time spent `RUNNING` before it ends with `outcome`.
    pub duration_ms: u32,
    pub outcome: Outcome,
    /// How often a running task looks for a cancel request (0: constantly).
    pub check_interval_ms: u32,
    /// Time between seeing a cancel request and being `CANCELLED`.
    pub cleanup_ms: u32,
    pub cancel_mode: CancelMode,
    /// The texts a script may set; most tasks have none, so they sit behind
    /// one pointer.
    pub texts: Option<Box<ScriptTexts>>,
}

/// The texts of a [`Script`], and the run it replays.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScriptTexts {
    /// The status message while running; a progress line when absent.
    pub message: Option<String>,
    /// The result of a `COMPLETED` task; a small summary when absent.
    pub result: Option<Value>,
    /// The error of a `FAILED` task; a generic one when absent.
    pub error: Option<String>,
    /// Progress and messages over time; even progress when empty.
    pub timeline: Vec<Step>,
}

impl Default for Script {
    fn default() -> Self {
        Script {
            pending_ms: 2_000,
            duration_ms: 120_000,
            outcome: Outcome::Completed,
            check_interval_ms: 1_000,
            cleanup_ms: 1_500,
            cancel_mode: CancelMode::Cooperative,
            texts: None,
        }
    }
}

impl Script {
    /// This script with its texts changed by `edit`.
    pub fn with_texts(mut self, edit: impl FnOnce(&mut ScriptTexts)) -> Self {
        let mut texts = self.texts.take().map(|texts| *texts).unwrap_or_default();
        edit(&mut texts);
        self.texts = (texts != ScriptTexts::default()).then(|| Box::new(texts));
        self
    }

    pub fn with_message(self, message: &str) -> Self {
        self.with_texts(|texts| texts.message = Some(message.to_owned()))
    }

    pub fn with_result(self, result: Value) -> Self {
        self.with_texts(|texts| texts.result = Some(result))
    }

    pub fn with_error(self, error: &str) -> Self {
        self.with_texts(|texts| texts.error = Some(error.to_owned()))
    }

    fn timeline(&self) -> &[Step] {
        self.texts
            .as_deref()
            .map_or(&[], |texts| texts.timeline.as_slice())
    }

    fn message(&self) -> Option<&str> {
        self.texts.as_deref()?.message.as_deref()
    }

    fn result(&self) -> Option<&Value> {
        self.texts.as_deref()?.result.as_ref()
    }

    fn error(&self) -> Option<&str> {
        self.texts.as_deref()?.error.as_deref()
    }
}

/// One task: its script and the two moments that decide its state. Its id
/// is the key it is stored under.
#[derive(Clone, Debug)]
pub struct Task {
    pub script: Script,
    pub created_at: Millis,
    /// When a cancel was first accepted; later cancels do not move it.
    pub cancel_requested_at: Option<Millis>,
}

/// The answer to a cancel request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelDecision {
    /// 200: the request is recorded (or was already).
    Accepted,
    /// 400: the task had already reached this terminal state.
    AlreadyFinished(TaskState),
}

/// The task as seen at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Phase {
    pub state: TaskState,
    pub progress: u8,
    pub started_at: Option<Millis>,
    pub finished_at: Option<Millis>,
    /// A cancel request has been seen and the task is cleaning up.
    pub cleaning_up: bool,
    /// How long it has worked (until it stopped, if it has).
    pub worked_ms: Millis,
}

impl Task {
    pub fn new(script: Script, created_at: Millis) -> Self {
        Task {
            script,
            created_at,
            cancel_requested_at: None,
        }
    }

    fn start(&self) -> Millis {
        self.created_at
            .saturating_add(Millis::from(self.script.pending_ms))
    }

    fn natural_end(&self) -> Millis {
        self.start()
            .saturating_add(Millis::from(self.script.duration_ms))
    }

    /// When the task notices the cancel request (`None`: it never does).
    fn cancel_seen_at(&self) -> Option<Millis> {
        let requested = self.cancel_requested_at?;
        let start = self.start();
        let seen = match self.script.cancel_mode {
            CancelMode::Ignore => return None,
            CancelMode::Immediate => return Some(requested),
            CancelMode::Cooperative if requested < start => return Some(requested),
            CancelMode::Cooperative => {
                let interval = Millis::from(self.script.check_interval_ms);
                if interval == 0 {
                    requested
                } else {
                    // The first check comes one interval after the start.
                    let checks = (requested - start).div_ceil(interval).max(1);
                    start.saturating_add(checks.saturating_mul(interval))
                }
            }
        };
        // A check that falls when the work is already done never happens.
        (seen < self.natural_end()).then_some(seen)
    }

    /// When the task is `CANCELLED`, if it ever is.
    fn cancelled_at(&self) -> Option<Millis> {
        let seen = self.cancel_seen_at()?;
        let requested = self.cancel_requested_at?;
        let cleanup = match self.script.cancel_mode {
            CancelMode::Cooperative if requested >= self.start() => {
                Millis::from(self.script.cleanup_ms)
            }
            _ => 0,
        };
        Some(seen.saturating_add(cleanup))
    }

    /// The task's state at `now`.
    pub fn phase(&self, now: Millis) -> Phase {
        let start = self.start();
        let (end, terminal) = match self.cancelled_at() {
            Some(at) => (at, TaskState::Cancelled),
            None => (self.natural_end(), outcome_state(self.script.outcome)),
        };
        // It started unless it ended at its start instant by a cancel asked
        // for before that instant: a cancel *at* the start comes after a
        // read at that instant had already shown it running.
        let cancelled_before_start = terminal == TaskState::Cancelled
            && self.cancel_requested_at.is_some_and(|at| at < start);
        let started = start < end || (start == end && !cancelled_before_start);
        let started_at = (started && now >= start).then_some(start);
        // Progress stops where the task stopped working.
        let work_stop = self.cancel_seen_at().unwrap_or(end).min(now);
        let worked_ms = work_stop.saturating_sub(start);
        let progress = self.progress_at(worked_ms);

        if now >= end {
            let progress = if terminal == TaskState::Completed {
                100
            } else {
                progress
            };
            return Phase {
                state: terminal,
                progress,
                started_at: started.then_some(start),
                finished_at: Some(end),
                cleaning_up: false,
                worked_ms,
            };
        }
        let state = if now >= start {
            TaskState::Running
        } else {
            TaskState::Pending
        };
        Phase {
            state,
            progress,
            started_at,
            finished_at: None,
            cleaning_up: self.cancel_seen_at().is_some_and(|seen| now >= seen),
            worked_ms,
        }
    }

    /// Percent of the work done after `worked_ms`, below 100 until the work
    /// is done.
    fn progress_at(&self, worked_ms: Millis) -> u8 {
        let timeline = self.script.timeline();
        let done = if !timeline.is_empty() {
            timeline::progress_at(timeline, worked_ms)
        } else if worked_ms == 0 || self.script.duration_ms == 0 {
            0
        } else {
            (u128::from(worked_ms) * 100 / u128::from(self.script.duration_ms)).min(99) as u8
        };
        done.min(99)
    }

    /// Records a cancel request made at `now`, unless the task has finished.
    pub fn request_cancel(&mut self, now: Millis) -> CancelDecision {
        let phase = self.phase(now);
        if phase.state.is_finished() {
            return CancelDecision::AlreadyFinished(phase.state);
        }
        self.cancel_requested_at.get_or_insert(now);
        CancelDecision::Accepted
    }

    /// The status object `GET /api/task/status/{id}` sends at `now`. This is
    /// the one serializer of the status object: the task API, the control API
    /// and the tests (which read it back into [`task_api::TaskStatus`]) all
    /// use it. It writes straight from the task, building no strings first:
    /// the status read is the mock's hot path.
    pub fn status_view<'a>(&'a self, id: &'a str, now: Millis) -> StatusView<'a> {
        StatusView {
            id,
            task: self,
            phase: self.phase(now),
        }
    }

    fn message<'a>(&'a self, phase: &'a Phase) -> Message<'a> {
        Message { task: self, phase }
    }

    fn result(&self) -> &Value {
        static DEFAULT_RESULT: std::sync::LazyLock<Value> =
            std::sync::LazyLock::new(|| json!({ "items_processed": 42 }));
        self.script.result().unwrap_or(&DEFAULT_RESULT)
    }

    fn error(&self) -> &str {
        self.script.error().unwrap_or("Simulated failure")
    }
}

/// A task's status message, written where it is needed.
struct Message<'a> {
    task: &'a Task,
    phase: &'a Phase,
}

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let phase = self.phase;
        match phase.state {
            TaskState::Pending => f.write_str("Waiting to start"),
            TaskState::Running if phase.cleaning_up => {
                f.write_str("Cancellation requested; cleaning up")
            }
            TaskState::Running => {
                match timeline::message_at(self.task.script.timeline(), phase.worked_ms)
                    .or(self.task.script.message())
                {
                    Some(message) => f.write_str(message),
                    None => write!(f, "Processing ({}% done)", phase.progress),
                }
            }
            TaskState::Completed => f.write_str("Task completed successfully"),
            TaskState::Failed => write!(f, "Task failed: {}", self.task.error()),
            TaskState::Cancelled if phase.started_at.is_none() => {
                f.write_str("Task cancelled before it started")
            }
            TaskState::Cancelled | TaskState::Unknown => f.write_str("Task cancelled"),
        }
    }
}

/// See [`Task::status_view`].
pub struct StatusView<'a> {
    id: &'a str,
    task: &'a Task,
    phase: Phase,
}

impl StatusView<'_> {
    /// Appends the status object to `out` as JSON. This is the one
    /// serializer of a status, written out by hand because it is the hot path
    /// of `GET /api/task/status/{id}`: serde's generic path cost the mock
    /// about 8 % of its status throughput (BENCHMARKS.md). Tests read its
    /// output back into `task_api::TaskStatus`, and the client's serializer
    /// writes the same text from that.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        use std::io::Write as _;
        let (task, phase) = (self.task, &self.phase);
        let state = phase.state;
        let timestamp = |out: &mut Vec<u8>, at: Option<Millis>| match at {
            Some(at) => {
                out.push(b'"');
                out.extend_from_slice(&iso8601_bytes(at));
                out.push(b'"');
            }
            None => out.extend_from_slice(b"null"),
        };
        out.extend_from_slice(b"{\"task_id\":");
        json_string(out, self.id);
        out.extend_from_slice(b",\"state\":\"");
        out.extend_from_slice(state.as_str().as_bytes());
        let _ = write!(out, "\",\"progress\":{},\"message\":\"", phase.progress);
        let _ = fmt::write(
            &mut JsonStringContents(out),
            format_args!("{}", task.message(phase)),
        );
        out.extend_from_slice(b"\",\"result\":");
        if state == TaskState::Completed {
            if let Err(error) = serde_json::to_writer(&mut *out, task.result()) {
                tracing::error!(%error, "could not serialize a task result");
            }
        } else {
            out.extend_from_slice(b"null");
        }
        out.extend_from_slice(b",\"error\":");
        if state == TaskState::Failed {
            json_string(out, task.error());
        } else {
            out.extend_from_slice(b"null");
        }
        out.extend_from_slice(b",\"created_at\":");
        timestamp(out, Some(task.created_at));
        out.extend_from_slice(b",\"started_at\":");
        timestamp(out, phase.started_at);
        out.extend_from_slice(b",\"completed_at\":");
        timestamp(out, phase.finished_at);
        let flag = |out: &mut Vec<u8>, name: &[u8], value: bool| {
            out.extend_from_slice(name);
            out.extend_from_slice(if value { b"true" } else { b"false" });
        };
        flag(out, b",\"is_finished\":", state.is_finished());
        flag(out, b",\"is_successful\":", state == TaskState::Completed);
        flag(
            out,
            b",\"cancel_requested\":",
            task.cancel_requested_at.is_some(),
        );
        out.push(b'}');
    }
}

/// Appends `text` as a JSON string, quotes included.
fn json_string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let _ = fmt::Write::write_str(&mut JsonStringContents(out), text);
    out.push(b'"');
}

/// Writes text into a JSON string, escaped as RFC 8259 requires and exactly
/// as serde_json escapes it. Writing into a `Vec` cannot fail, so callers
/// ignore the `fmt::Result`.
struct JsonStringContents<'a>(&'a mut Vec<u8>);

impl fmt::Write for JsonStringContents<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let out = &mut *self.0;
        let mut plain_from = 0;
        for (at, byte) in text.bytes().enumerate() {
            let escape: &[u8] = match byte {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0c => b"\\f",
                0x00..=0x1f => b"",
                _ => continue,
            };
            out.extend_from_slice(&text.as_bytes()[plain_from..at]);
            if escape.is_empty() {
                let _ = std::io::Write::write_fmt(out, format_args!("\\u{byte:04x}"));
            } else {
                out.extend_from_slice(escape);
            }
            plain_from = at + 1;
        }
        out.extend_from_slice(&text.as_bytes()[plain_from..]);
        Ok(())
    }
}

fn outcome_state(outcome: Outcome) -> TaskState {
    match outcome {
        Outcome::Completed => TaskState::Completed,
        Outcome::Failed => TaskState::Failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: Millis = 1_000_000;

    /// The status object at `now`, read back from the one serializer.
    fn status(t: &Task, now: Millis) -> task_api::TaskStatus {
        let mut json = Vec::new();
        t.status_view("t", now).write_json(&mut json);
        serde_json::from_slice(&json).unwrap()
    }

    fn task(script: Script) -> Task {
        Task::new(script, T0)
    }

    fn running() -> Script {
        Script {
            pending_ms: 1_000,
            duration_ms: 10_000,
            check_interval_ms: 2_000,
            cleanup_ms: 500,
            ..Script::default()
        }
    }

    #[test]
    fn task_goes_pending_running_completed() {
        let t = task(running());
        assert_eq!(t.phase(T0).state, TaskState::Pending);
        assert_eq!(t.phase(T0 + 999).state, TaskState::Pending);
        let mid = t.phase(T0 + 6_000);
        assert_eq!((mid.state, mid.progress), (TaskState::Running, 50));
        let end = t.phase(T0 + 11_000);
        assert_eq!(end.state, TaskState::Completed);
        assert_eq!(end.progress, 100);
        assert_eq!(end.finished_at, Some(T0 + 11_000));
    }

    #[test]
    fn a_timeline_sets_progress_and_message_until_a_cancel_is_seen() {
        let step = |at_ms, progress, message: Option<&str>| Step {
            at_ms,
            progress,
            message: message.map(str::to_owned),
        };
        let mut t = task(running().with_texts(|texts| {
            texts.timeline = vec![
                step(0, 10, Some("Reading")),
                step(3_000, 100, None),
                step(5_000, 70, Some("Writing")),
            ]
        }));
        let shown = |t: &Task, at| {
            let status = status(t, at);
            (status.progress, status.message)
        };
        // Start is T0 + 1_000.
        assert_eq!(shown(&t, T0 + 1_000), (Some(10), "Reading".into()));
        assert_eq!(
            shown(&t, T0 + 4_000),
            (Some(99), "Reading".into()),
            "below 100 while it runs"
        );
        assert_eq!(shown(&t, T0 + 6_000), (Some(70), "Writing".into()));
        t.request_cancel(T0 + 3_500);
        // The cancel is seen at the check at T0 + 5_000 (worked 4_000 ms).
        assert_eq!(status(&t, T0 + 5_200).progress, Some(99));
        assert_eq!(status(&t, T0 + 9_000).progress, Some(99));
    }

    #[test]
    fn failed_outcome_keeps_its_progress_and_error() {
        let t = task(
            Script {
                outcome: Outcome::Failed,
                ..running()
            }
            .with_error("Mailbox locked"),
        );
        let status = status(&t, T0 + 20_000);
        assert_eq!(status.state, TaskState::Failed);
        assert_eq!(status.error.as_deref(), Some("Mailbox locked"));
        assert!(status.progress < Some(100));
        assert!(status.is_finished && !status.is_successful);
    }

    #[test]
    fn cooperative_cancel_waits_for_the_next_check_and_cleanup() {
        let mut t = task(running());
        // Started at T0+1000; checks at +3000, +5000, ...
        assert_eq!(t.request_cancel(T0 + 3_500), CancelDecision::Accepted);
        assert_eq!(t.phase(T0 + 4_999).state, TaskState::Running);
        assert!(!t.phase(T0 + 4_999).cleaning_up);
        let cleaning = t.phase(T0 + 5_000);
        assert_eq!(cleaning.state, TaskState::Running);
        assert!(cleaning.cleaning_up);
        assert_eq!(t.phase(T0 + 5_499).state, TaskState::Running);
        let done = t.phase(T0 + 5_500);
        assert_eq!(done.state, TaskState::Cancelled);
        assert_eq!(done.finished_at, Some(T0 + 5_500));
        assert_eq!(done.progress, 40, "progress stops when the cancel is seen");
    }

    #[test]
    fn cancel_loses_the_race_when_work_ends_before_the_next_check() {
        let mut t = task(Script {
            check_interval_ms: 60_000,
            ..running()
        });
        assert_eq!(t.request_cancel(T0 + 2_000), CancelDecision::Accepted);
        assert_eq!(t.phase(T0 + 10_999).state, TaskState::Running);
        assert_eq!(t.phase(T0 + 11_000).state, TaskState::Completed);
    }

    #[test]
    fn check_at_the_instant_work_ends_is_too_late() {
        let mut t = task(Script {
            check_interval_ms: 5_000,
            ..running()
        });
        // Checks at +6000 and +11000; the work ends at +11000.
        t.request_cancel(T0 + 7_000);
        assert_eq!(t.phase(T0 + 11_000).state, TaskState::Completed);
    }

    #[test]
    fn pending_cancel_is_immediate_and_never_starts() {
        let mut t = task(running());
        t.request_cancel(T0 + 500);
        let phase = t.phase(T0 + 500);
        assert_eq!(phase.state, TaskState::Cancelled);
        assert_eq!(phase.started_at, None);
        assert_eq!(
            status(&t, T0 + 500).message,
            "Task cancelled before it started"
        );
    }

    #[test]
    fn immediate_mode_cancels_a_running_task_at_once() {
        let mut t = task(Script {
            cancel_mode: CancelMode::Immediate,
            ..running()
        });
        t.request_cancel(T0 + 4_000);
        assert_eq!(t.phase(T0 + 4_000).state, TaskState::Cancelled);
        assert_eq!(t.phase(T0 + 4_000).started_at, Some(T0 + 1_000));
    }

    #[test]
    fn an_immediate_cancel_at_the_start_instant_keeps_the_start_a_read_showed() {
        let mut t = task(Script {
            cancel_mode: CancelMode::Immediate,
            ..running()
        });
        let start = T0 + 1_000;
        let before = status(&t, start);
        assert_eq!(before.state, TaskState::Running);
        assert_eq!(t.request_cancel(start), CancelDecision::Accepted);
        let after = status(&t, start);
        assert_eq!(after.state, TaskState::Cancelled);
        assert_eq!(after.started_at, before.started_at, "started_at changed");
        assert_eq!(after.message, "Task cancelled", "it had started");
    }

    #[test]
    fn ignore_mode_accepts_and_finishes_anyway() {
        let mut t = task(Script {
            cancel_mode: CancelMode::Ignore,
            ..running()
        });
        assert_eq!(t.request_cancel(T0 + 4_000), CancelDecision::Accepted);
        assert_eq!(t.phase(T0 + 11_000).state, TaskState::Completed);
        assert!(status(&t, T0 + 11_000).cancel_requested);
    }

    #[test]
    fn repeat_cancel_keeps_the_first_request_time() {
        let mut t = task(running());
        t.request_cancel(T0 + 3_500);
        assert_eq!(t.request_cancel(T0 + 5_200), CancelDecision::Accepted);
        assert_eq!(t.cancel_requested_at, Some(T0 + 3_500));
        assert_eq!(t.phase(T0 + 5_500).state, TaskState::Cancelled);
    }

    #[test]
    fn cancel_of_a_finished_task_names_its_state() {
        let mut t = task(running());
        assert_eq!(
            t.request_cancel(T0 + 11_000),
            CancelDecision::AlreadyFinished(TaskState::Completed)
        );
        assert_eq!(t.cancel_requested_at, None);
        let mut c = task(running());
        c.request_cancel(T0);
        assert_eq!(
            c.request_cancel(T0 + 1),
            CancelDecision::AlreadyFinished(TaskState::Cancelled)
        );
    }

    #[test]
    fn cancel_at_the_start_instant_waits_for_the_first_check() {
        let mut t = task(running());
        t.request_cancel(T0 + 1_000);
        assert_eq!(t.phase(T0 + 2_999).state, TaskState::Running);
        assert_eq!(t.phase(T0 + 3_500).state, TaskState::Cancelled);
    }

    #[test]
    fn zero_check_interval_sees_the_cancel_at_once() {
        let mut t = task(Script {
            check_interval_ms: 0,
            ..running()
        });
        t.request_cancel(T0 + 2_345);
        assert_eq!(t.phase(T0 + 2_845).state, TaskState::Cancelled);
        assert_eq!(t.phase(T0 + 2_844).state, TaskState::Running);
    }

    #[test]
    fn the_status_object_reads_back_and_writes_back_the_same() {
        let scripts = [
            running(),
            running().with_message("Archiving"),
            Script {
                outcome: Outcome::Failed,
                ..running()
            }
            .with_error("Mailbox locked"),
            running().with_result(json!({ "archived": 3, "mailbox": "inbox" })),
        ];
        for script in scripts {
            let mut t = task(script);
            for (cancel_at, reads) in [
                (None, 0..16),
                (Some(T0 + 500), 0..4),
                (Some(T0 + 4_000), 0..16),
            ] {
                if let Some(at) = cancel_at {
                    t.request_cancel(at);
                }
                for step in reads {
                    let now = T0 + step * 900;
                    let mut json = Vec::new();
                    t.status_view("t", now).write_json(&mut json);
                    let text = String::from_utf8(json).unwrap();
                    let read: task_api::TaskStatus = serde_json::from_str(&text).unwrap();
                    assert!(read.extra.is_empty(), "undocumented fields: {text}");
                    assert_eq!(read.state_name, None, "{text}");
                    assert_eq!(read.to_json(), text, "at {now}");
                }
            }
        }
    }

    #[test]
    fn texts_are_escaped_exactly_as_serde_json_escapes_them() {
        let nasty = "quote \" backslash \\ controls \n\r\t\u{8}\u{c}\u{1}\u{1f} é ✓ 🦀 </script>";
        let script = |outcome| {
            Script {
                outcome,
                ..running()
            }
            .with_message(nasty)
            .with_result(json!({ "note": nasty }))
            .with_error(nasty)
        };
        for (outcome, at) in [
            (Outcome::Completed, T0 + 500),
            (Outcome::Completed, T0 + 2_000),
            (Outcome::Completed, T0 + 20_000),
            (Outcome::Failed, T0 + 20_000),
        ] {
            let t = task(script(outcome));
            let mut json = Vec::new();
            t.status_view(nasty, at).write_json(&mut json);
            let text = String::from_utf8(json).unwrap();
            let read: task_api::TaskStatus = serde_json::from_str(&text).unwrap();
            assert_eq!(read.task_id, nasty);
            assert_eq!(read.to_json(), text);
        }
    }

    #[test]
    fn status_object_fields_follow_the_state() {
        let t = task(running());
        let running = status(&t, T0 + 2_000);
        assert_eq!(
            running.started_at.as_deref(),
            Some("1970-01-01T00:16:41.000Z")
        );
        assert_eq!(running.completed_at, None);
        assert_eq!(running.result, None);
        let done = status(&t, T0 + 11_000);
        assert!(done.is_successful && done.is_finished);
        assert_eq!(
            done.result.map(|result| result.to_string()).as_deref(),
            Some(r#"{"items_processed":42}"#)
        );
        assert!(done.completed_at.is_some());
    }
}
