//! The status object: the body of `GET /api/task/status/{id}`.
//!
//! Read leniently, decided strictly: a real server may send a fractional or
//! out-of-range `progress`, leave out fields, name a state this contract does
//! not know, or add fields of its own. None of that makes the status
//! unreadable; only `task_id` and `state` are required. What the client
//! *decides* (cancelled or not, finished or not) rests on `state` alone.

use crate::json::write_string;
use crate::{Json, TaskState};
use std::fmt;

/// The 200 body of `GET /api/task/status/{id}`.
///
/// Times are ISO 8601 strings in UTC. `cancel_requested` is an extra the mock
/// server sends; other servers omit it, so it defaults to `false`.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskStatus {
    pub task_id: String,
    pub state: TaskState,
    /// The server's own name for a state this contract does not know (when
    /// `state` is [`TaskState::Unknown`]), e.g. `"PAUSED"`.
    pub state_name: Option<String>,
    /// Percent done, 0 to 100: rounded and clamped from whatever number the
    /// server sent; `None` when it sent none.
    pub progress: Option<u8>,
    /// Human-readable status, e.g. "Processing email attachments (3 of 7)".
    pub message: String,
    /// Result data once `COMPLETED`; its shape depends on the task type.
    pub result: Option<Json>,
    /// The error message of a `FAILED` task.
    pub error: Option<String>,
    pub created_at: String,
    pub started_at: Option<String>,
    pub completed_at: Option<String>,
    pub is_finished: bool,
    pub is_successful: bool,
    /// True once a cancel was accepted (mock server extra).
    pub cancel_requested: bool,
    /// Fields the documentation does not name, kept to be shown, in the
    /// server's order.
    pub extra: Vec<(String, Json)>,
}

/// Why a body is not a status object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatusError {
    NotAnObject,
    /// A required field (`task_id` or `state`) is missing.
    Missing(&'static str),
    /// A required field is there but not a string.
    NotAString(&'static str),
}

impl fmt::Display for StatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusError::NotAnObject => f.write_str("expected a JSON object"),
            StatusError::Missing(field) => write!(f, "missing field `{field}`"),
            StatusError::NotAString(field) => write!(f, "`{field}` is not a string"),
        }
    }
}

impl std::error::Error for StatusError {}

impl TaskStatus {
    /// A status in `state` with nothing else known: no progress, no times,
    /// the flags derived from the state.
    pub fn new(task_id: impl Into<String>, state: TaskState) -> Self {
        TaskStatus {
            task_id: task_id.into(),
            state,
            state_name: None,
            progress: None,
            message: String::new(),
            result: None,
            error: None,
            created_at: String::new(),
            started_at: None,
            completed_at: None,
            is_finished: state.is_finished(),
            is_successful: state == TaskState::Completed,
            cancel_requested: false,
            extra: Vec::new(),
        }
    }

    /// The state as the server named it, e.g. `"RUNNING"` or `"PAUSED"`.
    pub fn state_label(&self) -> &str {
        match (&self.state, &self.state_name) {
            (TaskState::Unknown, Some(name)) => name,
            (state, _) => state.as_str(),
        }
    }

    /// Reads the object field by field, in the server's order, so that
    /// whatever is left over is kept as [`TaskStatus::extra`]. Only `task_id`
    /// and `state` must be strings; an optional field of the wrong type reads
    /// as absent.
    pub fn from_json(json: Json) -> Result<TaskStatus, StatusError> {
        let Json::Object(fields) = json else {
            return Err(StatusError::NotAnObject);
        };
        let mut status = TaskStatus::new(String::new(), TaskState::Unknown);
        let (mut task_id, mut state_name) = (None, None);
        let (mut is_finished, mut is_successful) = (None, None);
        let text = |value: Json| match value {
            Json::String(text) => Some(text),
            _ => None,
        };
        for (key, value) in fields {
            match key.as_str() {
                "task_id" => task_id = Some(text(value).ok_or(StatusError::NotAString("task_id"))?),
                "state" => state_name = Some(text(value).ok_or(StatusError::NotAString("state"))?),
                "progress" => status.progress = value.as_f64().map(percent),
                "message" => status.message = text(value).unwrap_or_default(),
                "result" => status.result = Some(value).filter(|value| *value != Json::Null),
                "error" => status.error = text(value),
                "created_at" => status.created_at = text(value).unwrap_or_default(),
                "started_at" => status.started_at = text(value),
                "completed_at" => status.completed_at = text(value),
                "is_finished" => is_finished = value.as_bool(),
                "is_successful" => is_successful = value.as_bool(),
                "cancel_requested" => status.cancel_requested = value.as_bool().unwrap_or(false),
                _ => status.extra.push((key, value)),
            }
        }
        let task_id = task_id.ok_or(StatusError::Missing("task_id"))?;
        let state_name = state_name.ok_or(StatusError::Missing("state"))?;
        let state = TaskState::from_wire(&state_name).unwrap_or(TaskState::Unknown);
        Ok(TaskStatus {
            task_id,
            state,
            state_name: (state == TaskState::Unknown).then_some(state_name),
            is_finished: is_finished.unwrap_or(state.is_finished()),
            is_successful: is_successful.unwrap_or(state == TaskState::Completed),
            ..status
        })
    }

