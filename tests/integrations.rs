//! The files teams copy into their tools: the GitHub workflows of
//! `examples/ci/`, the pre-commit hook of `.pre-commit-hooks.yaml`.
//!
//! They are validated by the tools' own validators, `check-jsonschema` (with
//! its copy of the GitHub workflow schema) and `pre-commit`, both from PyPI;
//! `.ci/run` installs them. The tests that run them are `#[ignore = "needs ..."]`,
//! so that `cargo test` passes on a bare machine, and fail when run without the
//! tool; `.ci/run` runs them with `cargo test -- --include-ignored`.

mod common;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{check_jsonschema, crate_root, require_program, require_python_tool};

fn run<I, S>(command: &[String], args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Command::new(&command[0])
        .args(&command[1..])
        .args(args)
        .current_dir(crate_root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

fn show(output: &Output) -> String {
    format!(
        "{}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[track_caller]
fn pre_commit() -> Vec<String> {
    require_python_tool("pre-commit", "pre_commit")
}

/// The workflows of `examples/ci/`.
fn workflows() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(crate_root().join("examples/ci"))
        .expect("examples/ci")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn name(path: &Path) -> String {
    path.file_name()
        .expect("a file name")
        .to_string_lossy()
        .into_owned()
}

// --- GitHub workflows -------------------------------------------------------------------

/// What each workflow must do, whether or not a validator is installed.
#[test]
fn the_workflows_are_there_and_do_their_jobs() {
    let files: Vec<String> = workflows().iter().map(|p| name(p)).collect();
    assert_eq!(
        files,
        [
            "okr-check.yml",
            "okr-diff.yml",
            "okr-nudge.yml",
            "okr-report.yml",
            "okr-sync.yml"
        ]
    );
    let text = |file: &str| read(&crate_root().join("examples/ci").join(file));

    let check = text("okr-check.yml");
    for needle in [
        "okr check --format sarif",
        "github/codeql-action/upload-sarif@",
        "security-events: write",
        "okr check --format github",
        "fetch-depth: 0",
    ] {
        assert!(check.contains(needle), "okr-check.yml lacks {needle:?}");
    }

    let diff = text("okr-diff.yml");
    for needle in [
        "pull_request:",
        "fetch-depth: 0",
        "okr diff",
        "--format markdown",
        "<!-- okr-diff -->",
        "updateComment",
        "pull-requests: write",
    ] {
        assert!(diff.contains(needle), "okr-diff.yml lacks {needle:?}");
    }

    let nudge = text("okr-nudge.yml");
    for needle in [
        "schedule:",
        "cron:",
        "okr nudge --format markdown",
        "GITHUB_STEP_SUMMARY",
        "issues: write",
    ] {
        assert!(nudge.contains(needle), "okr-nudge.yml lacks {needle:?}");
    }

    let report = text("okr-report.yml");
    for needle in [
        "schedule:",
        "fetch-depth: 0",
        "okr report",
        "-o okr-report.html",
        "--format markdown",
        "actions/upload-artifact",
    ] {
        assert!(report.contains(needle), "okr-report.yml lacks {needle:?}");
    }

    let sync = text("okr-sync.yml");
    for needle in [
        "schedule:",
        "cron:",
        "okr sync",
        "persist-credentials: false",
        "contents: write",
        "concurrency:",
        "environment: okr-sync",
        "${{ secrets.OKR_WAREHOUSE_URL }}",
        "git push",
    ] {
        assert!(sync.contains(needle), "okr-sync.yml lacks {needle:?}");
    }
    for line in sync.lines().filter(|l| l.contains("uses: ")) {
        let pin = line.split('@').nth(1).unwrap_or("");
        assert!(
            pin.len() > 42
                && pin[..40].bytes().all(|b| b.is_ascii_hexdigit())
                && pin.contains("# v"),
            "okr-sync.yml pins each action by its full commit id, with the version in a comment: {line}"
        );
    }

    for file in &files {
        let text = text(file);
        assert!(
            text.contains("cargo install --locked"),
            "{file} installs okr with the locked dependencies"
        );
    }
}

#[test]
#[ignore = "needs check-jsonschema"]
fn workflows_validate_against_the_github_schema() {
    let validator = check_jsonschema();
    let mut args = vec![
        "--builtin-schema".to_owned(),
        "vendor.github-workflows".to_owned(),
    ];
    args.extend(workflows().iter().map(|p| p.display().to_string()));
    let output = run(&validator, &args);
    assert!(
        output.status.success(),
        "a workflow of examples/ci is not valid\n{}",
        show(&output)
    );
}

/// The validation above cannot pass by accepting anything: a job without
/// `runs-on`, or with an unknown key, is rejected.
#[test]
#[ignore = "needs check-jsonschema"]
fn the_github_schema_rejects_a_broken_workflow() {
    let validator = check_jsonschema();
    let temp = tempfile::tempdir().expect("a temporary folder");
    let good = read(&crate_root().join("examples/ci/okr-check.yml"));
    let broken = [
        (
            "no-runs-on.yml",
            good.replacen("    runs-on: ubuntu-latest\n", "", 1),
        ),
        (
            "unknown-key.yml",
            good.replacen(
                "    runs-on: ubuntu-latest\n",
                "    runs_on: ubuntu-latest\n",
                1,
            ),
        ),
    ];
    for (file, text) in broken {
        assert_ne!(text, good, "{file}: the edit changed nothing");
        let path = temp.path().join(file);
        fs::write(&path, text).expect("write the broken workflow");
        let output = run(
            &validator,
            [
                OsStr::new("--builtin-schema"),
                OsStr::new("vendor.github-workflows"),
                path.as_os_str(),
            ],
        );
        assert_eq!(
            output.status.code(),
            Some(1),
            "{file} should be rejected\n{}",
            show(&output)
        );
        assert!(
            String::from_utf8_lossy(&output.stdout).contains("runs"),
            "{file}: the error names the job's runner\n{}",
            show(&output)
        );
    }
}

// --- pre-commit -------------------------------------------------------------------------

#[test]
fn pre_commit_manifest_offers_okr_check() {
    let manifest = read(&crate_root().join(".pre-commit-hooks.yaml"));
    for needle in [
        "- id: okr-check",
        "language: rust",
        "entry: okr check",
        "pass_filenames: false",
    ] {
        assert!(
            manifest.contains(needle),
            ".pre-commit-hooks.yaml lacks {needle:?}"
        );
    }
}

#[test]
#[ignore = "needs pre-commit"]
fn pre_commit_validates_the_manifest_and_the_example_config() {
    let pre_commit = pre_commit();
    let output = run(&pre_commit, ["validate-manifest", ".pre-commit-hooks.yaml"]);
    assert!(output.status.success(), "{}", show(&output));
    let output = run(
        &pre_commit,
        ["validate-config", "examples/ci/pre-commit-config.yaml"],
    );
    assert!(output.status.success(), "{}", show(&output));
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains("WARNING"),
        "{}",
        show(&output)
    );
}

/// `validate-manifest` is no rubber stamp: a hook without `entry` fails.
#[test]
#[ignore = "needs pre-commit"]
fn pre_commit_rejects_a_broken_manifest() {
    let pre_commit = pre_commit();
    let temp = tempfile::tempdir().expect("a temporary folder");
    let good = read(&crate_root().join(".pre-commit-hooks.yaml"));
    let broken = good.replacen("  entry: okr check\n", "", 1);
    assert_ne!(broken, good);
    let path = temp.path().join(".pre-commit-hooks.yaml");
    fs::write(&path, broken).expect("write the broken manifest");
    let output = run(
        &pre_commit,
        [OsStr::new("validate-manifest"), path.as_os_str()],
    );
    assert!(!output.status.success(), "{}", show(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("entry"),
        "{}",
        show(&output)
    );
}

/// The hook's `files` pattern, as pre-commit applies it (Python's `re.search`),
/// picks okr.yaml and OKR files wherever the OKR root is, and nothing else.
#[test]
#[ignore = "needs python3"]
fn pre_commit_hook_runs_for_okr_files_only() {
    require_program(
        "python3",
        "--version",
        "install Python 3 (pre-commit's patterns are Python's)",
    );
    let manifest = read(&crate_root().join(".pre-commit-hooks.yaml"));
    let pattern = manifest
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: "))
        .expect("a files: pattern");
    let matching = [
        "okr.yaml",
        "okrs/2026-Q4/product.yaml",
        "okrs/2026/company.yml",
        "okrs/2026-Q4/product/growth.yaml",
        "planning/okr.yaml",
        "planning/okrs/2026-Q4/company.yaml",
    ];
    let other = [
        "README.md",
        "src/okrs.rs",
        ".github/workflows/okr-check.yml",
        "okrs/notes.md",
        "not-okr.yaml",
        "schemas/okr-file.schema.json",
    ];
    let script = "import re, sys\npattern = re.compile(sys.argv[1])\nfor path in sys.argv[2:]:\n    print(path, bool(pattern.search(path)))\n";
    let output = Command::new("python3")
        .args(["-c", script, pattern])
        .args(matching.iter().chain(&other))
        .output()
        .expect("run python3");
    assert!(output.status.success(), "{}", show(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    for path in matching {
        assert!(
            stdout.contains(&format!("{path} True")),
            "{pattern} misses {path}\n{stdout}"
        );
    }
    for path in other {
        assert!(
            stdout.contains(&format!("{path} False")),
            "{pattern} matches {path}\n{stdout}"
        );
    }
}

// --- zizmor: the workflows' security ----------------------------------------------------

/// What zizmor checks, written out so that it holds without zizmor too: every
/// action is pinned to a full commit id with its version in a comment, no
/// checkout leaves credentials behind, and the workflow grants no permissions
/// of its own (each job asks for what it needs).
#[test]
fn workflows_pin_actions_and_keep_credentials_and_permissions_tight() {
    for path in workflows() {
        let file = name(&path);
        let text = read(&path);
        for line in text.lines() {
            let Some((_, action)) = line.split_once("uses: ") else {
                continue;
            };
            let (reference, comment) = action.split_once(" # ").unwrap_or((action, ""));
            let (_, commit) = reference
                .split_once('@')
                .unwrap_or_else(|| panic!("{file}: `{line}` names no version"));
            assert!(
                commit.len() == 40 && commit.bytes().all(|b| b.is_ascii_hexdigit()),
                "{file}: `{line}` is not pinned to a full commit id"
            );
            assert!(
                comment.starts_with('v'),
                "{file}: `{line}` does not say which version the commit is"
            );
        }
        let checkouts = text.matches("uses: actions/checkout@").count();
        let kept = text.matches("persist-credentials: false").count();
        assert!(
            checkouts > 0 && kept == checkouts,
            "{file}: a checkout keeps its credentials"
        );
        assert!(
            text.contains("\npermissions: {}\n"),
            "{file}: the workflow grants permissions to every job"
        );
        assert!(
            text.contains("\nconcurrency:\n"),
            "{file}: no concurrency group"
        );
    }
}

/// zizmor (from PyPI; `.ci/run` installs it) audits every workflow of
/// `examples/ci/` in its default and its auditor persona and finds nothing.
#[test]
#[ignore = "needs zizmor"]
fn zizmor_finds_nothing_in_the_workflows() {
    let zizmor = common::python_tool("zizmor", "zizmor")
        .expect("zizmor is not installed: `python3 -m pip install zizmor`");
    let files: Vec<String> = workflows()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    for persona in ["regular", "auditor"] {
        let mut args = vec![
            "--offline".to_owned(),
            "--no-progress".to_owned(),
            format!("--persona={persona}"),
        ];
        args.extend(files.iter().cloned());
        let output = run(&zizmor, &args);
        assert!(
            output.status.success(),
            "zizmor ({persona}) reports findings in examples/ci\n{}",
            show(&output)
        );
    }

    // It cannot pass by finding nothing anywhere: an unpinned action that
    // keeps its credentials is reported.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let broken = dir.path().join("broken.yml");
    fs::write(
        &broken,
        "name: broken\non: push\npermissions: {}\njobs:\n  a:\n    name: a\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n",
    )
    .expect("write the workflow");
    let output = run(
        &zizmor,
        ["--offline", "--no-progress", &broken.display().to_string()],
    );
    let text = show(&output);
    assert!(
        !output.status.success(),
        "zizmor accepted a broken workflow\n{text}"
    );
    assert!(text.contains("unpinned-uses"), "{text}");
    assert!(text.contains("artipacked"), "{text}");
}
