//! `--proxy-to URL`: a task API request for an id this mock does not know
//! goes to a real server, and its answer comes back unchanged, checked
//! against the document on the way. Departures are listed in an
//! `x-contract-violations` header and in the journal entry; they never
//! block the client. So the widget can be pointed at a real server through
//! the mock, and the journal shows where that server departs from the
//! document.
//!
//! The request's end-to-end headers go with it (`Authorization`, cookies,
//! tracing headers), not its hop-by-hop ones nor `Host`; the upstream's
//! headers come back, except hop-by-hop ones and CORS headers (the mock's
//! own CORS policy answers the browser). Fault rules apply to forwarded
//! requests as to the mock's own.

use crate::contract::Finding;
use crate::contract::checks;
use crate::engine::faults::ApiRoute;
use crate::http::errors::ApiError;
use crate::http::request::RawSegment;
use crate::http::state::MockState;
use crate::outbound::Answer;
use warp::Reply;
use warp::http::{HeaderMap, HeaderValue, Method, header};
use warp::reply::Response;

/// The header that lists an upstream answer's departures from the document.
pub const VIOLATIONS_HEADER: &str = "x-contract-violations";
/// The header's longest value; the journal keeps the whole list.
const MAX_HEADER_BYTES: usize = 4_096;

/// What the journal keeps of a forwarded request; present on every one.
#[derive(Clone, Debug, Default)]
pub struct Forwarded {
    /// What the upstream answer broke (empty when it kept to the document).
    pub violations: Vec<String>,
    /// The request headers passed on, as `name: value`, secrets redacted.
    pub headers: Vec<String>,
}

/// Headers that belong to one connection, not to the request (RFC 9110
/// section 7.6.1), and so are never passed on; `Host` is the upstream's own.
const NOT_FORWARDED: [&str; 10] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
];

/// Request headers whose values the journal does not show.
const SECRET: [&str; 3] = ["authorization", "proxy-authorization", "cookie"];

/// The headers of `request` that go on to the upstream server.
pub fn end_to_end(request: &HeaderMap) -> HeaderMap {
    // A header that `Connection` names is hop-by-hop too.
    let named: Vec<String> = request
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|name| name.trim().to_ascii_lowercase())
        .collect();
    let mut kept = HeaderMap::new();
    for (name, value) in request {
        let name_text = name.as_str();
        if !NOT_FORWARDED.contains(&name_text) && !named.iter().any(|n| n == name_text) {
            kept.append(name.clone(), value.clone());
        }
    }
    kept
}

/// The headers as the journal lists them, secrets redacted.
fn journaled(headers: &HeaderMap) -> Vec<String> {
    headers
        .iter()
        .map(|(name, value)| {
            if SECRET.contains(&name.as_str()) {
                format!("{name}: [redacted]")
            } else {
                format!("{name}: {}", String::from_utf8_lossy(value.as_bytes()))
            }
        })
        .collect()
}

/// Whether an upstream answer's header comes back to the client.
fn returned(name: &header::HeaderName) -> bool {
    !NOT_FORWARDED.contains(&name.as_str()) && !name.as_str().starts_with("access-control-")
}

/// The server unknown ids go to, if `id` is one the mock does not know.
pub fn upstream_for(state: &MockState, id: &RawSegment) -> bool {
    let Some(_) = state.proxy.get() else {
        return false;
    };
    // An id that does not decode names no task here or there: the mock's 404.
    id.decode()
        .is_ok_and(|task_id| !state.tasks.contains(&task_id))
}

/// Forwards the request for task `id` to the upstream server, with the
/// request's end-to-end `headers`. Call it only when [`upstream_for`] says so.
pub async fn forward(
    state: &MockState,
    route: ApiRoute,
    id: &RawSegment,
    headers: &HeaderMap,
) -> Response {
    let task_id = id.decode().unwrap_or_default();
    let Some(upstream) = state.proxy.get() else {
        return ApiError::TaskNotFound(task_id).into_response();
    };
    let (method, path) = match route {
        ApiRoute::Status => (Method::GET, format!("/api/task/status/{}", id.raw())),
        ApiRoute::Cancel => (Method::POST, format!("/api/task/cancel/{}", id.raw())),
    };
    let passed_on = end_to_end(headers);
    let forwarded_headers = journaled(&passed_on);
    let exchange = upstream.send_with(method, &path, passed_on).await;
    let answer = match exchange.answer {
        Ok(answer) => answer,
        Err(reason) => {
            let mut response = ApiError::UpstreamUnreachable {
                upstream: exchange.url,
                reason,
                task_id,
            }
            .into_response();
            response.extensions_mut().insert(Forwarded {
                violations: Vec::new(),
                headers: forwarded_headers,
            });
            return response;
        }
    };
    let violations: Vec<String> = violations(route, &answer, &task_id)
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut response = Response::new(answer.body.clone().into());
    *response.status_mut() = answer.status;
    for (name, value) in &answer.headers {
        if returned(name) {
            response.headers_mut().append(name.clone(), value.clone());
        }
    }
    if !violations.is_empty()
        && let Ok(value) = HeaderValue::from_str(&header_text(&violations))
    {
        response.headers_mut().insert(VIOLATIONS_HEADER, value);
    }
    response.extensions_mut().insert(Forwarded {
        violations,
        headers: forwarded_headers,
    });
    response
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
        crate::contract::Level::ClientSafe,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_end_to_end_headers_are_passed_on() {
        let mut request = HeaderMap::new();
        for (name, value) in [
            ("host", "mock.local:8080"),
            ("connection", "keep-alive, x-hop"),
            ("keep-alive", "timeout=5"),
            ("x-hop", "1"),
            ("transfer-encoding", "chunked"),
            ("authorization", "Bearer s3cret"),
            ("cookie", "session=abc"),
            ("x-request-id", "r-1"),
            ("accept-language", "de"),
        ] {
            request.append(
                header::HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        let kept = end_to_end(&request);
        let names: Vec<&str> = kept.keys().map(|name| name.as_str()).collect();
        assert_eq!(
            names,
            ["authorization", "cookie", "x-request-id", "accept-language"]
        );
        assert_eq!(
            journaled(&kept),
            [
                "authorization: [redacted]",
                "cookie: [redacted]",
                "x-request-id: r-1",
                "accept-language: de"
            ]
        );
    }
}
