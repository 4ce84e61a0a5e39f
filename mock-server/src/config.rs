//! How a mock server is started.

use crate::engine::clock::ClockMode;
use crate::engine::dialect::Dialect;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// Everything [`spawn`](crate::spawn) needs. `Config::default()` is the CLI's
/// default: 127.0.0.1:8080, real clock, demo tasks.
#[derive(Clone, Debug)]
pub struct Config {
    pub host: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub clock: ClockMode,
    /// Answer as the API document says, or as the shipping server does.
    pub dialect: Dialect,
    /// How much faster than wall time a real clock runs.
    pub time_scale: f64,
    /// Origins allowed beyond loopback (`*`: any, for the task API only).
    pub cors_origins: Vec<String>,
    /// `Host` names the control API answers beyond loopback and `host`.
    pub allowed_hosts: Vec<String>,
    /// The most tasks the mock holds at once.
    pub max_tasks: usize,
    /// How long a client may take to send a request's headers.
    pub header_read_timeout: Duration,
    /// Seed the demo tasks.
    pub demo: bool,
    /// A scenario file to load at the start, after the demo tasks.
    pub scenario: Option<PathBuf>,
    /// Reload the scenario file when it changes.
    pub watch_scenario: bool,
    /// Forward task API requests for unknown ids to this server, checking
    /// its answers against the document.
    pub proxy_to: Option<String>,
    /// With `proxy_to`: write what the upstream server did with each task
    /// to this file, as a scenario the mock can load.
    pub record: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8080,
            clock: ClockMode::Real,
            dialect: Dialect::Document,
            time_scale: 1.0,
            cors_origins: Vec::new(),
            allowed_hosts: Vec::new(),
            max_tasks: crate::engine::store::DEFAULT_MAX_TASKS,
            header_read_timeout: crate::http::connections::HEADER_READ_TIMEOUT,
            demo: true,
            scenario: None,
            watch_scenario: false,
            proxy_to: None,
            record: None,
        }
    }
}

impl Config {
    /// A config for tests: loopback, a free port, a manual clock, no demo tasks.
    pub fn for_tests() -> Self {
        Config {
            port: 0,
            clock: ClockMode::Manual,
            demo: false,
            ..Config::default()
        }
    }

    pub fn addr(&self) -> SocketAddr {
        SocketAddr::new(self.host, self.port)
    }
}
