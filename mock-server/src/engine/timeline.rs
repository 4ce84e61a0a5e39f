//! A task's run as a series of steps: from `at_ms` after it started, it
//! shows this progress and this message. A scenario sets one to replay what a
//! real server showed over time (`--record` writes them); a task without one
//! makes progress evenly and says how far it is.

use serde::{Deserialize, Serialize};

/// The most steps one task may have: a recording of a task read every
/// 100 ms for 15 minutes fits.
pub const MAX_STEPS: usize = 10_000;

/// One point of a run.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Milliseconds after the task started.
    pub at_ms: u32,
    /// The progress shown from then on (below 100 while it runs).
    pub progress: u8,
    /// The message shown from then on; the one before it when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Why a list of steps cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvalidTimeline {
    #[error("a timeline has at most {MAX_STEPS} steps, not {0}")]
    TooLong(usize),
    #[error("step {index}: progress must be 0 to 100, not {progress}")]
    Progress { index: usize, progress: u8 },
    #[error("step {index}: at_ms {at_ms} comes before the step above it")]
    OutOfOrder { index: usize, at_ms: u32 },
}

/// Checks that `steps` can be replayed: in time order, progress in range.
pub fn check(steps: &[Step]) -> Result<(), InvalidTimeline> {
    if steps.len() > MAX_STEPS {
        return Err(InvalidTimeline::TooLong(steps.len()));
    }
    let mut last_at = 0;
    for (index, step) in steps.iter().enumerate() {
        if step.progress > 100 {
            return Err(InvalidTimeline::Progress {
                index,
                progress: step.progress,
            });
        }
        if step.at_ms < last_at {
            return Err(InvalidTimeline::OutOfOrder {
                index,
                at_ms: step.at_ms,
            });
        }
        last_at = step.at_ms;
    }
    Ok(())
}

/// The progress shown after `worked_ms` of work: the last step reached.
pub fn progress_at(steps: &[Step], worked_ms: u64) -> u8 {
    reached(steps, worked_ms)
        .last()
        .map_or(0, |step| step.progress)
}

/// The message shown after `worked_ms` of work: the last one a reached step
/// set, if any did.
pub fn message_at(steps: &[Step], worked_ms: u64) -> Option<&str> {
    reached(steps, worked_ms)
        .iter()
        .rev()
        .find_map(|step| step.message.as_deref())
}

fn reached(steps: &[Step], worked_ms: u64) -> &[Step] {
    let count = steps.partition_point(|step| u64::from(step.at_ms) <= worked_ms);
    &steps[..count]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(at_ms: u32, progress: u8, message: Option<&str>) -> Step {
        Step {
            at_ms,
            progress,
            message: message.map(str::to_owned),
        }
    }

    #[test]
    fn the_last_step_reached_decides_and_a_message_lasts_until_replaced() {
        let steps = [
            step(0, 0, Some("Starting")),
            step(1_000, 40, None),
            step(2_500, 80, Some("Almost")),
        ];
        assert_eq!(
            (progress_at(&steps, 999), message_at(&steps, 999)),
            (0, Some("Starting"))
        );
        assert_eq!(
            (progress_at(&steps, 1_000), message_at(&steps, 1_000)),
            (40, Some("Starting"))
        );
        assert_eq!(
            (progress_at(&steps, 9_000), message_at(&steps, 9_000)),
            (80, Some("Almost"))
        );
        assert_eq!(message_at(&steps[1..], 1_500), None);
    }

    #[test]
    fn a_timeline_out_of_order_or_out_of_range_is_refused() {
        assert_eq!(
            check(&[step(500, 10, None), step(400, 20, None)]),
            Err(InvalidTimeline::OutOfOrder {
                index: 1,
                at_ms: 400
            })
        );
        assert_eq!(
            check(&[step(0, 101, None)]),
            Err(InvalidTimeline::Progress {
                index: 0,
                progress: 101
            })
        );
        assert_eq!(check(&[step(0, 0, None), step(0, 100, None)]), Ok(()));
    }
}
