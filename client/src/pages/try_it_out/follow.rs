//! Following a task after an accepted cancel, as the document's examples
//! do: read the status every second, at most 30 times, until `CANCELLED`.

use task_api::{TaskState, TaskStatus};

/// One status read of the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub number: u32,
    /// Wall-clock time of the answer, e.g. `21:14:03`.
    pub time: String,
    /// The answer, or why there was none.
    pub outcome: Result<Reading, String>,
}

/// What one status read said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub state: TaskState,
    /// The state as the server named it (a name the document does not know
    /// is shown as is).
    pub label: String,
    pub progress: Option<u8>,
}

/// How following ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Cancelled,
    /// The task ended otherwise before the cancellation took effect.
    FinishedFirst(TaskState),
    /// The attempts ran out; the last state seen (as the server named it), if any.
    GaveUp(Option<String>),
    /// The person stopped following.
    Stopped,
}

impl Verdict {
    pub fn text(&self) -> String {
        match self {
            Verdict::Cancelled => "Task successfully cancelled".to_owned(),
            Verdict::FinishedFirst(state) => {
                format!("Task finished before cancellation took effect (state: {state})")
            }
            Verdict::GaveUp(Some(state)) => {
                format!(
                    "Gave up: timeout waiting for cancellation confirmation; the task is still {state}"
                )
            }
            Verdict::GaveUp(None) => {
                "Gave up: timeout waiting for cancellation confirmation".to_owned()
            }
            Verdict::Stopped => "Stopped following".to_owned(),
        }
    }
}

/// The timeline so far and, once over, its verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Follow {
    pub max_attempts: u32,
    pub attempts: Vec<Attempt>,
    pub verdict: Option<Verdict>,
}

impl Follow {
    pub fn new(max_attempts: u32) -> Self {
        Follow {
            max_attempts: max_attempts.max(1),
            attempts: Vec::new(),
            verdict: None,
        }
    }

    pub fn is_over(&self) -> bool {
        self.verdict.is_some()
    }

    /// Records one status read; decides the verdict when it is the last.
    pub fn record(&mut self, time: String, answer: Result<TaskStatus, String>) {
        if self.is_over() {
            return;
        }
        let number = self.attempts.len() as u32 + 1;
        let outcome = answer.map(|status| Reading {
            state: status.state,
            label: status.state_label().to_owned(),
            progress: status.progress,
        });
        self.verdict = match &outcome {
            Ok(reading) if reading.state == TaskState::Cancelled => Some(Verdict::Cancelled),
            Ok(reading) if reading.state.is_finished() => {
                Some(Verdict::FinishedFirst(reading.state))
            }
            _ if number >= self.max_attempts => Some(Verdict::GaveUp(self.last_state(&outcome))),
            _ => None,
        };
        self.attempts.push(Attempt {
            number,
            time,
            outcome,
        });
    }

    fn last_state(&self, latest: &Result<Reading, String>) -> Option<String> {
        std::iter::once(latest)
            .chain(self.attempts.iter().rev().map(|a| &a.outcome))
            .find_map(|outcome| outcome.as_ref().ok().map(|reading| reading.label.clone()))
    }

    pub fn stop(&mut self) {
        if !self.is_over() {
            self.verdict = Some(Verdict::Stopped);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(state: TaskState) -> Result<TaskStatus, String> {
        Ok(TaskStatus {
            progress: Some(40),
            cancel_requested: true,
            ..TaskStatus::new("t", state)
        })
    }

    #[test]
    fn ends_when_cancelled() {
        let mut follow = Follow::new(30);
        follow.record("t1".into(), status(TaskState::Running));
        assert!(!follow.is_over());
        follow.record("t2".into(), status(TaskState::Cancelled));
        assert_eq!(follow.verdict, Some(Verdict::Cancelled));
        follow.record("t3".into(), status(TaskState::Running));
        assert_eq!(
            follow.attempts.len(),
            2,
            "nothing is recorded after the verdict"
        );
    }

    #[test]
    fn a_task_finishing_otherwise_is_finished_first() {
        let mut follow = Follow::new(30);
        follow.record("t1".into(), status(TaskState::Completed));
        assert_eq!(
            follow.verdict,
            Some(Verdict::FinishedFirst(TaskState::Completed))
        );
    }

    #[test]
    fn gives_up_after_the_last_attempt_naming_the_last_state_seen() {
        let mut follow = Follow::new(2);
        follow.record("t1".into(), status(TaskState::Running));
        follow.record("t2".into(), Err("offline".into()));
        assert_eq!(
            follow.verdict,
            Some(Verdict::GaveUp(Some("RUNNING".into())))
        );
    }

    #[test]
    fn a_state_the_document_does_not_name_is_shown_by_its_name() {
        let mut follow = Follow::new(1);
        let paused = TaskStatus {
            state_name: Some("PAUSED".into()),
            ..TaskStatus::new("t", TaskState::Unknown)
        };
        follow.record("t1".into(), Ok(paused));
        assert_eq!(
            follow.attempts[0]
                .outcome
                .as_ref()
                .map(|r| r.label.as_str()),
            Ok("PAUSED")
        );
        assert_eq!(follow.verdict, Some(Verdict::GaveUp(Some("PAUSED".into()))));
    }

    #[test]
    fn stop_ends_it() {
        let mut follow = Follow::new(30);
        follow.stop();
        assert_eq!(follow.verdict, Some(Verdict::Stopped));
    }
}
