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
    Iso8601(at).to_string()
}

/// Mock time shown as ISO 8601 (UTC, milliseconds), written digit by digit:
/// it runs several times per status read.
#[derive(Clone, Copy, Debug)]
pub struct Iso8601(pub Millis);

impl fmt::Display for Iso8601 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = self.0;
        let (year, month, day) = civil_from_days(at / 86_400_000);
        let in_day = at % 86_400_000;
        if year > 9_999 {
            // Beyond four digits: rare enough for the general formatter.
            return write!(
                f,
                "{year}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
                in_day / 3_600_000,
                in_day / 60_000 % 60,
                in_day / 1_000 % 60,
                in_day % 1_000
            );
        }
        let mut text = *b"0000-00-00T00:00:00.000Z";
        put_digits(&mut text[0..4], year);
        put_digits(&mut text[5..7], month);
        put_digits(&mut text[8..10], day);
        put_digits(&mut text[11..13], in_day / 3_600_000);
        put_digits(&mut text[14..16], in_day / 60_000 % 60);
        put_digits(&mut text[17..19], in_day / 1_000 % 60);
        put_digits(&mut text[20..23], in_day % 1_000);
        // Only ASCII digits and separators were written.
        f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
    }
}

/// Writes `value` into `slot` in decimal, zero-padded on the left.
fn put_digits(slot: &mut [u8], mut value: u64) {
    for digit in slot.iter_mut().rev() {
        *digit = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

/// Days since 1970-01-01 as a proleptic Gregorian date (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
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

    #[test]
    fn iso8601_agrees_with_humantime_across_centuries() {
        let mut at: Millis = 0;
        while at < 8_000_000_000_000 {
            let expected = humantime::format_rfc3339_millis(UNIX_EPOCH + Duration::from_millis(at))
                .to_string();
            assert_eq!(iso8601(at), expected);
            at += 86_399_999 * 7 + 12_345;
        }
    }
}
