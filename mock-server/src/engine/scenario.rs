//! Scenario files: the tasks and fault rules a mock starts with, in a file
//! a test author edits, reloads and resets to.
//!
//! The format is a JSON object `{"tasks": [...], "faults": [...]}` whose
//! entries are exactly the bodies `POST /__mock/tasks` and
//! `POST /__mock/faults` accept. A scenario is checked whole before any of
//! it is applied, so a bad edit changes nothing.

use super::Engine;
use super::dialect::Dialect;
use super::new_task::NewTask;
use crate::engine::faults::{FaultSpec, Faults};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::Path;
use std::sync::{MutexGuard, PoisonError};

/// A scenario as written in its file.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The server the mock answers as while the scenario is in force (else
    /// the one it started with).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dialect: Option<Dialect>,
    #[serde(default)]
    pub tasks: Vec<NewTask>,
    #[serde(default)]
    pub faults: Vec<FaultSpec>,
}

/// Why a scenario was not loaded; the one in force stays.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ScenarioError {
    #[error("could not read {path}: {reason}")]
    Unreadable { path: String, reason: String },
    /// Not JSON, or not the format: where and why.
    #[error("{source_name}:{line}:{column}: {path}{message}")]
    Syntax {
        source_name: String,
        line: usize,
        column: usize,
        /// `tasks[1].pending_ms: `, or empty at the top level.
        path: String,
        message: String,
    },
    /// Well-formed, but an entry cannot be used.
    #[error("{source_name}: {entry}: {message}")]
    Invalid {
        source_name: String,
        /// `tasks[2]`, `faults[0]`.
        entry: String,
        message: String,
    },
}

/// What the mock keeps of its scenario, to reload over and reset to.
#[derive(Debug, Default)]
pub struct Loaded {
    pub scenario: Scenario,
    /// The ids its tasks got (generated ones included), so a reload knows
    /// what to replace.
    pub task_ids: Vec<String>,
    /// Whether the demo tasks come back on reset.
    pub demo: bool,
    /// How many times the file was reloaded after the start (`--watch`).
    pub reloads: u64,
    /// Why the last reload failed, until one succeeds.
    pub error: Option<String>,
}

/// How much a load or reset put in place.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Applied {
    pub tasks: usize,
    pub faults: usize,
}

impl Scenario {
    /// Parses a scenario; `source_name` (a file name) labels errors.
    pub fn parse(text: &str, source_name: &str) -> Result<Scenario, ScenarioError> {
        let syntax = |path: String, error: serde_json::Error| {
            let (line, column) = (error.line(), error.column());
            // The place goes in front, not at the end as serde_json puts it.
            let text = error.to_string();
            let message = text
                .strip_suffix(&format!(" at line {line} column {column}"))
                .unwrap_or(&text)
                .to_owned();
            ScenarioError::Syntax {
                source_name: source_name.to_owned(),
                line,
                column,
                path: if path.is_empty() || path == "." {
                    String::new()
                } else {
                    format!("{path}: ")
                },
                message,
            }
        };
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let scenario = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            // A syntax error inside an entry ends the path in an unknown `?`.
            let path = error.path().to_string();
            let path = path.trim_end_matches(".?").trim_end_matches('?').to_owned();
            syntax(path, error.into_inner())
        })?;
        deserializer
            .end()
            .map_err(|error| syntax(String::new(), error))?;
        Ok(scenario)
    }

    /// Reads and parses the scenario file at `path`.
    pub fn read(path: &Path) -> Result<Scenario, ScenarioError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| ScenarioError::Unreadable {
            path: name.clone(),
            reason: error.to_string(),
        })?;
        Scenario::parse(&text, &name)
    }

    /// Checks every entry as the control API would, without applying any.
    fn check(&self, source_name: &str) -> Result<(), ScenarioError> {
        let invalid = |entry: String, message: String| ScenarioError::Invalid {
            source_name: source_name.to_owned(),
            entry,
            message,
        };
        let mut ids = std::collections::HashSet::new();
        for (n, task) in self.tasks.iter().enumerate() {
            let (id, _) = task
                .clone()
                .into_parts()
                .map_err(|error| invalid(format!("tasks[{n}]"), error.to_string()))?;
            if task.id.is_some() && !ids.insert(id.clone()) {
                return Err(invalid(
                    format!("tasks[{n}]"),
                    format!("the id {id:?} is used twice"),
                ));
            }
        }
        let scratch = Faults::new();
        for (n, fault) in self.faults.iter().enumerate() {
            scratch
                .add(fault.clone())
                .map_err(|error| invalid(format!("faults[{n}]"), error.to_string()))?;
        }
        Ok(())
    }
}

