//! The mock's clock: real (optionally sped up) or manual.
//!
//! Every task computes its state from this clock, so with a manual clock a
//! test decides exactly when a task starts, notices a cancel, or finishes.

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch, on the mock's clock.
pub type Millis = u64;

/// Which clock the mock runs on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ClockMode {
    /// Wall time, multiplied by the time scale.
    #[default]
    Real,
    /// Time moves only when `POST /__mock/clock/advance` says so.
    Manual,
}

/// The clock all tasks read.
#[derive(Debug)]
pub struct Clock {
    mode: ClockMode,
    /// Mock time when the clock was made.
    origin: Millis,
    started: Instant,
    time_scale: f64,
    /// Milliseconds a manual clock has been advanced.
    advanced: AtomicU64,
}

/// Why the clock cannot be advanced.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the clock is real; start the mock with --clock manual to advance it")]
pub struct NotManual;

impl Clock {
    /// A clock starting at the current wall time.
    pub fn new(mode: ClockMode, time_scale: f64) -> Self {
        let origin = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO)
            .as_millis() as Millis;
        Clock::starting_at(mode, time_scale, origin)
    }

    /// A clock starting at `origin`, for tests that want fixed times.
    pub fn starting_at(mode: ClockMode, time_scale: f64, origin: Millis) -> Self {
        Clock {
            mode,
            origin,
            started: Instant::now(),
            time_scale,
            advanced: AtomicU64::new(0),
        }
    }

    pub fn mode(&self) -> ClockMode {
        self.mode
    }

    pub fn time_scale(&self) -> f64 {
        self.time_scale
    }

    /// The current mock time.
    pub fn now(&self) -> Millis {
        match self.mode {
            ClockMode::Real => {
                let elapsed = self.started.elapsed().as_secs_f64() * 1_000.0 * self.time_scale;
                self.origin.saturating_add(elapsed as Millis)
            }
            ClockMode::Manual => self
                .origin
                .saturating_add(self.advanced.load(Ordering::SeqCst)),
        }
    }

    /// Moves a manual clock forward by `ms` and returns the new time.
    pub fn advance(&self, ms: Millis) -> Result<Millis, NotManual> {
        if self.mode != ClockMode::Manual {
            return Err(NotManual);
        }
        let before = self.advanced.fetch_add(ms, Ordering::SeqCst);
        Ok(self.origin.saturating_add(before).saturating_add(ms))
    }
}

/// Formats mock time as ISO 8601 in UTC with milliseconds, e.g.
/// `2026-11-28T20:33:14.123Z`.
pub fn iso8601(at: Millis) -> String {
    let time = UNIX_EPOCH + Duration::from_millis(at);
    humantime::format_rfc3339_millis(time).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_advanced() {
        let clock = Clock::starting_at(ClockMode::Manual, 1.0, 5_000);
        assert_eq!(clock.now(), 5_000);
        assert_eq!(clock.advance(250), Ok(5_250));
        assert_eq!(clock.now(), 5_250);
    }

    #[test]
    fn real_clock_refuses_to_advance() {
        let clock = Clock::starting_at(ClockMode::Real, 1.0, 0);
        assert_eq!(clock.advance(1), Err(NotManual));
    }

    #[test]
    fn iso8601_is_utc_with_milliseconds() {
        assert_eq!(iso8601(1_700_000_000_123), "2023-11-14T22:13:20.123Z");
    }
}
