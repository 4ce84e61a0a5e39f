//! Properties of the task state machine on random scripts and random
//! interleavings of status reads, cancels, clock advances and deletes.
//!
//! Run against the task store itself, with the mock's own clock arithmetic,
//! so thousands of cases take about a second.

use mock_server::clock::Millis;
use mock_server::store::TaskStore;
use mock_server::task::{CancelDecision, CancelMode, Outcome, Script};
use proptest::prelude::*;
use task_api::{TaskState, TaskStatus};

const TASKS: usize = 4;

fn script() -> impl Strategy<Value = Script> {
    (
        0u32..4_000,
        0u32..20_000,
        prop_oneof![Just(Outcome::Completed), Just(Outcome::Failed)],
        0u32..5_000,
        0u32..5_000,
        prop_oneof![
            4 => Just(CancelMode::Cooperative),
            1 => Just(CancelMode::Immediate),
            1 => Just(CancelMode::Ignore)
        ],
    )
        .prop_map(
            |(pending_ms, duration_ms, outcome, check_interval_ms, cleanup_ms, cancel_mode)| {
                Script {
                    pending_ms,
                    duration_ms,
                    outcome,
                    check_interval_ms,
                    cleanup_ms,
                    cancel_mode,
                    texts: None,
                }
            },
        )
}

#[derive(Clone, Debug)]
enum Op {
    Read(usize),
    Cancel(usize),
    Advance(Millis),
    Delete(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..TASKS).prop_map(Op::Read),
        3 => (0..TASKS).prop_map(Op::Cancel),
        4 => (0u64..3_000).prop_map(Op::Advance),
        1 => (0..TASKS).prop_map(Op::Delete),
    ]
}

/// What a test remembers of one task between reads.
#[derive(Default)]
struct Seen {
    last: Option<TaskStatus>,
    /// The first accepted cancel: when, and the latest time it must have
    /// taken effect or lost the race (None for `ignore`).
    cancel_deadline: Option<Millis>,
    deleted: bool,
}

fn id(index: usize) -> String {
    format!("task-{index}")
}

fn check_status(seen: &mut Seen, status: &TaskStatus, now: Millis) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        status.completed_at.is_some(),
        status.is_finished,
        "completed_at iff finished"
    );
    prop_assert_eq!(status.is_finished, status.state.is_finished());
    prop_assert_eq!(status.is_successful, status.state == TaskState::Completed);
    prop_assert!(
        status.progress.is_some_and(|p| p <= 100),
        "progress is sent"
    );
    prop_assert_eq!(
        status.result.is_some(),
        status.state == TaskState::Completed
    );
    prop_assert_eq!(status.error.is_some(), status.state == TaskState::Failed);
    if let Some(last) = &seen.last {
        prop_assert!(
            status.progress >= last.progress,
            "progress went back: {:?} -> {:?}",
            last.progress,
            status.progress
        );
        if last.state.is_finished() {
            prop_assert_eq!(status.state, last.state, "left a terminal state");
            prop_assert_eq!(&status.completed_at, &last.completed_at);
        }
        prop_assert!(
            !(last.state == TaskState::Running && status.state == TaskState::Pending),
            "went back to PENDING"
        );
    }
    if let Some(deadline) = seen.cancel_deadline
        && now >= deadline
    {
        prop_assert!(
            status.is_finished,
            "a cancel accepted long ago has not taken effect: {status:?}"
        );
    }
    seen.last = Some(status.clone());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn the_state_machine_keeps_its_promises(
        scripts in prop::collection::vec(script(), TASKS),
        ops in prop::collection::vec(op(), 1..80),
    ) {
        let store = TaskStore::new();
        let mut now: Millis = 1_000_000;
        let mut seen: Vec<Seen> = (0..TASKS).map(|_| Seen::default()).collect();
        for (index, script) in scripts.iter().enumerate() {
            store.create(id(index), script.clone(), now).expect("fresh ids");
        }
        for op in ops {
            match op {
                Op::Advance(ms) => now += ms,
                Op::Read(index) => match store.status(&id(index), now) {
                    Some(status) => check_status(&mut seen[index], &status, now)?,
                    None => prop_assert!(seen[index].deleted, "a task vanished"),
                },
                Op::Delete(index) => {
                    let removed = store.remove(&id(index));
                    prop_assert_eq!(removed, !seen[index].deleted);
                    seen[index].deleted = true;
                }
                Op::Cancel(index) => {
                    let before = store.status(&id(index), now);
                    let decision = store.cancel(&id(index), now);
                    match (before, decision) {
                        (None, None) => prop_assert!(seen[index].deleted),
                        (Some(before), Some(CancelDecision::AlreadyFinished(state))) => {
                            prop_assert!(before.is_finished, "400 for a task that is not finished");
                            prop_assert_eq!(state, before.state, "400 names another state");
                        }
                        (Some(before), Some(CancelDecision::Accepted)) => {
                            prop_assert!(!before.is_finished, "200 for a finished task");
                            let script = &scripts[index];
                            if seen[index].cancel_deadline.is_none() && script.cancel_mode != CancelMode::Ignore {
                                let wait = Millis::from(script.check_interval_ms) + Millis::from(script.cleanup_ms);
                                seen[index].cancel_deadline = Some(now + wait);
                            }
                            let after = store.status(&id(index), now).expect("still there");
                            prop_assert!(after.cancel_requested);
                            check_status(&mut seen[index], &after, now)?;
                        }
                        (before, decision) => {
                            prop_assert!(false, "status {before:?} but cancel {decision:?}");
                        }
                    }
                }
            }
        }
        // In the end every task that is still there reaches exactly one
        // terminal state, and a cancel that was accepted has had its effect.
        now += 40_000_000;
        for (index, seen) in seen.iter_mut().enumerate() {
            if let Some(status) = store.status(&id(index), now) {
                check_status(seen, &status, now)?;
                prop_assert!(status.is_finished);
                let cancelled_in_time = seen.cancel_deadline.is_some();
                if cancelled_in_time {
                    prop_assert!(matches!(status.state, TaskState::Cancelled | TaskState::Completed | TaskState::Failed));
                }
            }
        }
    }
}
