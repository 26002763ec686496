//! The load+rules property, shared by `tests/fuzz_props.rs` (proptest, in
//! `cargo test`) and the `load_rules` target of `fuzz/`: any bytes as okr.yaml
//! and any bytes as an OKR file are parsed, decoded, checked by every static
//! rule, located, suppressed and rendered as `okr check` does, without a panic,
//! and every finding points inside its file.

use std::path::Path;

use okr::finding::{Finding, Summary};
use okr::load::{self, decode::Decoder, locate};
use okr::model::{CONFIG_FILE, Config, Context, Date, Org, SourceFile};
use okr::render::{self, CheckReport};
use okr::rules;

/// The path the OKR file is loaded as.
pub const FILE: &str = "okrs/2026-Q4/team.yaml";

/// Splits fuzz input at its first NUL byte (which no YAML file may hold):
/// okr.yaml before it, the OKR file after it. Without a NUL, the whole input
/// is the OKR file and okr.yaml is empty.
pub fn split(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&[], data),
    }
}

/// Runs `okr check`'s pipeline on the two texts; panics only when a finding
/// points outside its file.
pub fn check(config: &[u8], file: &[u8], today: Date) {
    let mut findings: Vec<Finding> = Vec::new();
    let (config_text, config) = match load::parse_bytes(config.to_vec()) {
        Ok((text, node)) => {
            let mut decoder = Decoder::new(CONFIG_FILE);
            let config = decoder.config(&node);
            findings.extend(decoder.findings);
            (text, config)
        }
        Err((text, problem)) => {
            findings.push(Finding::new(
                "yaml",
                CONFIG_FILE,
                okr::finding::Location::Pos(problem.pos),
                problem.message,
            ));
            (text, Config::default())
        }
    };
    let (source, file_findings): (SourceFile, Vec<Finding>) =
        load::decode_file(FILE, file.to_vec());
    findings.extend(file_findings);
    let org = Org {
        root: Path::new("/okr").to_path_buf(),
        config,
        config_text,
        files: vec![source],
    };
    let cx = Context::new(&org, today);
    let mut findings = rules::check(&cx, findings);
    findings.extend(rules::unknown_ignored_rules(&org));
    locate::locate_all(&org, &mut findings);
    let suppressed =
        rules::apply_suppressions(&org, &mut findings, locate::outline, locate::items_around);
    for f in &findings {
        let text = if f.file == CONFIG_FILE {
            &org.config_text
        } else {
            &org.files[0].text
        };
        let lines = text.split('\n').count().max(1);
        assert!(
            (f.pos.line as usize) <= lines + 1,
            "{} finding at line {} of a {lines}-line file: {}",
            f.rule,
            f.pos.line,
            f.message
        );
    }
    let summary = Summary {
        errors: findings.len(),
        warnings: 0,
        suppressed,
        files: org.files.len(),
    };
    let report = CheckReport {
        org: &org,
        findings: &findings,
        summary,
        repo_prefix: String::new(),
    };
    let mut out = Vec::new();
    render::human::write(&mut out, &report, true).expect("writes to memory");
    render::json::write(&mut out, &report).expect("writes to memory");
    render::github::write(&mut out, &report).expect("writes to memory");
}
