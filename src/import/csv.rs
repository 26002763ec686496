//! CSV files (as Google Sheets, Excel and Numbers save them) to tables.

use super::sheet::{Cell, Table};
use super::{MAX_COLUMNS, MAX_ROWS};

/// Reads a CSV file: UTF-8 (a byte-order mark is skipped), separated by
/// commas, or by tabs or semicolons when the first line has more of those.
pub fn table(name: &str, bytes: &[u8]) -> Result<Table, String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return Err(format!(
            "{name} is UTF-16 text; save it as \"CSV UTF-8\" (comma delimited) and import that"
        ));
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        return Err(format!(
            "{name} is not UTF-8 text (byte {} is not); save it as \"CSV UTF-8\" and import that",
            e.valid_up_to() + 1
        ));
    }
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |sep: u8| first_line.iter().filter(|&&b| b == sep).count();
    let delimiter = [b'\t', b';']
        .into_iter()
        .find(|&d| count(d) > count(b','))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        if i > MAX_ROWS + 10 {
            return Err(format!(
                "{name} has more than {MAX_ROWS} rows; okr imports at most {MAX_ROWS} rows from a sheet"
            ));
        }
        let record = record.map_err(|e| {
            let line = e.position().map_or(i + 1, |p| p.line() as usize);
            format!("{name} line {line}: not CSV okr can read ({e})")
        })?;
        if record.len() > MAX_COLUMNS {
            return Err(format!(
                "{name} row {}: {} columns; okr reads at most {MAX_COLUMNS}",
                i + 1,
                record.len()
            ));
        }
        rows.push(
            record
                .iter()
                .map(|c| {
                    if c.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(c.to_owned())
                    }
                })
                .collect(),
        );
    }
    Ok(Table {
        name: name.to_owned(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_quotes() {
        let t = table(
            "a.csv",
            "\u{feff}目标,关键结果\n\"提高, 留存\",次日留存\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1][0], Cell::Text("提高, 留存".into()));
        let t = table("a.tsv", b"a\tb\n1,5\t2\n").unwrap();
        assert_eq!(t.rows[1][0], Cell::Text("1,5".into()));
        assert!(
            table("a.csv", b"\xff\xfea\x00")
                .unwrap_err()
                .contains("UTF-16")
        );
        assert!(
            table("a.csv", b"a,\xc3\x28")
                .unwrap_err()
                .contains("not UTF-8")
        );
    }
}
