//! Turning an HTTP answer (status code and body text) into a typed outcome.
//!
//! Pure functions, so every documented answer and every odd one is tested
//! natively. Error bodies are read leniently: `error`, then `message` or
//! `details` (the shipping server sends `details`), unknown fields ignored.

use crate::api::error::ApiError;
use crate::api::json;
use task_api::{ErrorBody, TaskStatus};

/// The outcome of `GET /api/task/status/{id}`.
pub fn read_status(status: u16, body: &str) -> Result<TaskStatus, ApiError> {
    if !is_success(status) {
        return Err(read_error(status, body));
    }
    let json = json::parse(body).map_err(|detail| ApiError::BadBody { status, detail })?;
    status_of(status, json)
}

/// The mock's task list: an array of status objects (`GET /__mock/tasks`).
pub fn read_status_list(status: u16, body: &str) -> Result<Vec<TaskStatus>, ApiError> {
    if !is_success(status) {
        return Err(read_error(status, body));
    }
    let bad_body = |detail: String| ApiError::BadBody { status, detail };
    match json::parse(body).map_err(bad_body)? {
        task_api::Json::Array(items) => items
            .into_iter()
            .map(|item| status_of(status, item))
            .collect(),
        _ => Err(bad_body("expected an array of status objects".to_owned())),
    }
}

/// One status object of a 2xx answer.
fn status_of(status: u16, json: task_api::Json) -> Result<TaskStatus, ApiError> {
    TaskStatus::from_json(json).map_err(|error| ApiError::BadBody {
        status,
        detail: error.to_string(),
    })
}

/// The outcome of `POST /api/task/cancel/{id}`: any 2xx means the cancel
/// was accepted, whatever its body (a 204, an empty or non-JSON 200, one
/// without `message`); the status reads that follow decide the outcome.
pub fn read_cancel(status: u16, body: &str) -> Result<(), ApiError> {
    if is_success(status) {
        return Ok(());
    }
    Err(read_error(status, body))
}

fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// What a non-2xx answer means.
fn read_error(status: u16, body: &str) -> ApiError {
    let read = json::parse(body).and_then(|json| {
        ErrorBody::from_json(&json)
            .ok_or_else(|| "expected an object with an `error` text".to_owned())
    });
    let explanation = match read {
        Ok(error_body) => error_body,
        Err(_) if (500..600).contains(&status) => {
            // A failing server may answer with an HTML page or nothing.
            return ApiError::Server {
                status,
                message: summary_of(body),
            };
        }
        Err(detail) => return ApiError::BadBody { status, detail },
    };
    let message = explanation.explanation().to_owned();
    match status {
        400 => match explanation.finished_state() {
            Some(state) if state.is_finished() => ApiError::AlreadyFinished {
                message,
                state: Some(state),
            },
            // A 400 that names a live state (a confused or racing server) is
            // a refusal, not a finish: only a status read can say it ended.
            Some(_) => ApiError::Rejected { status, message },
            None if contains(&explanation.error, "finished")
                || explanation.error == "Cannot cancel task" =>
            {
                ApiError::AlreadyFinished {
                    message,
                    state: None,
                }
            }
            None => ApiError::Rejected { status, message },
        },
        404 => ApiError::NotFound { message },
        500..=599 => ApiError::Server { status, message },
        _ => ApiError::Rejected { status, message },
    }
}

/// Whether `text` contains `word`, by a plain byte scan: `str::contains`
/// would bring the two-way string searcher into the wasm (2.4 KB) for this.
fn contains(text: &str, word: &str) -> bool {
    word.is_empty()
        || text
            .as_bytes()
            .windows(word.len())
            .any(|window| window == word.as_bytes())
}

