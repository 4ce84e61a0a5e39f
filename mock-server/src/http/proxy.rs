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
use crate::engine::clock::Millis;
use crate::engine::faults::ApiRoute;
use crate::engine::recording::Recorder;
use crate::http::cors::Area;
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

/// Headers that belong to one connection, not to the message (RFC 9110
/// section 7.6.1): never passed on, either way.
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// Request headers the proxy sets itself: `Host` is the upstream's own, the
/// request goes without a body, and `Accept-Encoding` stays behind because
/// the answer is checked against the document as JSON, so it must come
/// uncompressed.
const SET_BY_THE_PROXY: [&str; 4] = ["host", "content-length", "content-type", "accept-encoding"];

/// Request headers that carry credentials: their values are never
/// journaled, and they are not passed on for a page whose origin the CORS
/// policy refuses (a cancel is a POST a browser sends from any page without
/// asking first, with the user's cookies).
const SECRET: [&str; 5] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "x-api-key",
    "x-auth-token",
];

/// A journaled header value longer than this is cut, so one request with
/// large headers cannot push every other entry out of the journal.
const JOURNALED_VALUE_BYTES: usize = 256;
/// At most this many forwarded headers are journaled per request.
const JOURNALED_HEADERS: usize = 32;

/// The names `Connection` lists in `headers`: hop-by-hop too.
fn named_in_connection(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|name| name.trim().to_ascii_lowercase())
        .collect()
}

/// The headers of `request` that go on to the upstream server; without
/// credentials when `credentials` is false.
pub fn end_to_end(request: &HeaderMap, credentials: bool) -> HeaderMap {
    let named = named_in_connection(request);
    let mut kept = HeaderMap::new();
    for (name, value) in request {
        let name_text = name.as_str();
        let passed = !HOP_BY_HOP.contains(&name_text)
            && !SET_BY_THE_PROXY.contains(&name_text)
            && !named.iter().any(|n| n == name_text)
            && (credentials || !SECRET.contains(&name_text));
        if passed {
            kept.append(name.clone(), value.clone());
        }
    }
    kept
}

/// The headers as the journal lists them: secrets redacted, long values cut.
fn journaled(headers: &HeaderMap) -> Vec<String> {
    headers
        .iter()
        .take(JOURNALED_HEADERS)
        .map(|(name, value)| {
            if SECRET.contains(&name.as_str()) {
                return format!("{name}: [redacted]");
            }
            let value = String::from_utf8_lossy(value.as_bytes());
            let mut end = value.len().min(JOURNALED_VALUE_BYTES);
            while !value.is_char_boundary(end) {
                end -= 1;
            }
            let cut = if end < value.len() { "…" } else { "" };
            format!("{name}: {}{cut}", &value[..end])
        })
        .collect()
}

/// Whether an upstream answer's header comes back to the client: not a
/// hop-by-hop one (nor one its `Connection` names), not a CORS one (the
/// mock's own policy answers the browser), and not a violations list (only
/// the mock's own judgement goes under that name).
fn returned(name: &header::HeaderName, named: &[String]) -> bool {
    let name = name.as_str();
    name != "content-length"
        && !HOP_BY_HOP.contains(&name)
        && !named.iter().any(|n| n == name)
        && !name.starts_with("access-control-")
        && name != VIOLATIONS_HEADER
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
    let task_id = id.lossy();
    let Some(upstream) = state.proxy.get() else {
        return ApiError::TaskNotFound(task_id).into_response();
    };
    let (method, path) = match route {
        ApiRoute::Status => (Method::GET, format!("/api/task/status/{}", id.raw())),
        ApiRoute::Cancel => (Method::POST, format!("/api/task/cancel/{}", id.raw())),
    };
    // A page the CORS policy refuses gets its request through (a browser
    // sends a simple POST without asking), but not its user's credentials.
    let credentials = headers.get(header::ORIGIN).is_none_or(|origin| {
        state
            .cors
            .allows(&String::from_utf8_lossy(origin.as_bytes()), Area::TaskApi)
    });
    let passed_on = end_to_end(headers, credentials);
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
    if let Some(recorder) = state.recorder.get() {
        record(recorder, state.clock.now(), route, &answer, &task_id);
    }
    let violations: Vec<String> = violations(route, &answer, &task_id)
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut response = Response::new(answer.body.clone().into());
    *response.status_mut() = answer.status;
    let named = named_in_connection(&answer.headers);
    for (name, value) in &answer.headers {
        if returned(name, &named) {
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

/// Hands an upstream answer to the `--record` recorder; a file that cannot
/// be written is logged, and the answer still goes back.
fn record(recorder: &Recorder, now: Millis, route: ApiRoute, answer: &Answer, task_id: &str) {
    let code = answer.status.as_u16();
    let body = answer.json().ok();
    let written = match (route, code, body) {
        (ApiRoute::Status, 200, Some(body)) => recorder.status(task_id, now, body),
        (ApiRoute::Cancel, _, body) => {
            let dialect = match body {
                Some(body) if matches!(code, 400 | 404) => recorder.error_body(&body),
                _ => Ok(()),
            };
            dialect.and_then(|()| recorder.cancel(task_id, now, code))
        }
        (ApiRoute::Status, 404, Some(body)) => recorder.error_body(&body),
        _ => Ok(()),
    };
    if let Err(error) = written {
        tracing::warn!(%error, "could not write the --record file");
    }
}

/// The findings of one answer, judged as `mock-server verify` judges it.
fn violations(route: ApiRoute, answer: &Answer, task_id: &str) -> Vec<Finding> {
    let code = answer.status.as_u16();
    let findings = match (route, code) {
        (ApiRoute::Status, 200) => checks::status_object(answer, task_id).0,
        (ApiRoute::Status, 404) => checks::status_not_found(answer, task_id),
        (ApiRoute::Cancel, 404) => checks::not_found(answer, task_id),
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
            ("accept-encoding", "gzip, br"),
        ] {
            request.append(
                header::HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        let kept = end_to_end(&request, true);
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
        let without = end_to_end(&request, false);
        let names: Vec<&str> = without.keys().map(|name| name.as_str()).collect();
        assert_eq!(names, ["x-request-id", "accept-language"]);
    }

    #[test]
    fn a_long_header_is_journaled_cut() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::HeaderName::from_static("x-big"),
            HeaderValue::from_str(&"é".repeat(4_000)).unwrap_or(HeaderValue::from_static("")),
        );
        let listed = journaled(&headers);
        assert!(
            listed[0].len() < JOURNALED_VALUE_BYTES + 16,
            "{}",
            listed[0].len()
        );
        assert!(listed[0].ends_with('…'));
    }

    #[test]
    fn the_upstreams_own_hop_by_hop_and_violations_headers_stay_behind() {
        let named = vec!["x-secret-hop".to_owned()];
        for name in [
            "x-secret-hop",
            "connection",
            "keep-alive",
            "transfer-encoding",
            VIOLATIONS_HEADER,
            "access-control-allow-origin",
        ] {
            assert!(
                !returned(&header::HeaderName::from_static(name), &named),
                "{name}"
            );
        }
        for name in ["content-type", "x-upstream", "set-cookie", "cache-control"] {
            assert!(
                returned(&header::HeaderName::from_static(name), &named),
                "{name}"
            );
        }
    }
}
