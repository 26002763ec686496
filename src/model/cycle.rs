//! Cycles and their periods: standard ids (`2026`, `2026-H2`, `2026-Q4`,
//! `2026-11`) and the days they span. Plain date arithmetic; no I/O.

use chrono::NaiveDate;

use super::Date;

/// The days a cycle spans, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

impl Period {
    /// Whether this period contains `other` entirely.
    pub fn encloses(&self, other: &Period) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn contains(&self, day: Date) -> bool {
        self.start <= day && day <= self.end
    }

    /// Length in days, counting both ends.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

/// A cycle: its id and, when known, its period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    pub id: String,
    pub period: Period,
}

/// Why a cycle id does not name a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CycleError {
    /// Not a standard id and not declared in okr.yaml.
    Unknown,
    /// Declared, but without a usable start or end.
    NoPeriod,
}

impl Cycle {
    /// The period of a standard cycle id: `2026`, `2026-H1`, `2026-Q4`, `2026-11`.
    pub fn standard(id: &str) -> Option<Period> {
        let (year, rest) = match id.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (id, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let (first_month, months) = match rest {
            None => (1, 12),
            Some(r) if r.len() == 2 && r.starts_with('H') => match &r[1..] {
                "1" => (1, 6),
                "2" => (7, 6),
                _ => return None,
            },
            Some(r) if r.len() == 2 && r.starts_with('Q') => match &r[1..] {
                q @ ("1" | "2" | "3" | "4") => (3 * q.parse::<u32>().ok()? - 2, 3),
                _ => return None,
            },
            Some(r) if r.len() == 2 && r.bytes().all(|b| b.is_ascii_digit()) => {
                let m: u32 = r.parse().ok()?;
                if !(1..=12).contains(&m) {
                    return None;
                }
                (m, 1)
            }
            Some(_) => return None,
        };
        let start = NaiveDate::from_ymd_opt(year, first_month, 1)?;
        let after = start.checked_add_months(chrono::Months::new(months))?;
        Some(Period {
            start,
            end: after.pred_opt()?,
        })
    }

    /// Expected progress on `today`: 0 on the first day, 1 on the last, clamped.
    pub fn expected(&self, today: Date) -> f64 {
        let total = (self.period.end - self.period.start).num_days();
        if total <= 0 {
            return if today >= self.period.end { 1.0 } else { 0.0 };
        }
        let elapsed = (today - self.period.start).num_days();
        (elapsed as f64 / total as f64).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn standard_ids() {
        let p = Cycle::standard("2026").unwrap();
        assert_eq!((p.start, p.end), (d("2026-01-01"), d("2026-12-31")));
        let p = Cycle::standard("2026-H2").unwrap();
        assert_eq!((p.start, p.end), (d("2026-07-01"), d("2026-12-31")));
        let p = Cycle::standard("2026-Q4").unwrap();
        assert_eq!((p.start, p.end), (d("2026-10-01"), d("2026-12-31")));
        let p = Cycle::standard("2024-02").unwrap();
        assert_eq!((p.start, p.end), (d("2024-02-01"), d("2024-02-29")));
        for bad in [
            "2026-Q5", "2026-13", "2026-00", "26", "2026-H3", "2026-FY", "abcd",
        ] {
            assert_eq!(Cycle::standard(bad), None, "{bad}");
        }
    }

    #[test]
    fn enclosing() {
        let year = Cycle::standard("2026").unwrap();
        let q4 = Cycle::standard("2026-Q4").unwrap();
        assert!(year.encloses(&q4));
        assert!(!q4.encloses(&year));
        assert!(q4.encloses(&q4));
    }

    #[test]
    fn expected_progress() {
        let c = Cycle {
            id: "2026-Q4".into(),
            period: Cycle::standard("2026-Q4").unwrap(),
        };
        // 2026-10-01 .. 2026-12-31 is 91 days apart.
        assert_eq!(c.expected(d("2026-10-01")), 0.0);
        assert_eq!(c.expected(d("2026-12-31")), 1.0);
        assert_eq!(c.expected(d("2026-09-01")), 0.0);
        assert_eq!(c.expected(d("2027-02-01")), 1.0);
        assert!((c.expected(d("2026-11-15")) - 45.0 / 91.0).abs() < 1e-12);
    }
}
