//! Numbers, dates and text as spreadsheets and exports write them: `3,637,839`,
//! `12%`, `3,600 users`, `3.5万`, `2026/10/05`, `2026年10月5日`.

use crate::model::Date;

/// A number read from a cell, with the unit written beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub value: f64,
    /// `%`, `users`, `$`...; `None` for a bare number.
    pub unit: Option<String>,
}

/// Reads a number written by a person: thousands separators (`3,600`,
/// `3 600`), a decimal comma (`12,5`), a unit before or after (`$120`,
/// `3,600 users`, `12%`), a multiplier (`12k`, `1.5M`, `3.5万`, `2亿`),
/// full-width digits and the minus sign `−`.
pub fn parse_quantity(text: &str) -> Result<Quantity, String> {
    let normal: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '，' => ',',
            '．' => '.',
            '％' => '%',
            '−' | '－' => '-',
            '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    let s = normal.trim();
    if s.is_empty() {
        return Err("the cell is empty".into());
    }
    // The number is the longest run of digits, separators, sign and point.
    let start = s
        .find(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '.')
        .ok_or_else(|| format!("`{}` is not a number", short(text)))?;
    let mut end = start;
    for (i, c) in s[start..].char_indices() {
        let ok = c.is_ascii_digit()
            || matches!(c, ',' | '.' | '_' | '\'')
            || (i == 0 && matches!(c, '-' | '+'))
            || (c == ' ' && s[start + i + 1..].starts_with(|d: char| d.is_ascii_digit()));
        if !ok {
            break;
        }
        end = start + i + c.len_utf8();
    }
    let prefix = s[..start].trim();
    let mut number = s[start..end].trim_end_matches([',', ' ']).to_owned();
    let mut suffix = s[start + number.len()..].trim();
    let mut value =
        number_value(&mut number).ok_or_else(|| format!("`{}` is not a number", short(text)))?;
    // An exponent: `1.5e6`.
    if let Some(exp) = suffix.strip_prefix(['e', 'E'])
        && exp
            .trim_start_matches(['-', '+'])
            .starts_with(|c: char| c.is_ascii_digit())
    {
        let end = exp
            .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '+'))
            .unwrap_or(exp.len());
        let e: i32 = exp[..end]
            .parse()
            .map_err(|_| format!("`{}` is not a number", short(text)))?;
        value *= 10f64.powi(e.clamp(-400, 400));
        suffix = exp[end..].trim();
    }
    let multiplier = [("k", 1e3), ("K", 1e3), ("M", 1e6), ("万", 1e4), ("亿", 1e8)]
        .iter()
        .find(|(m, _)| {
            suffix.starts_with(m)
                && suffix[m.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c == ' ' || !c.is_alphanumeric())
        });
    if let Some((m, factor)) = multiplier {
        value *= factor;
        suffix = suffix[m.len()..].trim();
    }
    if !value.is_finite() || value.abs() >= 1e15 {
        return Err(format!("`{}` is too large a number", short(text)));
    }
    let unit = match (prefix, suffix) {
        ("", "") => None,
        (p, "") if p.chars().count() <= 3 && !p.chars().any(|c| c.is_ascii_digit()) => {
            Some(p.to_owned())
        }
        ("", u) if u.chars().count() <= 20 => Some(u.to_owned()),
        _ => return Err(format!("`{}` is not a number", short(text))),
    };
    Ok(Quantity { value, unit })
}

