//! What the document says of one task over time, judged on the status
//! objects a client saw, in the order it saw them: a state only moves forward
//! (PENDING → RUNNING → COMPLETED, FAILED or CANCELLED, or PENDING →
//! CANCELLED; reads may miss a state in between), a terminal state never
//! changes, and the times once set stay as they were.
//!
//! [`super::checks::status_object`] judges each answer alone; this judges the
//! sequence, so a server that answers well-formed objects in an impossible
//! order fails.

use super::{Finding, Level};
use serde_json::Value;
use task_api::TaskState;

/// The status objects of one task seen so far, and what they broke.
#[derive(Debug, Default)]
pub struct Lifecycle {
    seen: Vec<Seen>,
    findings: Vec<Finding>,
    notes: Vec<String>,
    /// Transitions that cannot happen; the first is a finding.
    impossible: usize,
}

/// What the judgement needs of one status object.
#[derive(Debug)]
struct Seen {
    state: TaskState,
    created_at: Value,
    started_at: Value,
    completed_at: Value,
    progress: Option<u64>,
}

impl Lifecycle {
    /// Adds the next status object read, and judges it against those before.
    /// An answer that is not a status object with a documented state is left
    /// out (the check of the answer alone reports it).
    pub fn see(&mut self, body: &Value) {
        let Some(state) = body
            .get("state")
            .and_then(Value::as_str)
            .and_then(TaskState::from_wire)
        else {
            return;
        };
        let field = |name: &str| body.get(name).cloned().unwrap_or(Value::Null);
        let seen = Seen {
            state,
            created_at: field("created_at"),
            started_at: field("started_at"),
            completed_at: field("completed_at"),
            progress: body.get("progress").and_then(Value::as_u64),
        };
        if let Some(before) = self.seen.last() {
            judge(
                &self.seen,
                before,
                &seen,
                &mut self.findings,
                &mut self.notes,
                &mut self.impossible,
            );
        }
        self.seen.push(seen);
    }

    /// The states seen, in order: `PENDING, RUNNING, CANCELLED`.
    pub fn sequence(&self) -> String {
        sequence(&self.seen)
    }

    /// Each change of state between two reads in a row, in order.
    pub fn steps(&self) -> impl Iterator<Item = (TaskState, TaskState)> + '_ {
        self.seen
            .windows(2)
            .map(|pair| (pair[0].state, pair[1].state))
            .filter(|(from, to)| from != to)
    }

    /// How many status objects were judged.
    pub fn reads(&self) -> usize {
        self.seen.len()
    }

    /// The last state seen.
    pub fn last_state(&self) -> Option<TaskState> {
        self.seen.last().map(|seen| seen.state)
    }

    /// What the sequence broke, and the notes on it.
    pub fn into_parts(mut self) -> (Vec<Finding>, Vec<String>) {
        if self.impossible > 1 {
            self.notes.push(format!(
                "{} transitions that cannot happen in {} reads; the first is shown",
                self.impossible,
                self.seen.len()
            ));
        }
        (self.findings, self.notes)
    }
}

