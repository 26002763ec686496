//! Golden outputs: every command and output format of okr, byte for byte.
//!
//! Each case runs the real binary in a hermetic temporary repository and
//! compares its exit code, stdout and stderr (and, for the commands that write,
//! every file they created, changed or removed) with `tests/golden/<group>/<case>.txt`.
//! The groups: `examples` (the example organisation with four check-ins in its
//! history), `generated` (12 teams and 150 check-ins made by `bench/gen_org.rs`),
//! `changed` (the examples with targets moved in the working tree: `diff`,
//! `check --base`), `rules` (`okr check` on each rule's failing fixture),
//! `writes` and `writes-generated` (checkin, add, carry, review --template,
//! report -o, init, each in a fresh copy of the examples or the generated
//! organisation) and `standalone` (explain, schema, completions, man).
//!
//! This is the safety net for changes that must not change what okr prints: any
//! difference fails with the first differing line of each case. When a change
//! of output is intended, re-record and review:
//!
//! ```text
//! OKR_GOLDEN=record cargo test --test golden
//! git diff tests/golden/
//! ```
//!
//! Recording also deletes golden files whose case is gone. Everything an output
//! could depend on is pinned: the day (`OKR_TODAY`, `--today`), git identities,
//! dates and configuration (the harness in `tests/common`), `COLUMNS`,
//! `NO_COLOR`, `TZ`; the temporary folder's path is written `<TMP>`, okr's own `<OKR>`.

mod common;
#[allow(dead_code)]
#[path = "../bench/gen_org.rs"]
mod gen_org;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

use common::{Okr, RULE_IDS, copy_dir, crate_root, examples_with_checkins};

/// The terminal width every case runs with, unless it sets its own.
const COLUMNS: &str = "100";

/// One run of okr: a name (the golden file's), its arguments, extra environment.
struct Case {
    name: String,
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
}

fn case(name: &str, args: &str) -> Case {
    Case {
        name: name.to_owned(),
        args: args.split_whitespace().map(str::to_owned).collect(),
        env: Vec::new(),
    }
}

impl Case {
    /// Arguments that contain spaces, appended as they are.
    fn arg(mut self, arg: &str) -> Self {
        self.args.push(arg.to_owned());
        self
    }

    fn env(mut self, key: &'static str, value: &str) -> Self {
        self.env.push((key, value.to_owned()));
        self
    }
}

/// Compares (or, with `OKR_GOLDEN=record`, writes) the golden files of one group.
struct Golden {
    dir: PathBuf,
    record: bool,
    seen: Vec<String>,
    failures: Vec<String>,
}

impl Golden {
    fn new(group: &str) -> Self {
        let dir = crate_root().join("tests/golden").join(group);
        let record = std::env::var("OKR_GOLDEN").is_ok_and(|v| v == "record");
        if record {
            fs::create_dir_all(&dir).expect("create the golden folder");
        }
        Golden {
            dir,
            record,
            seen: Vec::new(),
            failures: Vec::new(),
        }
    }

    fn check(&mut self, name: &str, actual: &str) {
        assert!(
            !self.seen.iter().any(|n| n == name),
            "two cases named {name}"
        );
        self.seen.push(name.to_owned());
        let path = self.dir.join(format!("{name}.txt"));
        let shown = path
            .strip_prefix(crate_root())
            .unwrap_or(&path)
            .display()
            .to_string();
        if self.record {
            fs::write(&path, actual).expect("write a golden file");
            return;
        }
        match fs::read_to_string(&path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => self
                .failures
                .push(format!("{shown}: {}", first_difference(&expected, actual))),
            Err(e) => self.failures.push(format!(
                "{shown}: cannot read it ({e}); record it with OKR_GOLDEN=record\n{actual}"
            )),
        }
    }

