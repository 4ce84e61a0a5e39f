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
/// `String`.
#[derive(Clone, Copy, Debug)]
pub struct Iso8601(pub Millis);

impl fmt::Display for Iso8601 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = iso8601_bytes(self.0);
        // Digits and ASCII punctuation only.
        f.write_str(std::str::from_utf8(&text).unwrap_or_default())
    }
}

/// `at` as the 24 bytes of `2026-11-28T20:33:14.123Z`, by integer arithmetic:
/// a status read writes three of them, and the formatting machinery was most
/// of their cost (BENCHMARKS.md). Time after [`MAX_TIME`] is shown as it.
pub fn iso8601_bytes(at: Millis) -> [u8; 24] {
    const DAY_MS: Millis = 86_400_000;
    let at = at.min(MAX_TIME);
    let (year, month, day) = civil_date(at / DAY_MS);
    let in_day = at % DAY_MS;
    let mut text = *b"0000-00-00T00:00:00.000Z";
    for (range, value) in [
        (0..4, year),
        (5..7, month),
        (8..10, day),
        (11..13, in_day / 3_600_000),
        (14..16, in_day / 60_000 % 60),
        (17..19, in_day / 1_000 % 60),
        (20..23, in_day % 1_000),
    ] {
        let mut value = value;
        for digit in text[range].iter_mut().rev() {
            *digit = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    text
}

/// The proleptic Gregorian (year, month, day) of a day counted from
/// 1970-01-01: Howard Hinnant's `civil_from_days`, for days on or after it.
fn civil_date(days: u64) -> (u64, u64, u64) {
    // Days since 0000-03-01, so a leap day ends each year.
    let days = days + 719_468;
    let era = days / 146_097;
    let day_of_era = days % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let march_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * march_month + 2) / 5 + 1;
    let month = if march_month < 10 {
        march_month + 3
    } else {
        march_month - 9
    };
    let year = era * 400 + year_of_era + u64::from(month <= 2);
    (year, month, day)
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

    /// The formatter against humantime's, which it replaced on the hot path:
    /// the first and last millisecond of every day from 1970 to 9999 (leap
    /// days, centuries, 2000), and a spread of times within days.
    #[test]
    fn iso8601_agrees_with_humantime() {
        let humantime = |at: Millis| {
            humantime::format_rfc3339_millis(UNIX_EPOCH + Duration::from_millis(at)).to_string()
        };
        let mut checked = 0;
        let mut day_start = 0;
        while day_start <= MAX_TIME {
            for at in [day_start, day_start + 86_399_999] {
                assert_eq!(iso8601(at), humantime(at.min(MAX_TIME)), "at {at}");
                checked += 1;
            }
            day_start += 86_400_000;
        }
        let mut at: Millis = 1;
        while at <= MAX_TIME {
            assert_eq!(iso8601(at), humantime(at), "at {at}");
            at = at * 3 + 7;
        }
        assert!(checked > 5_800_000, "{checked}");
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
