//! Dates as okr reads them everywhere (OKR files, okr.yaml, the command line):
//! `YYYY-MM-DD`, the pattern of the JSON Schema, naming a day that exists.
//! The one date parser of the files and the command line; plain text work.

use super::Date;

/// A date as OKR files, okr.yaml and the command line write it: `YYYY-MM-DD`
/// (the pattern of the JSON Schema), naming a day that exists. The error says
/// what is wrong, to follow "X is "...", ".
pub fn parse_date(s: &str) -> Result<Date, String> {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let numbers: Option<Vec<u32>> = match parts.as_slice() {
        [y, m, d] if [y, m, d].iter().all(|p| digits(p) && p.len() <= 4) => {
            parts.iter().map(|p| p.parse().ok()).collect()
        }
        _ => None,
    };
    let Some([year, month, day]) = numbers.as_deref().map(|n| [n[0], n[1], n[2]]) else {
        return Err("not a date written YYYY-MM-DD, such as 2026-11-30".to_owned());
    };
    let shaped = parts[0].len() == 4 && parts[1].len() == 2 && parts[2].len() == 2;
    let date = i32::try_from(year)
        .ok()
        .and_then(|y| Date::from_ymd_opt(y, month, day));
    match date {
        Some(d) if shaped => Ok(d),
        Some(d) => Err(format!(
            "not written YYYY-MM-DD (with leading zeros); write {}",
            d.format("%Y-%m-%d")
        )),
        None => Err(format!(
            "a day that does not exist ({})",
            why_no_such_day(year, month)
        )),
    }
}

/// Why year-month-day names no day: the month does not exist, or how many days it has.
fn why_no_such_day(year: u32, month: u32) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let Some(name) = month.checked_sub(1).and_then(|i| MONTHS.get(i as usize)) else {
        return format!("there is no month {month}");
    };
    let first = |y: u32, m: u32| Date::from_ymd_opt(i32::try_from(y).ok()?, m, 1);
    let next = if month == 12 {
        first(year + 1, 1)
    } else {
        first(year, month + 1)
    };
    match (first(year, month), next) {
        (Some(a), Some(b)) => format!("{name} {year} has {} days", (b - a).num_days()),
        _ => format!("the year {year} is out of range"),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2026-11-30").unwrap().to_string(), "2026-11-30");
        let err = |s: &str| parse_date(s).unwrap_err();
        assert_eq!(
            err("2026-11-31"),
            "a day that does not exist (November 2026 has 30 days)"
        );
        assert_eq!(
            err("2027-02-29"),
            "a day that does not exist (February 2027 has 28 days)"
        );
        assert!(parse_date("2028-02-29").is_ok());
        assert_eq!(
            err("2026-13-01"),
            "a day that does not exist (there is no month 13)"
        );
        assert_eq!(
            err("2026-1-5"),
            "not written YYYY-MM-DD (with leading zeros); write 2026-01-05"
        );
        for bad in [
            "",
            "2026",
            "2026-11",
            "2026-11-30-1",
            "26-11-30x",
            "+2026-11-30",
            "二〇二六",
        ] {
            assert!(err(bad).starts_with("not a date"), "{bad}");
        }
    }
}
