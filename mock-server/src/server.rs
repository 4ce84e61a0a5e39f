//! Running the mock: bind, serve, stop gracefully.

use crate::config::Config;
use crate::engine::clock::{Clock, ClockMode};
use crate::engine::demo::{self, DemoTask};
use crate::engine::recording::Recorder;
use crate::engine::scenario;
use crate::engine::watch::{self, ScenarioWatcher};
use crate::http::connections;
use crate::http::cors::{CorsPolicy, check_origin_flag};
use crate::http::host_check::HostPolicy;
use crate::http::routes::routes;
use crate::http::service::MockService;
use crate::http::state::{MockState, SharedState};
use std::io;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How long [`RunningServer::stop`] waits for requests in flight.
pub const DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a forwarded request may take before the client gets a 502.
pub const PROXY_TIMEOUT: Duration = Duration::from_secs(10);

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("could not listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: io::Error },
    #[error("--time-scale must be a positive number, not {0}")]
    TimeScale(f64),
    #[error("{0}")]
    CorsOrigin(String),
    #[error("{0}")]
    Scenario(#[from] crate::engine::scenario::ScenarioError),
    #[error("could not watch the scenario file: {0}")]
    Watch(#[from] notify::Error),
    #[error("--proxy-to {0}")]
    ProxyTo(#[from] crate::outbound::BadBaseUrl),
}

/// A mock server running on the current tokio runtime.
pub struct RunningServer {
    addr: SocketAddr,
    state: SharedState,
    demo_tasks: Vec<DemoTask>,
    /// Reloads the scenario file while the server runs (`--watch`).
    watcher: Option<ScenarioWatcher>,
    shutdown: oneshot::Sender<Duration>,
    serving: JoinHandle<()>,
}

/// Binds `config`'s address and serves the mock until [`RunningServer::stop`].
pub async fn spawn(config: Config) -> Result<RunningServer, StartError> {
    if !(config.time_scale.is_finite() && config.time_scale > 0.0) {
        return Err(StartError::TimeScale(config.time_scale));
    }
    for origin in &config.cors_origins {
        check_origin_flag(origin).map_err(StartError::CorsOrigin)?;
    }
    let state = MockState::with_max_tasks(
        Clock::new(config.clock, config.time_scale),
        CorsPolicy::new(&config.cors_origins),
        HostPolicy::new(config.host, &config.allowed_hosts),
        config.max_tasks,
    );
    state.dialect.start(config.dialect);
    let demo_tasks = if config.demo {
        demo::seed(&state)
    } else {
        Vec::new()
    };
    state.set_demo(config.demo);
    if let Some(upstream) = &config.proxy_to {
        let upstream = crate::outbound::Target::parse(upstream, PROXY_TIMEOUT)?;
        // Set once, on a state no one else holds yet.
        let _ = state.proxy.set(upstream);
        if let Some(path) = &config.record {
            if config.clock != ClockMode::Real || config.time_scale != 1.0 {
                tracing::warn!(
                    "--record times a cancel on this mock's clock: record on a real clock at --time-scale 1 for timings in real time"
                );
            }
            let _ = state.recorder.set(Recorder::new(path.clone()));
        }
    }
    let mut watcher = None;
    if let Some(path) = &config.scenario {
        let applied = scenario::load_file(&state, path)?;
        tracing::info!(
            tasks = applied.tasks,
            faults = applied.faults,
            "loaded {}",
            path.display()
        );
        if config.watch_scenario {
            watcher = Some(watch::watch(state.engine.clone(), path)?);
        }
    }
    let mut server = serve(state, &config).await?;
    server.demo_tasks = demo_tasks;
    server.watcher = watcher;
    Ok(server)
}

/// Binds `config`'s address and serves `state` exactly as [`spawn`] does
/// once it has built the state from `config`: the same hot path, the same
/// routes, the same connection handling. Tests that prepare a state by hand
/// reach the server over a real socket through this.
pub async fn serve(state: SharedState, config: &Config) -> Result<RunningServer, StartError> {
    let addr = config.addr();
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| StartError::Bind { addr, source })?;
    let addr = listener
        .local_addr()
        .map_err(|source| StartError::Bind { addr, source })?;
    let (shutdown, stop_signal) = oneshot::channel::<Duration>();
    let service = MockService::new(
        state.clone(),
        connections::filter_service(routes(state.clone())),
    );
    let serving = tokio::spawn(connections::serve(
        listener,
        service,
        config.header_read_timeout,
        async {
            // A dropped sender also means stop, with the default drain.
            stop_signal.await.unwrap_or(DRAIN_TIMEOUT)
        },
    ));
    Ok(RunningServer {
        addr,
        state,
        demo_tasks: Vec::new(),
        watcher: None,
        shutdown,
        serving,
    })
}

impl RunningServer {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL, e.g. `http://127.0.0.1:8080`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The live state, for tests that look inside.
    pub fn state(&self) -> &SharedState {
        &self.state
    }

    pub fn demo_tasks(&self) -> &[DemoTask] {
        &self.demo_tasks
    }

    /// Stops accepting connections and lets requests in flight finish, for
    /// at most [`DRAIN_TIMEOUT`]; then closes what is still open. Requests
    /// held by a `hang` fault are let go at once.
    pub async fn stop(self) {
        self.stop_within(DRAIN_TIMEOUT).await;
    }

    /// [`RunningServer::stop`] with another drain limit. When it returns,
    /// no connection is open and nothing more is answered.
    pub async fn stop_within(self, drain: Duration) {
        drop(self.watcher);
        self.state.stopping.send_replace(true);
        let _ = self.shutdown.send(drain);
        if let Err(error) = self.serving.await {
            tracing::error!(%error, "the server task ended abnormally");
        }
    }
}
