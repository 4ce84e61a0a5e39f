//! The options object a host passes to `mount`.

use serde::Deserialize;

/// `{ taskId, apiBase, pollIntervalMs, maxAttempts, requestTimeoutMs, confirm }`; only
/// `taskId` is required. Unknown keys are refused, so a typo is an error
/// rather than a silently ignored setting.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MountOptions {
    pub task_id: String,
    #[serde(default)]
    pub api_base: String,
    pub poll_interval_ms: Option<u32>,
    pub max_attempts: Option<u32>,
    pub request_timeout_ms: Option<u32>,
    pub confirm: Option<bool>,
}

/// The keys `mount` understands.
pub const KNOWN_KEYS: [&str; 6] = [
    "taskId",
    "apiBase",
    "pollIntervalMs",
    "maxAttempts",
    "requestTimeoutMs",
    "confirm",
];

/// Refuses keys `mount` does not know, so a typo such as `taskid` is an
/// error rather than a silently ignored setting.
pub fn check_keys<'a>(keys: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
    for key in keys {
        if !KNOWN_KEYS.contains(&key) {
            return Err(format!(
                "unknown option `{key}`; the options are {}",
                KNOWN_KEYS.join(", ")
            ));
        }
    }
    Ok(())
}

/// The shortest poll interval a host may ask for.
pub const MIN_POLL_INTERVAL_MS: u32 = 10;

/// The shortest request timeout a host may ask for.
pub const MIN_REQUEST_TIMEOUT_MS: u32 = 100;

impl MountOptions {
    /// Checks values that parse but make no sense.
    pub fn validate(&self) -> Result<(), String> {
        if self.task_id.trim().is_empty() {
            return Err("taskId must not be empty".to_owned());
        }
        if self
            .poll_interval_ms
            .is_some_and(|ms| ms < MIN_POLL_INTERVAL_MS)
        {
            return Err(format!(
                "pollIntervalMs must be at least {MIN_POLL_INTERVAL_MS}"
            ));
        }
        if self
            .request_timeout_ms
            .is_some_and(|ms| ms < MIN_REQUEST_TIMEOUT_MS)
        {
            return Err(format!(
                "requestTimeoutMs must be at least {MIN_REQUEST_TIMEOUT_MS}"
            ));
        }
        if self.max_attempts == Some(0) {
            return Err("maxAttempts must be at least 1".to_owned());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<MountOptions, String> {
        let options: MountOptions = serde_json::from_str(json).map_err(|e| e.to_string())?;
        options.validate().map(|()| options)
    }

    #[test]
    fn only_task_id_is_required() {
        let options = parse(r#"{"taskId":"t1"}"#).unwrap();
        assert_eq!(options.api_base, "");
        assert_eq!(options.confirm, None);
    }

    #[test]
    fn unknown_keys_are_named() {
        assert!(check_keys(["taskId", "confirm"]).is_ok());
        let error = check_keys(["taskId", "taskid"]).unwrap_err();
        assert!(error.starts_with("unknown option `taskid`"), "{error}");
    }

    #[test]
    fn typos_and_bad_values_are_refused() {
        assert!(
            parse(r#"{"taskid":"t1"}"#)
                .unwrap_err()
                .contains("unknown field")
        );
        assert!(parse(r#"{"taskId":"t1","pollIntervalMs":"fast"}"#).is_err());
        assert!(parse(r#"{"taskId":" "}"#).is_err());
        assert!(parse(r#"{"taskId":"t","pollIntervalMs":1}"#).is_err());
        assert!(parse(r#"{"taskId":"t","maxAttempts":0}"#).is_err());
        assert!(parse(r#"{"taskId":"t","requestTimeoutMs":5}"#).is_err());
        assert_eq!(
            parse(r#"{"taskId":"t","requestTimeoutMs":2500}"#)
                .unwrap()
                .request_timeout_ms,
            Some(2_500)
        );
    }
}
