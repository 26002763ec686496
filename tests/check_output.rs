//! `okr check`: exit codes, the four output formats, path selection,
//! suppression, levels and colours.

mod common;

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs;
use std::path::Path;

use common::{Finding, Okr, RULE_IDS, crate_root, keys};
use serde_json::Value;

fn examples(format: &str) -> common::Run {
    Okr::new()
        .examples()
        .args(["check", "--format", format])
        .run()
}

/// `okr` with `args` on a copy of `tests/fixtures/rule-cases/<rule>/fail`.
fn failing(rule: &str, args: &[&str]) -> common::Run {
    Okr::new()
        .fixture(&format!("rule-cases/{rule}/fail"))
        .args(args.iter().copied())
        .run()
}

fn yaml_files(dir: &Path) -> usize {
    fs::read_dir(dir)
        .expect("read folder")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            if p.is_dir() {
                yaml_files(&p)
            } else {
                usize::from(p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            }
        })
        .sum()
}

// --- examples/ checks clean in every format --------------------------------------------

#[test]
fn examples_human_is_silent() {
    examples("human").code(0).stdout_empty();
}

#[test]
fn examples_default_format_is_silent() {
    Okr::new()
        .examples()
        .args(["check"])
        .run()
        .code(0)
        .stdout_empty();
}

#[test]
fn examples_github_is_silent() {
    examples("github").code(0).stdout_empty();
}

#[test]
fn examples_json_has_no_findings() {
    let run = examples("json");
    run.code(0);
    assert_eq!(run.findings(), Vec::<Finding>::new(), "{run:?}");
    assert_eq!(run.summary("errors"), 0);
    assert_eq!(run.summary("warnings"), 0);
    let files = yaml_files(&crate_root().join("examples/okrs"));
    assert!(files >= 5, "examples/okrs holds only {files} files");
    assert_eq!(run.summary("files"), files as u64, "{run:?}");
}

#[test]
fn examples_sarif_has_no_results() {
    let run = examples("sarif");
    run.code(0);
    let sarif = run.json();
    assert_sarif_valid(&sarif);
    assert_eq!(sarif["runs"][0]["results"], Value::Array(vec![]), "{run:?}");
}

// --- exit codes ----------------------------------------------------------------------

#[test]
fn errors_exit_1() {
    failing("measurable", &["check"]).code(1);
}

#[test]
fn warnings_only_exit_0() {
    let run = failing("orphan", &["check"]);
    run.code(0).stdout_contains("warning[orphan]");
}

#[test]
fn deny_warnings_fails_on_warnings() {
    failing("orphan", &["check", "--deny-warnings"]).code(1);
    failing("measurable", &["check", "--deny-warnings"]).code(1);
    Okr::new()
        .examples()
        .args(["check", "--deny-warnings"])
        .run()
        .code(0);
}

#[test]
fn no_okr_yaml_exits_2() {
    let run = Okr::new().args(["check"]).run();
    run.code(2).stdout_empty().stderr_contains("okr.yaml");
}

#[test]
fn unknown_format_exits_2() {
    let run = Okr::new()
        .examples()
        .args(["check", "--format", "nope"])
        .run();
    run.code(2).stdout_empty().stderr_contains("nope");
}

#[test]
fn bad_today_exits_2() {
    let run = Okr::new()
        .examples()
        .args(["check", "--today", "2026-13-40"])
        .run();
    run.code(2).stdout_empty().stderr_contains("2026-13-40");
    let run = Okr::new().examples().today("soon").args(["check"]).run();
    run.code(2).stdout_empty().stderr_contains("soon");
}

#[test]
fn missing_path_argument_exits_2() {
    let run = failing("measurable", &["check", "okrs/nosuch.yaml"]);
    run.code(2).stdout_empty().stderr_contains("nosuch.yaml");
}

// --- human ---------------------------------------------------------------------------

