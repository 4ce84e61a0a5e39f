//! The task engine: what the mock knows and how it changes over time,
//! without HTTP. [`task`] is the documented state machine, [`clock`] the
//! real or manual clock it runs on, [`store`] the table of tasks, [`faults`]
//! and [`journal`] the test aids, [`new_task`] the description of a task to
//! create and its checks, [`scenario`] the files a test author loads and
//! resets to (`watch` reloads one that changes), [`demo`] the tasks a fresh
//! mock starts with, [`dialect`] whether it answers as the document or as the
//! shipping server, [`recording`] a real server's tasks written as a scenario, [`timeline`]
//! the progress and messages a task shows over time.
//!
//! Architecture invariant: nothing here knows a route, a filter or a
//! connection; the HTTP layer ([`crate::http`]) reads and drives it.

pub mod clock;
pub mod demo;
pub mod dialect;
pub mod faults;
pub mod journal;
pub mod new_task;
pub mod recording;
pub mod scenario;
pub mod store;
pub mod task;
pub mod timeline;
pub(crate) mod watch;

use clock::Clock;
use faults::Faults;
use journal::Journal;
use scenario::Loaded;
use std::sync::Mutex;
use store::TaskStore;

/// Everything the engine holds: the clock, the tasks, the fault rules, the
/// journal and the scenario in force. Shared by every request.
#[derive(Debug)]
pub struct Engine {
    pub clock: Clock,
    pub tasks: TaskStore,
    pub faults: Faults,
    pub journal: Journal,
    /// The scenario in force, to reload over and reset to.
    pub scenario: Mutex<Loaded>,
    /// The document's answers, or the shipping server's.
    pub dialect: dialect::DialectInForce,
}

impl Engine {
    /// An engine with no tasks on `clock`, holding at most `max_tasks` tasks.
    pub fn new(clock: Clock, max_tasks: usize) -> Engine {
        Engine {
            clock,
            tasks: TaskStore::with_max_tasks(max_tasks),
            faults: Faults::new(),
            journal: Journal::new(),
            scenario: Mutex::default(),
            dialect: dialect::DialectInForce::default(),
        }
    }
}