/// The value of the digits with their separators: commas (or spaces, `_`,
/// `'`) between groups of three are thousands separators; a single comma
/// followed by one or two digits is a decimal comma.
fn number_value(number: &mut String) -> Option<f64> {
    let digits_after = |sep: char| number.rsplit(sep).next().map_or(0, str::len);
    if !number.contains('.')
        && number.matches(',').count() == 1
        && (1..=2).contains(&digits_after(','))
    {
        *number = number.replace(',', ".");
    }
    // Every group after a separator has three digits.
    let groups: Vec<&str> = number.split([',', ' ', '_', '\'']).collect();
    if groups.len() > 1 {
        let (first, rest) = groups.split_first()?;
        let int_ok = !first.is_empty() && first.trim_start_matches(['-', '+']).len() <= 3;
        let rest_ok = rest.iter().enumerate().all(|(i, g)| {
            let digits = if i + 1 == rest.len() {
                g.split('.').next().unwrap_or("")
            } else {
                g
            };
            digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit())
        });
        if !int_ok || !rest_ok {
            return None;
        }
    }
    let plain: String = number
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '\''))
        .collect();
    if plain.is_empty() || plain == "-" || plain == "+" || plain == "." {
        return None;
    }
    plain.parse::<f64>().ok()
}

/// A fraction from 0 to 1 from `0.7`, `70%` or `70` (read as a percentage).
pub fn parse_fraction(text: &str) -> Result<f64, String> {
    let q = parse_quantity(text)?;
    let x = match q.unit.as_deref() {
        Some("%") => q.value / 100.0,
        None if q.value > 1.0 && q.value <= 100.0 => q.value / 100.0,
        None => q.value,
        Some(u) => {
            return Err(format!(
                "`{}` has a unit `{u}`; write a fraction like 0.7 or 70%",
                short(text)
            ));
        }
    };
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!(
            "`{}` is not between 0 and 1 (or 0% and 100%)",
            short(text)
        ))
    }
}

/// The formats [`parse_date`] reads, for error messages.
pub const DATE_FORMATS: &str =
    "2026-10-05, 2026/10/05, 2026.10.05, 2026年10月5日 or 2026-10-05T09:00:00Z";

/// A day written year first: `2026-10-05`, `2026/10/5`, `2026.10.05`,
/// `2026年10月5日`, or an ISO 8601 date and time (the day in its own time
/// zone). Day-first and month-first dates (`05/10/2026`) are refused: they
/// cannot be told apart.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let date = parse_any_date(text)?;
    if (0..=9999).contains(&chrono::Datelike::year(&date)) {
        Ok(date)
    } else {
        Err(format!(
            "`{}` is outside the years OKR files can hold (0000 to 9999)",
            short(text)
        ))
    }
}

fn parse_any_date(text: &str) -> Result<Date, String> {
    let s = text.trim();
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok(dt.date_naive());
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S%.fZ",
    ] {
        if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(s, format) {
            return Ok(dt.date());
        }
    }
    let day_part = s.strip_suffix('日').unwrap_or(s);
    let unified: String = day_part
        .chars()
        .map(|c| {
            if matches!(c, '/' | '.' | '年' | '月') {
                '-'
            } else {
                c
            }
        })
        .collect();
    let parts: Vec<&str> = unified.split('-').collect();
    if let [y, m, d] = parts.as_slice()
        && y.len() == 4
        && [y, m, d]
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        && let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
    {
        return Date::from_ymd_opt(y, m, d)
            .ok_or_else(|| format!("`{}` is not a day of the calendar", short(text)));
    }
    Err(format!(
        "`{}` is not a date okr can read; write it year first: {DATE_FORMATS}",
        short(text)
    ))
}

