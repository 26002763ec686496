//! Bad input gets one clear finding at a sensible place: never a panic, a hang
//! or a pile of follow-up findings.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::time::Duration;

use common::{Finding, Okr, Run, fixture_path};

/// `okr check --format json` on `tests/fixtures/hostile`, findings by file.
fn hostile() -> (Run, BTreeMap<String, Vec<Finding>>) {
    let run = Okr::new()
        .fixture("hostile")
        .args(["check", "--format", "json"])
        .run();
    run.no_crash().code(1);
    let mut by_file: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    for f in run.findings() {
        by_file.entry(f.file.clone()).or_default().push(f);
    }
    (run, by_file)
}

/// The 1-based number of the first line of a hostile fixture that satisfies `pred`.
fn line_of(file: &str, pred: impl Fn(&str) -> bool) -> u64 {
    let bytes = fs::read(fixture_path("hostile/okrs").join(file)).expect("read fixture");
    let text = String::from_utf8_lossy(&bytes);
    let index = text
        .lines()
        .position(pred)
        .unwrap_or_else(|| panic!("{file} has no such line"));
    index as u64 + 1
}

/// The one finding of `okrs/<file>`, of rule `rule`, whose message mentions `needle`.
#[track_caller]
fn single(file: &str, rule: &str, needle: &str) -> Finding {
    let (run, by_file) = hostile();
    let path = format!("okrs/{file}");
    let findings = by_file.get(&path).cloned().unwrap_or_default();
    assert_eq!(findings.len(), 1, "{path} should get one finding\n{run:?}");
    let f = findings.into_iter().next().unwrap();
    assert_eq!(f.rule, rule, "{f:?}");
    assert_eq!(f.level, "error", "{f:?}");
    assert!(
        f.message.to_lowercase().contains(&needle.to_lowercase()),
        "the message of {path} should mention {needle:?}: {f:?}"
    );
    f
}

#[test]
fn every_hostile_file_gets_exactly_one_finding() {
    let (run, by_file) = hostile();
    let files: Vec<String> = fs::read_dir(fixture_path("hostile/okrs"))
        .expect("hostile/okrs")
        .map(|e| format!("okrs/{}", e.expect("entry").file_name().to_string_lossy()))
        .collect();
    assert_eq!(files.len(), 10);
    for file in &files {
        let n = by_file.get(file).map_or(0, Vec::len);
        assert_eq!(n, 1, "{file} has {n} findings\n{run:?}");
    }
    assert_eq!(
        by_file.len(),
        files.len(),
        "findings outside okrs/\n{run:?}"
    );
    assert_eq!(run.summary("files"), 10);
    assert_eq!(run.summary("errors"), 10);
}

#[test]
fn human_format_survives_hostile_files() {
    let run = Okr::new().fixture("hostile").args(["check"]).run();
    run.no_crash().code(1).stdout_contains("10 errors");
}

#[test]
fn merge_conflict() {
    let f = single("conflict.yaml", "yaml", "unresolved merge conflict");
    assert_eq!(
        f.line,
        line_of("conflict.yaml", |l| l.starts_with("<<<<<<<"))
    );
    assert_eq!(f.column, 1);
}

#[test]
fn not_utf8() {
    let f = single("nonutf8.yaml", "yaml", "UTF-8");
    assert_eq!(
        f.line,
        line_of("nonutf8.yaml", |l| l.contains("title: Caf"))
    );
}

#[test]
fn tabs() {
    let f = single("tabs.yaml", "yaml", "tabs");
    assert_eq!(f.line, line_of("tabs.yaml", |l| l.starts_with('\t')));
}

#[test]
fn empty() {
    let f = single("empty.yaml", "yaml", "empty");
    assert_eq!((f.line, f.column), (1, 1));
}

#[test]
fn two_documents() {
    let f = single("two-docs.yaml", "yaml", "documents");
    let separator = line_of("two-docs.yaml", |l| l == "---");
    assert!(
        f.line == separator || f.line == separator + 1,
        "at the second document (line {separator}): {f:?}"
    );
}

