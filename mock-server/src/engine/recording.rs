//! `--proxy-to URL --record FILE`: what a real server did with each task the
//! proxy saw, written as it goes as a scenario file the mock can load, so
//! `mock-server --scenario FILE` replays those tasks with the same timings.
//! WireMock's recorder keeps answers; this keeps behaviour.
//!
//! From each task's status objects: how long it was PENDING and RUNNING (its
//! own `created_at`, `started_at` and `completed_at`), how it ended, the
//! progress and messages it showed while it ran (timed from the first read
//! that showed it running), its result or error, and, after an accepted
//! cancel, how long the cancel took to show `CANCELLED` (within the time
//! between the reads seen) or that the task finished first. From the error bodies: the dialect.
//! What the reads cannot tell is written anyway, so the file loads, and
//! marked `false` in the task's `observed`; nothing is guessed silently.

use super::clock::Millis;
use super::dialect::Dialect;
use super::new_task::NewTask;
use super::scenario::Scenario;
use super::task::{CancelMode, Outcome};
use super::timeline::{MAX_STEPS, Step};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};
use task_api::TaskState;

/// A guess for a phase no read showed the end of: ten minutes.
const UNSEEN_MS: Millis = 600_000;

/// The tasks seen so far, and where they are written.
#[derive(Debug)]
pub struct Recorder {
    path: PathBuf,
    seen: Mutex<Seen>,
}

#[derive(Debug, Default)]
struct Seen {
    /// By id, in the order ids sort (a stable file).
    tasks: BTreeMap<String, Timeline>,
    dialect: Option<Dialect>,
}

/// What the proxy saw of one task.
#[derive(Debug, Default)]
struct Timeline {
    /// Status objects, with the recorder's time of each read.
    reads: Vec<(Millis, Value)>,
    /// When a cancel of it was accepted (200).
    cancel_accepted_at: Option<Millis>,
    /// Each change of progress or message while it ran, before any cancel,
    /// with the recorder's time of the read that showed it.
    run: Vec<(Millis, u8, Option<String>)>,
    /// More changes were seen than a timeline holds.
    run_cut_short: bool,
}

impl Recorder {
    pub fn new(path: PathBuf) -> Recorder {
        Recorder {
            path,
            seen: Mutex::default(),
        }
    }

    fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A status object of task `id`, read at `at`.
    pub fn status(&self, id: &str, at: Millis, body: Value) -> std::io::Result<()> {
        let mut seen = self.seen();
        let timeline = seen.tasks.entry(id.to_owned()).or_default();
        timeline.note_run(at, &body);
        let reads = &mut timeline.reads;
        // One read per state seen, so a task polled for hours stays small:
        // the latest of a state still in progress (its newest message), the
        // first of a terminal one (when it was first seen).
        let same_state = reads
            .last()
            .is_some_and(|(_, last)| last.get("state") == body.get("state"));
        let finished = state_of(&body).is_some_and(TaskState::is_finished);
        match reads.last_mut() {
            Some(last) if same_state && !finished => *last = (at, body),
            Some(_) if same_state => {}
            _ => reads.push((at, body)),
        }
        self.write(&seen)
    }

    /// A cancel of task `id` answered `code` at `at`.
    pub fn cancel(&self, id: &str, at: Millis, code: u16) -> std::io::Result<()> {
        if code != 200 {
            return Ok(());
        }
        let mut seen = self.seen();
        let timeline = seen.tasks.entry(id.to_owned()).or_default();
        if timeline.cancel_accepted_at.is_none() {
            timeline.cancel_accepted_at = Some(at);
        }
        self.write(&seen)
    }

    /// An error body (a 400 or 404 of the task API): the dialect it speaks.
    pub fn error_body(&self, body: &Value) -> std::io::Result<()> {
        let shipping = body.get("status").and_then(Value::as_str) == Some("error")
            && body.get("message").is_none();
        let mut seen = self.seen();
        seen.dialect = Some(if shipping {
            Dialect::Shipping
        } else {
            Dialect::Document
        });
        self.write(&seen)
    }

    /// The scenario so far.
    fn scenario(seen: &Seen) -> Scenario {
        Scenario {
            dialect: seen.dialect,
            tasks: seen
                .tasks
                .iter()
                .filter_map(|(id, timeline)| timeline.task(id))
                .collect(),
            faults: Vec::new(),
        }
    }

