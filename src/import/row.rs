//! One row of a sheet, read cell by cell: text cleaned, numbers, dates,
//! fractions and done-or-not, each error naming the row and the column.

use super::Errors;
use super::columns::{Columns, Field};
use super::numbers::{
    clean_text, date_from_serial, parse_date, parse_done, parse_fraction, parse_quantity, short,
};
use super::sheet::{Cell, column_name};
use crate::model::Date;

/// One row with its cells by field.
pub struct Row<'a> {
    pub table: &'a str,
    pub number: usize,
    pub cells: &'a [Cell],
    pub columns: &'a Columns,
    pub headers: &'a [String],
}

impl Row<'_> {
    pub fn cell(&self, field: Field) -> Option<&Cell> {
        let c = self.cells.get(self.columns.get(field)?)?;
        (!c.is_empty()).then_some(c)
    }

    /// Cleaned text; a leading `'` that kept a formula from being one is dropped.
    pub fn text(&self, field: Field, max: usize) -> Option<String> {
        let raw = self.cell(field)?.text();
        let raw = match raw.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_owned(),
            _ => raw,
        };
        Some(clean_text(&raw, max)).filter(|s| !s.is_empty())
    }

    pub fn at(&self, field: Field) -> String {
        let i = self.columns.get(field).unwrap_or(0);
        format!(
            "{} row {}, column {} `{}`",
            self.table,
            self.number,
            column_name(i),
            short(self.headers.get(i).map_or("", String::as_str))
        )
    }

    pub fn number(&self, field: Field, errors: &mut Errors) -> Option<(f64, Option<String>)> {
        match self.cell(field)? {
            Cell::Number(x) => Some((*x, None)),
            cell => match parse_quantity(&cell.text()) {
                Ok(q) => Some((q.value, q.unit)),
                Err(e) => {
                    errors.push(format!("{}: {e}", self.at(field)));
                    None
                }
            },
        }
    }

    pub fn date(&self, field: Field, errors: &mut Errors) -> Option<Date> {
        let parsed = match self.cell(field)? {
            Cell::DateSerial(x) => date_from_serial(*x).ok_or_else(|| format!("{x} is not a date")),
            cell => parse_date(&cell.text()),
        };
        parsed
            .map_err(|e| errors.push(format!("{}: {e}", self.at(field))))
            .ok()
    }

    pub fn fraction(&self, field: Field, errors: &mut Errors) -> Option<f64> {
        let cell = self.cell(field)?;
        let parsed = match cell {
            Cell::Number(x) if (0.0..=1.0).contains(x) => Ok(*x),
            c => parse_fraction(&c.text()),
        };
        parsed
            .map_err(|e| errors.push(format!("{}: {e}", self.at(field))))
            .ok()
    }

    pub fn done(&self, field: Field, errors: &mut Errors) -> Option<bool> {
        match self.cell(field)? {
            Cell::Bool(b) => Some(*b),
            c => parse_done(&c.text())
                .map_err(|e| errors.push(format!("{}: {e}", self.at(field))))
                .ok(),
        }
    }
}
