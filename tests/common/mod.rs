//! A fluent builder for end-to-end tests: a fixture copied into a temporary
//! folder, the real `okr` binary run there in a hermetic environment.

// Each test crate uses a different part of this module.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

/// The day most tests run on: cycle 2026-Q4 is running, 2026-Q3 has ended.
pub const TODAY: &str = "2026-11-15";

/// A fixed commit date, so that anything okr commits is reproducible.
const GIT_DATE: &str = "2026-11-15T09:00:00+00:00";

/// Every rule id of SPEC section 6, in its order, and `overdue` after `deadline`.
pub const RULE_IDS: [&str; 26] = [
    "yaml",
    "schema",
    "duplicate-id",
    "unknown-ref",
    "alignment-target",
    "alignment-cycle",
    "alignment-team",
    "alignment-loop",
    "orphan",
    "measurable",
    "objective-count",
    "kr-count",
    "deadline",
    "overdue",
    "owner",
    "bottom-up-share",
    "coverage",
    "agreed",
    "range",
    "stale",
    "review",
    "ambition",
    "target-moved",
    "source-unknown",
    "secret-inline",
    "source-stale",
];

/// The crate root (where Cargo.toml is).
pub fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<rel>` in the crate.
pub fn fixture_path(rel: &str) -> PathBuf {
    crate_root().join("tests/fixtures").join(rel)
}

/// One run of okr to prepare: a temporary OKR root, arguments and environment.
pub struct Okr {
    /// Holds `home/` (HOME, the empty global git config) and `repo/` (the OKR root).
    temp: TempDir,
    /// The working directory, relative to the OKR root.
    cwd: PathBuf,
    today: String,
    args: Vec<OsString>,
    env: Vec<(String, Option<String>)>,
    timeout: Duration,
}

impl Default for Okr {
    fn default() -> Self {
        Self::new()
    }
}

impl Okr {
    /// An empty OKR root (no okr.yaml), today = [`TODAY`].
    pub fn new() -> Self {
        let temp = tempfile::Builder::new()
            .prefix("okr-test-")
            .tempdir()
            .expect("create a temporary folder");
        fs::create_dir(temp.path().join("home")).expect("create home");
        fs::write(temp.path().join("home/.gitconfig"), "").expect("write .gitconfig");
        fs::create_dir(temp.path().join("repo")).expect("create repo");
        Okr {
            temp,
            cwd: PathBuf::new(),
            today: TODAY.to_owned(),
            args: Vec::new(),
            env: Vec::new(),
            timeout: Duration::from_secs(60),
        }
    }

    /// Copies `tests/fixtures/<rel>` into the OKR root.
    pub fn fixture(self, rel: &str) -> Self {
        let from = fixture_path(rel);
        assert!(from.is_dir(), "no fixture folder {}", from.display());
        copy_dir(&from, &self.root());
        self
    }

    /// Copies the crate's `examples/` folder into the OKR root.
    pub fn examples(self) -> Self {
        copy_dir(&crate_root().join("examples"), &self.root());
        self
    }

    /// Writes a file (creating its folders) under the OKR root.
    pub fn file(self, rel: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().expect("a parent folder")).expect("create folders");
        fs::write(&path, contents).expect("write file");
        self
    }

    /// Replaces the first occurrence of `from` with `to` in a file under the OKR
    /// root; panics when `from` is not there, so a changed fixture cannot make
    /// an edit silently do nothing.
    pub fn replace(self, rel: &str, from: &str, to: &str) -> Self {
        let path = self.root().join(rel);
        let text = fs::read_to_string(&path).expect("read file to edit");
        assert!(
            text.contains(from),
            "{rel} does not contain {from:?}; has the fixture changed?"
        );
        fs::write(&path, text.replacen(from, to, 1)).expect("write edited file");
        self
    }

    /// Inserts `line` before line `n` (1-based) of a file under the OKR root.
    pub fn insert_line(self, rel: &str, n: usize, line: &str) -> Self {
        let path = self.root().join(rel);
        let text = fs::read_to_string(&path).expect("read file to edit");
        let mut lines: Vec<&str> = text.lines().collect();
        assert!(n >= 1 && n <= lines.len() + 1, "{rel} has no line {n}");
        lines.insert(n - 1, line);
        fs::write(&path, lines.join("\n") + "\n").expect("write edited file");
        self
    }

    /// Sets `OKR_TODAY`.
    pub fn today(mut self, day: &str) -> Self {
        self.today = day.to_owned();
        self
    }

    /// The arguments (replacing earlier ones).
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args = args.into_iter().map(Into::into).collect();
        self
    }

    /// Sets an environment variable.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_owned(), Some(value.to_owned())));
        self
    }

    /// Removes an environment variable the builder would set.
    pub fn env_remove(mut self, key: &str) -> Self {
        self.env.push((key.to_owned(), None));
        self
    }

    /// Runs in a folder below the OKR root.
    pub fn current_dir(mut self, rel: &str) -> Self {
        self.cwd = PathBuf::from(rel);
        self
    }

    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The OKR root: where the fixture was copied.
    pub fn root(&self) -> PathBuf {
        self.temp.path().join("repo")
    }

    /// Runs okr with the arguments set by [`Okr::args`].
    pub fn run(&self) -> Run {
        self.run_with(self.args.clone())
    }

    /// Runs okr with these arguments, keeping the builder for another run.
    pub fn run_with<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.run_with_env(&[], args)
    }

    /// Runs okr like [`Okr::run_with`], with more environment variables set
    /// for this run only (after everything else, so they win).
    pub fn run_with_env<I, S>(&self, extra: &[(&str, &str)], args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        let mut cmd = assert_cmd::Command::cargo_bin("okr").expect("the okr binary");
        // Start from nothing, then add back only what a process needs: no CI,
        // GITHUB_ACTIONS, GIT_DIR, TERM or colour settings leak in.
        cmd.env_clear();
        for (key, value) in self.hermetic_env() {
            match value {
                Some(v) => cmd.env(key, v),
                None => cmd.env_remove(key),
            };
        }
        cmd.envs(extra.iter().copied());
        cmd.current_dir(self.root().join(&self.cwd))
            .args(&args)
            .timeout(self.timeout);
        let started = Instant::now();
        let output = cmd.output().expect("run okr");
        let elapsed = started.elapsed();
        Run {
            args: args
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            elapsed,
        }
    }

    /// The environment every process of a test runs in (after `env_clear`):
    /// what a process needs from outside, then the pinned git identity, dates
    /// and configuration, then what the test set with [`Okr::env`] and
    /// [`Okr::env_remove`] (`None`: removed).
    fn hermetic_env(&self) -> Vec<(String, Option<OsString>)> {
        let home = self.temp.path().join("home");
        let mut env: Vec<(String, Option<OsString>)> = Vec::new();
        for keep in ["PATH", "SYSTEMROOT", "TMPDIR", "LLVM_PROFILE_FILE"] {
            if let Some(value) = std::env::var_os(keep) {
                env.push((keep.to_owned(), Some(value)));
            }
        }
        let pinned: [(&str, OsString); 15] = [
            ("HOME", home.clone().into()),
            ("USERPROFILE", home.clone().into()),
            ("XDG_CONFIG_HOME", home.join(".config").into()),
            ("GIT_CONFIG_GLOBAL", home.join(".gitconfig").into()),
            ("GIT_CONFIG_NOSYSTEM", "1".into()),
            ("GIT_CEILING_DIRECTORIES", self.temp.path().into()),
            ("GIT_AUTHOR_NAME", "Test Author".into()),
            ("GIT_AUTHOR_EMAIL", "author@example.com".into()),
            ("GIT_AUTHOR_DATE", GIT_DATE.into()),
            ("GIT_COMMITTER_NAME", "Test Committer".into()),
            ("GIT_COMMITTER_EMAIL", "committer@example.com".into()),
            ("GIT_COMMITTER_DATE", GIT_DATE.into()),
            ("TZ", "UTC".into()),
            ("NO_COLOR", "1".into()),
            ("OKR_TODAY", self.today.clone().into()),
        ];
        env.extend(pinned.into_iter().map(|(k, v)| (k.to_owned(), Some(v))));
        env.extend(
            self.env
                .iter()
                .map(|(k, v)| (k.clone(), v.as_ref().map(OsString::from))),
        );
        env
    }

    /// Every file under the OKR root with its bytes, to compare before and after.
    pub fn tree(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        collect(&self.root(), &self.root(), &mut files);
        files
    }
}

/// What one run of okr did.
pub struct Run {
    pub args: Vec<String>,
    /// `None` when killed by a signal or the timeout.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl fmt::Debug for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "okr {:?}\nexit code: {:?} after {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args, self.code, self.elapsed, self.stdout, self.stderr
        )
    }
}

impl Run {
    /// Asserts the exit code, showing the whole run when it differs.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Self {
        assert_eq!(self.code, Some(expected), "unexpected exit code\n{self:?}");
        self
    }

    /// Asserts that okr neither panicked nor was killed.
    #[track_caller]
    pub fn no_crash(&self) -> &Self {
        assert!(
            matches!(self.code, Some(0..=2)),
            "okr crashed or hung\n{self:?}"
        );
        assert!(!self.stderr.contains("panicked"), "okr panicked\n{self:?}");
        self
    }

    #[track_caller]
    pub fn stdout_empty(&self) -> &Self {
        assert_eq!(self.stdout, "", "expected no output on stdout\n{self:?}");
        self
    }

    #[track_caller]
    pub fn stderr_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr does not contain {needle:?}\n{self:?}"
        );
        self
    }

    #[track_caller]
    pub fn stdout_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout does not contain {needle:?}\n{self:?}"
        );
        self
    }

    /// stdout as JSON.
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON: {e}\n{self:?}"))
    }

    /// The findings of `okr check --format json`.
    #[track_caller]
    pub fn findings(&self) -> Vec<Finding> {
        let json = self.json();
        let list = json["findings"]
            .as_array()
            .unwrap_or_else(|| panic!("no `findings` list\n{self:?}"));
        list.iter().map(Finding::from_json).collect()
    }

    /// `summary.<key>` of `okr check --format json`.
    #[track_caller]
    pub fn summary(&self, key: &str) -> u64 {
        self.json()["summary"][key]
            .as_u64()
            .unwrap_or_else(|| panic!("no number `summary.{key}`\n{self:?}"))
    }
}

/// One finding of `okr check --format json`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub rule: String,
    pub level: String,
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl Finding {
    #[track_caller]
    pub fn from_json(value: &Value) -> Self {
        let text = |key: &str| {
            value[key]
                .as_str()
                .unwrap_or_else(|| panic!("finding without string `{key}`: {value}"))
                .to_owned()
        };
        let number = |key: &str| {
            value[key]
                .as_u64()
                .unwrap_or_else(|| panic!("finding without number `{key}`: {value}"))
        };
        Finding {
            rule: text("rule"),
            level: text("level"),
            file: text("file"),
            line: number("line"),
            column: number("column"),
            message: text("message"),
        }
    }

    /// `rule level file line column`, the format of `expect.txt`.
    pub fn key(&self) -> String {
        format!(
            "{} {} {} {} {}",
            self.rule, self.level, self.file, self.line, self.column
        )
    }
}

/// The keys of findings, sorted.
pub fn keys<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Vec<String> {
    let mut keys: Vec<String> = findings.into_iter().map(Finding::key).collect();
    keys.sort();
    keys
}

/// Copies a folder and everything in it (`.git` too).
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read fixture folder") {
        let entry = entry.expect("read fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

fn collect(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in fs::read_dir(dir).expect("read folder") {
        let entry = entry.expect("read entry");
        let path = entry.path();
        let rel = path
            .strip_prefix(root)
            .expect("below the root")
            .to_string_lossy()
            .replace('\\', "/");
        if entry.file_type().expect("file type").is_dir() {
            files.insert(format!("{rel}/"), Vec::new());
            collect(root, &path, files);
        } else {
            files.insert(rel, fs::read(&path).expect("read file"));
        }
    }
}

/// Git in the OKR root, run with the same hermetic environment as okr.
impl Okr {
    /// The temporary folder holding `home/` (HOME) and `repo/` (the OKR root).
    pub fn temp_path(&self) -> PathBuf {
        self.temp.path().to_path_buf()
    }

    /// Runs the system `git` in the OKR root; returns its output, whatever its exit code.
    pub fn git_output<I, S>(&self, args: I) -> std::process::Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.git_output_with_env(&[], args)
    }

    /// Like [`Okr::git_output`], with more environment variables set for this
    /// run only (after everything else, so they win).
    pub fn git_output_with_env<I, S>(&self, extra: &[(&str, &str)], args: I) -> std::process::Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut cmd = std::process::Command::new("git");
        cmd.env_clear();
        for (key, value) in self.hermetic_env() {
            match value {
                Some(v) => cmd.env(key, v),
                None => cmd.env_remove(key),
            };
        }
        cmd.envs(extra.iter().copied());
        cmd.current_dir(self.root())
            .args(args)
            .output()
            .expect("run git (is it installed?)")
    }

    /// Runs the system `git` in the OKR root, asserts success, returns stdout.
    #[track_caller]
    pub fn git<I, S>(&self, args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.git_with_env(&[], args)
    }

    /// Like [`Okr::git`], with more environment variables set for this run
    /// only, e.g. another `GIT_AUTHOR_NAME`.
    #[track_caller]
    pub fn git_with_env<I, S>(&self, extra: &[(&str, &str)], args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let args: Vec<OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
        let output = self.git_output_with_env(extra, &args);
        assert!(
            output.status.success(),
            "git {args:?} failed ({})\n--- stdout ---\n{}\n--- stderr ---\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("git prints UTF-8")
    }

    /// Like [`Okr::git`], with the author and committer dates set to `date`
    /// (any date git reads, e.g. `2026-10-01T09:00:00+00:00`) instead of the
    /// pinned one: for histories whose commits are days apart.
    #[track_caller]
    pub fn git_at<I, S>(&self, date: &str, args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.git_with_env(
            &[("GIT_AUTHOR_DATE", date), ("GIT_COMMITTER_DATE", date)],
            args,
        )
    }

    /// Like [`Okr::run_with`], with the author and committer dates of what okr
    /// commits set to `date` instead of the pinned one.
    pub fn run_at<I, S>(&self, date: &str, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.run_with_env(
            &[("GIT_AUTHOR_DATE", date), ("GIT_COMMITTER_DATE", date)],
            args,
        )
    }

    /// `git init` in the OKR root, on branch `main`.
    pub fn git_init(self) -> Self {
        self.git(["init", "--quiet", "--initial-branch=main"]);
        self
    }

    /// `git init`, then one commit of every file: a clean repository.
    pub fn committed(self) -> Self {
        let okr = self.git_init();
        okr.git(["add", "--all"]);
        okr.git(["commit", "--quiet", "--message", "The example organisation"]);
        okr
    }

    /// `git rev-parse HEAD`, trimmed.
    pub fn head(&self) -> String {
        self.git(["rev-parse", "HEAD"]).trim().to_owned()
    }

    /// The number of commits reachable from HEAD.
    pub fn commit_count(&self) -> usize {
        self.git(["rev-list", "--count", "HEAD"])
            .trim()
            .parse()
            .expect("a count")
    }

    /// A file under the OKR root as text.
    #[track_caller]
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel))
            .unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// Like [`Okr::tree`], without `.git/`: the working tree a user sees.
    pub fn worktree(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = self.tree();
        files.retain(|path, _| path != ".git/" && !path.starts_with(".git/"));
        files
    }
}

/// A commit date: `day` (YYYY-MM-DD) at 09:00 UTC.
pub fn at(day: &str) -> String {
    format!("{day}T09:00:00+00:00")
}

/// Commits every file of a repository made with `git_init`, on `day`.
pub fn commit_everything_on(okr: Okr, day: &str) -> Okr {
    okr.git(["add", "--all"]);
    okr.git_at(
        &at(day),
        ["commit", "--quiet", "--message", "The example organisation"],
    );
    okr
}

/// The example organisation in a new repository, committed on `day`.
pub fn examples_committed_on(day: &str) -> Okr {
    commit_everything_on(Okr::new().examples().git_init(), day)
}

/// Sets the modification time of every file under `dir` to `ago` in the past.
pub fn age(dir: &std::path::Path, ago: std::time::Duration) {
    let when = std::time::SystemTime::now() - ago;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            age(&path, ago);
        } else {
            std::fs::File::options()
                .append(true)
                .open(&path)
                .unwrap()
                .set_modified(when)
                .unwrap();
        }
    }
}

/// `git commit --all` on `day` by `author`; returns the new commit's id.
#[track_caller]
pub fn commit_all(okr: &Okr, day: &str, author: &str, message: &str) -> String {
    let date = at(day);
    okr.git_with_env(
        &[
            ("GIT_AUTHOR_NAME", author),
            ("GIT_AUTHOR_DATE", &date),
            ("GIT_COMMITTER_DATE", &date),
        ],
        ["commit", "--quiet", "--all", "--message", message],
    );
    okr.head()
}

/// The example organisation committed on the first day of 2026-Q4, then check-ins:
/// `q4-retention/visitor-to-retained` (start 3.1, target 5) goes 3.9 -> 4.1 on
/// 10-20 and -> 4.4 on 11-05; `q4-enterprise/contracts` (0 -> 12) 5 -> 6 on
/// 10-15 (by 王芳) and -> 8 on 11-10.
pub fn examples_with_checkins() -> Okr {
    let okr = examples_committed_on("2026-10-01");
    let checkin = |day: &str, author: &str, reference: &str, value: &str| {
        let date = at(day);
        okr.run_with_env(
            &[
                ("GIT_AUTHOR_DATE", date.as_str()),
                ("GIT_COMMITTER_DATE", date.as_str()),
                ("GIT_AUTHOR_NAME", author),
            ],
            ["checkin", reference, value],
        )
        .code(0);
    };
    checkin("2026-10-15", "王芳", "q4-enterprise/contracts", "6");
    checkin(
        "2026-10-20",
        "Li Wei",
        "q4-retention/visitor-to-retained",
        "4.1",
    );
    checkin(
        "2026-11-05",
        "Li Wei",
        "q4-retention/visitor-to-retained",
        "4.4",
    );
    checkin("2026-11-10", "王芳", "q4-enterprise/contracts", "8");
    okr.today("2026-11-15")
}

/// A command line that runs a tool from PyPI: its script on PATH, else its
/// Python module (pip's `--user` scripts folder is often not on PATH). `None`
/// when neither runs.
pub fn python_tool(script: &str, module: &str) -> Option<Vec<String>> {
    let candidates = [
        vec![script.to_owned()],
        vec!["python3".to_owned(), "-m".to_owned(), module.to_owned()],
    ];
    candidates.into_iter().find(|command| {
        std::process::Command::new(&command[0])
            .args(&command[1..])
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Like [`python_tool`], but a test that needs the tool fails, saying how to
/// install it, when it is missing. Such tests are `#[ignore = "needs ..."]`:
/// `cargo test` leaves them out on a bare machine, and `.ci/run` installs the
/// tools and runs them with `--include-ignored`.
#[track_caller]
pub fn require_python_tool(script: &str, module: &str) -> Vec<String> {
    python_tool(script, module).unwrap_or_else(|| {
        panic!(
            "this test needs {script}, which is not installed: `python3 -m pip install {script}` \
             (.ci/run installs it)"
        )
    })
}

/// `check-jsonschema`; fails the test when it is not installed.
#[track_caller]
pub fn check_jsonschema() -> Vec<String> {
    require_python_tool("check-jsonschema", "check_jsonschema")
}

/// Fails the test when `program arg` (e.g. `man --version`) does not run.
#[track_caller]
pub fn require_program(program: &str, arg: &str, install: &str) {
    let runs = std::process::Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        runs,
        "this test needs `{program}`, which is not installed or does not run: {install} \
         (.ci/run installs it)"
    );
}
