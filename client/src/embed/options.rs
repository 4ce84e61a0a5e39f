//! The options object a host passes to `mount`, and the limits that both
//! `mount` and `mountList` hold a host's options to.

/// `{ taskId, apiBase, pollIntervalMs, maxAttempts, requestTimeoutMs, confirm,
/// headingLevel, lang }`; only
/// `taskId` is required. Unknown keys are refused, so a typo is an error
/// rather than a silently ignored setting. `mount` reads the object key by
/// key; its browser tests are `client/tests/embed_options.rs`.
#[cfg(feature = "embed-widget")]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MountOptions {
    pub task_id: String,
    pub api_base: String,
    pub poll_interval_ms: Option<u32>,
    pub max_attempts: Option<u32>,
    pub request_timeout_ms: Option<u32>,
    pub confirm: Option<bool>,
    pub heading_level: Option<u32>,
    /// Empty: the page's language around the element.
    #[cfg(feature = "i18n")]
    pub lang: String,
}

/// The keys `mount` understands.
#[cfg(feature = "embed-widget")]
pub const KNOWN_KEYS: [&str; 8] = [
    "taskId",
    "apiBase",
    "pollIntervalMs",
    "maxAttempts",
    "requestTimeoutMs",
    "confirm",
    "headingLevel",
    "lang",
];

/// The shortest poll interval a host may ask for.
pub const MIN_POLL_INTERVAL_MS: u32 = 10;

/// The shortest request timeout a host may ask for.
pub const MIN_REQUEST_TIMEOUT_MS: u32 = 100;

#[cfg(feature = "embed-widget")]
impl MountOptions {
    /// Checks values that parse but make no sense.
    pub fn validate(&self) -> Result<(), String> {
        if self.task_id.trim().is_empty() {
            return Err("taskId must not be empty".to_owned());
        }
        if self
            .heading_level
            .is_some_and(|level| !(1..=6).contains(&level))
        {
            return Err("headingLevel must be from 1 to 6".to_owned());
        }
        check_limits(
            self.poll_interval_ms,
            self.request_timeout_ms,
            self.max_attempts,
        )
    }
}

/// The limits `mount` and `mountList` share: a poll interval and a request
/// timeout no shorter than their minimums, and at least one attempt.
pub fn check_limits(
    poll_interval_ms: Option<u32>,
    request_timeout_ms: Option<u32>,
    max_attempts: Option<u32>,
) -> Result<(), String> {
    if poll_interval_ms.is_some_and(|ms| ms < MIN_POLL_INTERVAL_MS) {
        return Err(format!(
            "pollIntervalMs must be at least {MIN_POLL_INTERVAL_MS}"
        ));
    }
    if request_timeout_ms.is_some_and(|ms| ms < MIN_REQUEST_TIMEOUT_MS) {
        return Err(format!(
            "requestTimeoutMs must be at least {MIN_REQUEST_TIMEOUT_MS}"
        ));
    }
    if max_attempts == Some(0) {
        return Err("maxAttempts must be at least 1".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::js_options::check_key;

    fn options(task_id: &str) -> MountOptions {
        MountOptions {
            task_id: task_id.into(),
            ..MountOptions::default()
        }
    }

    #[test]
    fn unknown_keys_are_named() {
        assert!(check_key("requestTimeoutMs", &KNOWN_KEYS).is_ok());
        let error = check_key("taskid", &KNOWN_KEYS).unwrap_err();
        assert!(error.starts_with("unknown option `taskid`"), "{error}");
    }

    #[test]
    fn values_that_make_no_sense_are_refused() {
        assert!(options("t1").validate().is_ok());
        assert!(options(" ").validate().is_err());
        for bad in [
            MountOptions {
                poll_interval_ms: Some(1),
                ..options("t")
            },
            MountOptions {
                max_attempts: Some(0),
                ..options("t")
            },
            MountOptions {
                request_timeout_ms: Some(5),
                ..options("t")
            },
        ] {
            assert!(bad.validate().is_err(), "{bad:?}");
        }
    }
}
