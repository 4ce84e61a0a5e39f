//! Scenario files: the tasks and fault rules a mock starts with, in a file
//! a test author edits, reloads and resets to.
//!
//! The format is a JSON object `{"tasks": [...], "faults": [...]}` whose
//! entries are exactly the bodies `POST /__mock/tasks` and
//! `POST /__mock/faults` accept. A scenario is checked whole before any of
//! it is applied, so a bad edit changes nothing.

use crate::control::NewTask;
use crate::faults::{FaultSpec, Faults};
use crate::state::MockState;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::Path;
use std::sync::{MutexGuard, PoisonError};

/// A scenario as written in its file.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
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

impl MockState {
    fn loaded(&self) -> MutexGuard<'_, Loaded> {
        self.scenario.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Remembers whether the demo tasks were seeded, for [`MockState::reset`].
    pub fn set_demo(&self, demo: bool) {
        self.loaded().demo = demo;
    }

    /// The watched file's reloads and last error, for `GET /__mock/health`.
    pub fn scenario_health(&self) -> Value {
        let loaded = self.loaded();
        serde_json::json!({ "reloads": loaded.reloads, "error": loaded.error })
    }

    /// Puts `scenario` in force: the previous scenario's tasks are replaced
    /// by its tasks (scripts restarted now), every fault rule by its rules;
    /// other tasks and the journal stay. Nothing changes if it is invalid.
    pub fn load_scenario(
        &self,
        scenario: Scenario,
        source_name: &str,
    ) -> Result<Applied, ScenarioError> {
        scenario.check(source_name)?;
        let mut loaded = self.loaded();
        for id in loaded.task_ids.drain(..) {
            self.tasks.remove(&id);
        }
        loaded.task_ids = self.create_scenario_tasks(&scenario);
        self.faults.clear();
        add_faults(&self.faults, &scenario);
        let applied = Applied {
            tasks: loaded.task_ids.len(),
            faults: scenario.faults.len(),
        };
        loaded.scenario = scenario;
        Ok(applied)
    }

    /// `POST /__mock/reset`: every task, fault rule and journal entry goes;
    /// a manual clock goes back to its start; then the demo tasks (if the
    /// mock started with them) and the scenario's tasks and rules come back.
    pub fn reset(&self) -> Applied {
        let mut loaded = self.loaded();
        self.tasks.clear();
        self.faults.clear();
        self.journal.clear();
        self.clock.reset();
        if loaded.demo {
            crate::demo::seed(self);
        }
        let scenario = loaded.scenario.clone();
        loaded.task_ids = self.create_scenario_tasks(&scenario);
        add_faults(&self.faults, &scenario);
        Applied {
            tasks: loaded.task_ids.len(),
            faults: scenario.faults.len(),
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
        Scenario { tasks, faults }
    }

    fn create_scenario_tasks(&self, scenario: &Scenario) -> Vec<String> {
        let mut ids = Vec::with_capacity(scenario.tasks.len());
        for task in &scenario.tasks {
            // Checked already; a task made at runtime with the same id gives way.
            let Ok((id, script)) = task.clone().into_parts() else {
                continue;
            };
            self.tasks.remove(&id);
            if self.tasks.create(id.clone(), script, &self.clock).is_ok() {
                ids.push(id);
            }
        }
        ids
    }
}

fn add_faults(faults: &Faults, scenario: &Scenario) {
    for fault in &scenario.faults {
        // Checked already, against an empty list of the same capacity.
        let _ = faults.add(fault.clone());
    }
}

/// Loads the scenario file at `path` into `state`.
pub fn load_file(state: &MockState, path: &Path) -> Result<Applied, ScenarioError> {
    let scenario = Scenario::read(path)?;
    state.load_scenario(scenario, &path.display().to_string())
}

/// Loads the file again after it changed, and counts the attempt; a
/// failure is kept for `GET /__mock/health` until a reload succeeds.
pub fn reload_file(state: &MockState, path: &Path) -> Result<Applied, ScenarioError> {
    let outcome = load_file(state, path);
    let mut loaded = state.loaded();
    loaded.reloads += 1;
    loaded.error = outcome.as_ref().err().map(ToString::to_string);
    outcome
}