impl Engine {
    fn loaded(&self) -> MutexGuard<'_, Loaded> {
        self.scenario.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Remembers whether the demo tasks were seeded, for [`Engine::reset`].
    pub fn set_demo(&self, demo: bool) {
        self.loaded().demo = demo;
    }

    /// The watched file's reloads and last error, for `GET /__mock/health`.
    pub fn scenario_health(&self) -> Value {
        let loaded = self.loaded();
        serde_json::json!({ "reloads": loaded.reloads, "error": loaded.error })
    }

    /// Puts `scenario` in force: the previous scenario's tasks are replaced
    /// by its tasks, every fault rule by its rules; other tasks and the
    /// journal stay. A task whose entry names its id and is the same as
    /// before keeps running; the others start their scripts now. Nothing
    /// changes if it is invalid or would not fit in `--max-tasks`.
    pub fn load_scenario(
        &self,
        scenario: Scenario,
        source_name: &str,
    ) -> Result<Applied, ScenarioError> {
        scenario.check(source_name)?;
        let mut loaded = self.loaded();
        let dialect = scenario.dialect.unwrap_or(self.dialect.at_start());
        let dialect_changes = dialect != self.dialect.get();
        // A task that takes its cancel mode from the dialect is not the same
        // task under another dialect.
        let unchanged: Vec<&NewTask> = scenario
            .tasks
            .iter()
            .filter(|task| {
                task.id.as_deref().is_some_and(|id| {
                    self.tasks.contains(id) && loaded.task_ids.iter().any(|kept| kept == id)
                }) && loaded.scenario.tasks.contains(task)
                    && (task.cancel_mode.is_some() || !dialect_changes)
            })
            .collect();
        let kept_ids: Vec<String> = unchanged
            .iter()
            .filter_map(|task| task.id.clone())
            .collect();
        self.check_fits(&scenario, &loaded.task_ids, loaded.demo, source_name)?;
        for id in &loaded.task_ids {
            if !kept_ids.contains(id) {
                self.tasks.remove(id);
            }
        }
        // Before its tasks are created, which take the dialect's defaults.
        self.dialect.set(dialect);
        if dialect_changes && loaded.demo {
            // The demo tasks cancel as the dialect does, as after a reset.
            for id in super::demo::DEMO_IDS {
                self.tasks
                    .set_cancel_mode(id, dialect.default_cancel_mode());
            }
        }
        let mut task_ids = Vec::with_capacity(scenario.tasks.len());
        for task in &scenario.tasks {
            match task.id.as_ref().filter(|id| kept_ids.contains(id)) {
                Some(id) => task_ids.push(id.clone()),
                None => task_ids.extend(self.create_scenario_task(task)),
            }
        }
        loaded.task_ids = task_ids;
        self.faults.clear();
        add_faults(&self.faults, &scenario);
        let applied = Applied {
            tasks: loaded.task_ids.len(),
            faults: scenario.faults.len(),
        };
        loaded.scenario = scenario;
        Ok(applied)
    }

