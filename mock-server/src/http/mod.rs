//! The HTTP layer: the documented task API and the control API as warp
//! routes over the [`engine`](crate::engine), with one route table
//! ([`route_table`]), one place where errors become JSON (`errors`), the
//! CORS and `Host` policies, the status fast path (`service`), the
//! validating proxy for unknown ids (`proxy`) and the connection loop
//! ([`connections`]).

mod api;
mod authority;
pub mod connections;
mod control;
pub mod cors;
mod errors;
pub mod host_check;
pub mod openapi;
mod proxy;
mod request;
pub mod route_table;
pub mod routes;
pub(crate) mod service;
pub mod state;

pub use proxy::VIOLATIONS_HEADER;