#[test]
fn human_errors() {
    let run = failing("measurable", &["check"]);
    run.code(1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn human_warnings() {
    let run = failing("orphan", &["check"]);
    run.code(0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn human_points_at_okr_yaml() {
    let run = failing("coverage", &["check"]);
    run.code(0);
    insta::assert_snapshot!(run.stdout);
}

// --- json ----------------------------------------------------------------------------

#[test]
fn json_field_names() {
    let run = failing("measurable", &["check", "--format", "json"]);
    run.code(1);
    let json = run.json();
    let object = json.as_object().expect("one JSON object");
    assert!(object.contains_key("findings") && object.contains_key("summary"));
    let findings = json["findings"].as_array().expect("findings is a list");
    assert_eq!(findings.len(), 6, "{run:?}");
    for f in findings {
        for key in ["rule", "level", "file", "message"] {
            assert!(f[key].is_string(), "`{key}` is not a string in {f}");
        }
        for key in ["line", "column"] {
            assert!(f[key].as_u64().is_some_and(|n| n >= 1), "`{key}` in {f}");
        }
        assert!(["error", "warning"].contains(&f["level"].as_str().unwrap()));
        let file = f["file"].as_str().unwrap();
        assert_eq!(file, "okrs/2026-Q4/company.yaml", "relative, with `/`");
    }
    let summary = &json["summary"];
    for key in ["errors", "warnings", "files"] {
        assert!(summary[key].is_u64(), "summary.{key} in {summary}");
    }
    assert_eq!(summary["errors"], 6);
    assert_eq!(summary["warnings"], 0);
    assert_eq!(summary["files"], 1);
}

#[test]
fn json_counts_warnings_and_files() {
    let run = failing("orphan", &["check", "--format", "json"]);
    run.code(0);
    assert_eq!(run.summary("errors"), 0);
    assert_eq!(run.summary("warnings"), 1);
    assert_eq!(run.summary("files"), 2, "okr.yaml is not an OKR file");
}

#[test]
fn json_findings_are_sorted_by_file_and_position() {
    let run = failing("duplicate-id", &["check", "--format", "json"]);
    let findings = run.findings();
    let order: Vec<(String, u64, u64)> = findings
        .iter()
        .map(|f| (f.file.clone(), f.line, f.column))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "{run:?}");
}

// --- github --------------------------------------------------------------------------

/// What the Actions runner needs escaped in a message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// ... and in a property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The github lines agree with the JSON findings, one line per finding.
fn assert_github_matches_json(rule: &str) {
    let json = failing(rule, &["check", "--format", "json"]);
    let github = failing(rule, &["check", "--format", "github"]);
    github.code(json.code.expect("an exit code"));
    let expected: Vec<String> = json
        .findings()
        .iter()
        .map(|f| {
            format!(
                "::{} file={},line={},col={},title={}::{}",
                f.level,
                escape_property(&f.file),
                f.line,
                f.column,
                escape_property(&f.rule),
                escape_data(&f.message)
            )
        })
        .collect();
    assert!(!expected.is_empty());
    let lines: Vec<&str> = github.stdout.lines().collect();
    assert_eq!(lines, expected, "{github:?}");
}

#[test]
fn github_errors() {
    assert_github_matches_json("measurable");
}

#[test]
fn github_warnings() {
    assert_github_matches_json("orphan");
}

#[test]
fn github_escapes_percent() {
    let run = failing("bottom-up-share", &["check", "--format", "github"]);
    assert!(run.stdout.contains("%25"), "{run:?}");
    assert_github_matches_json("bottom-up-share");
}

#[test]
fn github_several_files() {
    assert_github_matches_json("duplicate-id");
}

#[test]
fn github_line_shape() {
    let run = failing("measurable", &["check", "--format", "github"]);
    for line in run.stdout.lines() {
        let rest = line.strip_prefix("::error file=").expect(line);
        let (props, message) = rest.split_once("::").expect(line);
        let props: Vec<&str> = props.split(',').collect();
        assert_eq!(props.len(), 4, "{line}");
        assert_eq!(props[0], "okrs/2026-Q4/company.yaml");
        assert!(
            props[1]
                .strip_prefix("line=")
                .unwrap()
                .parse::<u32>()
                .is_ok()
        );
        assert!(
            props[2]
                .strip_prefix("col=")
                .unwrap()
                .parse::<u32>()
                .is_ok()
        );
        assert_eq!(props[3], "title=measurable");
        assert!(!message.is_empty());
    }
}

// --- sarif ---------------------------------------------------------------------------

/// Validates against the official SARIF 2.1.0 schema, committed in
/// `tests/schemas/` (source and licence in `tests/schemas/README.md`).
fn assert_sarif_valid(sarif: &Value) {
    let path = crate_root().join("tests/schemas/sarif-schema-2.1.0.json");
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the SARIF schema {}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).expect("the SARIF schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF output does not validate:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_validates_and_matches_json() {
    let run = failing("measurable", &["check", "--format", "sarif"]);
    run.code(1);
    let sarif = run.json();
    assert_sarif_valid(&sarif);
    assert_eq!(sarif["version"], "2.1.0");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let findings = failing("measurable", &["check", "--format", "json"]).findings();
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(&findings) {
        assert_eq!(result["ruleId"], finding.rule.as_str());
        assert_eq!(result["level"], finding.level.as_str());
        assert_eq!(result["message"]["text"], finding.message.as_str());
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], finding.file.as_str());
        assert_eq!(location["region"]["startLine"], finding.line);
        assert_eq!(location["region"]["startColumn"], finding.column);
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], finding.rule.as_str(), "ruleIndex");
    }
}

