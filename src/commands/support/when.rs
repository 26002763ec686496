//! `--since` and `--until`: the dates `git log` takes (`2026-11-01`,
//! `2026-11-01 12:00`, `yesterday`, `2 weeks ago`), read with the
//! `parse_datetime` crate (the parser of uutils' `date -d`) relative to
//! `--today`. Shared by commands; calls no command.

use anyhow::{Result, bail};
use jiff::Zoned;
use jiff::civil;
use jiff::tz::TimeZone;

use crate::model::{Checkin, Date};

/// What `--since` or `--until` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// A whole day, in each check-in's own time zone: a date, or a form
    /// counted in days (`yesterday`, `3 days ago`, `2 weeks ago`).
    Day(Date),
    /// A moment (seconds since the epoch): a form with a time of day
    /// (`2026-11-01 12:00`, `3 hours ago`), compared with the author's time.
    Instant(i64),
}

/// The forms `--since` and `--until` take, for `--help` and errors.
pub const FORMS: &str = "YYYY-MM-DD, `YYYY-MM-DD HH:MM[:SS]` (local time, or with a zone such as +08:00), today, yesterday, `3 days ago`, `2 weeks ago`, `5 hours ago`, `last week`, `@SECONDS` (seconds since 1970)";

impl Bound {
    /// Reads `text` as `git log --since` would, with "now" on `today` at the
    /// clock's time of day. A result at midnight of the local time zone
    /// when counted from the start of `today` names that whole day.
    pub fn parse(option: &str, text: &str, today: Date) -> Result<Bound> {
        let zone = TimeZone::system();
        let at = |time: civil::Time| -> Option<Zoned> {
            let day = civil::Date::new(
                i16::try_from(chrono::Datelike::year(&today)).ok()?,
                i8::try_from(chrono::Datelike::month(&today)).ok()?,
                i8::try_from(chrono::Datelike::day(&today)).ok()?,
            )
            .ok()?;
            day.to_datetime(time).to_zoned(zone.clone()).ok()
        };
        let read = |base: Option<Zoned>| {
            base.and_then(|b| parse_datetime::parse_datetime_at_date(b, text).ok())
                .and_then(|p| p.into_zoned())
        };
        let Some(from_midnight) = read(at(civil::Time::midnight())) else {
            bail!("{option} `{text}` is not a date okr can read; it takes {FORMS}");
        };
        if from_midnight.time() == civil::Time::midnight() {
            let d = from_midnight.date();
            if let Some(day) = chrono::NaiveDate::from_ymd_opt(
                i32::from(d.year()),
                u32::try_from(d.month()).unwrap_or(0),
                u32::try_from(d.day()).unwrap_or(0),
            ) {
                return Ok(Bound::Day(day));
            }
        }
        let now = read(at(Zoned::now().time())).unwrap_or(from_midnight);
        Ok(Bound::Instant(now.timestamp().as_second()))
    }

    /// As `--since`: whether a check-in is on or after this bound.
    pub fn since_admits(&self, c: &Checkin) -> bool {
        match *self {
            Bound::Day(day) => day <= c.date(),
            Bound::Instant(t) => t <= c.time,
        }
    }

    /// As `--until`: whether a check-in is on or before this bound.
    pub fn until_admits(&self, c: &Checkin) -> bool {
        match *self {
            Bound::Day(day) => c.date() <= day,
            Bound::Instant(t) => c.time <= t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn day_forms_name_whole_days_counted_from_today() {
        let today = day("2026-11-15");
        for (text, want) in [
            ("2026-11-01", "2026-11-01"),
            ("today", "2026-11-15"),
            ("yesterday", "2026-11-14"),
            ("2 weeks ago", "2026-11-01"),
            ("3 days ago", "2026-11-12"),
        ] {
            assert_eq!(
                Bound::parse("--since", text, today).unwrap(),
                Bound::Day(day(want)),
                "{text}"
            );
        }
    }

    #[test]
    fn forms_with_a_time_are_moments_and_nonsense_is_refused() {
        assert!(matches!(
            Bound::parse("--since", "2026-11-01 12:00 +00:00", day("2026-11-15")).unwrap(),
            Bound::Instant(1_793_534_400)
        ));
        let e = Bound::parse("--until", "fortnight-ish", day("2026-11-15")).unwrap_err();
        assert!(e.to_string().contains("yesterday"), "{e}");
    }
}
