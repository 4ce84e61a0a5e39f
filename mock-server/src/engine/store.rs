//! All tasks the mock knows, by id.

use crate::engine::clock::Clock;
use crate::engine::task::{CancelDecision, CancelMode, Script, StatusView, Task};
use std::collections::HashMap;
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use task_api::TaskStatus;

/// The task table. Reads and cancels take a lock for a few hundred
/// nanoseconds; nothing runs in the background.
///
/// Every method reads the clock *under* the lock, so the order in which
/// operations take the lock is the order of their times: a cancel can never
/// be decided at a time earlier than a read that already showed the task
/// finished, and a terminal state never changes.
#[derive(Debug)]
pub struct TaskStore {
    tasks: RwLock<Tasks>,
    /// The most tasks it holds at once.
    max_tasks: usize,
}

/// The default for [`TaskStore::with_max_tasks`] (`--max-tasks`).
pub const DEFAULT_MAX_TASKS: usize = 1_000_000;

impl Default for TaskStore {
    fn default() -> Self {
        TaskStore::with_max_tasks(DEFAULT_MAX_TASKS)
    }
}

#[derive(Debug, Default)]
struct Tasks {
    by_id: HashMap<Box<str>, Entry>,
    next_seq: u64,
}

#[derive(Debug)]
struct Entry {
    /// Creation order, so listings are stable.
    seq: u64,
    task: Task,
}

/// Why a task was not created.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CreateError {
    #[error("a task with ID {0:?} already exists")]
    DuplicateId(String),
    #[error("the store is full ({limit} tasks)")]
    Full { limit: usize },
}

impl TaskStore {
    pub fn new() -> Self {
        TaskStore::default()
    }

    /// A store that refuses to hold more than `max_tasks` tasks at once.
    pub fn with_max_tasks(max_tasks: usize) -> Self {
        TaskStore {
            tasks: RwLock::default(),
            max_tasks,
        }
    }

