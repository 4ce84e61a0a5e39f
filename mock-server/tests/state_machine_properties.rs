//! Properties of the task state machine on random scripts and random
//! interleavings of status reads, cancels, clock advances and deletes.
//!
//! Run against the task store itself, with the mock's own clock arithmetic,
//! so thousands of cases take about a second.

use mock_server::engine::clock::{Clock, ClockMode, Millis};
use mock_server::engine::store::TaskStore;
use mock_server::engine::task::{CancelDecision, CancelMode, Outcome, Script};
use proptest::prelude::*;
use task_api::{TaskState, TaskStatus};

const TASKS: usize = 4;

fn script() -> impl Strategy<Value = Script> {
    // Round values as often as any: they make a check fall exactly when the
    // work ends, where the race rule is decided.
    (
        prop_oneof![0u32..4_000, (0u32..4).prop_map(|n| n * 1_000)],
        prop_oneof![0u32..20_000, (0u32..20).prop_map(|n| n * 1_000)],
        prop_oneof![Just(Outcome::Completed), Just(Outcome::Failed)],
        prop_oneof![0u32..5_000, Just(1_000), Just(500)],
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
        4 => prop_oneof![0u64..3_000, (0u64..4).prop_map(|n| n * 500)].prop_map(Op::Advance),
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
    /// When the first accepted cancel was asked for.
    cancelled_at: Option<Millis>,
    deleted: bool,
}

/// The document's race rule, stated on its own: a task whose cancel was
/// accepted at `asked` ends CANCELLED unless its work ended before the
/// cancel was noticed (the next check, or at once for `immediate`; never
/// for `ignore`).
fn expected_end(script: &Script, created: Millis, asked: Millis) -> TaskState {
    let start = created + Millis::from(script.pending_ms);
    let work_ends = start + Millis::from(script.duration_ms);
    let interval = Millis::from(script.check_interval_ms);
    let noticed = match script.cancel_mode {
        CancelMode::Ignore => None,
        CancelMode::Immediate => Some(asked),
        CancelMode::Cooperative if asked < start || interval == 0 => Some(asked),
        CancelMode::Cooperative => {
            let mut check = start + interval;
            while check < asked {
                check += interval;
            }
            Some(check)
        }
    };
    match noticed {
        Some(at) if at < work_ends => TaskState::Cancelled,
        _ => match script.outcome {
            Outcome::Completed => TaskState::Completed,
            Outcome::Failed => TaskState::Failed,
        },
    }
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
        const CREATED: Millis = 1_000_000;
        let clock = Clock::starting_at(ClockMode::Manual, 1.0, CREATED);
        let mut seen: Vec<Seen> = (0..TASKS).map(|_| Seen::default()).collect();
        for (index, script) in scripts.iter().enumerate() {
            store.create(id(index), script.clone(), &clock).expect("fresh ids");
        }
        for op in ops {
            let now = clock.now();
            match op {
                Op::Advance(ms) => {
                    clock.advance(ms).expect("a manual clock");
                }
                Op::Read(index) => match store.status(&id(index), &clock) {
                    Some(status) => check_status(&mut seen[index], &status, now)?,
                    None => prop_assert!(seen[index].deleted, "a task vanished"),
                },
                Op::Delete(index) => {
                    let removed = store.remove(&id(index));
                    prop_assert_eq!(removed, !seen[index].deleted);
                    seen[index].deleted = true;
                }
                Op::Cancel(index) => {
                    let before = store.status(&id(index), &clock);
                    let decision = store.cancel(&id(index), &clock);
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
                            seen[index].cancelled_at.get_or_insert(now);
                            let after = store.status(&id(index), &clock).expect("still there");
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
        clock.advance(40_000_000).expect("a manual clock");
        let now = clock.now();
        for (index, seen) in seen.iter_mut().enumerate() {
            if let Some(status) = store.status(&id(index), &clock) {
                check_status(seen, &status, now)?;
                prop_assert!(status.is_finished);
                let script = &scripts[index];
                let expected = match seen.cancelled_at {
                    Some(asked) => expected_end(script, CREATED, asked),
                    None if script.outcome == Outcome::Completed => TaskState::Completed,
                    None => TaskState::Failed,
                };
                prop_assert_eq!(status.state, expected, "the race rule, for {:?}", script);
            }
        }
    }
}
