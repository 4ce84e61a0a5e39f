//! The whole server as one warp filter: CORS preflights, the task API, the
//! control API, JSON errors for everything else, CORS headers and the journal.

use crate::api::{self, AppliedFault};
use crate::control;
use crate::cors::Area;
use crate::errors::{ApiError, handle_rejection};
use crate::journal::Record;
use crate::proxy::Forwarded;
use crate::state::{MockState, SharedState, with_state};
use std::convert::Infallible;
use warp::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use warp::path::FullPath;
use warp::reply::Response;
use warp::{Filter, Rejection, Reply};

/// Every route of the mock server.
pub fn routes(
    state: SharedState,
) -> impl Filter<Extract = (Response,), Error = Infallible> + Clone {
    // The task API is tried first and kept unboxed: it is the hot path. The
    // control routes are boxed so their large combined future does not make
    // every status read's future larger.
    let endpoints = api::routes(state.clone())
        .or(preflight(state.clone()))
        .unify()
        .or(crate::openapi::route())
        .unify()
        .or(control::routes(state.clone()).boxed())
        .unify()
        .recover(handle_rejection)
        .unify();
    warp::method()
        .and(warp::path::full())
        .and(warp::header::optional::<String>("origin"))
        .and(endpoints)
        .and(with_state(state))
        .map(
            |method: Method,
             path: FullPath,
             origin: Option<String>,
             response: Response,
             state: SharedState| {
                finish(&method, path.as_str(), origin.as_deref(), response, &state)
            },
        )
        // Only an Origin header that is not text gets here.
        .recover(handle_rejection)
        .unify()
}

/// OPTIONS on a path the mock serves: a CORS preflight, granted to allowed
/// origins only. On any other path it is a 404, like every other method.
fn preflight(state: SharedState) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    only_options()
        .and(warp::path::full())
        .and_then(|path: FullPath| {
            std::future::ready(if is_routed(path.as_str()) {
                Ok(path)
            } else {
                Err(warp::reject::not_found())
            })
        })
        .and(warp::header::headers_cloned())
        .and(with_state(state))
        .map(|path: FullPath, headers: HeaderMap, state: SharedState| {
            let area = Area::of_path(path.as_str());
            match origin_of(&headers) {
                Some(origin) if !state.cors.allows(&origin, area) => {
                    ApiError::OriginForbidden { origin, area }.into_response()
                }
                origin => {
                    let mut response =
                        warp::reply::with_status(warp::reply(), StatusCode::NO_CONTENT)
                            .into_response();
                    let headers = response.headers_mut();
                    headers.insert(
                        header::ALLOW,
                        HeaderValue::from_static(crate::cors::ALLOWED_METHODS),
                    );
                    if origin.is_some() {
                        state.cors.add_preflight_headers(headers);
                    }
                    response
                }
            }
        })
}

/// Whether `path` is one the mock has a route for.
fn is_routed(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match segments.as_slice() {
        ["api", "task", "status" | "cancel", id] => !id.is_empty(),
        ["api", "openapi.json"] => true,
        [
            "__mock",
            "tasks" | "faults" | "clock" | "requests" | "health",
        ] => true,
        ["__mock", "tasks" | "faults", id] => !id.is_empty(),
        ["__mock", "clock", "advance"] => true,
        _ => false,
    }
}

/// Passes OPTIONS requests; others fall through to the routes as not found,
/// so a wrong path is a 404 rather than a 405.
fn only_options() -> impl Filter<Extract = (), Error = Rejection> + Clone {
    warp::method()
        .and_then(|method: Method| {
            std::future::ready(if method == Method::OPTIONS {
                Ok(())
            } else {
                Err(warp::reject::not_found())
            })
        })
        .untuple_one()
}

/// Adds CORS headers and records the request in the journal.
pub fn finish(
    method: &Method,
    path: &str,
    origin: Option<&str>,
    mut response: Response,
    state: &MockState,
) -> Response {
    tracing::debug!(%method, path, status = response.status().as_u16(), "request");
    let area = Area::of_path(path);
    state.cors.add_headers(origin, area, response.headers_mut());
    // Reading the journal is not itself journaled, so polling it changes nothing.
    if path != "/__mock/requests" {
        state.journal.record(Record {
            method,
            path,
            status: response.status().as_u16(),
            at_ms: state.clock.now(),
            fault: response.extensions().get::<AppliedFault>().map(|f| f.0),
            origin,
            violations: response
                .extensions()
                .get::<Forwarded>()
                .map(|forwarded| forwarded.0.as_slice()),
        });
    }
    response
}

fn origin_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::ORIGIN)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
}
