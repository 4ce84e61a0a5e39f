//! Every error the mock answers with, and the one place rejections become JSON.
//!
//! Error bodies follow the API document's shape, `{"error", "message",
//! "task_id"}`, with `field` added where a control API request names a bad
//! field. Nothing leaves as plain text.

use crate::engine::faults::AddFaultError;
use crate::engine::new_task::InvalidTask;
use crate::engine::store::CreateError;
use crate::http::cors::Area;
use std::convert::Infallible;
use task_api::{ErrorBody, TaskState};
use warp::http::{StatusCode, header};
use warp::reject::Reject;
use warp::reply::Response;
use warp::{Rejection, Reply};

/// Everything that can go wrong with a request.
#[derive(Clone, Debug, thiserror::Error)]
pub enum ApiError {
    #[error("No task exists with ID: {0}")]
    TaskNotFound(String),
    #[error("Task has already finished (state: {state})")]
    AlreadyFinished { task_id: String, state: TaskState },
    #[error("Server error occurred while processing the {what} request")]
    Injected {
        status: StatusCode,
        what: &'static str,
        task_id: String,
    },
    #[error("{message}")]
    InvalidField { field: String, message: String },
    #[error("The request body is not valid JSON: {0}")]
    InvalidJson(String),
    #[error("A task with ID {0} already exists")]
    DuplicateTask(String),
    #[error("The mock holds at most {limit} {what}; delete some first ({how})")]
    LimitReached {
        what: &'static str,
        limit: usize,
        how: &'static str,
    },
    #[error("No fault rule has ID {0}")]
    FaultNotFound(u64),
    #[error("The clock is real; start the mock with --clock manual to advance it")]
    ClockNotManual,
    #[error("{}", origin_forbidden(origin, *area))]
    OriginForbidden { origin: String, area: Area },
    #[error(
        "The control API answers only requests addressed to this machine; Host {0} is refused (a DNS-rebinding page would send it). Start the mock with --allow-host {host} to allow it",
        host = host_name(.0)
    )]
    HostForbidden(String),
    #[error("Send the body as JSON with the header Content-Type: application/json")]
    UnsupportedMediaType,
    #[error("The request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("{method} is not allowed here; use {allow}")]
    MethodNotAllowed { method: String, allow: &'static str },
    #[error("The query string is not valid here: {0}")]
    InvalidQuery(String),
    #[error("A request header is missing or not valid: {0}")]
    InvalidHeader(String),
    #[error("Nothing is served at this path")]
    RouteNotFound,
    #[error("Something went wrong in the mock server")]
    Internal,
    #[error("The mock forwards unknown tasks to {upstream}, which did not answer: {reason}")]
    UpstreamUnreachable {
        upstream: String,
        reason: String,
        task_id: String,
    },
}

impl Reject for ApiError {}

impl From<InvalidTask> for ApiError {
    fn from(invalid: InvalidTask) -> ApiError {
        ApiError::invalid_field(invalid.field, invalid.message)
    }
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::TaskNotFound(_) | ApiError::FaultNotFound(_) | ApiError::RouteNotFound => {
                StatusCode::NOT_FOUND
            }
            ApiError::AlreadyFinished { .. }
            | ApiError::InvalidField { .. }
            | ApiError::InvalidJson(_)
            | ApiError::InvalidQuery(_)
            | ApiError::InvalidHeader(_) => StatusCode::BAD_REQUEST,
            ApiError::Injected { status, .. } => *status,
            ApiError::DuplicateTask(_) | ApiError::ClockNotManual => StatusCode::CONFLICT,
            ApiError::LimitReached { .. } => StatusCode::INSUFFICIENT_STORAGE,
            ApiError::OriginForbidden { .. } | ApiError::HostForbidden(_) => StatusCode::FORBIDDEN,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::UpstreamUnreachable { .. } => StatusCode::BAD_GATEWAY,
        }
    }

    /// The short `error` text of the body.
    fn title(&self) -> &str {
        match self {
            ApiError::TaskNotFound(_) => "Task not found",
            ApiError::AlreadyFinished { .. } => "Cannot cancel task",
            ApiError::Injected { status, .. } if *status == StatusCode::INTERNAL_SERVER_ERROR => {
                "Internal server error"
            }
            ApiError::Injected { status, .. } => status.canonical_reason().unwrap_or("Error"),
            ApiError::InvalidField { .. } | ApiError::InvalidJson(_) => "Invalid request body",
            ApiError::DuplicateTask(_) => "Task already exists",
            ApiError::LimitReached { .. } => "Limit reached",
            ApiError::FaultNotFound(_) => "Fault not found",
            ApiError::ClockNotManual => "Clock is not manual",
            ApiError::OriginForbidden { .. } => "Origin not allowed",
            ApiError::HostForbidden(_) => "Host not allowed",
            ApiError::UnsupportedMediaType => "Unsupported media type",
            ApiError::PayloadTooLarge { .. } => "Payload too large",
            ApiError::MethodNotAllowed { .. } => "Method not allowed",
            ApiError::InvalidQuery(_) => "Invalid query",
            ApiError::InvalidHeader(_) => "Invalid header",
            ApiError::RouteNotFound => "Not found",
            ApiError::Internal => "Internal server error",
            ApiError::UpstreamUnreachable { .. } => "Upstream not reachable",
        }
    }

    fn task_id(&self) -> Option<&str> {
        match self {
            ApiError::TaskNotFound(id)
            | ApiError::AlreadyFinished { task_id: id, .. }
            | ApiError::Injected { task_id: id, .. }
            | ApiError::UpstreamUnreachable { task_id: id, .. } => Some(id),
            _ => None,
        }
    }

    fn field_name(&self) -> Option<&str> {
        match self {
            ApiError::InvalidField { field, .. } => Some(field),
            _ => None,
        }
    }

    /// A `400` naming the field at fault.
    pub fn invalid_field(field: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError::InvalidField {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl Reply for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.title().to_owned(),
            message: Some(self.to_string()),
            details: None,
            task_id: self.task_id().map(str::to_owned),
            field: self.field_name().map(str::to_owned),
        };
        let mut response =
            warp::reply::with_status(warp::reply::json(&body), self.status()).into_response();
        if let ApiError::MethodNotAllowed { allow, .. } = self {
            response
                .headers_mut()
                .insert(header::ALLOW, header::HeaderValue::from_static(allow));
        }
        response
    }
}

