//! XLSX workbooks (Excel, Google Sheets, Numbers, LibreOffice) to tables, one
//! per worksheet, read cell by cell so that a sheet claiming a million rows
//! costs no memory for the empty ones.

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};

use super::sheet::{Cell, Table};
use super::{MAX_COLUMNS, MAX_ROWS};

pub fn tables(name: &str, bytes: &[u8]) -> Result<Vec<Table>, String> {
    super::zip_limits::check(name, bytes)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| format!("{name} is not an XLSX workbook okr can read ({e})"))?;
    let mut tables = Vec::new();
    for sheet in workbook.sheet_names() {
        let label = format!("{name} [{}]", super::numbers::short(&sheet));
        let mut reader = workbook
            .worksheet_cells_reader(&sheet)
            .map_err(|e| format!("{label}: cannot be read ({e})"))?;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        while let Some(cell) = reader
            .next_cell()
            .map_err(|e| format!("{label}: cannot be read ({e})"))?
        {
            let (row, column) = cell.get_position();
            let (row, column) = (row as usize, column as usize);
            let value = match cell.get_value() {
                DataRef::Empty => continue,
                DataRef::Int(i) => Cell::Number(*i as f64),
                DataRef::Float(x) => Cell::Number(*x),
                DataRef::String(s) => Cell::Text(s.clone()),
                DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
                DataRef::Bool(b) => Cell::Bool(*b),
                DataRef::DateTime(d) => Cell::DateSerial(d.as_f64()),
                DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
                DataRef::Error(_) => Cell::Empty,
            };
            if row > MAX_ROWS + 10 {
                return Err(format!(
                    "{label}: a cell on row {}; okr imports at most {MAX_ROWS} rows from a sheet",
                    row + 1
                ));
            }
            if column >= MAX_COLUMNS {
                return Err(format!(
                    "{label}: a cell in column {}; okr reads at most {MAX_COLUMNS} columns",
                    column + 1
                ));
            }
            if rows.len() <= row {
                rows.resize_with(row + 1, Vec::new);
            }
            let cells = &mut rows[row];
            if cells.len() <= column {
                cells.resize(column + 1, Cell::Empty);
            }
            cells[column] = value;
        }
        if rows.iter().any(|r| !r.is_empty()) {
            tables.push(Table { name: label, rows });
        }
    }
    if tables.is_empty() {
        return Err(format!("{name}: every sheet is empty"));
    }
    Ok(tables)
}
