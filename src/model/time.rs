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
            // Only what a sidecar can hold: years 0 to 9999 in UTC (RFC 3339 has four digits).
            Ok(s) => in_range(parse_timestamp(&s)).map(Clock::fixed).ok_or_else(|| {
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
            // The second after the latest, in UTC. After 9999-12-31T23:59:59Z, the last second
            // a timestamp can name, there is none: the new record takes that same second and
            // is still the latest, since among equal times the later record in the list wins.
            Some(l) if l >= now => in_range(
                l.replace_nanosecond(0)
                    .ok()
                    .and_then(|l| l.checked_add(time::Duration::SECOND)),
            )
            .unwrap_or(LAST_SECOND),
            _ => now,
        };
        Clock::fixed(at).timestamp()
    }

    /// Today's date.
    pub fn today(&self) -> Date {
        self.now.date()
    }
}

/// The last second a stored timestamp can name.
const LAST_SECOND: OffsetDateTime = time::macros::datetime!(9999-12-31 23:59:59 UTC);

/// `t` in UTC, when its year there is one a stored timestamp can hold (0 to 9999): outside,
/// it could not be written (`0000-01-01T00:30:00+01:00` is in year -1 in UTC).
fn in_range(t: Option<OffsetDateTime>) -> Option<OffsetDateTime> {
    t.and_then(|t| t.checked_to_offset(UtcOffset::UTC))
        .filter(|t| (0..=9999).contains(&t.year()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_after_the_last_second_takes_it_instead_of_panicking() {
        let clock = Clock::fixed(parse_timestamp("2026-11-20T10:00:00Z").unwrap());
        assert_eq!(
            clock.timestamp_after(["2026-11-20T10:00:00Z"]).as_str(),
            "2026-11-20T10:00:01Z"
        );
        for last in ["9999-12-31T23:59:59Z", "9999-12-31T23:30:00-01:00"] {
            assert_eq!(
                clock.timestamp_after([last]).as_str(),
                "9999-12-31T23:59:59Z",
                "{last}"
            );
        }
        assert_eq!(
            clock.timestamp_after(["2026-01-01T00:00:00Z"]).as_str(),
            "2026-11-20T10:00:00Z"
        );
    }

    #[test]
    fn a_clock_outside_the_years_a_sidecar_holds_is_refused() {
        assert!(in_range(parse_timestamp("0000-01-01T00:30:00+01:00")).is_none());
        assert!(in_range(parse_timestamp("0000-01-01T00:30:00Z")).is_some());
    }
}
