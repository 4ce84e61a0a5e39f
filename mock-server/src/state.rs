//! What every handler shares: the clock, the tasks, the faults, the journal,
//! and who may call (the CORS and Host policies).

use crate::clock::Clock;
use crate::cors::CorsPolicy;
use crate::faults::Faults;
use crate::host_check::HostPolicy;
use crate::journal::Journal;
use crate::scenario::Loaded;
use crate::store::{DEFAULT_MAX_TASKS, TaskStore};
use crate::verify::Target;
use std::convert::Infallible;
use std::sync::{Arc, Mutex, OnceLock};
use tokio::sync::watch;
use warp::Filter;

/// The mock's whole state, shared by every request.
#[derive(Debug)]
pub struct MockState {
    pub clock: Clock,
    pub tasks: TaskStore,
    pub faults: Faults,
    pub journal: Journal,
    pub cors: CorsPolicy,
    pub hosts: HostPolicy,
    /// The server unknown task ids are forwarded to (`--proxy-to`).
    pub proxy: OnceLock<Target>,
    /// The scenario in force, to reload over and reset to.
    pub scenario: Mutex<Loaded>,
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
            clock,
            tasks: TaskStore::with_max_tasks(max_tasks),
            faults: Faults::new(),
            journal: Journal::new(),
            cors,
            hosts,
            proxy: OnceLock::new(),
            scenario: Mutex::default(),
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

/// Hands the shared state to a handler.
pub fn with_state(
    state: SharedState,
) -> impl Filter<Extract = (SharedState,), Error = Infallible> + Clone {
    warp::any().map(move || state.clone())
}
