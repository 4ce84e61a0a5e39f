//! The whole server as one warp filter: CORS preflights, the task API, the
//! control API, JSON errors for everything else, CORS headers and the journal.

use crate::engine::journal::Record;
use crate::http::api::{self, AppliedFault, NoAnswer};
use crate::http::control;
use crate::http::cors::Area;
use crate::http::errors::{ApiError, handle_rejection};
use crate::http::proxy::Forwarded;
use crate::http::route_table::{Route, route_of};
use crate::http::state::{MockState, SharedState, with_state};
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
        .or(crate::http::openapi::route())
        .unify()
        .or(control::routes(state.clone()).boxed())
        .unify()
        .recover(handle_rejection)
        .unify();
    warp::method()
        .and(warp::path::full())
        .and(warp::header::headers_cloned())
        .and(endpoints)
        .and(with_state(state))
        .map(
            |method: Method,
             path: FullPath,
             headers: HeaderMap,
             response: Response,
             state: SharedState| {
                let origin = origin_of(&headers);
                finish(&method, path.as_str(), origin.as_deref(), response, &state)
            },
        )
}

/// OPTIONS on a path the mock serves: a CORS preflight, granted to allowed
/// origins only, for the methods the path's route takes. On any other path
/// it is a 404, like every other method.
fn preflight(state: SharedState) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    only_options()
        .and(warp::path::full())
        .and_then(|path: FullPath| {
            std::future::ready(
                route_of(path.as_str())
                    .map(|route| (path, route))
                    .ok_or_else(warp::reject::not_found),
            )
        })
        .untuple_one()
        .and(warp::header::headers_cloned())
        .and(with_state(state))
        .map(
            |path: FullPath, route: Route, headers: HeaderMap, state: SharedState| {
                let area = Area::of_path(path.as_str());
                match origin_of(&headers) {
                    Some(origin) if !state.cors.allows(&origin, area) => {
                        ApiError::OriginForbidden { origin, area }.into_response()
                    }
                    origin => {
                        let mut response =
                            warp::reply::with_status(warp::reply(), StatusCode::NO_CONTENT)
                                .into_response();
                        let methods = HeaderValue::from_str(&format!("{}, OPTIONS", route.allow))
                            .unwrap_or_else(|_| HeaderValue::from_static("OPTIONS"));
                        let headers = response.headers_mut();
                        if origin.is_some() {
                            state.cors.add_preflight_headers(headers, methods.clone());
                        }
                        headers.insert(header::ALLOW, methods);
                        response
                    }
                }
            },
        )
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
    if route_of(path) != Some(crate::http::route_table::REQUESTS) {
        state.journal.record(Record {
            method: method.as_str(),
            path,
            status: match response.extensions().get::<NoAnswer>() {
                Some(NoAnswer) => None,
                None => Some(response.status().as_u16()),
            },
            at_ms: state.clock.now(),
            fault: response.extensions().get::<AppliedFault>().map(|f| f.0),
            origin,
            violations: response
                .extensions()
                .get::<Forwarded>()
                .map(|forwarded| forwarded.violations.as_slice()),
            forwarded_headers: response
                .extensions()
                .get::<Forwarded>()
                .map(|forwarded| forwarded.headers.as_slice()),
        });
    }
    response
}

/// The `Origin` header as text, read the same way on every path (the status
/// fast path of `service` included): bytes that are not UTF-8 read
/// as U+FFFD, which no allowed origin contains.
pub fn origin_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::ORIGIN)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
}
