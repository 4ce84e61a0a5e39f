//! What can go wrong when the client talks to the task API.

use task_api::TaskState;

/// A failed request, typed by what the user can do about it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// 400 on cancel: the task had already finished.
    #[error("{message}")]
    AlreadyFinished {
        message: String,
        /// The terminal state the server named, when it named one.
        state: Option<TaskState>,
    },
    /// 404: no task has this id.
    #[error("Task not found: {message}")]
    NotFound { message: String },
    /// Another 4xx: the server refused the request.
    #[error("The server refused the request (HTTP {status}): {message}")]
    Rejected { status: u16, message: String },
    /// 5xx: the server failed.
    #[error("The server failed (HTTP {status}): {message}")]
    Server { status: u16, message: String },
    /// No answer: the server is unreachable, refused this page's origin
    /// (CORS), or dropped the connection.
    #[error("No answer from the server: {0}")]
    Network(String),
    /// No answer within the request timeout; the request was abandoned.
    #[error("The server did not answer within {} s", seconds(*after_ms))]
    TimedOut { after_ms: u32 },
    /// An answer that is not the JSON the API document describes.
    #[error("The server's answer (HTTP {status}) is not the expected JSON: {detail}")]
    BadBody { status: u16, detail: String },
}

impl ApiError {
    /// Whether trying again later may help.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::Server { .. }
                | ApiError::Network(_)
                | ApiError::TimedOut { .. }
                | ApiError::BadBody { .. }
        )
    }
}

/// `10000` ms as `10` (seconds), `1500` as `1.5`, `1250` as `1.25`. Integer
/// arithmetic only: formatting a float would add float printing to the wasm.
pub fn seconds(ms: u32) -> String {
    let fraction = format!("{:03}", ms % 1_000);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        format!("{}", ms / 1_000)
    } else {
        format!("{}.{fraction}", ms / 1_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timeout_says_how_long_was_waited() {
        let error = ApiError::TimedOut { after_ms: 10_000 };
        assert_eq!(error.to_string(), "The server did not answer within 10 s");
        assert_eq!(
            ApiError::TimedOut { after_ms: 1_500 }.to_string(),
            "The server did not answer within 1.5 s"
        );
        assert!(error.is_transient());
        assert_eq!(seconds(1_250), "1.25");
        assert_eq!(seconds(50), "0.05");
        assert_eq!(seconds(0), "0");
    }
}
