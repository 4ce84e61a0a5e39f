//! The status object: the body of `GET /api/task/status/{id}`.

use crate::TaskState;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The 200 body of `GET /api/task/status/{id}`.
///
/// Times are ISO 8601 strings in UTC. `cancel_requested` is an extra the mock
/// server sends; other servers omit it, so it defaults to `false`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskStatus {
    pub task_id: String,
    pub state: TaskState,
    /// Percent done, 0 to 100.
    pub progress: u8,
    /// Human-readable status, e.g. "Processing email attachments (3 of 7)".
    pub message: String,
    /// Result data once `COMPLETED`; its shape depends on the task type.
    #[serde(default)]
    pub result: Option<Value>,
    /// The error message of a `FAILED` task.
    #[serde(default)]
    pub error: Option<String>,
    pub created_at: String,
    #[serde(default)]
    pub started_at: Option<String>,
    #[serde(default)]
    pub completed_at: Option<String>,
    pub is_finished: bool,
    pub is_successful: bool,
    /// True once a cancel was accepted (mock server extra).
    #[serde(default)]
    pub cancel_requested: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_ignores_unknown_fields_and_defaults_the_optional_ones() {
        let body = r#"{"task_id":"t","state":"PENDING","progress":0,"message":"Queued",
            "created_at":"2026-01-01T00:00:00Z","is_finished":false,"is_successful":false,
            "priority":"high"}"#;
        let status: TaskStatus = serde_json::from_str(body).unwrap();
        assert_eq!(status.state, TaskState::Pending);
        assert_eq!(status.result, None);
        assert!(!status.cancel_requested);
    }
}
