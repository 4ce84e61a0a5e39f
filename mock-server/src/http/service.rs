//! The mock as a hyper service. A status read, the mock's hot path, goes
//! straight to its handler; every other request goes through the warp filter
//! of [`routes`](crate::http::routes). Both end in the same handler and the same
//! [`finish`](crate::http::routes::finish) (CORS headers, journal), so they answer
//! alike; the hot path only skips the matching of the other routes.

use crate::http::api;
use crate::http::request::RawSegment;
use crate::http::routes::{finish, origin_of};
use crate::http::state::SharedState;
use hyper::body::Incoming;
use hyper::service::Service;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use warp::http::{Method, Request};
use warp::reply::Response;

type Answer = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

/// Answers status reads itself and hands everything else to `routes`.
#[derive(Clone)]
pub struct MockService<S> {
    state: SharedState,
    routes: S,
}

impl<S> MockService<S> {
    pub fn new(state: SharedState, routes: S) -> Self {
        MockService { state, routes }
    }
}

/// The id of `GET /api/task/status/{id}` when `path` is exactly that, still
/// percent-encoded; anything else (more segments, an empty id) is `None`.
fn status_id(path: &str) -> Option<&str> {
    let id = path.strip_prefix("/api/task/status/")?;
    (!id.is_empty() && !id.contains('/')).then_some(id)
}

impl<S> Service<Request<Incoming>> for MockService<S>
where
    S: Service<Request<Incoming>, Response = Response, Error = Infallible>,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Answer;

    fn call(&self, request: Request<Incoming>) -> Answer {
        let hot = request.method() == Method::GET && status_id(request.uri().path()).is_some();
        if !hot {
            return Box::pin(self.routes.call(request));
        }
        let state = self.state.clone();
        Box::pin(async move {
            let path = request.uri().path();
            let id = RawSegment::from_raw(status_id(path).unwrap_or_default());
            let origin = origin_of(request.headers());
            let response = api::status(id, state.clone(), request.headers()).await;
            Ok(finish(
                &Method::GET,
                path,
                origin.as_deref(),
                response,
                &state,
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_single_nonempty_segment_is_a_status_read() {
        assert_eq!(status_id("/api/task/status/abc"), Some("abc"));
        assert_eq!(status_id("/api/task/status/a%2Fb"), Some("a%2Fb"));
        for path in [
            "/api/task/status/",
            "/api/task/status/a/b",
            "/api/task/status",
            "/api/task/cancel/a",
        ] {
            assert_eq!(status_id(path), None, "{path}");
        }
    }
}
