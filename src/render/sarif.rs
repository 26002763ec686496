//! SARIF 2.1.0 for code-scanning upload, with every rule described. Writes
//! through `json::value`; reads no file.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::CheckReport;
use crate::model::Level;
use crate::rules::RULES;

pub fn write(out: &mut dyn Write, report: &CheckReport<'_>) -> io::Result<()> {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id.as_str(),
                "name": r.id.as_str(),
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": format!("{} {}", r.why, r.fix)},
                "help": {
                    "text": super::explain::summary(r),
                    "markdown": super::explain::markdown(r),
                },
                "defaultConfiguration": {"level": sarif_level(r.default)},
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let rule_index = RULES.iter().position(|r| r.id.as_str() == f.rule).unwrap_or(0);
            json!({
                "ruleId": f.rule,
                "ruleIndex": rule_index,
                "level": sarif_level(f.level),
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": format!("{}{}", report.repo_prefix, f.file),
                            "uriBaseId": "SRCROOT",
                        },
                        "region": {"startLine": f.pos.line.max(1), "startColumn": f.pos.column.max(1)},
                    }
                }],
            })
        })
        .collect();
    let repo_root = report
        .org
        .root
        .to_string_lossy()
        .strip_suffix(report.repo_prefix.trim_end_matches('/'))
        .map_or_else(|| report.org.root.display().to_string(), str::to_owned);
    let root_uri = format!("file://{}/", repo_root.trim_end_matches('/')).replace(' ', "%20");
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "okr",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/okr-cli",
                "rules": rules,
            }},
            "originalUriBaseIds": {"SRCROOT": {"uri": root_uri}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    super::json::value(out, &log)
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Off => "none",
    }
}