/// A day from a spreadsheet's date serial (days since 1899-12-30, as Excel
/// and Google Sheets count).
pub fn date_from_serial(serial: f64) -> Option<Date> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    Date::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// A standard cycle id from the ways sheets name quarters, halves and years:
/// `2026-Q4`, `2026 Q4`, `Q4 2026`, `Q4/2026`, `2026Q4`, `FY2026 Q4`,
/// `2026年第四季度`, `2026年Q4`, `2026年第4季度`, `2026 H1`, `2026年上半年`,
/// `2026年`, `2026`. `None` when the text is none of these.
pub fn parse_cycle(text: &str) -> Option<String> {
    let t: String = text
        .trim()
        .to_uppercase()
        .replace("FY", "")
        .replace("财年", "")
        .replace("上半年", "H1")
        .replace("下半年", "H2")
        .replace('年', " ")
        .replace("第一季度", "Q1")
        .replace("第二季度", "Q2")
        .replace("第三季度", "Q3")
        .replace("第四季度", "Q4")
        .replace("一季度", "Q1")
        .replace("二季度", "Q2")
        .replace("三季度", "Q3")
        .replace("四季度", "Q4");
    let t = t.replace('第', "Q").replace("季度", "").replace("Q Q", "Q");
    let parts: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | '_' | '.'))
        .filter(|p| !p.is_empty())
        .collect();
    let year =
        |p: &str| (p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.to_owned());
    let part = |p: &str| {
        let ok = p.len() == 2
            && matches!(p.as_bytes()[0], b'Q' | b'H')
            && crate::model::Cycle::standard(&format!("2000-{p}")).is_some();
        ok.then(|| p.to_owned())
    };
    let id = match parts.as_slice() {
        [y] if year(y).is_some() => y.to_string(),
        [one] if one.len() == 6 => match (year(&one[..4]), part(&one[4..])) {
            (Some(y), Some(p)) => format!("{y}-{p}"),
            _ => return None,
        },
        [a, b] => match (year(a), part(b), part(a), year(b)) {
            (Some(y), Some(p), _, _) | (_, _, Some(p), Some(y)) => format!("{y}-{p}"),
            _ => return None,
        },
        _ => return None,
    };
    crate::model::Cycle::standard(&id).map(|_| id)
}

/// Whether a milestone is done: `true`, `done`, `yes`, `✓`, `是`, `完成`, `已完成`, `100%`...
pub fn parse_done(text: &str) -> Result<bool, String> {
    let lower = text.trim().to_lowercase();
    match lower.as_str() {
        "true" | "done" | "yes" | "y" | "1" | "x" | "✓" | "✔" | "是" | "完成" | "已完成"
        | "100%" => Ok(true),
        "false" | "not done" | "not-done" | "no" | "n" | "0" | "" | "否" | "未完成" | "进行中"
        | "0%" => Ok(false),
        _ => Err(format!(
            "`{}` is neither done nor not done; write true or false",
            short(text)
        )),
    }
}

/// Text as okr keeps it: control characters and bidirectional overrides
/// removed, line breaks and tabs turned into spaces, runs of spaces made one,
/// trimmed; at most `max` characters.
pub fn clean_text(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4));
    let mut count = 0;
    for c in text.chars() {
        let c = match c {
            '\t' | '\n' | '\r' | '\u{a0}' | '\u{3000}' | '\u{2028}' | '\u{2029}' => ' ',
            c if c.is_control() => continue,
            '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}' => continue,
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        if count == max {
            break;
        }
        out.push(c);
        count += 1;
    }
    out.truncate(out.trim_end().len());
    out
}