#[test]
fn not_a_number() {
    let f = single("nan.yaml", "yaml", "finite");
    assert_eq!(f.line, line_of("nan.yaml", |l| l.contains(".nan")));
}

#[test]
fn duplicate_key() {
    let f = single("dup-key.yaml", "yaml", "duplicate key `title`");
    let first = line_of("dup-key.yaml", |l| l.trim_start().starts_with("title:"));
    let second = line_of("dup-key.yaml", |l| l.contains("title: The second"));
    assert!(second > first);
    assert_eq!(f.line, second, "at the second `title`: {f:?}");
}

#[test]
fn alias_bomb() {
    single("alias-bomb.yaml", "yaml", "");
}

#[test]
fn deep_flow_nesting() {
    single("deep.yaml", "yaml", "");
}

#[test]
fn list_at_the_top() {
    let f = single("list-top.yaml", "schema", "mapping");
    assert_eq!(f.line, line_of("list-top.yaml", |l| l.starts_with("- ")));
}

/// A generated hostile file, alone in an OKR repository: okr reports it quickly.
fn generated(name: &str, contents: impl AsRef<[u8]>) -> (Run, Finding) {
    let config = fs::read(fixture_path("hostile/okr.yaml")).expect("hostile/okr.yaml");
    let okr = Okr::new()
        .file("okr.yaml", config)
        .file(&format!("okrs/{name}"), contents)
        .timeout(Duration::from_secs(30))
        .args(["check", "--format", "json"]);
    let run = okr.run();
    run.no_crash().code(1);
    let findings = run.findings();
    assert_eq!(findings.len(), 1, "{name}: one finding\n{run:?}");
    let f = findings.into_iter().next().unwrap();
    assert_eq!(f.rule, "yaml", "{f:?}");
    assert!(
        run.elapsed < Duration::from_secs(10),
        "{name} took {:?}",
        run.elapsed
    );
    (run, f)
}

#[test]
fn very_large_file() {
    let mut text = String::from("cycle: 2026-Q4\nteam: company\nobjectives: []\n");
    let filler = "# padding padding padding padding padding padding padding padding\n";
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(filler);
    }
    let (_, f) = generated("large.yaml", text);
    assert!(
        f.message.contains("MB") && f.message.contains("limit"),
        "says the file is too large: {f:?}"
    );
}

#[test]
fn very_deep_block_mappings() {
    // 100,000 nested block mappings: `? ` opens a block mapping whose key is
    // the next one, so the file stays small.
    let text = "? ".repeat(100_000) + "x\n";
    generated("deep-block.yaml", text);
}

#[test]
fn very_deep_block_sequences() {
    let text = "- ".repeat(100_000) + "x\n";
    generated("deep-seq.yaml", text);
}

#[test]
fn very_deep_indentation() {
    let text: String = (0..2_000).map(|i| " ".repeat(i) + "k:\n").collect();
    generated("deep-indent.yaml", text + &" ".repeat(2_000) + "k: 1\n");
}

#[test]
fn very_deep_flow_mappings() {
    let text = "{a: ".repeat(100_000) + "1" + &"}".repeat(100_000) + "\n";
    generated("deep-flow.yaml", text);
}

#[test]
fn alias_bomb_message_is_whole() {
    let f = single("alias-bomb.yaml", "yaml", "alias");
    assert_eq!(
        f.message.matches('(').count(),
        f.message.matches(')').count(),
        "balanced parentheses: {f:?}"
    );
    assert!(f.message.contains("alias bomb"), "{f:?}");
}

#[test]
fn deep_block_nesting_says_nested_too_deeply() {
    let (_, f) = generated("deep-block.yaml", "? ".repeat(100_000) + "x\n");
    assert!(f.message.contains("nested too deeply"), "{f:?}");
    assert!(
        !f.message.contains("alias") && !f.message.contains('{'),
        "{f:?}"
    );
}
