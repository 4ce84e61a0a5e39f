//! The `state` field of a task's status.

use std::fmt;

/// Where a task is in its life, as `GET /api/task/status/{id}` reports it.
///
/// `COMPLETED`, `FAILED` and `CANCELLED` are terminal: a task never leaves them.
/// There is no `CANCELLING` state: between an accepted cancel and the task
/// noticing it, the task is still `PENDING` or `RUNNING`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "SCREAMING_SNAKE_CASE"))]
pub enum TaskState {
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
    /// A state this contract does not know; a server may add one.
    #[cfg_attr(feature = "serde", serde(other))]
    Unknown,
}

impl TaskState {
    /// Every state the documentation names, in life order.
    pub const DOCUMENTED: [TaskState; 5] = [
        TaskState::Pending,
        TaskState::Running,
        TaskState::Completed,
        TaskState::Failed,
        TaskState::Cancelled,
    ];

    /// True for the terminal states: `COMPLETED`, `FAILED` and `CANCELLED`.
    pub fn is_finished(self) -> bool {
        matches!(
            self,
            TaskState::Completed | TaskState::Failed | TaskState::Cancelled
        )
    }

    /// The name the API uses on the wire, e.g. `"RUNNING"`.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskState::Pending => "PENDING",
            TaskState::Running => "RUNNING",
            TaskState::Completed => "COMPLETED",
            TaskState::Failed => "FAILED",
            TaskState::Cancelled => "CANCELLED",
            TaskState::Unknown => "UNKNOWN",
        }
    }

    /// Reads a wire name such as `"CANCELLED"`; `None` for anything else.
    pub fn from_wire(name: &str) -> Option<TaskState> {
        TaskState::DOCUMENTED
            .into_iter()
            .find(|state| state.as_str() == name)
    }
}

impl fmt::Display for TaskState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    #[test]
    fn states_use_upper_case_wire_names() {
        for state in TaskState::DOCUMENTED {
            let json = serde_json::to_string(&state).unwrap();
            assert_eq!(json, format!("\"{}\"", state.as_str()));
            assert_eq!(TaskState::from_wire(state.as_str()), Some(state));
        }
    }

    #[test]
    fn unknown_state_reads_as_unknown() {
        let state: TaskState = serde_json::from_str("\"CANCELLING\"").unwrap();
        assert_eq!(state, TaskState::Unknown);
        assert!(!state.is_finished());
    }

    #[test]
    fn only_terminal_states_are_finished() {
        let finished: Vec<_> = TaskState::DOCUMENTED
            .into_iter()
            .filter(|s| s.is_finished())
            .collect();
        assert_eq!(
            finished,
            [
                TaskState::Completed,
                TaskState::Failed,
                TaskState::Cancelled
            ]
        );
    }
}
