//! The error body of both endpoints.

use crate::TaskState;
use serde::{Deserialize, Serialize};

/// The body of a 400, 404 or 500 answer.
///
/// Documented: `{"error", "message", "task_id"}`. The shipping server sends
/// `details` instead of `message`, and sometimes neither; both are read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_id: Option<String>,
    /// The request field at fault (the mock's control API sends it with a
    /// 400); other servers omit it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ErrorBody {
    /// The most specific text the server gave: `message`, else `details`,
    /// else `error`.
    pub fn explanation(&self) -> &str {
        self.message
            .as_deref()
            .or(self.details.as_deref())
            .filter(|text| !text.trim().is_empty())
            .unwrap_or(&self.error)
    }

    /// The terminal state a 400 names, as in
    /// `"Task has already finished (state: COMPLETED)"`, when it names one.
    pub fn finished_state(&self) -> Option<TaskState> {
        [self.message.as_deref(), self.details.as_deref()]
            .into_iter()
            .flatten()
            .find_map(state_named_in)
    }
}

fn state_named_in(text: &str) -> Option<TaskState> {
    let after = &text[text.find("state:")? + "state:".len()..];
    let name: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect();
    TaskState::from_wire(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_400_names_its_state() {
        let body: ErrorBody = serde_json::from_str(
            r#"{"error":"Cannot cancel task","message":"Task has already finished (state: COMPLETED)","task_id":"t"}"#,
        )
        .unwrap();
        assert_eq!(
            body.explanation(),
            "Task has already finished (state: COMPLETED)"
        );
        assert_eq!(body.finished_state(), Some(TaskState::Completed));
    }

    #[test]
    fn shipping_server_details_are_read() {
        let body: ErrorBody = serde_json::from_str(
            r#"{"error":"Task already finished","task_id":"t","status":"error","details":"Task is in state: CANCELLED"}"#,
        )
        .unwrap();
        assert_eq!(body.explanation(), "Task is in state: CANCELLED");
        assert_eq!(body.finished_state(), Some(TaskState::Cancelled));
    }

    #[test]
    fn bare_error_falls_back_to_error_text() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"error":"Task not found","task_id":"x","status":"error"}"#)
                .unwrap();
        assert_eq!(body.explanation(), "Task not found");
        assert_eq!(body.finished_state(), None);
    }
}
