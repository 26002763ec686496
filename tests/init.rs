//! `okr init`: a new OKR repository that checks clean, and no second init.

mod common;

use std::fs;

use common::{Finding, Okr, TODAY};
use serde_json::Value;

/// Runs `okr init` in an empty folder on `today` and checks the files it made.
fn init_on(today: &str, quarter: &str) -> Okr {
    let okr = Okr::new().today(today);
    let run = okr.run_with(["init"]);
    run.code(0).stdout_empty();
    let root = okr.root();
    for file in [
        "okr.yaml".to_owned(),
        format!("okrs/{quarter}/company.yaml"),
        "schemas/okr-file.schema.json".to_owned(),
        "schemas/okr-config.schema.json".to_owned(),
        ".vscode/settings.json".to_owned(),
    ] {
        assert!(
            root.join(&file).is_file(),
            "okr init made no {file}\n{run:?}"
        );
    }
    assert!(
        root.join(".git").is_dir(),
        "okr init ran no git init\n{run:?}"
    );
    let okr_files: Vec<_> = fs::read_dir(root.join("okrs"))
        .expect("okrs/")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(okr_files, [quarter], "one cycle folder");
    okr
}

/// `okr check` on the fresh repository: silent, exit 0, and no finding in JSON.
fn checks_clean(okr: &Okr) {
    okr.run_with(["check"]).code(0).stdout_empty();
    let json = okr.run_with(["check", "--format", "json"]);
    json.code(0);
    assert_eq!(json.findings(), Vec::<Finding>::new(), "{json:?}");
    assert_eq!(json.summary("files"), 1);
    okr.run_with(["check", "--deny-warnings"]).code(0);
}

#[test]
fn init_checks_clean() {
    let okr = init_on(TODAY, "2026-Q4");
    checks_clean(&okr);
}

#[test]
fn init_in_another_quarter() {
    let okr = init_on("2027-02-10", "2027-Q1");
    checks_clean(&okr);
}

#[test]
fn init_on_the_last_day_of_a_quarter() {
    let okr = init_on("2026-12-31", "2026-Q4");
    checks_clean(&okr);
}

#[test]
fn init_checks_clean_after_the_cycle_ended() {
    // The example is meant to be edited; left alone, it ages into warnings, not
    // errors and not a crash.
    let okr = init_on(TODAY, "2026-Q4");
    let later = okr.run_with(["check", "--format", "json", "--today", "2027-02-10"]);
    later.no_crash();
    assert_eq!(later.summary("errors"), 0, "{later:?}");
}

#[test]
fn init_points_editors_at_the_schemas() {
    let okr = init_on(TODAY, "2026-Q4");
    let root = okr.root();
    let settings: Value =
        serde_json::from_str(&fs::read_to_string(root.join(".vscode/settings.json")).unwrap())
            .expect(".vscode/settings.json is JSON");
    let schemas = settings["yaml.schemas"]
        .as_object()
        .expect("yaml.schemas in .vscode/settings.json");
    for path in schemas.keys() {
        assert!(root.join(path).is_file(), "settings name a missing {path}");
    }
    for name in ["okr-file", "okr-config"] {
        let text = fs::read_to_string(root.join(format!("schemas/{name}.schema.json"))).unwrap();
        let schema: Value = serde_json::from_str(&text).expect("a JSON schema");
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
    }
    let config = fs::read_to_string(root.join("okr.yaml")).unwrap();
    assert!(config.contains("$schema="), "okr.yaml names its schema");
}

#[test]
fn init_uses_the_organization() {
    let okr = Okr::new();
    okr.run_with(["init", "--organization", "Babel Bird"])
        .code(0);
    let config = fs::read_to_string(okr.root().join("okr.yaml")).unwrap();
    assert!(config.contains("organization: \"Babel Bird\""), "{config}");
    checks_clean(&okr);
}

#[test]
fn second_init_refuses_and_changes_nothing() {
    let okr = init_on(TODAY, "2026-Q4");
    let before = okr.tree();
    let again = okr.run_with(["init"]);
    again.code(2).stdout_empty().stderr_contains("okr.yaml");
    assert!(okr.tree() == before, "the second okr init changed files");
    let other_day = okr.run_with(["init", "--today", "2027-02-10"]);
    other_day.code(2);
    assert!(okr.tree() == before, "the second okr init changed files");
    assert!(!okr.root().join("okrs/2027-Q1").exists());
}

#[test]
fn init_keeps_existing_editor_settings() {
    let settings = "{\n  \"editor.tabSize\": 2\n}\n";
    let okr = Okr::new().file(".vscode/settings.json", settings);
    okr.run_with(["init"]).code(0);
    let after = fs::read_to_string(okr.root().join(".vscode/settings.json")).unwrap();
    assert_eq!(after, settings);
    checks_clean(&okr);
}

#[test]
fn init_inside_a_repository_makes_no_nested_git() {
    let nested = Okr::new();
    let outer = nested.root();
    nested.run_with(["init"]).code(0);
    fs::create_dir(outer.join("sub")).unwrap();
    // `sub` is inside the OKR root too: --force starts a second root there.
    let run = nested.run_with(["-C", "sub", "init", "--force"]);
    run.code(0);
    assert!(outer.join("sub/okr.yaml").is_file());
    assert!(
        !outer.join("sub/.git").exists(),
        "git init inside a repository\n{run:?}"
    );
}

#[test]
fn init_keeps_any_organization_name() {
    let name = r#"R&D \ "Skunkworks""#;
    let okr = Okr::new();
    okr.run_with(["init", "--organization", name]).code(0);
    checks_clean(&okr);
    let text = fs::read_to_string(okr.root().join("okr.yaml")).unwrap();
    let config: Value = serde_saphyr::from_str(&text).expect("okr.yaml parses");
    assert_eq!(config["organization"], name);
}

#[test]
fn failed_init_changes_nothing() {
    let okr = Okr::new().file("okrs/2026-Q4/company.yaml", "# ours\n");
    let before = okr.tree();
    okr.run_with(["init"])
        .code(2)
        .stderr_contains("company.yaml");
    assert!(okr.tree() == before, "a refused okr init left files behind");
}