#[test]
fn sarif_lists_every_rule() {
    let run = failing("orphan", &["check", "--format", "sarif"]);
    let sarif = run.json();
    assert_sarif_valid(&sarif);
    let ids: Vec<&str> = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| r["id"].as_str().expect("rule id"))
        .collect();
    assert_eq!(ids.len(), RULE_IDS.len(), "{ids:?}");
    let ids: BTreeSet<&str> = ids.into_iter().collect();
    assert_eq!(ids, RULE_IDS.into_iter().collect::<BTreeSet<_>>());
    assert_eq!(sarif["runs"][0]["results"][0]["level"], "warning");
}

// --- which files ---------------------------------------------------------------------

#[test]
fn path_limits_findings_to_that_file() {
    let run = failing(
        "unknown-ref",
        &["check", "--format", "json", "okrs/2026-Q4/nosuch.yaml"],
    );
    run.code(1);
    assert_eq!(
        keys(&run.findings()),
        ["unknown-ref error okrs/2026-Q4/nosuch.yaml 3 7"],
        "{run:?}"
    );
}

#[test]
fn path_to_a_folder() {
    let run = failing("unknown-ref", &["check", "--format", "json", "okrs"]);
    let files: BTreeSet<String> = run.findings().into_iter().map(|f| f.file).collect();
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        ["okrs/2026-Q4/company.yaml", "okrs/2026-Q4/nosuch.yaml"],
        "{run:?}"
    );
}

#[test]
fn path_without_findings_exits_0() {
    let run = failing(
        "alignment-cycle",
        &["check", "--format", "json", "okrs/2026-Q4/company.yaml"],
    );
    run.code(0);
    assert_eq!(run.findings(), Vec::<Finding>::new(), "{run:?}");
    failing("alignment-cycle", &["check"]).code(1);
}

#[test]
fn path_relative_to_the_working_directory() {
    let run = Okr::new()
        .fixture("rule-cases/unknown-ref/fail")
        .current_dir("okrs/2026-Q4")
        .args(["check", "--format", "json", "nosuch.yaml"])
        .run();
    assert_eq!(
        keys(&run.findings()),
        ["unknown-ref error okrs/2026-Q4/nosuch.yaml 3 7"],
        "{run:?}"
    );
}

#[test]
fn path_outside_the_root_exits_2() {
    let elsewhere = Okr::new();
    let run = Okr::new()
        .fixture("rule-cases/measurable/fail")
        .args([OsString::from("check"), elsewhere.root().into_os_string()])
        .run();
    run.code(2).stdout_empty().stderr_contains("outside");
}

#[test]
fn root_found_from_a_subfolder() {
    let run = Okr::new()
        .fixture("rule-cases/measurable/fail")
        .current_dir("okrs/2026-Q4")
        .args(["check", "--format", "json"])
        .run();
    run.code(1);
    assert_eq!(run.findings().len(), 6, "{run:?}");
    assert!(
        run.findings()
            .iter()
            .all(|f| f.file == "okrs/2026-Q4/company.yaml")
    );
}

#[test]
fn dash_c_selects_the_root() {
    let okr = Okr::new().fixture("rule-cases/measurable/fail");
    let root = okr.root();
    let run = Okr::new()
        .args([OsString::from("-C"), root.into_os_string(), "check".into()])
        .run();
    run.code(1)
        .stdout_contains("okrs/2026-Q4/company.yaml:10:9");
}