    /// The object as the server sent it, compact: the state by its own name,
    /// no `progress` when none was sent, the extra fields at the end.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(256);
        let field = |out: &mut String, name: &str| {
            out.push_str(if out.len() > 1 { ",\"" } else { "\"" });
            out.push_str(name);
            out.push_str("\":");
        };
        let text = |out: &mut String, value: Option<&str>| match value {
            Some(value) => write_string(out, value),
            None => out.push_str("null"),
        };
        let flag =
            |out: &mut String, value: bool| out.push_str(if value { "true" } else { "false" });
        out.push('{');
        field(&mut out, "task_id");
        write_string(&mut out, &self.task_id);
        field(&mut out, "state");
        write_string(&mut out, self.state_label());
        if let Some(progress) = self.progress {
            field(&mut out, "progress");
            out.push_str(&progress.to_string());
        }
        field(&mut out, "message");
        write_string(&mut out, &self.message);
        field(&mut out, "result");
        match &self.result {
            Some(result) => result.write(&mut out),
            None => out.push_str("null"),
        }
        field(&mut out, "error");
        text(&mut out, self.error.as_deref());
        field(&mut out, "created_at");
        write_string(&mut out, &self.created_at);
        field(&mut out, "started_at");
        text(&mut out, self.started_at.as_deref());
        field(&mut out, "completed_at");
        text(&mut out, self.completed_at.as_deref());
        field(&mut out, "is_finished");
        flag(&mut out, self.is_finished);
        field(&mut out, "is_successful");
        flag(&mut out, self.is_successful);
        field(&mut out, "cancel_requested");
        flag(&mut out, self.cancel_requested);
        for (key, value) in &self.extra {
            out.push(',');
            write_string(&mut out, key);
            out.push(':');
            value.write(&mut out);
        }
        out.push('}');
        out
    }
}

/// Read through [`TaskStatus::from_json`].
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for TaskStatus {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = <Json as serde::Deserialize>::deserialize(deserializer)?;
        TaskStatus::from_json(json).map_err(serde::de::Error::custom)
    }
}

/// A progress number as a whole percent from 0 to 100.
fn percent(number: f64) -> u8 {
    number.round().clamp(0.0, 100.0) as u8
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    fn read(body: &str) -> TaskStatus {
        serde_json::from_str(body).unwrap()
    }

    #[test]
    fn status_keeps_unknown_fields_and_defaults_the_optional_ones() {
        let status = read(
            r#"{"task_id":"t","state":"PENDING","progress":0,"message":"Queued",
            "created_at":"2026-01-01T00:00:00Z","is_finished":false,"is_successful":false,
            "priority":"high"}"#,
        );
        assert_eq!(status.state, TaskState::Pending);
        assert_eq!(status.result, None);
        assert!(!status.cancel_requested);
        assert_eq!(
            status.extra,
            [("priority".to_owned(), Json::String("high".to_owned()))]
        );
    }

    #[test]
    fn progress_is_rounded_clamped_or_absent() {
        let with = |progress: &str| {
            read(&format!(r#"{{"task_id":"t","state":"RUNNING"{progress}}}"#)).progress
        };
        assert_eq!(with(r#","progress":42"#), Some(42));
        assert_eq!(with(r#","progress":42.6"#), Some(43));
        assert_eq!(with(r#","progress":250"#), Some(100));
        assert_eq!(with(r#","progress":-3"#), Some(0));
        assert_eq!(with(r#","progress":"40%""#), None);
        assert_eq!(with(r#","progress":null"#), None);
        assert_eq!(with(""), None);
    }

    #[test]
    fn an_unknown_state_keeps_its_name_and_is_not_finished() {
        let status = read(r#"{"task_id":"t","state":"PAUSED"}"#);
        assert_eq!(status.state, TaskState::Unknown);
        assert_eq!(status.state_label(), "PAUSED");
        assert!(!status.is_finished);
        let known = read(r#"{"task_id":"t","state":"CANCELLED"}"#);
        assert_eq!(known.state_label(), "CANCELLED");
        assert_eq!(known.state_name, None);
        assert!(known.is_finished);
    }

    #[test]
    fn optional_fields_of_the_wrong_type_read_as_absent() {
        let status = read(
            r#"{"task_id":"t","state":"FAILED","message":5,"error":{"code":7},"is_finished":"yes","result":null}"#,
        );
        assert_eq!(status.message, "");
        assert_eq!(status.error, None);
        assert!(status.is_finished, "derived from the state");
        assert_eq!(status.result, None);
    }

    #[test]
    fn task_id_and_state_are_required() {
        assert!(serde_json::from_str::<TaskStatus>(r#"{"state":"RUNNING"}"#).is_err());
        assert!(serde_json::from_str::<TaskStatus>(r#"{"task_id":"t"}"#).is_err());
        assert!(serde_json::from_str::<TaskStatus>(r#"{"task_id":"t","state":7}"#).is_err());
        let error = |body: &str| TaskStatus::from_json(serde_json::from_str(body).unwrap()).err();
        assert_eq!(
            error(r#"{"state":"RUNNING"}"#),
            Some(StatusError::Missing("task_id"))
        );
        assert_eq!(
            error(r#"{"task_id":"t","state":7}"#),
            Some(StatusError::NotAString("state"))
        );
        assert_eq!(error(r#"["t"]"#), Some(StatusError::NotAnObject));
        assert_eq!(
            StatusError::Missing("state").to_string(),
            "missing field `state`"
        );
    }

    #[test]
    fn writes_back_what_it_read() {
        let body = r#"{"task_id":"t","state":"PAUSED","progress":12,"message":"m","result":null,"error":null,"created_at":"c","started_at":null,"completed_at":null,"is_finished":false,"is_successful":false,"cancel_requested":false,"priority":"high"}"#;
        assert_eq!(read(body).to_json(), body);
    }
}
