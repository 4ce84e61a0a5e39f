//! The mock's clock: real (optionally sped up) or manual.
//!
//! Every task computes its state from this clock, so with a manual clock a
//! test decides exactly when a task starts, notices a cancel, or finishes.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch, on the mock's clock.
pub type Millis = u64;

/// Which clock the mock runs on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClockMode {
    /// Wall time, multiplied by the time scale.
    #[default]
    Real,
    /// Time moves only when `POST /__mock/clock/advance` says so.
    Manual,
}

impl std::str::FromStr for ClockMode {
    type Err = String;

    /// `real` or `manual`, as `--clock` takes it.
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "real" => Ok(ClockMode::Real),
            "manual" => Ok(ClockMode::Manual),
            other => Err(format!("unknown clock {other:?}: use real or manual")),
        }
    }
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
        .min(MAX_TIME)
    }

    /// Sets a manual clock back to where it started; a real clock runs on.
    pub fn reset(&self) {
        if self.mode == ClockMode::Manual {
            self.advanced.store(0, Ordering::SeqCst);
        }
    }

    /// Moves a manual clock forward by `ms` and returns the new time.
    pub fn advance(&self, ms: Millis) -> Result<Millis, NotManual> {
        if self.mode != ClockMode::Manual {
            return Err(NotManual);
        }
        let before = self.advanced.fetch_add(ms, Ordering::SeqCst);
        Ok(self
            .origin
            .saturating_add(before)
            .saturating_add(ms)
            .min(MAX_TIME))
    }
}

/// The last instant the clock shows, 9999-12-31T23:59:59.999Z: ISO 8601 has
/// four-digit years, so however far it is advanced or sped up, it stops here.
pub const MAX_TIME: Millis = 253_402_300_799_999;

/// Formats mock time as ISO 8601 in UTC with milliseconds, e.g.
/// `2026-11-28T20:33:14.123Z`.
pub fn iso8601(at: Millis) -> String {
    Iso8601(at).to_string()
}

/// Mock time shown as ISO 8601 (UTC, milliseconds), without an intermediate
/// `String`: it runs several times per status read.
#[derive(Clone, Copy, Debug)]
pub struct Iso8601(pub Millis);

impl fmt::Display for Iso8601 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = UNIX_EPOCH + Duration::from_millis(self.0.min(MAX_TIME));
        fmt::Display::fmt(&humantime::format_rfc3339_millis(at), f)
    }
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
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(951_782_400_000), "2000-02-29T00:00:00.000Z");
    }

    #[test]
    fn the_clock_stops_at_the_end_of_year_9999() {
        let clock = Clock::starting_at(ClockMode::Manual, 1.0, MAX_TIME - 10);
        assert_eq!(clock.advance(1_000_000), Ok(MAX_TIME));
        assert_eq!(clock.now(), MAX_TIME);
        assert_eq!(iso8601(clock.now()), "9999-12-31T23:59:59.999Z");
        assert_eq!(iso8601(Millis::MAX), "9999-12-31T23:59:59.999Z");
        let sped_up = Clock::starting_at(ClockMode::Real, 1e30, 0);
        std::thread::sleep(Duration::from_millis(2));
        assert_eq!(sped_up.now(), MAX_TIME);
    }

    #[test]
    fn clock_modes_read_from_the_command_line() {
        assert_eq!("manual".parse(), Ok(ClockMode::Manual));
        assert_eq!("real".parse(), Ok(ClockMode::Real));
        assert!("fake".parse::<ClockMode>().is_err());
    }
}