// --- today ---------------------------------------------------------------------------

#[test]
fn today_decides_whether_a_cycle_runs() {
    let agreed = |run: &common::Run| run.findings().iter().filter(|f| f.rule == "agreed").count();
    let fail = Okr::new().fixture("rule-cases/agreed/fail");
    let before = fail.run_with(["check", "--format", "json", "--today", "2026-09-01"]);
    assert_eq!(agreed(&before), 0, "the cycle has not started\n{before:?}");
    let during = fail.run_with(["check", "--format", "json"]);
    assert_eq!(agreed(&during), 1, "OKR_TODAY=2026-11-15\n{during:?}");
    let env_before = Okr::new()
        .fixture("rule-cases/agreed/fail")
        .today("2026-09-01")
        .args(["check", "--format", "json"])
        .run();
    assert_eq!(agreed(&env_before), 0, "{env_before:?}");
    let flag_wins = Okr::new()
        .fixture("rule-cases/agreed/fail")
        .today("2026-09-01")
        .args(["check", "--format", "json", "--today", "2026-11-15"])
        .run();
    assert_eq!(
        agreed(&flag_wins),
        1,
        "--today beats OKR_TODAY\n{flag_wins:?}"
    );
}

// --- suppression ---------------------------------------------------------------------

#[test]
fn ignore_comment_on_the_line_above() {
    let run = Okr::new()
        .fixture("rule-cases/orphan/fail")
        .insert_line(
            "okrs/2026-Q4/product.yaml",
            5,
            "  # okr: ignore[orphan] the council agreed this one stands alone",
        )
        .args(["check", "--format", "json"])
        .run();
    run.code(0);
    assert_eq!(run.findings(), Vec::<Finding>::new(), "{run:?}");
    assert_eq!(run.summary("suppressed"), 1);
    assert_eq!(run.summary("warnings"), 0);
}

#[test]
fn ignore_comment_on_the_same_line() {
    let run = Okr::new()
        .fixture("rule-cases/measurable/fail")
        .replace(
            "okrs/2026-Q4/company.yaml",
            "        target: 30\n        current: 30\n",
            "        target: 30 # okr: ignore[measurable] eNPS is held, not moved\n        current: 30\n",
        )
        .args(["check", "--format", "json"])
        .run();
    run.code(1);
    let findings = run.findings();
    assert_eq!(findings.len(), 5, "{run:?}");
    assert!(!findings.iter().any(|f| f.line == 17), "{run:?}");
    assert_eq!(run.summary("suppressed"), 1);
    assert_eq!(run.summary("errors"), 5);
}

#[test]
fn ignore_comment_for_another_rule_does_not_silence() {
    let run = Okr::new()
        .fixture("rule-cases/orphan/fail")
        .insert_line(
            "okrs/2026-Q4/product.yaml",
            5,
            "  # okr: ignore[kr-count] not the rule that fires",
        )
        .args(["check", "--format", "json"])
        .run();
    assert_eq!(
        keys(&run.findings()),
        ["orphan warning okrs/2026-Q4/product.yaml 6 5"],
        "{run:?}"
    );
    assert_eq!(run.summary("suppressed"), 0);
}

#[test]
fn ignore_comment_two_lines_above_does_not_silence() {
    let run = Okr::new()
        .fixture("rule-cases/orphan/fail")
        .insert_line(
            "okrs/2026-Q4/product.yaml",
            5,
            "  # okr: ignore[orphan] too far",
        )
        .insert_line("okrs/2026-Q4/product.yaml", 6, "  # something else")
        .args(["check", "--format", "json"])
        .run();
    assert_eq!(run.findings().len(), 1, "{run:?}");
    assert_eq!(run.summary("suppressed"), 0);
}

#[test]
fn suppressed_count_in_human_summary() {
    let run = Okr::new()
        .fixture("rule-cases/measurable/fail")
        .replace(
            "okrs/2026-Q4/company.yaml",
            "        target: 30\n        current: 30\n",
            "        target: 30 # okr: ignore[measurable] eNPS is held\n        current: 30\n",
        )
        .args(["check"])
        .run();
    run.code(1)
        .stdout_contains("5 errors, 0 warnings in 1 file (1 suppressed)");
}

