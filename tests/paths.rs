//! One boundary for paths, and bounded walking and reading: whatever a
//! repository holds (okr.yaml's `paths`, ids, symbolic links, special files),
//! okr reads and writes only inside the OKR root's work tree, and every walk
//! and read ends.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::Duration;

use common::{Okr, Run};

/// Every file below `dir` with its bytes (links not followed), for before/after.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                walk(base, &path, out);
            } else if kind.is_symlink() {
                let to = fs::read_link(&path).unwrap();
                out.insert(
                    format!("{rel} -> "),
                    to.to_string_lossy().into_owned().into(),
                );
            } else {
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// The temporary folder around the OKR root, without the root and home: what
/// okr must never touch.
fn outside(okr: &Okr) -> BTreeMap<String, Vec<u8>> {
    let mut all = snapshot(&okr.temp_path());
    all.retain(|k, _| !k.starts_with("repo/") && !k.starts_with("home/"));
    all
}

fn all_output(run: &Run) -> String {
    format!("{}\n{}", run.stdout, run.stderr)
}

// --- paths in okr.yaml ------------------------------------------------------------------

#[test]
fn a_path_with_dotdot_is_a_finding_and_nothing_outside_is_read() {
    let okr =
        Okr::new()
            .examples()
            .replace("okr.yaml", "paths: [okrs]", "paths: [okrs, ../outside]");
    let secret = okr.temp_path().join("outside/secret.yaml");
    fs::create_dir_all(secret.parent().unwrap()).unwrap();
    fs::write(
        &secret,
        "cycle: 2026-Q4\nteam: company\npassword: hunter2-SECRET\nobjectives: [\n",
    )
    .unwrap();
    let run = okr.run_with(["check", "--format", "json"]);
    run.no_crash();
    assert!(!all_output(&run).contains("hunter2"), "{run:?}");
    let findings = run.findings();
    let f = findings
        .iter()
        .find(|f| f.file == "okr.yaml" && f.message.contains("../outside"))
        .unwrap_or_else(|| panic!("a finding on okr.yaml about ../outside\n{run:?}"));
    assert_eq!(f.rule, "schema", "{f:?}");
    assert_eq!(f.level, "error", "{f:?}");
    let line = okr
        .read("okr.yaml")
        .lines()
        .position(|l| l.starts_with("paths:"))
        .unwrap() as u64
        + 1;
    assert_eq!(f.line, line, "{f:?}");
    assert!(f.column > 1, "{f:?}");
    assert!(
        !findings.iter().any(|f| f.file.contains("outside")),
        "{run:?}"
    );
}

#[test]
fn an_absolute_path_is_refused_and_add_writes_nothing_outside() {
    let okr = Okr::new().examples();
    let elsewhere = okr.temp_path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    let okr = okr.replace(
        "okr.yaml",
        "paths: [okrs]",
        &format!("paths: [\"{}\", okrs]", elsewhere.display()),
    );
    let okr = okr.committed();
    let run = okr.run_with(["check", "--format", "json"]);
    run.no_crash();
    assert!(
        run.findings()
            .iter()
            .any(|f| f.file == "okr.yaml" && f.rule == "schema" && f.message.contains("absolute")),
        "{run:?}"
    );
    let before = outside(&okr);
    let run = okr.run_with([
        "add",
        "objective",
        "plat-x",
        "--title",
        "X",
        "--owner",
        "alex.kim",
        "--team",
        "platform",
        "--cycle",
        "2027-Q1",
        "--no-commit",
    ]);
    run.no_crash();
    assert_eq!(
        outside(&okr),
        before,
        "nothing written outside the root\n{run:?}"
    );
}

// --- ids in file names ------------------------------------------------------------------

#[test]
fn a_team_id_that_climbs_out_is_refused_by_carry() {
    let okr = Okr::new().examples().replace(
        "okr.yaml",
        "  - id: platform\n",
        "  - id: ../../../../evil\n",
    );
    let platform = okr.read("okrs/2026-Q4/engineering/platform.yaml");
    let okr = okr
        .file(
            "okrs/2026-Q4/engineering/platform.yaml",
            platform.replace("team: platform", "team: ../../../../evil"),
        )
        .committed();
    let run = okr.run_with(["check", "--format", "json"]);
    run.no_crash();
    assert!(
        run.findings()
            .iter()
            .any(|f| f.file == "okr.yaml" && f.message.contains("../../../../evil")),
        "the id is a finding\n{run:?}"
    );
    let before = outside(&okr);
    let tree = okr.worktree();
    let run = okr.run_with(["carry", "2026-Q4", "2027-Q1", "--no-commit"]);
    run.no_crash();
    assert_eq!(
        outside(&okr),
        before,
        "nothing written outside the root\n{run:?}"
    );
    for path in okr.worktree().keys() {
        assert!(
            tree.contains_key(path) || !path.contains("evil"),
            "{path} written\n{run:?}"
        );
    }
}

#[test]
fn a_person_id_with_a_slash_is_refused_by_add() {
    let okr = Okr::new()
        .examples()
        .replace("okr.yaml", "  - id: alex.kim\n", "  - id: ../x/alex.kim\n")
        .committed();
    let before = outside(&okr);
    let tree = okr.worktree();
    let run = okr.run_with([
        "add",
        "objective",
        "own-x",
        "--title",
        "X",
        "--owner",
        "../x/alex.kim",
        "--person",
        "../x/alex.kim",
        "--cycle",
        "2027-Q1",
        "--no-commit",
    ]);
    run.no_crash().code(2);
    assert_eq!(outside(&okr), before);
    assert_eq!(okr.worktree(), tree, "nothing written\n{run:?}");
}

// --- symbolic links ---------------------------------------------------------------------

/// The examples with `okrs` a committed link to `../out/okrs`, outside the root.
#[cfg(unix)]
fn okrs_linked_outside() -> Okr {
    let okr = Okr::new().examples();
    let out = okr.temp_path().join("out");
    fs::create_dir_all(&out).unwrap();
    fs::rename(okr.root().join("okrs"), out.join("okrs")).unwrap();
    std::os::unix::fs::symlink("../out/okrs", okr.root().join("okrs")).unwrap();
    okr.committed()
}

#[cfg(unix)]
#[test]
fn a_linked_okrs_folder_outside_is_neither_read_nor_written() {
    let okr = okrs_linked_outside().today("2027-01-10");
    let before = outside(&okr);
    let run = okr.run_with(["check", "--format", "json"]);
    run.no_crash();
    assert!(
        run.findings()
            .iter()
            .any(|f| f.file == "okr.yaml" && f.message.contains("outside")),
        "the link is a finding\n{run:?}"
    );
    assert!(
        !run.findings().iter().any(|f| f.file.starts_with("okrs/")),
        "nothing read through the link\n{run:?}"
    );
    okr.run_with(["review", "--template"]).no_crash();
    okr.run_with(["checkin", "q4-enterprise/contracts", "9", "--no-commit"])
        .no_crash();
    assert_eq!(outside(&okr), before, "nothing written outside the root");
}

#[cfg(unix)]
#[test]
fn a_file_link_is_never_replaced_by_a_file() {
    let okr = Okr::new().examples();
    let company = "okrs/2026-Q4/company.yaml";
    fs::rename(okr.root().join(company), okr.root().join("company.yaml")).unwrap();
    std::os::unix::fs::symlink("../../company.yaml", okr.root().join(company)).unwrap();
    let okr = okr.committed();
    let tree = okr.worktree();
    let run = okr.run_with(["checkin", "q4-enterprise/contracts", "9", "--no-commit"]);
    run.no_crash().code(2).stderr_contains("symbolic link");
    assert!(
        fs::symlink_metadata(okr.root().join(company))
            .unwrap()
            .file_type()
            .is_symlink(),
        "still a link"
    );
    assert_eq!(okr.worktree(), tree, "nothing written\n{run:?}");
}

#[cfg(unix)]
#[test]
fn init_follows_no_link_out_of_the_folder() {
    let okr = Okr::new();
    let out = okr.temp_path().join("out");
    for name in ["okrs", "schemas", "vscode"] {
        fs::create_dir_all(out.join(name)).unwrap();
    }
    let root = okr.root();
    std::os::unix::fs::symlink("../out/okrs", root.join("okrs")).unwrap();
    std::os::unix::fs::symlink("../out/schemas", root.join("schemas")).unwrap();
    std::os::unix::fs::symlink("../out/vscode", root.join(".vscode")).unwrap();
    let before = outside(&okr);
    let run = okr.run_with(["init"]);
    run.no_crash().code(2).stderr_contains("symbolic link");
    assert_eq!(outside(&okr), before, "nothing written outside the folder");
}

// --- bounded walking and reading --------------------------------------------------------

#[cfg(unix)]
#[test]
fn folder_links_that_loop_end() {
    let okr = Okr::new().examples().timeout(Duration::from_secs(20));
    std::os::unix::fs::symlink(".", okr.root().join("okrs/a")).unwrap();
    std::os::unix::fs::symlink(".", okr.root().join("okrs/b")).unwrap();
    let run = okr.run_with(["check", "--format", "json"]);
    run.no_crash();
    let clean = Okr::new()
        .examples()
        .run_with(["check", "--format", "json"]);
    assert_eq!(run.summary("files"), clean.summary("files"), "{run:?}");
    okr.run_with(["status"]).no_crash();
}

#[cfg(unix)]
#[test]
fn links_to_devices_are_not_read() {
    let okr = Okr::new().examples().timeout(Duration::from_secs(20));
    std::os::unix::fs::symlink("/dev/zero", okr.root().join("okrs/zero.yaml")).unwrap();
    std::os::unix::fs::symlink("/dev/stdin", okr.root().join("okrs/stdin.yaml")).unwrap();
    let run = okr.run_with(["check", "--format", "json"]);
    run.no_crash();
    let findings = run.findings();
    for name in ["okrs/zero.yaml", "okrs/stdin.yaml"] {
        let f = findings
            .iter()
            .find(|f| f.file == name)
            .unwrap_or_else(|| panic!("{name} gets a finding\n{run:?}"));
        assert!(
            f.message.contains("leads outside the OKR root"),
            "{name}: {f:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_not_read() {
    let okr = Okr::new().examples().timeout(Duration::from_secs(20));
    let fifo = okr.root().join("okrs/fifo.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo makes a pipe");
    let run = okr.run_with(["check", "--format", "json"]);
    run.no_crash();
    let f = run
        .findings()
        .into_iter()
        .find(|f| f.file == "okrs/fifo.yaml")
        .unwrap_or_else(|| panic!("the fifo gets a finding\n{run:?}"));
    assert!(f.message.contains("not a regular file"), "{f:?}");
}

#[test]
fn a_file_over_the_size_limit_is_a_finding_without_reading_it() {
    let okr = Okr::new().examples();
    let big = okr.root().join("okrs/big.yaml");
    let file = fs::File::create(&big).unwrap();
    // Sparse: 64 MB on paper, nothing on disk.
    file.set_len(64 * 1024 * 1024).unwrap();
    drop(file);
    let run = okr.run_with(["check", "--format", "json"]);
    run.no_crash();
    let f = run
        .findings()
        .into_iter()
        .find(|f| f.file == "okrs/big.yaml")
        .unwrap_or_else(|| panic!("the big file gets a finding\n{run:?}"));
    assert_eq!(f.rule, "yaml", "{f:?}");
    assert!(f.message.contains("16 MB"), "{f:?}");
}
