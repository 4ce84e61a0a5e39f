//! The HTTP client of the task API.

use crate::api::error::ApiError;
use crate::api::response::{read_cancel, read_status};
use futures_util::future::{Either, select};
use gloo_net::http::{RequestBuilder, Response};
use gloo_timers::future::TimeoutFuture;
use std::future::Future;
use std::pin::{Pin, pin};
use task_api::{TaskStatus, cancel_path, status_path};
use web_sys::AbortController;

/// How long a request may go unanswered before it is abandoned.
pub const DEFAULT_REQUEST_TIMEOUT_MS: u32 = 10_000;

/// An answer on its way: the status code and the whole body.
type Answer<'a> = Pin<Box<dyn Future<Output = Result<(u16, String), ApiError>> + 'a>>;

/// Talks to one QMail server (or the mock) at `base`, e.g.
/// `http://localhost:8080`; an empty base means this page's own origin.
/// Every request ends: with an answer, or with [`ApiError::TimedOut`] after
/// the timeout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiClient {
    base: String,
    timeout_ms: u32,
}

impl ApiClient {
    pub fn new(base: impl Into<String>) -> Self {
        let base: String = base.into();
        ApiClient {
            base: base.trim().trim_end_matches('/').to_owned(),
            timeout_ms: DEFAULT_REQUEST_TIMEOUT_MS,
        }
    }

    /// The same client with another request timeout (at least 1 ms).
    pub fn with_timeout(mut self, timeout_ms: u32) -> Self {
        self.timeout_ms = timeout_ms.max(1);
        self
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

    /// Reads a task's status. Aborting `abort` (or the timeout) ends the
    /// request; an abort from outside ends it as a network error.
    pub async fn status(
        &self,
        task_id: &str,
        abort: Option<AbortController>,
    ) -> Result<TaskStatus, ApiError> {
        let request = RequestBuilder::new(&self.status_url(task_id));
        let (status, body) = self.exchange(request, abort).await?;
        read_status(status, &body)
    }

    /// The answer to a status read someone else sent (the page's loader:
    /// `first_read`), held to this client's timeout and read as if this client
    /// had sent it. When the time is up, `abort` is aborted: `answer` should
    /// end the request then.
    pub async fn status_from(
        &self,
        answer: impl Future<Output = Result<(u16, String), ApiError>>,
        abort: Option<AbortController>,
    ) -> Result<TaskStatus, ApiError> {
        let (status, body) = self.within_timeout(Box::pin(answer), abort).await?;
        read_status(status, &body)
    }

    /// Requests the cancellation of a task. `Ok` for any 2xx answer,
    /// whatever its body: the status reads that follow decide the outcome.
    pub async fn cancel(&self, task_id: &str) -> Result<(), ApiError> {
        let request =
            RequestBuilder::new(&self.cancel_url(task_id)).method(gloo_net::http::Method::POST);
        let (status, body) = self.exchange(request, None).await?;
        read_cancel(status, &body)
    }

    /// Sends `request` and reads the whole answer, or gives up after the
    /// timeout and aborts the request so the connection is closed.
    async fn exchange(
        &self,
        request: RequestBuilder,
        abort: Option<AbortController>,
    ) -> Result<(u16, String), ApiError> {
        let abort = abort.or_else(|| AbortController::new().ok());
        let signal = abort.as_ref().map(AbortController::signal);
        let answer = Box::pin(async {
            let response = request
                .abort_signal(signal.as_ref())
                .send()
                .await
                .map_err(network_error)?;
            body_of(response).await
        });
        self.within_timeout(answer, abort).await
    }

    /// `answer`, or [`ApiError::TimedOut`] after the timeout, when `abort`
    /// is aborted so the connection is closed. (Boxed: one copy of this for
    /// every kind of answer.)
    async fn within_timeout(
        &self,
        answer: Answer<'_>,
        abort: Option<AbortController>,
    ) -> Result<(u16, String), ApiError> {
        let deadline = pin!(TimeoutFuture::new(self.timeout_ms));
        match select(answer, deadline).await {
            Either::Left((answer, _)) => answer,
            Either::Right(((), _)) => {
                if let Some(abort) = abort {
                    abort.abort();
                }
                Err(ApiError::TimedOut {
                    after_ms: self.timeout_ms,
                })
            }
        }
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
    unreachable(error)
}

/// [`ApiError::Network`], with what the browser said.
pub(crate) fn unreachable(detail: impl std::fmt::Display) -> ApiError {
    ApiError::Network(format!(
        "the server could not be reached, dropped the connection, or does not allow this page's origin (CORS) ({detail})"
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
