//! The documented task API: `GET /api/task/status/{id}` and
//! `POST /api/task/cancel/{id}`, with injected faults applied.

use crate::engine::dialect::Dialect;
use crate::engine::faults::{ApiRoute, FaultKind};
use crate::engine::task::CancelDecision;
use crate::http::errors::ApiError;
use crate::http::proxy;
use crate::http::request::{RawSegment, method};
use crate::http::route_table;
use crate::http::state::{SharedState, with_state};
use std::time::Duration;
use task_api::CancelAccepted;
use warp::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use warp::reply::Response;
use warp::{Filter, Rejection, Reply};

/// The fault that shaped a response, for the journal.
#[derive(Clone, Copy, Debug)]
pub struct AppliedFault(pub &'static str);

/// Marks a response that never reaches the client (its connection is closed
/// first), so the journal records no status for it.
#[derive(Clone, Copy, Debug)]
pub struct NoAnswer;

/// Both task API routes.
pub fn routes(state: SharedState) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    task_status(state.clone()).or(task_cancel(state)).unify()
}

/// GET /api/task/status/{id}
pub fn task_status(
    state: SharedState,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("api" / "task" / "status" / RawSegment)
        .and(method(Method::GET, route_table::TASK_STATUS.allow))
        .and(with_state(state))
        .and(warp::header::headers_cloned())
        .then(|id, state, headers: HeaderMap| async move { status(id, state, &headers).await })
}

/// POST /api/task/cancel/{id}
pub fn task_cancel(
    state: SharedState,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("api" / "task" / "cancel" / RawSegment)
        .and(method(Method::POST, route_table::TASK_CANCEL.allow))
        .and(with_state(state))
        .and(warp::header::headers_cloned())
        .then(|id, state, headers: HeaderMap| async move { cancel(id, state, &headers).await })
}

/// Answers `GET /api/task/status/{id}`; `headers` are the request's, for
/// an id forwarded to the `--proxy-to` server.
pub async fn status(id: RawSegment, state: SharedState, headers: &HeaderMap) -> Response {
    let fault = state.faults.pick(ApiRoute::Status);
    if proxy::upstream_for(&state, &id) {
        let forwarded = proxy::forward(&state, ApiRoute::Status, &id, headers);
        return with_fault_on(&state, fault, "status", &id, forwarded).await;
    }
    with_fault(&state, fault, "status", &id, || {
        let id = id.decoded()?;
        match state.tasks.status_json(&id, &state.clock) {
            Some(json) => Ok(json_body_response(json)),
            None => Err(ApiError::TaskNotFound(id.into_owned())),
        }
    })
    .await
}

async fn cancel(id: RawSegment, state: SharedState, headers: &HeaderMap) -> Response {
    let fault = state.faults.pick(ApiRoute::Cancel);
    if proxy::upstream_for(&state, &id) {
        let forwarded = proxy::forward(&state, ApiRoute::Cancel, &id, headers);
        return with_fault_on(&state, fault, "cancellation", &id, forwarded).await;
    }
    with_fault(&state, fault, "cancellation", &id, || {
        let id = id.decode()?;
        match state.tasks.cancel(&id, &state.clock) {
            Some(CancelDecision::Accepted) => Ok(json_response(&CancelAccepted::new(id))),
            Some(CancelDecision::AlreadyFinished(state)) => {
                Err(ApiError::AlreadyFinished { task_id: id, state })
            }
            None => Err(ApiError::TaskNotFound(id)),
        }
    })
    .await
}

/// Answers with `answer`, unless `fault` says otherwise.
async fn with_fault(
    state: &SharedState,
    fault: Option<FaultKind>,
    what: &'static str,
    id: &RawSegment,
    answer: impl FnOnce() -> Result<Response, ApiError>,
) -> Response {
    let Some(fault) = fault else {
        // The hot path: no future to build around the answer.
        return answer().unwrap_or_else(|error| error_response(state, error));
    };
    with_fault_on(state, Some(fault), what, id, async move {
        answer().unwrap_or_else(|error| error_response(state, error))
    })
    .await
}

/// A task API error in the dialect in force.
fn error_response(state: &SharedState, error: ApiError) -> Response {
    match state.dialect.get() {
        Dialect::Document => error.into_response(),
        Dialect::Shipping => error.into_shipping_response(),
    }
}

/// Answers with `answer` (awaited only if the fault lets the request take
/// effect), unless `fault` says otherwise.
async fn with_fault_on(
    state: &SharedState,
    fault: Option<FaultKind>,
    what: &'static str,
    id: &RawSegment,
    answer: impl Future<Output = Response>,
) -> Response {
    let Some(fault) = fault else {
        return answer.await;
    };
    let mut response = match fault {
        FaultKind::Delay { ms } => {
            // The request takes effect when it arrives and only its answer
            // is late, as on a slow network: a reset meanwhile is not undone
            // by a request that came before it.
            let answer = answer.await;
            tokio::time::sleep(Duration::from_millis(ms)).await;
            answer
        }
        FaultKind::Status { code } => error_response(
            state,
            ApiError::Injected {
                // Every code from 400 to 599 is a valid status.
                status: StatusCode::from_u16(code.as_u16())
                    .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                what,
                task_id: id.lossy(),
            },
        ),
        FaultKind::Drop => dropped_connection(),
        FaultKind::Hang => {
            // Never answers. A client that gives up closes the connection and
            // hyper drops this future; a stopping server lets go of it.
            state.stopped().await;
            dropped_connection()
        }
        FaultKind::Malformed => {
            // The request takes effect (a cancel is accepted); only the
            // answer is broken, as a server with a bad serializer would.
            drop(answer.await);
            malformed_json()
        }
    };
    response.extensions_mut().insert(AppliedFault(fault.name()));
    response
}

/// A 200 JSON answer, serialized into a buffer sized for a status object
/// (`warp::reply::json` starts smaller and grows it several times).
fn json_response<T: serde::Serialize>(value: &T) -> Response {
    let mut body = Vec::with_capacity(512);
    if serde_json::to_writer(&mut body, value).is_err() {
        return ApiError::Internal.into_response();
    }
    json_body_response(body)
}

/// A 200 answer with `body`, already JSON.
pub fn json_body_response(body: Vec<u8>) -> Response {
    let mut response = Response::new(body.into());
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// A response whose body fails before its first byte, so the server closes
/// the connection without answering.
fn dropped_connection() -> Response {
    let failing = futures_util::stream::once(std::future::ready(Err::<bytes::Bytes, _>(
        std::io::Error::other("connection dropped by an injected fault"),
    )));
    let mut response = warp::reply::stream(failing).into_response();
    response.extensions_mut().insert(NoAnswer);
    response
}

/// A 200 whose body is cut off in the middle of a JSON object.
fn malformed_json() -> Response {
    let mut response = Response::new(r#"{"task_id": "#.into());
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