    /// Writes the whole file again, by a rename, so a reader (or `--watch`)
    /// never sees half of it.
    fn write(&self, seen: &Seen) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(&Recorder::scenario(seen))
            .map_err(std::io::Error::other)?;
        let partial = self.path.with_extension("partial");
        std::fs::write(&partial, text + "\n")?;
        std::fs::rename(partial, &self.path)
    }
}

impl Timeline {
    /// Keeps the progress and message of a RUNNING read when they changed.
    fn note_run(&mut self, at: Millis, body: &Value) {
        if state_of(body) != Some(TaskState::Running) || self.cancel_accepted_at.is_some() {
            return;
        }
        let progress = body
            .get("progress")
            .and_then(Value::as_u64)
            .and_then(|progress| u8::try_from(progress).ok())
            .filter(|progress| *progress <= 100)
            .unwrap_or(0);
        let message = body.get("message").and_then(Value::as_str);
        let changed = self
            .run
            .last()
            .is_none_or(|(_, last_progress, last_message)| {
                *last_progress != progress || last_message.as_deref() != message
            });
        if !changed {
            return;
        }
        if self.run.len() == MAX_STEPS {
            self.run_cut_short = true;
            return;
        }
        self.run.push((at, progress, message.map(str::to_owned)));
    }

    /// The steps of the run, timed from the first read that showed it
    /// running; a message is written only where it changed.
    fn steps(&self) -> Vec<Step> {
        let Some((first_at, ..)) = self.run.first() else {
            return Vec::new();
        };
        let (mut last_message, mut last_at) = (None, 0);
        self.run
            .iter()
            .map(|(at, progress, message)| {
                let changed = message.as_deref() != last_message;
                last_message = message.as_deref();
                // In order even if the recorder's clock was set back.
                last_at = last_at.max(at.saturating_sub(*first_at));
                Step {
                    at_ms: u32::try_from(last_at).unwrap_or(u32::MAX),
                    progress: *progress,
                    message: message.clone().filter(|_| changed),
                }
            })
            .collect()
    }

    /// The task as a scenario entry; `None` before any status object.
    fn task(&self, id: &str) -> Option<NewTask> {
        let (_, last) = self.reads.last()?;
        let state = state_of;
        let final_state = state(last)?;
        let time = |name: &str| {
            let text = last.get(name)?.as_str()?;
            let at = humantime::parse_rfc3339_weak(text).ok()?;
            at.duration_since(std::time::UNIX_EPOCH)
                .ok()
                .map(|since| Millis::try_from(since.as_millis()).unwrap_or(Millis::MAX))
        };
        let (created, started, completed) =
            (time("created_at"), time("started_at"), time("completed_at"));
        let mut observed = BTreeMap::new();
        let steps = self.steps();
        let mut task = NewTask {
            id: Some(id.to_owned()),
            // The message while it ran (a replay says its own when it ends),
            // when no timeline says every message it showed.
            message: steps
                .is_empty()
                .then(|| {
                    self.reads
                        .iter()
                        .rev()
                        .find(|(_, body)| state(body) == Some(TaskState::Running))
                        .and_then(|(_, body)| body.get("message")?.as_str())
                        .map(str::to_owned)
                })
                .flatten(),
            result: last
                .get("result")
                .filter(|result| result.is_object())
                .cloned(),
            error: last.get("error").and_then(Value::as_str).map(str::to_owned),
            ..NewTask::default()
        };

        let pending = match (created, started, completed) {
            (Some(created), Some(started), _) => Some(started.saturating_sub(created)),
            // Cancelled while PENDING: it never started.
            (Some(created), None, Some(completed)) if final_state == TaskState::Cancelled => {
                Some(completed.saturating_sub(created))
            }
            _ => None,
        };
        observed.insert("pending_ms".to_owned(), pending.is_some());
        if !steps.is_empty() {
            observed.insert("timeline".to_owned(), !self.run_cut_short);
            task.timeline = Some(steps);
        }
        task.pending_ms = Some(pending.unwrap_or(UNSEEN_MS));

        let ran = match final_state {
            TaskState::Completed | TaskState::Failed => started.zip(completed),
            _ => None,
        };
        let duration = ran.map(|(started, completed)| completed.saturating_sub(started));
        observed.insert("duration_ms".to_owned(), duration.is_some());
        task.duration_ms = Some(duration.unwrap_or(UNSEEN_MS));

        let outcome = match final_state {
            TaskState::Completed => Some(Outcome::Completed),
            TaskState::Failed => Some(Outcome::Failed),
            _ => None,
        };
        observed.insert("outcome".to_owned(), outcome.is_some());
        task.outcome = Some(outcome.unwrap_or(Outcome::Completed));

        if let Some(accepted) = self.cancel_accepted_at {
            let after: Vec<&(Millis, Value)> = self
                .reads
                .iter()
                .filter(|(at, _)| *at >= accepted)
                .collect();
            let first_cancelled = after
                .iter()
                .position(|(_, body)| state(body) == Some(TaskState::Cancelled));
            match first_cancelled {
                // Cancelled by the first read after the cancel: at once, as
                // far as the reads tell (how soon within that wait is unseen).
                Some(0) => task.cancel_mode = Some(CancelMode::Immediate),
                // Seen at once and cleaned up for as long as it took, so a
                // replay takes that long whenever its cancel comes.
                Some(n) => {
                    task.cancel_mode = Some(CancelMode::Cooperative);
                    task.check_interval_ms = Some(0);
                    task.cleanup_ms = Some(after[n].0.saturating_sub(accepted));
                }
                // It finished first, or no read after the cancel showed it
                // cancelled yet: a cancel that does not take effect in time.
                None => {
                    task.cancel_mode = Some(CancelMode::Cooperative);
                    task.check_interval_ms = Some(UNSEEN_MS);
                    task.cleanup_ms = Some(0);
                }
            }
            observed.insert(
                "cancel_mode".to_owned(),
                first_cancelled.is_some_and(|n| n > 0) || ran.is_some(),
            );
            observed.insert(
                "cleanup_ms".to_owned(),
                first_cancelled.is_some_and(|n| n > 0),
            );
        }
        task.observed = Some(observed);
        Some(task)
    }
}

