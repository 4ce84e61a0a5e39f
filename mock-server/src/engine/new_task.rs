//! The description of a task to create: the body of `POST /__mock/tasks`
//! and each entry of a scenario file's `tasks`, checked and turned into a
//! script.

use super::clock::Millis;
use super::dialect::Dialect;
use super::task::{CancelMode, Outcome, Script};
use super::timeline::{self, Step};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The longest any scripted phase may last: 30 days.
pub const MAX_SCRIPT_MS: Millis = 30 * 24 * 60 * 60 * 1_000;
/// The longest task id accepted.
pub const MAX_ID_LEN: usize = 256;

/// Why a task description cannot be used: the field and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct InvalidTask {
    pub field: &'static str,
    pub message: String,
}

impl InvalidTask {
    fn new(field: &'static str, message: impl Into<String>) -> InvalidTask {
        InvalidTask {
            field,
            message: message.into(),
        }
    }
}

/// The body of `POST /__mock/tasks`: every field optional.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NewTask {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending_ms: Option<Millis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<Millis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_interval_ms: Option<Millis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cleanup_ms: Option<Millis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_mode: Option<CancelMode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Progress and messages over time while it runs (a recording's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Vec<Step>>,
    /// In a recorded scenario (`--record`): which timings the recording
    /// saw (`true`) and which it had to guess (`false`). The mock ignores it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed: Option<std::collections::BTreeMap<String, bool>>,
}

impl NewTask {
    /// The body that creates task `id` with `script` again.
    pub fn from_script(id: String, script: &Script) -> NewTask {
        let texts = script.texts.as_deref();
        NewTask {
            id: Some(id),
            pending_ms: Some(script.pending_ms.into()),
            duration_ms: Some(script.duration_ms.into()),
            outcome: Some(script.outcome),
            check_interval_ms: Some(script.check_interval_ms.into()),
            cleanup_ms: Some(script.cleanup_ms.into()),
            cancel_mode: Some(script.cancel_mode),
            message: texts.and_then(|t| t.message.clone()),
            result: texts.and_then(|t| t.result.clone()),
            error: texts.and_then(|t| t.error.clone()),
            timeline: texts
                .map(|t| t.timeline.clone())
                .filter(|timeline| !timeline.is_empty()),
            observed: None,
        }
    }

    /// Checks every field and fills in the document's defaults.
    pub fn into_parts(self) -> Result<(String, Script), InvalidTask> {
        self.into_parts_in(Dialect::Document)
    }

    /// Checks every field and fills in defaults, a cancel as `dialect` does
    /// it when the task does not say.
    pub fn into_parts_in(self, dialect: Dialect) -> Result<(String, Script), InvalidTask> {
        let defaults = Script::default();
        let id = match self.id {
            Some(id) => valid_id(id)?,
            None => uuid::Uuid::new_v4().to_string(),
        };
        let script = Script {
            pending_ms: bounded("pending_ms", self.pending_ms, defaults.pending_ms)?,
            duration_ms: bounded("duration_ms", self.duration_ms, defaults.duration_ms)?,
            outcome: self.outcome.unwrap_or(defaults.outcome),
            check_interval_ms: bounded(
                "check_interval_ms",
                self.check_interval_ms,
                defaults.check_interval_ms,
            )?,
            cleanup_ms: bounded("cleanup_ms", self.cleanup_ms, defaults.cleanup_ms)?,
            cancel_mode: self.cancel_mode.unwrap_or(dialect.default_cancel_mode()),
            texts: None,
        };
        let timeline = self.timeline.unwrap_or_default();
        timeline::check(&timeline).map_err(|e| InvalidTask::new("timeline", e.to_string()))?;
        let script = script.with_texts(|texts| {
            texts.message = self.message;
            texts.result = self.result;
            texts.error = self.error;
            texts.timeline = timeline;
        });
        Ok((id, script))
    }
}

fn bounded(field: &'static str, value: Option<Millis>, default: u32) -> Result<u32, InvalidTask> {
    match value {
        None => Ok(default),
        Some(ms) => u32::try_from(ms)
            .ok()
            .filter(|_| ms <= MAX_SCRIPT_MS)
            .ok_or_else(|| {
                InvalidTask::new(
                    field,
                    format!("{field} must be at most {MAX_SCRIPT_MS} (30 days), not {ms}"),
                )
            }),
    }
}

fn valid_id(id: String) -> Result<String, InvalidTask> {
    if id.is_empty() {
        return Err(InvalidTask::new("id", "id must not be empty"));
    }
    if id.chars().count() > MAX_ID_LEN {
        return Err(InvalidTask::new(
            "id",
            format!("id must be at most {MAX_ID_LEN} characters"),
        ));
    }
    if id.chars().any(char::is_control) {
        return Err(InvalidTask::new(
            "id",
            "id must not contain control characters",
        ));
    }
    Ok(id)
}
