//! `okr check --format json`: one object with the findings and a summary.

use std::io::{self, Write};

use serde::Serialize;

use super::CheckReport;

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
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}
