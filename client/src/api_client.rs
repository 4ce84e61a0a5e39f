//! The HTTP client of the task API.

use crate::error::ApiError;
use crate::response::{read_cancel, read_status};
use gloo_net::http::{Request, Response};
use task_api::{CancelAccepted, TaskStatus, cancel_path, status_path};
use web_sys::AbortSignal;

/// Talks to one QMail server (or the mock) at `base`, e.g.
/// `http://localhost:8080`; an empty base means this page's own origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiClient {
    base: String,
}

impl ApiClient {
    pub fn new(base: impl Into<String>) -> Self {
        let base: String = base.into();
        ApiClient {
            base: base.trim().trim_end_matches('/').to_owned(),
        }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// `GET {base}/api/task/status/{id}`, id percent-encoded.
    pub fn status_url(&self, task_id: &str) -> String {
        format!("{}{}", self.base, status_path(task_id))
    }

    /// `POST {base}/api/task/cancel/{id}`, id percent-encoded.
    pub fn cancel_url(&self, task_id: &str) -> String {
        format!("{}{}", self.base, cancel_path(task_id))
    }

    /// Reads a task's status; `abort` cancels the request.
    pub async fn status(
        &self,
        task_id: &str,
        abort: Option<&AbortSignal>,
    ) -> Result<TaskStatus, ApiError> {
        let response = Request::get(&self.status_url(task_id))
            .abort_signal(abort)
            .send()
            .await
            .map_err(network_error)?;
        let (status, body) = body_of(response).await?;
        read_status(status, &body)
    }

    /// Requests the cancellation of a task.
    pub async fn cancel(&self, task_id: &str) -> Result<CancelAccepted, ApiError> {
        let response = Request::post(&self.cancel_url(task_id))
            .send()
            .await
            .map_err(network_error)?;
        let (status, body) = body_of(response).await?;
        read_cancel(status, &body)
    }
}

/// The status code and the whole body text of an answer.
pub(crate) async fn body_of(response: Response) -> Result<(u16, String), ApiError> {
    let status = response.status();
    let body = response
        .text()
        .await
        .map_err(|error| ApiError::Network(format!("the answer was cut off ({error})")))?;
    Ok((status, body))
}

/// A fetch that got no answer: browsers do not say whether the server was
/// down, refused the page's origin, or dropped the connection.
pub(crate) fn network_error(error: gloo_net::Error) -> ApiError {
    ApiError::Network(format!(
        "the server could not be reached, dropped the connection, or does not allow this page's origin (CORS) ({error})"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_join_the_base_and_encode_the_id() {
        let client = ApiClient::new("http://localhost:8080/");
        assert_eq!(
            client.status_url("a/b"),
            "http://localhost:8080/api/task/status/a%2Fb"
        );
        assert_eq!(
            ApiClient::new("").cancel_url("t 1"),
            "/api/task/cancel/t%201"
        );
    }
}
