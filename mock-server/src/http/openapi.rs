//! `GET /api/openapi.json`: an OpenAPI 3.1 description of everything the mock
//! serves. `tests/openapi.rs` keeps it true; `scripts/fuzz` fuzzes the server
//! against it.

use crate::http::request::method;
use warp::http::{HeaderValue, Method, header};
use warp::reply::Response;
use warp::{Filter, Rejection};

/// The document, as written in `mock-server/openapi.json`.
pub const OPENAPI_JSON: &str = include_str!("../../openapi.json");

/// GET /api/openapi.json
pub fn route() -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("api" / "openapi.json")
        .and(method(Method::GET, crate::http::route_table::OPENAPI.allow))
        .map(|| {
            let mut response = Response::new(OPENAPI_JSON.into());
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        })
}
