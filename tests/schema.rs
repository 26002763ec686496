//! `okr schema [config]`: JSON Schema draft 2020-12 that accepts the examples
//! and rejects what `okr check` rejects as `schema` findings.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{Okr, crate_root};
use serde_json::Value;

const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

fn schema(kind: &[&str]) -> jsonschema::Validator {
    let run = Okr::new().args([&["schema"], kind].concat()).run();
    run.code(0);
    let schema = run.json();
    assert_eq!(schema["$schema"], DRAFT_2020_12, "{run:?}");
    jsonschema::draft202012::new(&schema)
        .unwrap_or_else(|e| panic!("not a valid draft 2020-12 schema: {e}\n{run:?}"))
}

fn file_schema() -> jsonschema::Validator {
    schema(&[])
}

fn config_schema() -> jsonschema::Validator {
    schema(&["config"])
}

/// A YAML text as the JSON an editor's validator sees: YAML 1.2, so `off` is
/// a string, and dates become strings.
fn yaml_to_json(text: &str) -> Value {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(text, options)
        .unwrap_or_else(|e| panic!("not YAML: {e}\n{text}"))
}

/// The `pass/` folders of the rule fixtures: each checks clean.
fn pass_fixtures() -> Vec<PathBuf> {
    let rules = crate_root().join("tests/fixtures/rule-cases");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&rules)
        .expect("rules fixtures")
        .map(|e| e.expect("entry").path().join("pass"))
        .collect();
    dirs.sort();
    dirs
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, name: &str, instance: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{name} does not validate:\n{}",
        errors.join("\n")
    );
}

#[track_caller]
fn assert_invalid(validator: &jsonschema::Validator, name: &str, instance: &Value) {
    assert!(
        !validator.is_valid(instance),
        "{name} should not validate: {instance}"
    );
}

/// An example OKR file with one text replacement.
fn edited_example(from: &str, to: &str) -> Value {
    let path = crate_root().join("examples/okrs/2026-Q4/product.yaml");
    let text = fs::read_to_string(&path).expect("read example");
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    yaml_to_json(&text.replacen(from, to, 1))
}

#[test]
fn file_schema_is_draft_2020_12() {
    let run = Okr::new().args(["schema"]).run();
    run.code(0);
    let json = run.json();
    assert_eq!(json["$schema"], DRAFT_2020_12);
    assert_eq!(json["type"], "object");
    let same = Okr::new().args(["schema", "file"]).run();
    assert_eq!(same.stdout, run.stdout, "`okr schema file` is the default");
}

#[test]
fn config_schema_is_draft_2020_12() {
    let run = Okr::new().args(["schema", "config"]).run();
    run.code(0);
    assert_eq!(run.json()["$schema"], DRAFT_2020_12);
    let file = Okr::new().args(["schema"]).run();
    assert_ne!(run.stdout, file.stdout, "two different schemas");
}

#[test]
fn schema_needs_no_repository() {
    // Runs in an empty folder: no okr.yaml is needed to print a schema.
    Okr::new()
        .args(["schema"])
        .run()
        .code(0)
        .stdout_contains("$schema");
}

#[test]
fn unknown_schema_kind_exits_2() {
    Okr::new()
        .args(["schema", "nope"])
        .run()
        .code(2)
        .stdout_empty();
}

#[test]
fn examples_validate() {
    let validator = file_schema();
    let mut files = Vec::new();
    yaml_files(&crate_root().join("examples/okrs"), &mut files);
    assert!(
        files.len() >= 5,
        "examples/okrs holds {} files",
        files.len()
    );
    for path in files {
        let text = fs::read_to_string(&path).expect("read example");
        assert_valid(
            &validator,
            &path.display().to_string(),
            &yaml_to_json(&text),
        );
    }
}

#[test]
fn example_config_validates() {
    let text = fs::read_to_string(crate_root().join("examples/okr.yaml")).expect("okr.yaml");
    assert_valid(&config_schema(), "examples/okr.yaml", &yaml_to_json(&text));
}

#[test]
fn rule_fixtures_that_pass_validate() {
    let validator = file_schema();
    for pass in pass_fixtures() {
        let mut files = Vec::new();
        yaml_files(&pass.join("okrs"), &mut files);
        assert!(!files.is_empty(), "{} holds no OKR file", pass.display());
        for path in files {
            let text = fs::read_to_string(&path).expect("read fixture");
            assert_valid(
                &validator,
                &path.display().to_string(),
                &yaml_to_json(&text),
            );
        }
    }
}

#[test]
fn rule_fixture_configs_that_pass_validate() {
    let validator = config_schema();
    for pass in pass_fixtures() {
        let text = fs::read_to_string(pass.join("okr.yaml")).expect("okr.yaml");
        assert_valid(
            &validator,
            &pass.display().to_string(),
            &yaml_to_json(&text),
        );
    }
}