/// The first 40 characters of a text, cleaned, for messages.
pub fn short(text: &str) -> String {
    let clean = clean_text(text, 41);
    if clean.chars().count() > 40 {
        format!("{}…", clean.chars().take(40).collect::<String>())
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> (f64, Option<&'static str>) {
        let q = parse_quantity(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        (q.value, q.unit.map(|u| &*Box::leak(u.into_boxed_str())))
    }

    #[test]
    fn numbers_as_people_write_them() {
        assert_eq!(q("3,637,839"), (3_637_839.0, None));
        assert_eq!(q("12%"), (12.0, Some("%")));
        assert_eq!(q("3,600 users"), (3600.0, Some("users")));
        assert_eq!(q(" -3.5 "), (-3.5, None));
        assert_eq!(q("−2"), (-2.0, None));
        assert_eq!(q("$1,200.50"), (1200.5, Some("$")));
        assert_eq!(q("12,5"), (12.5, None));
        assert_eq!(q("1,234,567.89"), (1_234_567.89, None));
        assert_eq!(q("3 637 839"), (3_637_839.0, None));
        assert_eq!(q("１２，０００"), (12_000.0, None));
        assert_eq!(q("3.5万"), (35_000.0, None));
        assert_eq!(q("12k users"), (12_000.0, Some("users")));
        assert_eq!(q("5 ms"), (5.0, Some("ms")));
        assert_eq!(q("40 分"), (40.0, Some("分")));
        assert_eq!(q("0.7"), (0.7, None));
        assert_eq!(q("1.5e6"), (1_500_000.0, None));
    }

    #[test]
    fn not_numbers() {
        for bad in [
            "",
            "abc",
            "1,23,4",
            "12,34,5678",
            "--3",
            "1e400",
            "3 and 4 apples and more words",
            "about 5",
        ] {
            assert!(parse_quantity(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn fractions() {
        assert_eq!(parse_fraction("0.7").unwrap(), 0.7);
        assert_eq!(parse_fraction("70%").unwrap(), 0.7);
        assert_eq!(parse_fraction("70").unwrap(), 0.7);
        assert!(parse_fraction("170%").is_err());
        assert!(parse_fraction("7 kg").is_err());
    }

    #[test]
    fn dates_year_first() {
        let d = |s: &str| {
            parse_date(s)
                .unwrap_or_else(|e| panic!("{s}: {e}"))
                .to_string()
        };
        assert_eq!(d("2026-10-05"), "2026-10-05");
        assert_eq!(d("2026/10/5"), "2026-10-05");
        assert_eq!(d("2026.10.05"), "2026-10-05");
        assert_eq!(d("2026年10月5日"), "2026-10-05");
        assert_eq!(d("2026-10-05T23:30:00-05:00"), "2026-10-05");
        assert_eq!(d("2026-10-05T09:00:00.000Z"), "2026-10-05");
        assert_eq!(d("2026-10-05 09:00:00"), "2026-10-05");
        for bad in [
            "05/10/2026",
            "10/05/2026",
            "Oct 5, 2026",
            "2026-02-30",
            "yesterday",
            "2026-1-1-1",
            "-262143-01-01T00:00:00",
            "+262142-12-31T00:00:00",
            "12345-01-01 00:00",
        ] {
            let e = parse_date(bad).unwrap_err();
            assert!(e.contains('`'), "{bad}: {e}");
        }
        assert_eq!(date_from_serial(46300.0).unwrap().to_string(), "2026-10-05");
        assert!(date_from_serial(-1.0).is_none());
    }

    #[test]
    fn cycles() {
        for (text, id) in [
            ("2026-Q4", "2026-Q4"),
            ("2026 Q4", "2026-Q4"),
            ("Q4 2026", "2026-Q4"),
            ("q4/2026", "2026-Q4"),
            ("2026Q4", "2026-Q4"),
            ("FY2026 Q4", "2026-Q4"),
            ("2026年第四季度", "2026-Q4"),
            ("2026年Q4", "2026-Q4"),
            ("2026年第4季度", "2026-Q4"),
            ("2026 H1", "2026-H1"),
            ("2026年上半年", "2026-H1"),
            ("2026年", "2026"),
            ("2026", "2026"),
        ] {
            assert_eq!(parse_cycle(text).as_deref(), Some(id), "{text}");
        }
        for bad in ["Q5 2026", "sprint 12", "26 Q4", "2026-Q4-extra"] {
            assert_eq!(parse_cycle(bad), None, "{bad}");
        }
    }

    #[test]
    fn done_values() {
        assert!(parse_done("已完成").unwrap());
        assert!(parse_done("TRUE").unwrap());
        assert!(!parse_done("未完成").unwrap());
        assert!(parse_done("maybe").is_err());
    }

    #[test]
    fn text_is_cleaned() {
        assert_eq!(
            clean_text(" a\tb\n\nc \u{1b}[31m\u{202e}x ", 100),
            "a b c [31mx"
        );
        assert_eq!(clean_text("标题很长很长", 3), "标题很");
        assert_eq!(short(&"x".repeat(60)).chars().count(), 41);
    }
}
