//! The control API under `/__mock/`: scripted tasks, the manual clock,
//! faults and the request journal.

use crate::engine::clock::{ClockMode, Millis, iso8601};
use crate::engine::faults::FaultSpec;
use crate::engine::journal::JournalQuery;
use crate::engine::new_task::{MAX_SCRIPT_MS, NewTask};
use crate::http::api::json_body_response;
use crate::http::cors::Area;
use crate::http::errors::ApiError;
use crate::http::request::{RawSegment, json_body, method, query};
use crate::http::route_table;
use crate::http::state::{SharedState, with_state};
use serde::{Deserialize, Serialize};
use serde_json::json;
use warp::http::{HeaderValue, Method, StatusCode, header};
use warp::reply::Response;
use warp::{Filter, Rejection, Reply};

/// Every control route, behind the origin check.
pub fn routes(state: SharedState) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    let tasks = create_task(state.clone())
        .or(list_tasks(state.clone()))
        .unify()
        .or(clear_tasks(state.clone()))
        .unify()
        .or(get_task(state.clone()))
        .unify()
        .or(delete_task(state.clone()))
        .unify();
    let clock = read_clock(state.clone())
        .or(advance_clock(state.clone()))
        .unify();
    let faults = add_fault(state.clone())
        .or(list_faults(state.clone()))
        .unify()
        .or(clear_faults(state.clone()))
        .unify()
        .or(delete_fault(state.clone()))
        .unify();
    let journal = list_requests(state.clone())
        .or(clear_requests(state.clone()))
        .unify();
    let scenario = export_scenario(state.clone())
        .or(reset(state.clone()))
        .unify();
    warp::path("__mock").and(allowed_caller(state.clone())).and(
        tasks
            .or(clock)
            .unify()
            .or(faults)
            .unify()
            .or(journal)
            .unify()
            .or(scenario)
            .unify()
            .or(health(state))
            .unify(),
    )
}

/// Refuses requests addressed to a foreign `Host` (DNS rebinding) and
/// requests from web pages whose origin the CORS policy does not allow.
fn allowed_caller(state: SharedState) -> impl Filter<Extract = (), Error = Rejection> + Clone {
    warp::header::headers_cloned()
        .and_then(move |headers: warp::http::HeaderMap| {
            let text = |name| {
                headers
                    .get(name)
                    .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
            };
            let (host, origin) = (text(header::HOST), text(header::ORIGIN));
            let outcome = if !state.hosts.allows(host.as_deref()) {
                Err(ApiError::HostForbidden(host.unwrap_or_default()))
            } else {
                match origin {
                    Some(origin) if !state.cors.allows(&origin, Area::Control) => {
                        Err(ApiError::OriginForbidden {
                            origin,
                            area: Area::Control,
                        })
                    }
                    _ => Ok(()),
                }
            };
            std::future::ready(outcome.map_err(warp::reject::custom))
        })
        .untuple_one()
}

/// POST /__mock/tasks
fn create_task(
    state: SharedState,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("tasks")
        .and(method(Method::POST, route_table::TASKS.allow))
        .and(json_body::<NewTask>())
        .and(with_state(state))
        .map(|new: Result<NewTask, ApiError>, state: SharedState| {
            new.and_then(|new| {
                new.into_parts_in(state.dialect.get())
                    .map_err(ApiError::from)
            })
            .and_then(|(id, script)| {
                let location = task_api::status_path(&id);
                state
                    .tasks
                    .create(id, script, &state.clock)
                    .map(|status| (location, status))
                    .map_err(ApiError::from)
            })
            .map(|(location, status)| {
                let mut response = json_body_response(status);
                *response.status_mut() = StatusCode::CREATED;
                if let Ok(value) = HeaderValue::from_str(&location) {
                    response.headers_mut().insert(header::LOCATION, value);
                }
                response
            })
            .unwrap_or_else(Reply::into_response)
        })
}

/// GET /__mock/tasks
fn list_tasks(state: SharedState) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("tasks")
        .and(method(Method::GET, route_table::TASKS.allow))
        .and(with_state(state))
        .map(|state: SharedState| json_body_response(state.tasks.list_json(&state.clock)))
}

/// DELETE /__mock/tasks
fn clear_tasks(
    state: SharedState,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("tasks")
        .and(method(Method::DELETE, route_table::TASKS.allow))
        .and(with_state(state))
        .map(|state: SharedState| removed(state.tasks.clear()))
}

/// GET /__mock/tasks/{id}
fn get_task(state: SharedState) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("tasks" / RawSegment)
        .and(method(Method::GET, route_table::TASK.allow))
        .and(with_state(state))
        .map(|id: RawSegment, state: SharedState| {
            id.decode()
                .and_then(|id| {
                    state
                        .tasks
                        .status_json(&id, &state.clock)
                        .ok_or(ApiError::TaskNotFound(id))
                })
                .map(json_body_response)
                .unwrap_or_else(Reply::into_response)
        })
}

/// DELETE /__mock/tasks/{id}
fn delete_task(
    state: SharedState,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("tasks" / RawSegment)
        .and(method(Method::DELETE, route_table::TASK.allow))
        .and(with_state(state))
        .map(|id: RawSegment, state: SharedState| {
            id.decode()
                .and_then(|id| {
                    if state.tasks.remove(&id) {
                        Ok(removed(1))
                    } else {
                        Err(ApiError::TaskNotFound(id))
                    }
                })
                .unwrap_or_else(Reply::into_response)
        })
}

