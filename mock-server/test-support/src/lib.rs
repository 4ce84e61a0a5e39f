//! What the mock server's tests and benchmarks share: [`http::Connection`], a
//! minimal keep-alive HTTP/1.1 client over one TCP connection (enough to load
//! the mock over real sockets without another HTTP stack), and
//! [`process::ServerProcess`], a server started as a separate process; and
//! [`layers::crossings`], which holds each crate's folders to one direction
//! of imports (the client's tests use it too).

pub mod http;
pub mod layers;
pub mod process;
