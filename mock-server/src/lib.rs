//! A mock of the QMail task API for development and tests.
//!
//! It serves the two documented endpoints exactly as the API document
//! describes them, including the hard parts: cancellation is cooperative and
//! takes time, and a task can finish before a cancel takes effect.
//!
//! - `GET /api/task/status/{id}`: the status object ([`task_api::TaskStatus`]).
//! - `POST /api/task/cancel/{id}`: 200, 400 (already finished), 404, or an
//!   injected 500.
//!
//! Beside them, a control API under `/__mock/` scripts tasks, drives a manual
//! clock, injects faults and keeps a journal of requests. The tour, each
//! folder depending only on those before it:
//! [`engine`] the tasks, clock, faults, journal and scenarios, without HTTP;
//! [`outbound`] a plain HTTP client and [`contract`] the document's rules
//! for an answer; [`http`] the routes over the engine (with the validating
//! proxy); [`server`] the running server; [`verify`] the checker that holds
//! any server to the document.
//!
//! # Use in another crate's tests
//!
//! ```no_run
//! # async fn example() -> Result<(), mock_server::StartError> {
//! let server = mock_server::spawn(mock_server::Config::for_tests()).await?;
//! println!("mock at {}", server.url());
//! server.stop().await;
//! # Ok(())
//! # }
//! ```

pub mod config;
pub mod contract;
pub mod engine;
pub mod http;
pub mod outbound;
pub mod server;
pub mod verify;

pub use config::Config;
pub use http::routes::routes;
pub use server::{RunningServer, StartError, spawn};
