//! Talking to the task API: the HTTP client, how its answers are read into
//! typed outcomes, what can go wrong, and how often a task is read.
//!
//! The widget, the list and the pages are built on this module; it imports
//! none of them.

pub(crate) mod client;
pub(crate) mod error;
pub(crate) mod json;
pub(crate) mod polling;
pub(crate) mod response;

pub use client::{ApiClient, DEFAULT_REQUEST_TIMEOUT_MS};
pub use error::ApiError;
pub use json::parse as parse_json;
pub use polling::PollPolicy;
pub use response::read_status;
