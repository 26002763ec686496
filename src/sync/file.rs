//! `file` sources: a CSV cell (`cell: B7`) or a JSON Pointer in a file of the
//! repository; the path never leaves it.

use std::io::Read;

use super::http::at_pointer;
use super::{FetchError, MAX_BYTES, Request, inert, inside_root, number};

pub fn fetch(req: &Request<'_>) -> Result<f64, FetchError> {
    let s = req.source;
    let path = s.path.as_deref().ok_or_else(|| {
        FetchError::Config(format!(
            "source `{}` is a file source; the key result's `source:` needs `path:`",
            req.name
        ))
    })?;
    let full = inside_root(req, path)?;
    let mut bytes = Vec::new();
    std::fs::File::open(&full)
        .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| FetchError::Connect(format!("cannot read {}: {e}", inert(path))))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(FetchError::Config(format!(
            "{} is larger than {MAX_BYTES} bytes",
            inert(path)
        )));
    }
    match (&s.cell, &s.pointer) {
        (Some(cell), None) => csv_cell(&bytes, cell),
        (None, Some(pointer)) => {
            let json: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
                FetchError::NotANumber(format!("{} is not JSON ({e})", inert(path)))
            })?;
            at_pointer(&json, pointer)
        }
        _ => Err(FetchError::Config(
            "a file source's key result names one of `cell:` (a CSV cell such as B7) or `pointer:` (a JSON Pointer)".into(),
        )),
    }
}

/// `B7`: column B (the second), row 7 (from 1).
fn parse_cell(cell: &str) -> Option<(usize, usize)> {
    let cell = cell.trim();
    let split = cell.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = cell.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let column = letters.bytes().fold(0usize, |n, b| {
        n * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1)
    }) - 1;
    let row: usize = digits.parse().ok().filter(|r| *r >= 1)?;
    Some((column, row - 1))
}

fn csv_cell(bytes: &[u8], cell: &str) -> Result<f64, FetchError> {
    let (column, row) = parse_cell(cell).ok_or_else(|| {
        FetchError::Config(format!(
            "`cell: {}` is not a cell; write column letters and a row number, e.g. B7",
            inert(cell)
        ))
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    for (i, record) in reader.records().enumerate() {
        let record = record
            .map_err(|e| FetchError::NotANumber(format!("a CSV file that does not parse ({e})")))?;
        if i < row {
            continue;
        }
        return match record.get(column) {
            Some(text) if !text.trim().is_empty() => number(text),
            _ => Err(FetchError::Empty(format!("cell {} is empty", inert(cell)))),
        };
    }
    Err(FetchError::Empty(format!(
        "the file has no row {}",
        row + 1
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells() {
        assert_eq!(parse_cell("A1"), Some((0, 0)));
        assert_eq!(parse_cell("b7"), Some((1, 6)));
        assert_eq!(parse_cell("AA10"), Some((26, 9)));
        for bad in ["", "7", "B", "B0", "1B", "B-1", "ABCD1"] {
            assert_eq!(parse_cell(bad), None, "{bad}");
        }
        let csv = b"month,signups\n2026-10,\"1,200\"\n2026-11,0\n";
        assert_eq!(csv_cell(csv, "B3").unwrap(), 0.0);
        assert!(matches!(
            csv_cell(csv, "B2"),
            Err(FetchError::NotANumber(_))
        ));
        assert!(matches!(csv_cell(csv, "C3"), Err(FetchError::Empty(_))));
        assert!(matches!(csv_cell(csv, "B9"), Err(FetchError::Empty(_))));
    }
}