/// A short, printable excerpt of a non-JSON body.
fn summary_of(body: &str) -> String {
    let text = body.trim();
    if text.is_empty() {
        return "no details given".to_owned();
    }
    let excerpt: String = text.chars().take(120).collect();
    if excerpt.len() < text.len() {
        format!("{excerpt}…")
    } else {
        excerpt
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use task_api::TaskState;

    const RUNNING: &str = r#"{"task_id":"t","state":"RUNNING","progress":40,"message":"Working",
        "result":null,"error":null,"created_at":"2026-01-01T00:00:00.000Z",
        "started_at":"2026-01-01T00:00:01.000Z","completed_at":null,
        "is_finished":false,"is_successful":false}"#;

    #[test]
    fn status_200_is_the_status_object() {
        let status = read_status(200, RUNNING).unwrap();
        assert_eq!(status.state, TaskState::Running);
        assert_eq!(status.progress, Some(40));
    }

    #[test]
    fn any_2xx_to_the_cancel_means_accepted() {
        let documented = r#"{"task_id":"t","status":"cancelled","message":"Task cancellation requested successfully"}"#;
        for (status, body) in [
            (200, documented),
            (204, ""),
            (200, ""),
            (200, "OK"),
            (200, r#"{"task_id": "#),
            (200, r#"{"task_id":"t"}"#),
            (202, r#"{"accepted":true}"#),
        ] {
            assert_eq!(read_cancel(status, body), Ok(()), "{status} {body:?}");
        }
    }

    #[test]
    fn a_cancel_error_is_never_accepted() {
        assert!(read_cancel(500, "").is_err());
        assert!(read_cancel(404, r#"{"error":"Task not found"}"#).is_err());
        assert!(read_cancel(302, "").is_err());
    }

    #[test]
    fn documented_400_names_the_finished_state() {
        let body = r#"{"error":"Cannot cancel task","message":"Task has already finished (state: FAILED)","task_id":"t"}"#;
        assert_eq!(
            read_cancel(400, body),
            Err(ApiError::AlreadyFinished {
                message: "Task has already finished (state: FAILED)".into(),
                state: Some(TaskState::Failed),
            })
        );
    }

    #[test]
    fn a_400_naming_a_live_state_is_a_refusal_not_a_finish() {
        for state in ["RUNNING", "PENDING"] {
            let message = format!("Task has already finished (state: {state})");
            let body =
                format!(r#"{{"error":"Cannot cancel task","message":"{message}","task_id":"t"}}"#);
            assert_eq!(
                read_cancel(400, &body),
                Err(ApiError::Rejected {
                    status: 400,
                    message
                })
            );
        }
    }

    #[test]
    fn shipping_server_400_with_details_is_already_finished() {
        let body = r#"{"error":"Task already finished","task_id":"t","status":"error","details":"Task is COMPLETED"}"#;
        assert_eq!(
            read_cancel(400, body),
            Err(ApiError::AlreadyFinished {
                message: "Task is COMPLETED".into(),
                state: None,
            })
        );
    }

    #[test]
    fn shipping_server_404_without_message_reads_its_error() {
        let body = r#"{"error":"Task not found","task_id":"x","status":"error"}"#;
        assert_eq!(
            read_cancel(404, body),
            Err(ApiError::NotFound {
                message: "Task not found".into()
            })
        );
    }

    #[test]
    fn documented_500_is_a_server_error_with_its_message() {
        let body = r#"{"error":"Internal server error","message":"Server error occurred while processing the cancellation request","task_id":"t"}"#;
        let error = read_cancel(500, body).unwrap_err();
        assert_eq!(
            error,
            ApiError::Server {
                status: 500,
                message: "Server error occurred while processing the cancellation request".into()
            }
        );
        assert!(error.is_transient());
    }

    #[test]
    fn html_502_from_a_proxy_is_a_server_error() {
        let error = read_status(502, "<html><body>Bad gateway</body></html>").unwrap_err();
        assert!(matches!(error, ApiError::Server { status: 502, .. }));
    }

    #[test]
    fn truncated_json_is_a_bad_body() {
        let error = read_status(200, r#"{"task_id": "#).unwrap_err();
        assert!(matches!(error, ApiError::BadBody { status: 200, .. }));
    }

    #[test]
    fn json_of_the_wrong_shape_is_a_bad_body() {
        let error = read_status(200, r#"{"hello":"world"}"#).unwrap_err();
        assert!(matches!(error, ApiError::BadBody { .. }));
    }

    #[test]
    fn unknown_fields_and_states_are_tolerated() {
        let body = RUNNING
            .replace("\"RUNNING\"", "\"PAUSED\"")
            .replace("\"progress\":40", "\"progress\":40,\"priority\":\"high\"");
        let status = read_status(200, &body).unwrap();
        assert_eq!(status.state, TaskState::Unknown);
        assert_eq!(status.state_label(), "PAUSED");
        assert_eq!(
            status.extra,
            [(
                "priority".to_owned(),
                task_api::Json::String("high".to_owned())
            )]
        );
    }

    #[test]
    fn extra_fields_are_shown_in_the_servers_order() {
        let body = RUNNING.replace(
            "\"progress\":40",
            "\"zone\":\"eu\",\"progress\":40,\"alpha\":1,\"node\":\"mx-3\"",
        );
        let status = read_status(200, &body).unwrap();
        let keys: Vec<&str> = status.extra.iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(keys, ["zone", "alpha", "node"]);
    }

    #[test]
    fn odd_progress_still_reads() {
        for (progress, read) in [("40.5", Some(41)), ("180", Some(100)), ("null", None)] {
            let body = RUNNING.replace("\"progress\":40", &format!("\"progress\":{progress}"));
            assert_eq!(
                read_status(200, &body).unwrap().progress,
                read,
                "{progress}"
            );
        }
        let without = RUNNING.replace("\"progress\":40,", "");
        assert_eq!(read_status(200, &without).unwrap().progress, None);
    }
}
