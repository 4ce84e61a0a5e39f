//! `--watch`: reloads the scenario file whenever it changes on disk.
//!
//! The file's directory is watched rather than the file, because editors
//! save by writing a new file and renaming it over the old one. A bad edit
//! is logged with its line and column (and shown by `GET /__mock/health`);
//! the scenario in force stays until the file is good again.

use super::Engine;
use crate::engine::scenario;
use notify::{EventKind, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// How long a burst of events (one save is often several) may settle
/// before the file is read.
const SETTLE: Duration = Duration::from_millis(100);

/// Watches a scenario file until dropped.
pub struct ScenarioWatcher {
    _watcher: notify::RecommendedWatcher,
    reloading: JoinHandle<()>,
}

impl Drop for ScenarioWatcher {
    fn drop(&mut self) {
        self.reloading.abort();
    }
}

/// Starts watching `path` and reloading it into `state`.
pub fn watch(state: Arc<Engine>, path: &Path) -> Result<ScenarioWatcher, notify::Error> {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let directory = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let file_name = path.file_name().map(ToOwned::to_owned);
    let (changed, mut changes) = tokio::sync::mpsc::unbounded_channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        let ours = event
            .paths
            .iter()
            .any(|changed| changed.file_name() == file_name.as_deref());
        if ours && !matches!(event.kind, EventKind::Access(_)) {
            let _ = changed.send(());
        }
    })?;
    watcher.watch(&directory, RecursiveMode::NonRecursive)?;
    let reloading = tokio::spawn(async move {
        while changes.recv().await.is_some() {
            tokio::time::sleep(SETTLE).await;
            while changes.try_recv().is_ok() {}
            match scenario::reload_file(&state, &path) {
                Ok(applied) => tracing::info!(
                    tasks = applied.tasks,
                    faults = applied.faults,
                    "reloaded {}",
                    path.display()
                ),
                Err(error) => {
                    tracing::error!("{error}; the previous scenario stays in force")
                }
            }
        }
    });
    Ok(ScenarioWatcher {
        _watcher: watcher,
        reloading,
    })
}