fn state_of(body: &Value) -> Option<TaskState> {
    body.get("state")
        .and_then(Value::as_str)
        .and_then(TaskState::from_wire)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn status(state: &str, started: Option<&str>, completed: Option<&str>) -> Value {
        json!({"task_id": "t", "state": state, "progress": 0, "message": "m", "result": null,
               "error": null, "created_at": "2026-12-05T10:00:00Z", "started_at": started,
               "completed_at": completed})
    }

    #[test]
    fn a_finished_task_is_written_with_its_own_timings() {
        let timeline = Timeline {
            reads: vec![
                (0, status("PENDING", None, None)),
                (
                    9_000,
                    status(
                        "COMPLETED",
                        Some("2026-12-05T10:00:02Z"),
                        Some("2026-12-05T10:00:07.500Z"),
                    ),
                ),
            ],
            cancel_accepted_at: None,
            ..Timeline::default()
        };
        let task = timeline.task("t").expect("a task");
        assert_eq!(
            (
                task.pending_ms,
                task.duration_ms,
                task.outcome,
                task.cancel_mode
            ),
            (Some(2_000), Some(5_500), Some(Outcome::Completed), None)
        );
        let observed = task.observed.expect("observed");
        assert!(observed.values().all(|seen| *seen), "{observed:?}");
    }

    #[test]
    fn a_cancel_is_timed_by_the_reads_and_what_was_not_seen_says_so() {
        let running = status("RUNNING", Some("2026-12-05T10:00:01Z"), None);
        let cancelled = status(
            "CANCELLED",
            Some("2026-12-05T10:00:01Z"),
            Some("2026-12-05T10:00:05Z"),
        );
        let timeline = Timeline {
            reads: vec![(0, running.clone()), (1_000, running), (3_000, cancelled)],
            cancel_accepted_at: Some(500),
            ..Timeline::default()
        };
        let task = timeline.task("t").expect("a task");
        assert_eq!(task.cancel_mode, Some(CancelMode::Cooperative));
        assert_eq!(
            (task.check_interval_ms, task.cleanup_ms),
            (Some(0), Some(2_500))
        );
        let observed = task.observed.expect("observed");
        assert!(observed["cleanup_ms"]);
        assert!(!observed["duration_ms"], "cancelled: its run's end unseen");
        assert!(!observed["outcome"]);
        assert_eq!(task.duration_ms, Some(UNSEEN_MS));
    }
}