/// The states of `seen`, in order.
fn sequence(seen: &[Seen]) -> String {
    seen.iter()
        .map(|seen| seen.state.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Judges `now`, read after every status object in `seen` (`before` the last).
fn judge(
    seen: &[Seen],
    before: &Seen,
    now: &Seen,
    findings: &mut Vec<Finding>,
    notes: &mut Vec<String>,
    impossible: &mut usize,
) {
    let read = seen.len() + 1;
    let sequence = format!("{}, {}", sequence(seen), now.state.as_str());
    if !can_follow(before.state, now.state) {
        *impossible += 1;
    }
    if !can_follow(before.state, now.state) && *impossible == 1 {
        findings.push(Finding {
            // A client that stops at a terminal state, or shows progress
            // only forward, is misled: this breaks clients.
            level: Level::ClientSafe,
            path: "$.state".to_owned(),
            expected: format!("a state that can follow {}", before.state.as_str()),
            actual: format!(
                "{} at read {read}, after {} (reads: {sequence})",
                now.state.as_str(),
                before.state.as_str()
            ),
        });
    }
    let mut unchanged = |name: &str, was: &Value, is: &Value, applies: bool| {
        if applies && was != is {
            findings.push(Finding {
                level: Level::Document,
                path: format!("$.{name}"),
                expected: format!("{was} as before, once set"),
                actual: format!("{is} at read {read} (reads: {sequence})"),
            });
        }
    };
    unchanged("created_at", &before.created_at, &now.created_at, true);
    unchanged(
        "started_at",
        &before.started_at,
        &now.started_at,
        !before.started_at.is_null(),
    );
    unchanged(
        "completed_at",
        &before.completed_at,
        &now.completed_at,
        before.state.is_finished() && now.state.is_finished(),
    );
    if before.state == TaskState::Running
        && now.state == TaskState::Running
        && let (Some(was), Some(is)) = (before.progress, now.progress)
        && is < was
    {
        notes.push(format!(
            "[client-safe] progress went back from {was} to {is} at read {read} while RUNNING; \
             the document does not forbid it, but a progress bar moves backwards"
        ));
    }
}

/// Whether a read may show `next` after `state`: the same state, or one the
/// task reaches from it (a read may miss the states in between).
fn can_follow(state: TaskState, next: TaskState) -> bool {
    use TaskState::{Cancelled, Completed, Failed, Pending, Running};
    state == next
        || matches!(
            (state, next),
            (Pending, Running | Completed | Failed | Cancelled)
                | (Running, Completed | Failed | Cancelled)
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn status(state: &str, started: Option<&str>, completed: Option<&str>, progress: u64) -> Value {
        json!({
            "task_id": "t", "state": state, "progress": progress, "message": "",
            "created_at": "2026-12-05T10:00:00Z", "started_at": started,
            "completed_at": completed,
        })
    }

    fn judged(bodies: &[Value]) -> (Vec<Finding>, Vec<String>) {
        let mut lifecycle = Lifecycle::default();
        for body in bodies {
            lifecycle.see(body);
        }
        lifecycle.into_parts()
    }

    const STARTED: Option<&str> = Some("2026-12-05T10:00:01Z");
    const ENDED: Option<&str> = Some("2026-12-05T10:00:09Z");

    #[test]
    fn the_documented_paths_pass_with_states_missed_between_reads() {
        let pending = status("PENDING", None, None, 0);
        let running = status("RUNNING", STARTED, None, 40);
        for ending in ["COMPLETED", "FAILED", "CANCELLED"] {
            let ended = status(ending, STARTED, ENDED, 100);
            let (findings, notes) = judged(&[pending.clone(), running.clone(), ended.clone()]);
            assert_eq!((findings, notes), (vec![], vec![]), "{ending}");
            assert!(
                judged(&[pending.clone(), ended.clone(), ended])
                    .0
                    .is_empty()
            );
        }
        let cancelled_pending = status("CANCELLED", None, ENDED, 0);
        assert!(judged(&[pending, cancelled_pending]).0.is_empty());
    }

    #[test]
    fn a_terminal_state_that_changes_fails_showing_the_reads() {
        let (findings, _) = judged(&[
            status("RUNNING", STARTED, None, 10),
            status("COMPLETED", STARTED, ENDED, 100),
            status("RUNNING", STARTED, None, 10),
        ]);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].level, Level::ClientSafe);
        assert_eq!(findings[0].expected, "a state that can follow COMPLETED");
        assert_eq!(
            findings[0].actual,
            "RUNNING at read 3, after COMPLETED (reads: RUNNING, COMPLETED, RUNNING)"
        );
    }

    #[test]
    fn a_state_that_goes_back_fails() {
        let (findings, _) = judged(&[
            status("RUNNING", STARTED, None, 10),
            status("PENDING", None, None, 0),
        ]);
        let paths: Vec<_> = findings.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["$.state", "$.started_at"]);
    }

    #[test]
    fn times_once_set_stay_and_a_progress_that_goes_back_is_only_a_note() {
        let mut moved = status("RUNNING", STARTED, None, 50);
        moved["created_at"] = json!("2026-12-05T11:00:00Z");
        let (findings, notes) = judged(&[
            status("RUNNING", STARTED, None, 60),
            moved,
            status("RUNNING", Some("2026-12-05T10:00:05Z"), None, 70),
        ]);
        let paths: Vec<_> = findings.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["$.created_at", "$.created_at", "$.started_at"]);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].starts_with("[client-safe] progress went back from 60 to 50 at read 2"));
    }
}
