//! How often the widget reads a task's status, and how it backs off.

/// The polling rules of one widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollPolicy {
    /// Time between a status answer and the next read (the documentation
    /// recommends 1-2 s).
    pub interval_ms: u32,
    /// Reads after an accepted cancel before giving up (the documentation's
    /// examples: 30).
    pub max_attempts: u32,
    /// The longest wait between reads after repeated failures.
    pub max_backoff_ms: u32,
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            interval_ms: 1_000,
            max_attempts: 30,
            max_backoff_ms: 30_000,
        }
    }
}

impl PollPolicy {
    /// A policy with the given interval and attempts, other rules default.
    pub fn new(interval_ms: u32, max_attempts: u32) -> Self {
        PollPolicy {
            interval_ms,
            max_attempts: max_attempts.max(1),
            max_backoff_ms: PollPolicy::default().max_backoff_ms.max(interval_ms),
        }
    }

    /// The wait before the next read after `failures` failed reads in a row:
    /// the interval, doubled per failure, at most `max_backoff_ms`.
    pub fn delay_after(&self, failures: u32) -> u32 {
        let factor = 1u64 << failures.min(16);
        let delay = u64::from(self.interval_ms) * factor;
        delay.min(u64::from(self.max_backoff_ms.max(self.interval_ms))) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_and_is_capped() {
        let policy = PollPolicy::default();
        let delays: Vec<_> = (0..7).map(|n| policy.delay_after(n)).collect();
        assert_eq!(delays, [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
        assert_eq!(policy.delay_after(u32::MAX), 30_000);
    }

    #[test]
    fn a_long_interval_is_never_shortened_by_the_cap() {
        let policy = PollPolicy::new(60_000, 5);
        assert_eq!(policy.delay_after(3), 60_000);
    }

    #[test]
    fn at_least_one_attempt() {
        assert_eq!(PollPolicy::new(10, 0).max_attempts, 1);
    }
}
