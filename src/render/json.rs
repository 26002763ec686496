//! JSON output: the one JSON writer of every command (pretty, with a trailing
//! newline), and `okr check --format json`'s object of findings and summary.

use std::io::{self, Write};

use serde::Serialize;

use super::CheckReport;

/// The JSON Schema (draft 2020-12) of a model type, pretty, without a newline.
pub fn schema<T: schemars::JsonSchema>() -> String {
    serde_json::to_string_pretty(&schemars::schema_for!(T)).unwrap_or_default()
}

/// Writes any value as okr writes JSON: pretty, then a newline.
pub fn value(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

#[derive(Serialize)]
struct Output<'a> {
    findings: Vec<JsonFinding<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    level: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    suppressed: usize,
    files: usize,
}

pub fn write(out: &mut dyn Write, report: &CheckReport<'_>) -> io::Result<()> {
    let s = report.summary;
    let output = Output {
        findings: report
            .findings
            .iter()
            .map(|f| JsonFinding {
                rule: f.rule,
                level: f.level.as_str(),
                file: &f.file,
                line: f.pos.line,
                column: f.pos.column,
                message: &f.message,
            })
            .collect(),
        summary: JsonSummary {
            errors: s.errors,
            warnings: s.warnings,
            suppressed: s.suppressed,
            files: s.files,
        },
    };
    value(out, &output)
}
