//! The wire contract of the QMail task API.
//!
//! These are the JSON bodies of the two documented endpoints, shared by the
//! mock server (which sends them) and the browser client (which reads them):
//!
//! | endpoint | success body | error body |
//! |---|---|---|
//! | `GET /api/task/status/{id}` | [`TaskStatus`] | [`ErrorBody`] (404) |
//! | `POST /api/task/cancel/{id}` | [`CancelAccepted`] | [`ErrorBody`] (400, 404, 500) |
//!
//! Reading is lenient where the shipping server differs from its documentation:
//! unknown fields are ignored, an unknown state reads as [`TaskState::Unknown`],
//! and [`ErrorBody`] accepts both the documented `message` and the shipping
//! server's `details`.
//!
//! The types read through serde with the `serde` feature (on by default);
//! without it, through [`TaskStatus::from_json`] and [`ErrorBody::from_json`]
//! from a [`Json`] value built by the caller (the browser client builds it
//! with the browser's own `JSON.parse`, so its wasm carries no JSON parser).
//!
//! ```
//! use task_api::{TaskState, TaskStatus};
//!
//! let body = r#"{"task_id":"t1","state":"RUNNING","progress":40,"message":"Working",
//!     "result":null,"error":null,"created_at":"2026-01-01T00:00:00.000Z",
//!     "started_at":"2026-01-01T00:00:01.000Z","completed_at":null,
//!     "is_finished":false,"is_successful":false}"#;
//! let status: TaskStatus = serde_json::from_str(body).unwrap();
//! assert_eq!(status.state, TaskState::Running);
//! assert!(!status.state.is_finished());
//! ```

mod cancel;
mod error_body;
mod json;
mod path;
mod state;
mod status;

pub use cancel::{CANCEL_ACCEPTED_MESSAGE, CancelAccepted};
pub use error_body::ErrorBody;
pub use json::{Json, JsonNumber, write_string as write_json_string};
pub use path::{cancel_path, encode_path_segment, status_path};
pub use state::TaskState;
pub use status::{StatusError, TaskStatus};