    /// Fails with every difference; when recording, removes the files of cases gone.
    fn finish(self) {
        let mut stale = Vec::new();
        if let Ok(entries) = fs::read_dir(&self.dir) {
            for entry in entries {
                let path = entry.expect("a golden file").path();
                let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                if !self.seen.iter().any(|n| n == name) {
                    if self.record {
                        fs::remove_file(&path).expect("remove a stale golden file");
                    } else {
                        stale.push(path.display().to_string());
                    }
                }
            }
        }
        assert!(
            self.failures.is_empty() && stale.is_empty(),
            "{} of {} outputs differ from tests/golden (OKR_GOLDEN=record cargo test --test golden \
             re-records them; review with git diff){}{}\n\n{}",
            self.failures.len(),
            self.seen.len(),
            if stale.is_empty() {
                ""
            } else {
                "; golden files without a case: "
            },
            stale.join(", "),
            self.failures.join("\n\n")
        );
    }
}

/// The first line where `expected` and `actual` differ, with its neighbours.
fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let at = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let show = |lines: &[&str]| {
        lines[at.saturating_sub(2)..(at + 3).min(lines.len())]
            .iter()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "first difference at line {} (expected {} lines, got {}; {} bytes, got {})\n  expected:\n{}\n  actual:\n{}",
        at + 1,
        e.len(),
        a.len(),
        expected.len(),
        actual.len(),
        show(&e),
        show(&a)
    )
}