impl ApiError {
    /// The answer as the shipping server writes a task API error
    /// (`task-status-facts.md`): `{"error", "task_id", "status": "error",
    /// "details"}`, no `message`, and a 404 without `details`.
    pub fn into_shipping_response(self) -> Response {
        let error = match &self {
            ApiError::AlreadyFinished { .. } => "Task already finished",
            other => other.title(),
        };
        let mut body = serde_json::json!({ "error": error, "status": "error" });
        if let Some(id) = self.task_id() {
            body["task_id"] = id.into();
        }
        if !matches!(self, ApiError::TaskNotFound(_)) {
            body["details"] = self.to_string().into();
        }
        warp::reply::with_status(warp::reply::json(&body), self.status()).into_response()
    }
}

/// Turns any rejection into a JSON error.
pub async fn handle_rejection(rejection: Rejection) -> Result<Response, Infallible> {
    let error = if rejection.is_not_found() {
        ApiError::RouteNotFound
    } else if let Some(error) = rejection.find::<ApiError>() {
        return Ok(error.clone().into_response());
    } else if let Some(error) = rejection.find::<warp::reject::InvalidQuery>() {
        ApiError::InvalidQuery(error.to_string())
    } else if let Some(error) = rejection.find::<warp::reject::InvalidHeader>() {
        ApiError::InvalidHeader(error.to_string())
    } else if let Some(error) = rejection.find::<warp::reject::MissingHeader>() {
        ApiError::InvalidHeader(error.to_string())
    } else if rejection.find::<warp::reject::MethodNotAllowed>().is_some() {
        ApiError::MethodNotAllowed {
            method: "This method".to_owned(),
            allow: "GET, POST, DELETE",
        }
    } else {
        tracing::error!(?rejection, "unhandled rejection");
        ApiError::Internal
    };
    Ok(error.into_response())
}

/// The host of a `Host` header without its port: what `--allow-host` takes.
fn host_name(host: &str) -> &str {
    crate::http::authority::Authority::parse(host).map_or(host, |authority| authority.host)
}

fn origin_forbidden(origin: &str, area: Area) -> String {
    let what = match area {
        Area::TaskApi => "call the task API",
        Area::Control => "use the control API",
    };
    format!(
        "Pages from {origin} may not {what}; start the mock with --cors-origin {origin} to allow them"
    )
}

impl From<CreateError> for ApiError {
    fn from(error: CreateError) -> Self {
        match error {
            CreateError::DuplicateId(id) => ApiError::DuplicateTask(id),
            CreateError::Full { limit } => ApiError::LimitReached {
                what: "tasks",
                limit,
                how: "DELETE /__mock/tasks/{id}, or start it with a larger --max-tasks",
            },
        }
    }
}

impl From<AddFaultError> for ApiError {
    fn from(error: AddFaultError) -> Self {
        match error {
            AddFaultError::Invalid(invalid) => {
                ApiError::invalid_field(invalid.field, invalid.message)
            }
            AddFaultError::Full { limit } => ApiError::LimitReached {
                what: "fault rules",
                limit,
                how: "DELETE /__mock/faults",
            },
        }
    }
}
