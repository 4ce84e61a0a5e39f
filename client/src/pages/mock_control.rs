//! The few calls the app makes to the mock server's control API: list its
//! tasks and create a demo task. Against a real QMail server these fail, and
//! the app simply hides the task list.

use crate::api::client::{body_of, network_error};
use crate::api::error::ApiError;
use crate::api::response::{read_status, read_status_list};
use gloo_net::http::Request;
use task_api::TaskStatus;

/// Whether `base` is the mock: its `GET /__mock/health` answers 200. Pages
/// show their mock-only controls (new demo tasks) only then, never in front
/// of a real QMail server where they could only fail.
pub async fn is_mock(base: &str) -> bool {
    Request::get(&format!("{base}/__mock/health"))
        .send()
        .await
        .is_ok_and(|response| response.ok())
}

/// `GET {base}/__mock/tasks`.
pub async fn list_tasks(base: &str) -> Result<Vec<TaskStatus>, ApiError> {
    let response = Request::get(&format!("{base}/__mock/tasks"))
        .send()
        .await
        .map_err(network_error)?;
    let (status, body) = body_of(response).await?;
    if status != 200 {
        return Err(ApiError::Rejected {
            status,
            message: "the control API is not available".to_owned(),
        });
    }
    read_status_list(status, &body)
}

/// `POST {base}/__mock/tasks` with the given script, a JSON object as text
/// (e.g. `{}` for defaults).
pub async fn create_task(base: &str, script: &str) -> Result<TaskStatus, ApiError> {
    let request = Request::post(&format!("{base}/__mock/tasks"))
        .header("Content-Type", "application/json")
        .body(script)
        .map_err(|error| ApiError::BadBody {
            status: 0,
            detail: error.to_string(),
        })?;
    let response = request.send().await.map_err(network_error)?;
    let (status, body) = body_of(response).await?;
    match status {
        201 => read_status(200, &body),
        _ => Err(read_status(status, &body)
            .err()
            .unwrap_or(ApiError::Rejected {
                status,
                message: body,
            })),
    }
}