#[test]
fn rules_ignore_a_file() {
    let run = Okr::new()
        .fixture("rule-cases/orphan/fail")
        .replace(
            "okr.yaml",
            "rules:\n",
            "rules:\n  ignore:\n    orphan: [okrs/2026-Q4/product.yaml]\n",
        )
        .args(["check", "--format", "json"])
        .run();
    run.code(0);
    assert_eq!(run.findings(), Vec::<Finding>::new(), "{run:?}");
    assert_eq!(run.summary("suppressed"), 1);
}

#[test]
fn rules_ignore_a_line() {
    let run = Okr::new()
        .fixture("rule-cases/measurable/fail")
        .replace(
            "okr.yaml",
            "rules:\n",
            "rules:\n  ignore:\n    measurable: [\"okrs/2026-Q4/company.yaml:17\"]\n",
        )
        .args(["check", "--format", "json"])
        .run();
    let findings = run.findings();
    assert_eq!(findings.len(), 5, "{run:?}");
    assert!(!findings.iter().any(|f| f.line == 17), "{run:?}");
    assert_eq!(run.summary("suppressed"), 1);
}

#[test]
fn rules_ignore_another_file_does_not_silence() {
    let run = Okr::new()
        .fixture("rule-cases/orphan/fail")
        .replace(
            "okr.yaml",
            "rules:\n",
            "rules:\n  ignore:\n    orphan: [okrs/2026-Q4/company.yaml]\n",
        )
        .args(["check", "--format", "json"])
        .run();
    assert_eq!(run.findings().len(), 1, "{run:?}");
    assert_eq!(run.summary("suppressed"), 0);
}

// --- levels --------------------------------------------------------------------------

fn orphan_at(level: &str) -> common::Run {
    Okr::new()
        .fixture("rule-cases/orphan/fail")
        .replace(
            "okr.yaml",
            "  levels:\n",
            &format!("  levels:\n    orphan: {level}\n"),
        )
        .args(["check", "--format", "json"])
        .run()
}

#[test]
fn level_error_fails() {
    let run = orphan_at("error");
    run.code(1);
    assert_eq!(
        keys(&run.findings()),
        ["orphan error okrs/2026-Q4/product.yaml 5 5"],
        "{run:?}"
    );
    assert_eq!(run.summary("errors"), 1);
    assert_eq!(run.summary("warnings"), 0);
}

#[test]
fn level_off_removes() {
    let run = orphan_at("off");
    run.code(0);
    assert_eq!(run.findings(), Vec::<Finding>::new(), "{run:?}");
    assert_eq!(run.summary("suppressed"), 0, "off is not suppressed");
}

#[test]
fn level_warning_passes() {
    let run = Okr::new()
        .fixture("rule-cases/measurable/fail")
        .replace(
            "okr.yaml",
            "  levels:\n",
            "  levels:\n    measurable: warning\n",
        )
        .args(["check", "--format", "json"])
        .run();
    run.code(0);
    assert_eq!(run.summary("warnings"), 6, "{run:?}");
    assert!(run.findings().iter().all(|f| f.level == "warning"));
}

// --- colour --------------------------------------------------------------------------

const ESC: char = '\u{1b}';

#[test]
fn no_color_has_no_escapes() {
    let run = failing("measurable", &["check"]);
    assert!(!run.stdout.contains(ESC), "NO_COLOR=1\n{run:?}");
    assert!(!run.stderr.contains(ESC));
}

#[test]
fn not_a_terminal_has_no_escapes() {
    let run = Okr::new()
        .fixture("rule-cases/measurable/fail")
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color")
        .args(["check"])
        .run();
    run.code(1);
    assert!(!run.stdout.contains(ESC), "stdout is a pipe\n{run:?}");
}

#[test]
fn color_always_has_escapes() {
    let run = failing("measurable", &["check", "--color", "always"]);
    run.code(1);
    assert!(
        run.stdout.contains(ESC),
        "--color always beats NO_COLOR\n{run:?}"
    );
    let plain = failing("measurable", &["check", "--color", "never"]);
    assert!(!plain.stdout.contains(ESC));
}
