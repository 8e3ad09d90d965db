//! Dates and timestamps as stored in sidecars: `YYYY-MM-DD` dates and RFC 3339 UTC timestamps.
//! The clock is passed in (see [`Clock`]) so that tests and reproducible runs are deterministic.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, UtcOffset};

use crate::model::Timestamp;

/// The current time, as the tool sees it.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    now: OffsetDateTime,
}

impl Clock {
    /// The system clock, unless `FACTCHECK_NOW` (RFC 3339) pins it.
    pub fn from_env() -> Result<Clock, String> {
        match std::env::var("FACTCHECK_NOW") {
            Ok(s) => parse_timestamp(&s).map(Clock::fixed).ok_or_else(|| {
                format!(
                    "FACTCHECK_NOW={s:?} is not an RFC 3339 timestamp such as 2026-11-20T10:00:00Z"
                )
            }),
            Err(_) => Ok(Clock::fixed(OffsetDateTime::now_utc())),
        }
    }

    /// A clock stopped at `now`.
    pub fn fixed(now: OffsetDateTime) -> Clock {
        Clock {
            now: now.to_offset(UtcOffset::UTC),
        }
    }

    /// Now, as stored in sidecars: `2026-11-20T10:00:00Z`.
    pub fn timestamp(&self) -> Timestamp {
        let text = self
            .now
            .replace_nanosecond(0)
            .expect("0 is a valid nanosecond")
            .format(&Rfc3339)
            .expect("UTC timestamps format");
        Timestamp::from(text)
    }

    /// Now as stored, but strictly after every time in `earlier` (one second after the latest
    /// when the clock has not passed it): the order of two records made within a second, or
    /// under a clock that went back, must still be the order they were made in, since the
    /// latest sign-off by time is a claim's verdict.
    pub fn timestamp_after<'a>(&self, earlier: impl IntoIterator<Item = &'a str>) -> Timestamp {
        let now = self
            .now
            .replace_nanosecond(0)
            .expect("0 is a valid nanosecond");
        let latest = earlier.into_iter().filter_map(parse_timestamp).max();
        let at = match latest {
            Some(l) if l >= now => {
                l.replace_nanosecond(0).expect("0 is valid") + time::Duration::SECOND
            }
            _ => now,
        };
        Clock::fixed(at).timestamp()
    }

    /// Today's date.
    pub fn today(&self) -> Date {
        self.now.date()
    }
}

/// Parses an RFC 3339 timestamp.
pub fn parse_timestamp(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// Parses a `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<Date> {
    Date::parse(s, format_description!("[year]-[month]-[day]")).ok()
}

/// Whole years from `from` to `to` (0 when `from` is in the future).
pub fn years_between(from: Date, to: Date) -> i32 {
    let mut years = to.year() - from.year();
    if (to.month() as u8, to.day()) < (from.month() as u8, from.day()) {
        years -= 1;
    }
    years.max(0)
}
