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
//! clock, injects faults and keeps a journal of requests. The tour:
//! [`task`] is the state machine, [`clock`] the clock, [`store`] the task table,
//! [`faults`] and [`journal`] the test aids, [`api`] and [`control`] the routes,
//! [`verify`] the checker that holds any server to the document.
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

pub mod api;
pub mod authority;
pub mod clock;
pub mod config;
pub mod connections;
pub mod control;
pub mod cors;
pub mod demo;
pub mod errors;
pub mod faults;
pub mod host_check;
pub mod journal;
pub mod openapi;
pub mod proxy;
pub mod request;
pub mod route_table;
pub mod routes;
pub mod scenario;
pub mod server;
pub mod service;
pub mod state;
pub mod store;
pub mod task;
pub mod verify;
pub mod watch;

pub use config::Config;
pub use routes::routes;
pub use server::{RunningServer, StartError, spawn};