/// GET /__mock/clock
fn read_clock(state: SharedState) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("clock")
        .and(method(Method::GET, route_table::CLOCK.allow))
        .and(with_state(state))
        .map(|state: SharedState| clock_body(&state))
}

/// POST /__mock/clock/advance
fn advance_clock(
    state: SharedState,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("clock" / "advance")
        .and(method(Method::POST, route_table::CLOCK_ADVANCE.allow))
        .and(json_body::<Advance>())
        .and(with_state(state))
        .map(|advance: Result<Advance, ApiError>, state: SharedState| {
            let advance = match advance {
                Ok(advance) => advance,
                Err(error) => return error.into_response(),
            };
            if advance.ms > MAX_SCRIPT_MS {
                return ApiError::invalid_field(
                    "ms",
                    format!(
                        "ms must be at most {MAX_SCRIPT_MS} (30 days), not {}",
                        advance.ms
                    ),
                )
                .into_response();
            }
            match state.clock.advance(advance.ms) {
                Ok(_) => clock_body(&state),
                Err(_) => ApiError::ClockNotManual.into_response(),
            }
        })
}

/// POST /__mock/faults
fn add_fault(state: SharedState) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("faults")
        .and(method(Method::POST, route_table::FAULTS.allow))
        .and(json_body::<FaultSpec>())
        .and(with_state(state))
        .map(|spec: Result<FaultSpec, ApiError>, state: SharedState| {
            spec.and_then(|spec| state.faults.add(spec).map_err(ApiError::from))
                .map(|fault| {
                    warp::reply::with_status(warp::reply::json(&fault), StatusCode::CREATED)
                        .into_response()
                })
                .unwrap_or_else(Reply::into_response)
        })
}

/// GET /__mock/faults
fn list_faults(
    state: SharedState,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("faults")
        .and(method(Method::GET, route_table::FAULTS.allow))
        .and(with_state(state))
        .map(|state: SharedState| warp::reply::json(&state.faults.list()).into_response())
}

/// DELETE /__mock/faults
fn clear_faults(
    state: SharedState,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("faults")
        .and(method(Method::DELETE, route_table::FAULTS.allow))
        .and(with_state(state))
        .map(|state: SharedState| removed(state.faults.clear()))
}

/// DELETE /__mock/faults/{id}
fn delete_fault(
    state: SharedState,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("faults" / u64)
        .and(method(Method::DELETE, route_table::FAULT.allow))
        .and(with_state(state))
        .map(|id: u64, state: SharedState| {
            if state.faults.remove(id) {
                removed(1)
            } else {
                ApiError::FaultNotFound(id).into_response()
            }
        })
}

/// GET /__mock/requests?method=GET&path=/api/task/status/{id}&since=N
fn list_requests(
    state: SharedState,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("requests")
        .and(method(Method::GET, route_table::REQUESTS.allow))
        .and(query::<JournalQuery>())
        .and(with_state(state))
        .map(
            |query: Result<JournalQuery, ApiError>, state: SharedState| match query {
                Ok(query) => warp::reply::json(&state.journal.list(&query)).into_response(),
                Err(error) => error.into_response(),
            },
        )
}

/// DELETE /__mock/requests
fn clear_requests(
    state: SharedState,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("requests")
        .and(method(Method::DELETE, route_table::REQUESTS.allow))
        .and(with_state(state))
        .map(|state: SharedState| removed(state.journal.clear()))
}

/// GET /__mock/scenario: the tasks and fault rules in force, in the format
/// of a scenario file.
fn export_scenario(
    state: SharedState,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("scenario")
        .and(method(Method::GET, route_table::SCENARIO.allow))
        .and(with_state(state))
        .map(|state: SharedState| warp::reply::json(&state.export_scenario()).into_response())
}

/// POST /__mock/reset: back to the loaded scenario in one call.
fn reset(state: SharedState) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("reset")
        .and(method(Method::POST, route_table::RESET.allow))
        .and(with_state(state))
        .map(|state: SharedState| warp::reply::json(&state.reset()).into_response())
}

/// GET /__mock/health
fn health(state: SharedState) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path!("health")
        .and(method(Method::GET, route_table::HEALTH.allow))
        .and(with_state(state))
        .map(|state: SharedState| {
            warp::reply::json(&json!({
                "status": "ok",
                "tasks": state.tasks.len(),
                "clock": state.clock.mode(),
                "scenario": state.scenario_health(),
            }))
            .into_response()
        })
}

fn removed(count: usize) -> Response {
    warp::reply::json(&json!({ "removed": count })).into_response()
}

/// The body of `GET /__mock/clock`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ClockReading {
    pub mode: ClockMode,
    pub now: String,
    pub now_ms: Millis,
    pub time_scale: f64,
}

fn clock_body(state: &SharedState) -> Response {
    let now = state.clock.now();
    warp::reply::json(&ClockReading {
        mode: state.clock.mode(),
        now: iso8601(now),
        now_ms: now,
        time_scale: state.clock.time_scale(),
    })
    .into_response()
}

/// The body of `POST /__mock/clock/advance`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    ms: Millis,
}