    fn read(&self) -> RwLockReadGuard<'_, Tasks> {
        // A panic elsewhere cannot leave a task half-written: every update
        // is a single field store, so a poisoned lock is still consistent.
        self.tasks.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Tasks> {
        self.tasks.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds a task created now and returns its status object (JSON).
    pub fn create(
        &self,
        id: String,
        script: Script,
        clock: &Clock,
    ) -> Result<Vec<u8>, CreateError> {
        let mut tasks = self.write();
        let now = clock.now();
        if tasks.by_id.contains_key(id.as_str()) {
            return Err(CreateError::DuplicateId(id));
        }
        if tasks.by_id.len() >= self.max_tasks {
            return Err(CreateError::Full {
                limit: self.max_tasks,
            });
        }
        let task = Task::new(script, now);
        let status = status_json(&task.status_view(&id, now));
        let seq = tasks.next_seq;
        tasks.next_seq += 1;
        tasks.by_id.insert(id.into_boxed_str(), Entry { seq, task });
        Ok(status)
    }

    /// The status of task `id` now, read back from the JSON the API sends.
    pub fn status(&self, id: &str, clock: &Clock) -> Option<TaskStatus> {
        serde_json::from_slice(&self.status_json(id, clock)?).ok()
    }

    /// The status of task `id` now as JSON, if it exists (the hot path of
    /// `GET /api/task/status/{id}`: no intermediate status object).
    pub fn status_json(&self, id: &str, clock: &Clock) -> Option<Vec<u8>> {
        let tasks = self.read();
        let now = clock.now();
        let entry = tasks.by_id.get(id)?;
        Some(status_json(&entry.task.status_view(id, now)))
    }

    /// Requests cancellation of task `id` now; `None` if it does not exist.
    pub fn cancel(&self, id: &str, clock: &Clock) -> Option<CancelDecision> {
        let mut tasks = self.write();
        let now = clock.now();
        tasks
            .by_id
            .get_mut(id)
            .map(|entry| entry.task.request_cancel(now))
    }

    /// Every task's status now, oldest first, as a JSON array.
    pub fn list_json(&self, clock: &Clock) -> Vec<u8> {
        let tasks = self.read();
        let now = clock.now();
        let mut entries: Vec<(&Box<str>, &Entry)> = tasks.by_id.iter().collect();
        entries.sort_by_key(|(_, entry)| entry.seq);
        let mut json = Vec::with_capacity(STATUS_CAPACITY * entries.len() + 2);
        json.push(b'[');
        for (n, (id, entry)) in entries.iter().enumerate() {
            if n > 0 {
                json.push(b',');
            }
            entry.task.status_view(id, now).write_json(&mut json);
        }
        json.push(b']');
        json
    }

    pub fn contains(&self, id: &str) -> bool {
        self.read().by_id.contains_key(id)
    }

    /// Every task's id and script, oldest first.
    pub fn scripts(&self) -> Vec<(String, Script)> {
        let tasks = self.read();
        let mut entries: Vec<(&Box<str>, &Entry)> = tasks.by_id.iter().collect();
        entries.sort_by_key(|(_, entry)| entry.seq);
        entries
            .into_iter()
            .map(|(id, entry)| (id.to_string(), entry.task.script.clone()))
            .collect()
    }

    /// Sets how task `id` takes a cancel, unless one was already asked for
    /// (its past would change); false if it was not set.
    pub fn set_cancel_mode(&self, id: &str, mode: CancelMode) -> bool {
        let mut tasks = self.write();
        match tasks.by_id.get_mut(id) {
            Some(entry) if entry.task.cancel_requested_at.is_none() => {
                entry.task.script.cancel_mode = mode;
                true
            }
            _ => false,
        }
    }

    /// Removes task `id`; false if there was none.
    pub fn remove(&self, id: &str) -> bool {
        self.write().by_id.remove(id).is_some()
    }

    /// Removes every task and returns how many there were.
    pub fn clear(&self) -> usize {
        let mut tasks = self.write();
        let count = tasks.by_id.len();
        tasks.by_id.clear();
        count
    }

    /// Removes every task and sets a manual clock back to its start in one
    /// step: a task created meanwhile is either removed or created at the
    /// rewound time, never kept with a `created_at` after it.
    pub fn clear_and_rewind(&self, clock: &Clock) -> usize {
        let mut tasks = self.write();
        clock.reset();
        let count = tasks.by_id.len();
        tasks.by_id.clear();
        count
    }

    pub fn len(&self) -> usize {
        self.read().by_id.len()
    }

    /// The most tasks the store holds at once (`--max-tasks`).
    pub fn max_tasks(&self) -> usize {
        self.max_tasks
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Bytes reserved for one status object (ids and messages are short).
const STATUS_CAPACITY: usize = 384;

fn status_json(view: &StatusView<'_>) -> Vec<u8> {
    let mut json = Vec::with_capacity(STATUS_CAPACITY);
    view.write_json(&mut json);
    json
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::clock::ClockMode;
    use task_api::TaskState;

    fn at(ms: u64) -> Clock {
        Clock::starting_at(ClockMode::Manual, 1.0, ms)
    }

    #[test]
    fn duplicate_id_is_refused_and_the_first_task_kept() {
        let store = TaskStore::new();
        store.create("a".into(), Script::default(), &at(0)).unwrap();
        let again = store.create("a".into(), Script::default(), &at(5));
        assert_eq!(again, Err(CreateError::DuplicateId("a".into())));
        assert_eq!(
            store.status("a", &at(0)).unwrap().created_at,
            "1970-01-01T00:00:00.000Z"
        );
    }

    #[test]
    fn a_full_store_refuses_new_tasks_and_keeps_the_old() {
        let store = TaskStore::with_max_tasks(2);
        for id in ["a", "b"] {
            store.create(id.into(), Script::default(), &at(0)).unwrap();
        }
        let third = store.create("c".into(), Script::default(), &at(0));
        assert_eq!(third, Err(CreateError::Full { limit: 2 }));
        assert_eq!(store.len(), 2);
        assert!(store.remove("a"));
        assert!(store.create("c".into(), Script::default(), &at(0)).is_ok());
    }

    #[test]
    fn list_is_in_creation_order() {
        let store = TaskStore::new();
        for id in ["z", "a", "m"] {
            store.create(id.into(), Script::default(), &at(0)).unwrap();
        }
        let list: Vec<TaskStatus> = serde_json::from_slice(&store.list_json(&at(0))).unwrap();
        let ids: Vec<_> = list.into_iter().map(|s| s.task_id).collect();
        assert_eq!(ids, ["z", "a", "m"]);
    }

    #[test]
    fn cancel_and_remove_report_missing_tasks() {
        let store = TaskStore::new();
        assert_eq!(store.cancel("nope", &at(0)), None);
        assert!(!store.remove("nope"));
        store.create("a".into(), Script::default(), &at(0)).unwrap();
        assert_eq!(store.cancel("a", &at(0)), Some(CancelDecision::Accepted));
        assert_eq!(
            store.status("a", &at(0)).unwrap().state,
            TaskState::Cancelled
        );
        assert_eq!(store.clear(), 1);
        assert!(store.is_empty());
    }
}
