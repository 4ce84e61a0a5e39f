//! `--proxy-to URL`: a task API request for an id this mock does not know
//! goes to a real server, and its answer comes back unchanged, checked
//! against the document on the way. Departures are listed in an
//! `x-contract-violations` header and in the journal entry; they never
//! block the client. So the widget can be pointed at a real server through
//! the mock, and the journal shows where that server departs from the
//! document.

use crate::errors::ApiError;
use crate::faults::ApiRoute;
use crate::request::RawSegment;
use crate::state::MockState;
use crate::verify::Finding;
use crate::verify::checks;
use crate::verify::http::Answer;
use warp::Reply;
use warp::http::{HeaderValue, Method, header};
use warp::reply::Response;

/// The header that lists an upstream answer's departures from the document.
pub const VIOLATIONS_HEADER: &str = "x-contract-violations";
/// The header's longest value; the journal keeps the whole list.
const MAX_HEADER_BYTES: usize = 4_096;

/// What the upstream answer broke, for the journal; present on every
/// forwarded request (empty when the answer kept to the document).
#[derive(Clone, Debug, Default)]
pub struct Forwarded(pub Vec<String>);

/// Forwards the request to the upstream server when one is configured and
/// this mock does not know task `id`; `None` lets the mock answer.
pub async fn forward_unknown(
    state: &MockState,
    route: ApiRoute,
    id: &RawSegment,
) -> Option<Response> {
    let upstream = state.proxy.get()?;
    // An id that does not decode is the mock's own 400.
    let task_id = id.decode().ok()?;
    if state.tasks.contains(&task_id) {
        return None;
    }
    let (method, path) = match route {
        ApiRoute::Status => (Method::GET, format!("/api/task/status/{}", id.raw())),
        ApiRoute::Cancel => (Method::POST, format!("/api/task/cancel/{}", id.raw())),
    };
    let exchange = upstream.send(method, &path).await;
    let answer = match exchange.answer {
        Ok(answer) => answer,
        Err(reason) => {
            let mut response = ApiError::UpstreamUnreachable {
                upstream: exchange.url,
                reason,
                task_id,
            }
            .into_response();
            response.extensions_mut().insert(Forwarded::default());
            return Some(response);
        }
    };
    let violations: Vec<String> = violations(route, &answer, &task_id)
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut response = Response::new(answer.body.clone().into());
    *response.status_mut() = answer.status;
    if let Some(value) = answer.headers.get(header::CONTENT_TYPE) {
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, value.clone());
    }
    if !violations.is_empty()
        && let Ok(value) = HeaderValue::from_str(&header_text(&violations))
    {
        response.headers_mut().insert(VIOLATIONS_HEADER, value);
    }
    response.extensions_mut().insert(Forwarded(violations));
    Some(response)
}

/// The findings of one answer, judged as `mock-server verify` judges it.
fn violations(route: ApiRoute, answer: &Answer, task_id: &str) -> Vec<Finding> {
    let code = answer.status.as_u16();
    let findings = match (route, code) {
        (ApiRoute::Status, 200) => checks::status_object(answer, task_id).0,
        (_, 404) => checks::not_found(answer, task_id),
        (ApiRoute::Cancel, 200) => checks::cancel_accepted(answer, task_id),
        (ApiRoute::Cancel, 400) => checks::refused(answer, task_id).0,
        // A server error is not a departure from the document.
        (_, 500..=599) => checks::Findings::default(),
        (ApiRoute::Status, _) => unexpected_status(code, "200 or 404"),
        (ApiRoute::Cancel, _) => unexpected_status(code, "200, 400, 404 or 500"),
    };
    findings.0
}

fn unexpected_status(code: u16, expected: &str) -> checks::Findings {
    let mut findings = checks::Findings::default();
    findings.add(
        crate::verify::Level::ClientSafe,
        "status",
        expected,
        code.to_string(),
    );
    findings
}

/// The violations as one header value: joined by `; `, anything but
/// visible ASCII as `?`, cut at [`MAX_HEADER_BYTES`].
fn header_text(violations: &[String]) -> String {
    let mut text: String = violations
        .join("; ")
        .chars()
        .map(|c| {
            if c == ' ' || c.is_ascii_graphic() {
                c
            } else {
                '?'
            }
        })
        .collect();
    if text.len() > MAX_HEADER_BYTES {
        text.truncate(MAX_HEADER_BYTES - 3);
        text.push_str("...");
    }
    text
}