#[test]
fn init_output_validates() {
    let okr = Okr::new();
    okr.run_with(["init"]).code(0);
    let root = okr.root();
    let config = fs::read_to_string(root.join("okr.yaml")).unwrap();
    assert_valid(&config_schema(), "okr.yaml", &yaml_to_json(&config));
    let file = fs::read_to_string(root.join("okrs/2026-Q4/company.yaml")).unwrap();
    assert_valid(&file_schema(), "company.yaml", &yaml_to_json(&file));
}

#[test]
fn unknown_key_is_rejected() {
    let validator = file_schema();
    let valid = edited_example("title:", "title:");
    assert_valid(&validator, "product.yaml", &valid);
    assert_invalid(
        &validator,
        "titel:",
        &edited_example("    title:", "    titel:"),
    );
    assert_invalid(
        &validator,
        "an unknown top-level key",
        &edited_example("team:", "teem:"),
    );
}

#[test]
fn wrong_types_are_rejected() {
    let validator = file_schema();
    let mut objectives_5 = edited_example("title:", "title:");
    objectives_5["objectives"] = Value::from(5);
    assert_invalid(&validator, "objectives: 5", &objectives_5);
    assert_invalid(
        &validator,
        "start: \"ten\"",
        &edited_example("start: ", "start: \"ten\" #"),
    );
    assert_invalid(
        &validator,
        "origin: sideways",
        &edited_example("origin: bottom-up", "origin: sideways"),
    );
    assert_invalid(
        &validator,
        "confidence: 1.5",
        &edited_example("confidence: 0.", "confidence: 1.5 #"),
    );
}

#[test]
fn missing_required_field_is_rejected() {
    let validator = file_schema();
    let mut no_id = edited_example("title:", "title:");
    no_id["objectives"][0]
        .as_object_mut()
        .expect("an objective")
        .remove("id");
    assert_invalid(&validator, "an objective without id", &no_id);
}

#[test]
fn config_unknown_key_and_wrong_type_are_rejected() {
    let validator = config_schema();
    let text = fs::read_to_string(crate_root().join("examples/okr.yaml")).expect("okr.yaml");
    let config = yaml_to_json(&text);
    let mut unknown = config.clone();
    unknown["organisation"] = Value::from("Babel Bird");
    assert_invalid(&validator, "organisation:", &unknown);
    let mut wrong = config.clone();
    wrong["teams"] = Value::from("company");
    assert_invalid(&validator, "teams: company", &wrong);
    let mut level = config;
    level["rules"]["levels"]["orphan"] = Value::from("loud");
    assert_invalid(&validator, "a level `loud`", &level);
}

// --- check-jsonschema -------------------------------------------------------------------

/// Runs check-jsonschema with `okr schema [kind]` on these files.
fn check_jsonschema_on(validator: &[String], kind: &[&str], files: &[PathBuf]) -> Output {
    let run = Okr::new().args([&["schema"], kind].concat()).run();
    run.code(0);
    let temp = tempfile::tempdir().expect("a temporary folder");
    let schema = temp.path().join("schema.json");
    fs::write(&schema, &run.stdout).expect("write the schema");
    Command::new(&validator[0])
        .args(&validator[1..])
        .arg("--schemafile")
        .arg(&schema)
        .args(files)
        .output()
        .expect("run check-jsonschema")
}

fn show(output: &Output) -> String {
    format!(
        "{}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A validator other than the one okr's tests use, as an editor or CI would:
/// the schemas accept every file of the example organisation.
#[test]
#[ignore = "needs check-jsonschema"]
fn check_jsonschema_accepts_the_examples() {
    let validator = common::check_jsonschema();
    let mut files = Vec::new();
    yaml_files(&crate_root().join("examples/okrs"), &mut files);
    files.sort();
    let output = check_jsonschema_on(&validator, &[], &files);
    assert!(output.status.success(), "{}", show(&output));
    let config = [crate_root().join("examples/okr.yaml")];
    let output = check_jsonschema_on(&validator, &["config"], &config);
    assert!(output.status.success(), "{}", show(&output));
}

#[test]
#[ignore = "needs check-jsonschema"]
fn check_jsonschema_rejects_an_unknown_key() {
    let validator = common::check_jsonschema();
    let temp = tempfile::tempdir().expect("a temporary folder");
    let text = fs::read_to_string(crate_root().join("examples/okrs/2026-Q4/product.yaml"))
        .expect("read example");
    assert!(text.contains("    title:"));
    let file = temp.path().join("product.yaml");
    fs::write(&file, text.replacen("    title:", "    titel:", 1)).expect("write");
    let output = check_jsonschema_on(&validator, &[], &[file]);
    assert_eq!(output.status.code(), Some(1), "{}", show(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("titel"),
        "{}",
        show(&output)
    );
    let config = fs::read_to_string(crate_root().join("examples/okr.yaml")).expect("okr.yaml");
    let file = temp.path().join("okr.yaml");
    fs::write(&file, format!("organisation: Babel Bird\n{config}")).expect("write");
    let output = check_jsonschema_on(&validator, &["config"], &[file]);
    assert_eq!(output.status.code(), Some(1), "{}", show(&output));
}
