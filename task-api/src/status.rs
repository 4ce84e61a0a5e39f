//! The status object: the body of `GET /api/task/status/{id}`.
//!
//! Read leniently, decided strictly: a real server may send a fractional or
//! out-of-range `progress`, leave out fields, name a state this contract does
//! not know, or add fields of its own. None of that makes the status
//! unreadable; only `task_id` and `state` are required. What the client
//! *decides* (cancelled or not, finished or not) rests on `state` alone.

use crate::TaskState;
use serde::de::{Error as _, Unexpected};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

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
    pub result: Option<Value>,
    /// The error message of a `FAILED` task.
    pub error: Option<String>,
    pub created_at: String,
    pub started_at: Option<String>,
    pub completed_at: Option<String>,
    pub is_finished: bool,
    pub is_successful: bool,
    /// True once a cancel was accepted (mock server extra).
    pub cancel_requested: bool,
    /// Fields the documentation does not name, kept to be shown.
    pub extra: Map<String, Value>,
}

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
            extra: Map::new(),
        }
    }

    /// The state as the server named it, e.g. `"RUNNING"` or `"PAUSED"`.
    pub fn state_label(&self) -> &str {
        match (&self.state, &self.state_name) {
            (TaskState::Unknown, Some(name)) => name,
            (state, _) => state.as_str(),
        }
    }
}

/// Writes the object as the server sent it: the state by its own name, no
/// `progress` when none was sent, the extra fields at the end.
impl Serialize for TaskStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("task_id", &self.task_id)?;
        map.serialize_entry("state", self.state_label())?;
        if let Some(progress) = self.progress {
            map.serialize_entry("progress", &progress)?;
        }
        map.serialize_entry("message", &self.message)?;
        map.serialize_entry("result", &self.result)?;
        map.serialize_entry("error", &self.error)?;
        map.serialize_entry("created_at", &self.created_at)?;
        map.serialize_entry("started_at", &self.started_at)?;
        map.serialize_entry("completed_at", &self.completed_at)?;
        map.serialize_entry("is_finished", &self.is_finished)?;
        map.serialize_entry("is_successful", &self.is_successful)?;
        map.serialize_entry("cancel_requested", &self.cancel_requested)?;
        for (key, value) in &self.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// Reads the object field by field from a JSON map, so that whatever is
/// left over is kept as [`TaskStatus::extra`] (cheaper in code than
/// `#[serde(flatten)]`, which matters in the browser). Only `task_id` and
/// `state` must be strings; an optional field of the wrong type reads as
/// absent.
impl<'de> Deserialize<'de> for TaskStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = Map::<String, Value>::deserialize(deserializer)?;
        let mut status = TaskStatus::new(String::new(), TaskState::Unknown);
        let (mut task_id, mut state_name) = (None, None);
        let (mut is_finished, mut is_successful) = (None, None);
        let text = |value: Value| match value {
            Value::String(text) => Some(text),
            _ => None,
        };
        // One pass in the server's order, so the extra fields keep it.
        for (key, value) in fields {
            match key.as_str() {
                "task_id" | "state" => {
                    let Value::String(found) = value else {
                        return Err(D::Error::invalid_type(unexpected(&value), &"a string"));
                    };
                    if key == "task_id" {
                        task_id = Some(found);
                    } else {
                        state_name = Some(found);
                    }
                }
                "progress" => status.progress = percent(&value),
                "message" => status.message = text(value).unwrap_or_default(),
                "result" => status.result = Some(value).filter(|value| !value.is_null()),
                "error" => status.error = text(value),
                "created_at" => status.created_at = text(value).unwrap_or_default(),
                "started_at" => status.started_at = text(value),
                "completed_at" => status.completed_at = text(value),
                "is_finished" => is_finished = value.as_bool(),
                "is_successful" => is_successful = value.as_bool(),
                "cancel_requested" => status.cancel_requested = value.as_bool().unwrap_or(false),
                _ => {
                    status.extra.insert(key, value);
                }
            }
        }
        let task_id = task_id.ok_or_else(|| D::Error::missing_field("task_id"))?;
        let state_name = state_name.ok_or_else(|| D::Error::missing_field("state"))?;
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
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(flag) => Unexpected::Bool(*flag),
        Value::Number(_) => Unexpected::Other("a number"),
        Value::String(text) => Unexpected::Str(text),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// A progress number as a whole percent from 0 to 100; `None` for anything
/// that is not a number.
fn percent(value: &Value) -> Option<u8> {
    let number = value.as_f64()?;
    Some(number.round().clamp(0.0, 100.0) as u8)
}

#[cfg(test)]
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
        assert_eq!(status.extra["priority"], "high");
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
    }

    #[test]
    fn writes_back_what_it_read() {
        let body = r#"{"task_id":"t","state":"PAUSED","progress":12,"message":"m","result":null,"error":null,"created_at":"c","started_at":null,"completed_at":null,"is_finished":false,"is_successful":false,"cancel_requested":false,"priority":"high"}"#;
        assert_eq!(serde_json::to_string(&read(body)).unwrap(), body);
    }
}
