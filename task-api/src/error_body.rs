//! The error body of both endpoints.

use crate::{Json, TaskState};

/// The body of a 400, 404 or 500 answer.
///
/// Documented: `{"error", "message", "task_id"}`. The shipping server sends
/// `details` instead of `message`, and sometimes neither; both are read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ErrorBody {
    pub error: String,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub message: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub details: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub task_id: Option<String>,
    /// The request field at fault (the mock's control API sends it with a
    /// 400); other servers omit it.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub field: Option<String>,
}

impl ErrorBody {
    /// Reads an error body: an object whose `error` is a string. The other
    /// fields are read when they are strings and ignored otherwise, as are
    /// fields this type does not name.
    pub fn from_json(json: &Json) -> Option<ErrorBody> {
        let text = |name: &str| json.get(name).and_then(Json::as_str).map(str::to_owned);
        Some(ErrorBody {
            error: text("error")?,
            message: text("message"),
            details: text("details"),
            task_id: text("task_id"),
            field: text("field"),
        })
    }

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
    // A byte scan, not `str::find`: the browser client's wasm would carry the
    // two-way string searcher (2.4 KB) for this one use.
    const MARK: &[u8] = b"state:";
    let start = text
        .as_bytes()
        .windows(MARK.len())
        .position(|window| window == MARK)?;
    let after = &text[start + MARK.len()..];
    let name: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect();
    TaskState::from_wire(&name)
}

#[cfg(all(test, feature = "serde"))]
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
    fn from_json_needs_an_error_text_and_ignores_the_rest() {
        let read = |text: &str| ErrorBody::from_json(&serde_json::from_str(text).unwrap());
        let body = read(r#"{"error":"Task not found","message":7,"details":"gone","extra":true}"#);
        assert_eq!(body.as_ref().map(ErrorBody::explanation), Some("gone"));
        assert_eq!(read(r#"{"message":"no error field"}"#), None);
        assert_eq!(read(r#"{"error":null}"#), None);
        assert_eq!(read(r#""Task not found""#), None);
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
