//! The demo tasks the mock starts with, one for each situation a client meets.

use super::Engine;
use crate::engine::task::{Outcome, Script};
use serde_json::json;

/// The task id used throughout the API document's examples.
pub const DOCUMENT_TASK_ID: &str = "a7f8c9d1-e234-56b7-8901-23c45de67f89";

const MINUTE: u32 = 60_000;
const HOUR: u32 = 60 * MINUTE;

/// The ids of the demo tasks, in the order [`seed`] creates them.
pub const DEMO_IDS: [&str; 5] = [
    DOCUMENT_TASK_ID,
    "demo-pending",
    "demo-completed",
    "demo-failed",
    "demo-finishes-first",
];

/// A seeded task: its id and what it shows.
pub struct DemoTask {
    pub id: &'static str,
    pub what: &'static str,
}

/// Creates the demo tasks (skipping ids that exist) and describes them.
pub fn seed(state: &Engine) -> Vec<DemoTask> {
    let demos = [
        (
            DemoTask {
                id: DOCUMENT_TASK_ID,
                what: "RUNNING for an hour; a cancel takes effect at the next check (1 s) plus cleanup (1.5 s)",
            },
            Script {
                pending_ms: 0,
                duration_ms: HOUR,
                ..Script::default()
            }
            .with_message("Processing email attachments"),
        ),
        (
            DemoTask {
                id: "demo-pending",
                what: "PENDING for an hour; a cancel takes effect at once",
            },
            Script {
                pending_ms: HOUR,
                duration_ms: 2 * MINUTE,
                ..Script::default()
            },
        ),
        (
            DemoTask {
                id: "demo-completed",
                what: "COMPLETED; a cancel is refused with 400",
            },
            Script {
                pending_ms: 0,
                duration_ms: 0,
                ..Script::default()
            }
            .with_result(json!({ "messages_archived": 1284, "mailbox": "archive-2026" })),
        ),
        (
            DemoTask {
                id: "demo-failed",
                what: "FAILED; a cancel is refused with 400",
            },
            Script {
                pending_ms: 0,
                duration_ms: 0,
                outcome: Outcome::Failed,
                ..Script::default()
            }
            .with_error("Mailbox quota exceeded"),
        ),
        (
            DemoTask {
                id: "demo-finishes-first",
                what: "RUNNING for 3 minutes and checks for cancels hourly, so it finishes before a cancel takes effect",
            },
            Script {
                pending_ms: 0,
                duration_ms: 3 * MINUTE,
                check_interval_ms: HOUR,
                ..Script::default()
            }
            .with_message("Re-indexing mailbox"),
        ),
    ];
    demos
        .into_iter()
        .filter_map(|(demo, mut script)| {
            // A cancel as the dialect in force does it (the shipping server's
            // is immediate).
            script.cancel_mode = state.dialect.get().default_cancel_mode();
            state
                .tasks
                .create(demo.id.to_owned(), script, &state.clock)
                .ok()
                .map(|_| demo)
        })
        .collect()
}