/// A command line as a shell would take it back.
fn shell_words(args: &[String]) -> String {
    args.iter()
        .map(|a| {
            if !a.is_empty()
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./=:@%+,".contains(c))
            {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', r"'\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs a case in `okr`'s repository and writes what it did, temporary paths
/// replaced by `<TMP>` and the path of the okr binary by `<OKR>`.
fn run(okr: &Okr, case: &Case) -> String {
    let mut env: Vec<(&str, &str)> = vec![("COLUMNS", COLUMNS)];
    env.extend(case.env.iter().map(|(k, v)| (*k, v.as_str())));
    let mut run = okr.run_with_env(&env, &case.args);
    // Completion scripts call okr back by its path: where the checkout is.
    for text in [&mut run.stdout, &mut run.stderr] {
        *text = text.replace(env!("CARGO_BIN_EXE_okr"), "<OKR>");
    }
    let mut out = format!("$ okr {}\n", shell_words(&case.args));
    for (k, v) in &case.env {
        let _ = writeln!(out, "env: {k}={v}");
    }
    let _ = writeln!(out, "exit: {:?}", run.code);
    // Sizes are those of what is recorded: paths of this machine replaced.
    let (stdout, stderr) = (untemp(okr, &run.stdout), untemp(okr, &run.stderr));
    let _ = write!(
        out,
        "--- stdout ({} bytes) ---\n{}\n--- stderr ({} bytes) ---\n{}\n",
        stdout.len(),
        stdout,
        stderr.len(),
        stderr
    );
    untemp(okr, &out)
}

fn untemp(okr: &Okr, text: &str) -> String {
    let temp = okr.temp_path();
    let mut text = text.to_owned();
    for path in [fs::canonicalize(&temp).unwrap_or(temp.clone()), temp] {
        text = text.replace(path.to_str().expect("a UTF-8 path"), "<TMP>");
    }
    // The completion script calls okr back by the path it was started with,
    // which is the test binary's: where the crate was built.
    #[allow(deprecated)] // the path the harness runs, as assert_cmd finds it
    let okr_path = assert_cmd::cargo::cargo_bin("okr");
    text.replace(okr_path.to_str().expect("a UTF-8 path"), "<OKR>")
}

/// Runs a command that writes in a fresh copy of `okr`'s repository, and adds
/// every file outside `.git/` it created, changed or removed to the record.
fn run_writing(template: &Okr, today: &str, case: &Case) -> String {
    let okr = Okr::new().today(today);
    copy_dir(&template.root(), &okr.root());
    let before = okr.worktree();
    let mut out = run(&okr, case);
    let after = okr.worktree();
    let mut changes = BTreeMap::new();
    for (path, bytes) in &after {
        match before.get(path) {
            Some(old) if old == bytes => {}
            Some(_) => {
                changes.insert(path.clone(), ("changed", Some(bytes)));
            }
            None => {
                changes.insert(path.clone(), ("created", Some(bytes)));
            }
        }
    }
    for path in before.keys().filter(|p| !after.contains_key(*p)) {
        changes.insert(path.clone(), ("removed", None));
    }
    let _ = writeln!(
        out,
        "--- files: {} created, changed or removed ---",
        changes.len()
    );
    for (path, (what, bytes)) in changes {
        let _ = writeln!(out, "=== {what}: {path}");
        if let Some(bytes) = bytes {
            out.push_str(&untemp(&okr, &String::from_utf8_lossy(bytes)));
            let _ = writeln!(out, "=== end of {path}");
        }
    }
    out
}

/// The commands that read, with every output format, on an organisation whose
/// objective `objective`, key result `kr` (`objective/kr-id`) and team `team`
/// exist, and whose history has at least `back` commits.
fn reading_cases(objective: &str, kr: &str, team: &str, back: u32) -> Vec<Case> {
    let base = format!("HEAD~{back}");
    vec![
        case("check", "check"),
        case("check-json", "check --format json"),
        case("check-github", "check --format github"),
        case("check-sarif", "check --format sarif"),
        case("check-deny-warnings", "check --deny-warnings"),
        case("check-path", "check okrs/2026"),
        case("check-base", &format!("check --base {base}")),
        case("status", "status"),
        case("status-json", "status --format json"),
        case("status-by-team", "status --by team"),
        case("status-by-team-json", "status --by team --format json"),
        case("status-by-owner", "status --by owner"),
        case("status-by-owner-json", "status --by owner --format json"),
        case("status-team", &format!("status --team {team}")),
        case("status-annual", "status --cycle 2026"),
        case("status-80-columns", "status").env("COLUMNS", "80"),
        case("show-objective", &format!("show {objective}")),
        case(
            "show-objective-json",
            &format!("show {objective} --format json"),
        ),
        case("show-kr", &format!("show {kr}")),
        case("show-kr-json", &format!("show {kr} --format json")),
        case("show-unknown", "show no-such-objective"),
        case("tree", "tree"),
        case("tree-json", "tree --format json"),
        case("tree-annual", "tree --cycle 2026"),
        case("board", "board"),
        case("board-json", "board --format json"),
        case("board-team", &format!("board --team {team}")),
        case("history", "history"),
        case("history-json", "history --format json"),
        case("history-kr", &format!("history {kr}")),
        case("history-objective", &format!("history {objective}")),
        case(
            "history-dates",
            "history --since 2026-10-15 --until 2026-11-10",
        ),
        case("diff", &format!("diff {base} HEAD")),
        case("diff-json", &format!("diff {base} HEAD --format json")),
        case(
            "diff-markdown",
            &format!("diff {base} HEAD --format markdown"),
        ),
        case("diff-default", "diff"),
        case("nudge", "nudge"),
        case("nudge-json", "nudge --format json"),
        case("nudge-markdown", "nudge --format markdown"),
        case("report-html", "report --format html"),
        case("report-markdown", "report --format markdown"),
        case("report-json", "report --format json"),
        case("report-annual", "report --cycle 2026 --format markdown"),
        case("review-running", "review"),
        case("review-ended", "review --today 2027-01-10"),
        case(
            "review-ended-json",
            "review --today 2027-01-10 --format json",
        ),
    ]
}

/// The first objective of `file` and its first key result.
fn first_objective(okr: &Okr, file: &str) -> (String, String) {
    let text = okr.read(file);
    let mut ids = text
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("- id: "))
        .map(str::trim);
    let objective = ids.next().expect("an objective").to_owned();
    let kr = ids.next().expect("a key result").to_owned();
    let kr = format!("{objective}/{kr}");
    (objective, kr)
}

fn examples() -> Okr {
    examples_with_checkins()
}

/// 12 teams, 150 check-ins from 2026-10-01 to 2026-12-15, seed 7.
fn generated() -> Okr {
    let okr = Okr::new().today("2026-12-15");
    gen_org::generate(&gen_org::Options {
        out: okr.root(),
        teams: 12,
        seed: 7,
        commits: 150,
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, 15).expect("a date"),
        force: false,
        repack: false,
    })
    .expect("generate an organisation");
    okr
}

#[test]
fn examples_read() {
    let okr = examples();
    let mut golden = Golden::new("examples");
    for c in reading_cases(
        "q4-retention",
        "q4-retention/visitor-to-retained",
        "engineering",
        4,
    ) {
        golden.check(&c.name, &run(&okr, &c));
    }
    golden.finish();
}

#[test]
fn generated_read() {
    let okr = generated();
    let (objective, kr) = first_objective(&okr, "okrs/2026-Q4/company.yaml");
    let team = okr
        .read("okr.yaml")
        .lines()
        .filter_map(|l| l.strip_prefix("  - id: "))
        .nth(1)
        .expect("a second team")
        .to_owned();
    let mut golden = Golden::new("generated");
    for c in reading_cases(&objective, &kr, &team, 30) {
        golden.check(&c.name, &run(&okr, &c));
    }
    golden.finish();
}

/// A pull request that eases a target, moves a baseline and removes a key
/// result while the cycle runs: what `diff` warns about and `check --base` flags.
#[test]
fn examples_changed_in_the_working_tree() {
    let template = examples();
    let okr = Okr::new().today("2026-11-15");
    copy_dir(&template.root(), &okr.root());
    let edit = |rel: &str, from: &str, to: &str| {
        let text = okr.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        fs::write(okr.root().join(rel), text.replacen(from, to, 1)).expect("edit");
    };
    let product = "okrs/2026-Q4/product.yaml";
    let text = okr.read(product);
    assert!(text.contains("        target: 50\n"), "{text}");
    edit(product, "        target: 50\n", "        target: 45\n");
    edit(product, "        start: 22\n", "        start: 20\n");
    let platform = "okrs/2026-Q4/engineering/platform.yaml";
    let text = okr.read(platform);
    let start = text.find("      - id: autoscaling").expect("autoscaling");
    let end = text[start + 1..]
        .find("\n      - ")
        .or_else(|| text[start + 1..].find("\n    initiatives:"))
        .map_or(text.len(), |i| start + 2 + i);
    fs::write(
        okr.root().join(platform),
        format!("{}{}", &text[..start], &text[end..]),
    )
    .expect("remove a key result");
    let mut golden = Golden::new("changed");
    for c in [
        case("diff", "diff"),
        case("diff-json", "diff --format json"),
        case("diff-markdown", "diff --format markdown"),
        case("check-base", "check --base HEAD"),
        case("check-base-json", "check --base HEAD --format json"),
        case("status", "status"),
    ] {
        golden.check(&c.name, &run(&okr, &c));
    }
    golden.finish();
}

#[test]
fn rule_fixtures_check() {
    let mut golden = Golden::new("rules");
    let root = crate_root().join("tests/fixtures/rule-cases");
    let mut rules: Vec<String> = fs::read_dir(&root)
        .expect("tests/fixtures/rule-cases")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    rules.sort();
    assert!(rules.len() >= 20, "{rules:?}");
    for rule in rules {
        if !root.join(&rule).join("fail").is_dir() {
            continue;
        }
        let okr = Okr::new().fixture(&format!("rule-cases/{rule}/fail"));
        golden.check(&format!("{rule}-fail"), &run(&okr, &case("", "check")));
        golden.check(
            &format!("{rule}-fail-json"),
            &run(&okr, &case("", "check --format json")),
        );
    }
    // Errors in the other formats, once.
    let okr = Okr::new().fixture("rule-cases/measurable/fail");
    for (name, args) in [
        ("measurable-fail-github", "check --format github"),
        ("measurable-fail-sarif", "check --format sarif"),
    ] {
        golden.check(name, &run(&okr, &case(name, args)));
    }
    golden.finish();
}

#[test]
fn writes_examples() {
    let mut golden = Golden::new("writes");
    let examples = examples();
    let today = "2026-11-15";
    for c in [
        case(
            "checkin-number",
            "checkin q4-enterprise/contracts 9 --confidence 0.6 --no-commit -m",
        )
        .arg("two more signed / 又签了两家"),
        case("checkin-milestone", "checkin eng-soc2/auditor-fieldwork done --no-commit"),
        case("checkin-threshold", "checkin eng-weekly-release/rollback-rate 1.1 --no-commit"),
        case("checkin-unknown", "checkin eng-weekly-release/no-such-kr 3 --no-commit"),
        case(
            "add-objective",
            "add objective plat-docs --owner alex.kim --aligns eng-weekly-release --origin bottom-up --no-commit --title",
        )
        .arg("Docs that answer the question / 文档能回答问题"),
        case(
            "add-objective-new-file",
            "add objective plat-q1-speed --owner alex.kim --cycle 2027-Q1 --no-commit --title",
        )
        .arg("Translation at the speed of reading"),
        case(
            "add-kr-number",
            "add kr eng-weekly-release/mttr --start 4 --target 1 --unit h --owner zhao.lei --no-commit --title",
        )
        .arg("MTTR 从 4 小时降到 1 小时"),
        case(
            "add-kr-milestone",
            "add kr eng-soc2/policies --due 2026-12-01 --no-commit --title",
        )
        .arg("Policies signed off"),
        case(
            "add-kr-threshold",
            "add kr plat-holiday-ready/error-rate --keep-below 0.5 --current 0.3 --unit % --no-commit --title",
        )
        .arg("Error rate stays below 0.5%"),
        case("carry", "carry 2026-Q4 2027-Q1 --no-commit --today 2026-12-20"),
        case("review-template", "review --template --today 2027-01-05"),
        case("report-file", "report -o report.md"),
    ] {
        golden.check(&c.name, &run_writing(&examples, today, &c));
    }
    // okr init, in an empty folder outside git.
    let empty = Okr::new();
    golden.check(
        "init",
        &run_writing(
            &empty,
            today,
            &case("init", "init --organization").arg("Golden 测试"),
        ),
    );
    golden.finish();
}

#[test]
fn writes_generated() {
    let mut golden = Golden::new("writes-generated");
    let generated = generated();
    let (objective, kr) = first_objective(&generated, "okrs/2026-Q4/company.yaml");
    for c in [
        case("checkin", &format!("checkin {kr} 1 --no-commit")),
        case(
            "carry",
            "carry 2026-Q4 2027-Q1 --no-commit --today 2027-01-02",
        ),
        case("review-template", "review --template --today 2027-01-10"),
        case(
            "add-objective",
            &format!(
                "add objective golden-extra --owner {} --aligns {objective} --no-commit --title",
                owner_of(&generated, &objective)
            ),
        )
        .arg("One more objective"),
    ] {
        golden.check(&c.name, &run_writing(&generated, "2026-12-15", &c));
    }
    golden.finish();
}

/// The owner of `objective` (the line after its title).
fn owner_of(okr: &Okr, objective: &str) -> String {
    let text = okr.read("okrs/2026-Q4/company.yaml");
    let at = text
        .find(&format!("- id: {objective}\n"))
        .expect("the objective");
    text[at..]
        .lines()
        .find_map(|l| l.trim().strip_prefix("owner: "))
        .expect("an owner")
        .to_owned()
}

#[test]
fn standalone() {
    let okr = Okr::new();
    let mut golden = Golden::new("standalone");
    let mut cases = vec![
        case("explain", "explain"),
        case("explain-unknown", "explain no-such-rule"),
        case("schema", "schema"),
        case("schema-config", "schema config"),
        case("completions-bash", "completions bash"),
        case("man", "man"),
        case("no-okr-yaml", "check"),
    ];
    for rule in RULE_IDS {
        cases.push(case(&format!("explain-{rule}"), &format!("explain {rule}")));
    }
    for c in &cases {
        golden.check(&c.name, &run(&okr, c));
    }
    golden.finish();
}
