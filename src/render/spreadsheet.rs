//! `okr export`: the export view as CSV or as an XLSX workbook.

use std::io::Write;

use anyhow::Result;

use crate::view::export::{ExportView, HEADERS, Value};

/// A number as the files write it: `26`, `0.7`.
fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// CSV, UTF-8 with a byte-order mark (so that Excel reads Chinese right).
/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is
/// written with a leading `'`, which `okr import` drops again.
pub fn csv(out: &mut dyn Write, view: &ExportView) -> Result<()> {
    out.write_all(b"\xef\xbb\xbf")?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADERS)?;
    for row in &view.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|v| match v {
                Value::Empty => String::new(),
                Value::Number(x) => number_text(*x),
                Value::Text(s) if s.starts_with(['=', '+', '-', '@']) => format!("'{s}"),
                Value::Text(s) => s.clone(),
            })
            .collect();
        writer.write_record(&cells)?;
    }
    writer.flush()?;
    Ok(())
}

/// An XLSX workbook with one sheet named after the cycle; text cells are
/// strings, never formulas.
pub fn xlsx(out: &mut dyn Write, view: &ExportView) -> Result<()> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    let name: String = view
        .cycle
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    if !name.is_empty() {
        sheet.set_name(&name)?;
    }
    for (col, header) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &bold)?;
    }
    for (r, row) in view.rows.iter().enumerate() {
        let r = u32::try_from(r + 1)?;
        for (c, value) in row.iter().enumerate() {
            let c = c as u16;
            match value {
                Value::Empty => {}
                Value::Number(x) => {
                    sheet.write_number(r, c, *x)?;
                }
                Value::Text(s) => {
                    sheet.write_string(r, c, s)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    out.write_all(&workbook.save_to_buffer()?)?;
    Ok(())
}
