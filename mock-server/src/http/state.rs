//! What every handler shares: the [`Engine`] (clock, tasks, faults, journal,
//! scenario), who may call (the CORS and Host policies), the upstream server
//! of `--proxy-to`, and whether the server is stopping.

use crate::engine::Engine;
use crate::engine::clock::Clock;
use crate::engine::recording::Recorder;
use crate::engine::store::DEFAULT_MAX_TASKS;
use crate::http::cors::CorsPolicy;
use crate::http::host_check::HostPolicy;
use crate::outbound::Target;
use std::convert::Infallible;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};
use tokio::sync::watch;
use warp::Filter;

/// The mock's whole state, shared by every request.
#[derive(Debug)]
pub struct MockState {
    /// The engine, shared with the scenario file's watcher.
    pub engine: Arc<Engine>,
    pub cors: CorsPolicy,
    pub hosts: HostPolicy,
    /// The server unknown task ids are forwarded to (`--proxy-to`).
    pub proxy: OnceLock<Target>,
    /// `--record`: writes what the proxied server did as a scenario file.
    pub recorder: OnceLock<Recorder>,
    /// Turns true when the server begins to stop, so requests held open on
    /// purpose (the `hang` fault) let go and shutdown is not held up.
    pub stopping: watch::Sender<bool>,
}

pub type SharedState = Arc<MockState>;

impl MockState {
    pub fn new(clock: Clock, cors: CorsPolicy, hosts: HostPolicy) -> SharedState {
        MockState::with_max_tasks(clock, cors, hosts, DEFAULT_MAX_TASKS)
    }

    /// [`MockState::new`] holding at most `max_tasks` tasks.
    pub fn with_max_tasks(
        clock: Clock,
        cors: CorsPolicy,
        hosts: HostPolicy,
        max_tasks: usize,
    ) -> SharedState {
        Arc::new(MockState {
            engine: Arc::new(Engine::new(clock, max_tasks)),
            cors,
            hosts,
            proxy: OnceLock::new(),
            recorder: OnceLock::new(),
            stopping: watch::Sender::new(false),
        })
    }

    /// Resolves once the server begins to stop.
    pub async fn stopped(&self) {
        let mut stopping = self.stopping.subscribe();
        // An error means the sender is gone, which also means stopping.
        let _ = stopping.wait_for(|stopping| *stopping).await;
    }
}

/// Handlers read the engine's parts as `state.tasks`, `state.clock`, ….
impl Deref for MockState {
    type Target = Engine;

    fn deref(&self) -> &Engine {
        &self.engine
    }
}

/// Hands the shared state to a handler.
pub fn with_state(
    state: SharedState,
) -> impl Filter<Extract = (SharedState,), Error = Infallible> + Clone {
    warp::any().map(move || state.clone())
}
