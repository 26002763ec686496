//! `okr check --format json`: one object with the findings and a summary.

use std::io::{self, Write};

use serde_json::json;

use super::CheckReport;

pub fn write(out: &mut dyn Write, report: &CheckReport<'_>) -> io::Result<()> {
    let findings: Vec<_> = report
        .findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "level": f.level.as_str(),
                "file": f.file,
                "line": f.pos.line,
                "column": f.pos.column,
                "message": f.message,
            })
        })
        .collect();
    let s = report.summary;
    let value = json!({
        "findings": findings,
        "summary": {
            "errors": s.errors,
            "warnings": s.warnings,
            "suppressed": s.suppressed,
            "files": s.files,
        },
    });
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}