    /// Refuses a scenario whose tasks, with the tasks that stay (demo tasks,
    /// tasks made at runtime), would be more than the store holds, now or
    /// after a reset brings the demo tasks back.
    fn check_fits(
        &self,
        scenario: &Scenario,
        replaced: &[String],
        demo: bool,
        source_name: &str,
    ) -> Result<(), ScenarioError> {
        let limit = self.tasks.max_tasks();
        let named: std::collections::HashSet<&str> = scenario
            .tasks
            .iter()
            .filter_map(|task| task.id.as_deref())
            .collect();
        let staying = self
            .tasks
            .scripts()
            .into_iter()
            .filter(|(id, _)| !replaced.contains(id) && !named.contains(id.as_str()))
            .count();
        // And after a reset, which brings the demo tasks back beside it.
        let demo = if demo {
            super::demo::DEMO_IDS
                .iter()
                .filter(|id| !named.contains(**id))
                .count()
        } else {
            0
        };
        let staying = staying.max(demo);
        let needed = staying + scenario.tasks.len();
        if needed > limit {
            return Err(ScenarioError::Invalid {
                source_name: source_name.to_owned(),
                entry: "tasks".to_owned(),
                message: format!(
                    "{} tasks, with the {staying} already there (demo tasks and tasks made at runtime; --no-demo starts without the demo tasks), are more than --max-tasks {limit} allows",
                    scenario.tasks.len()
                ),
            });
        }
        Ok(())
    }

    /// `POST /__mock/reset`: every task, fault rule and journal entry goes;
    /// a manual clock goes back to its start (in the same step as the tasks,
    /// so no task made meanwhile outlives it); then the demo tasks (if the
    /// mock started with them) and the scenario's tasks and rules come back.
    /// Answers with what is in place afterwards, demo tasks included.
    pub fn reset(&self) -> Applied {
        let mut loaded = self.loaded();
        self.tasks.clear_and_rewind(&self.clock);
        self.faults.clear();
        self.journal.clear();
        if loaded.demo {
            super::demo::seed(self);
        }
        let scenario = loaded.scenario.clone();
        loaded.task_ids = self.create_scenario_tasks(&scenario);
        add_faults(&self.faults, &scenario);
        Applied {
            tasks: self.tasks.len(),
            faults: self.faults.list().len(),
        }
    }

    /// The tasks and fault rules in force, as a scenario file holds them.
    pub fn export_scenario(&self) -> Scenario {
        let tasks: Vec<NewTask> = self
            .tasks
            .scripts()
            .into_iter()
            .map(|(id, script)| NewTask::from_script(id, &script))
            .collect();
        let faults = self
            .faults
            .list()
            .iter()
            .filter_map(|fault| {
                // The listing without its bookkeeping, `times_left` as `times`,
                // read back as the body that adds it.
                let Ok(Value::Object(mut rule)) = serde_json::to_value(fault) else {
                    return None;
                };
                rule.remove("id");
                rule.remove("hits");
                if let Some(times) = rule.remove("times_left") {
                    rule.insert("times".to_owned(), times);
                }
                serde_json::from_value(Value::Object(rule)).ok()
            })
            .collect();
        Scenario {
            dialect: Some(self.dialect.get()),
            tasks,
            faults,
        }
    }

    fn create_scenario_tasks(&self, scenario: &Scenario) -> Vec<String> {
        scenario
            .tasks
            .iter()
            .filter_map(|task| self.create_scenario_task(task))
            .collect()
    }

    /// Creates one checked entry, replacing a task made at runtime with its id.
    fn create_scenario_task(&self, task: &NewTask) -> Option<String> {
        let (id, script) = task.clone().into_parts_in(self.dialect.get()).ok()?;
        self.tasks.remove(&id);
        self.tasks.create(id.clone(), script, &self.clock).ok()?;
        Some(id)
    }
}

fn add_faults(faults: &Faults, scenario: &Scenario) {
    for fault in &scenario.faults {
        // Checked already, against an empty list of the same capacity.
        let _ = faults.add(fault.clone());
    }
}

/// Loads the scenario file at `path` into `state`.
pub fn load_file(state: &Engine, path: &Path) -> Result<Applied, ScenarioError> {
    let scenario = Scenario::read(path)?;
    state.load_scenario(scenario, &path.display().to_string())
}

/// Loads the file again after it changed, and counts the attempt; a
/// failure is kept for `GET /__mock/health` until a reload succeeds.
pub fn reload_file(state: &Engine, path: &Path) -> Result<Applied, ScenarioError> {
    let outcome = load_file(state, path);
    let mut loaded = state.loaded();
    loaded.reloads += 1;
    loaded.error = outcome.as_ref().err().map(ToString::to_string);
    outcome
}
