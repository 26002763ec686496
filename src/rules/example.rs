//! The examples of `okr explain` and of SARIF's help: for each rule a small
//! repository that fails it and one that passes, read at build time from
//! `tests/fixtures/rules/<id>/{fail,pass}/`, where the rule tests check them.
//! Plain texts: nothing here reads a file at run time or runs a rule.

/// The day every example is checked on: cycle 2026-Q4 is running, 2026-Q3 has ended.
pub const TODAY: &str = "2026-11-15";

/// A rule's two examples.
#[derive(Debug, Clone, Copy)]
pub struct Examples {
    /// `okr check` reports the rule here, and nothing else.
    pub fail: Example,
    /// The same repository put right: `okr check` reports nothing.
    pub pass: Example,
}

/// A small OKR repository, and how `okr check` is run on it.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// Arguments of `okr check` beyond `--today`, e.g. `--base HEAD~1`.
    pub args: &'static [&'static str],
    /// `commits.txt`, one entry per commit (see [`Example::commits`]); empty
    /// when the example is a plain folder.
    pub manifest: &'static str,
    /// The files each commit writes (`commits/01/`, `commits/02/`, ...),
    /// oldest first, in a new git repository.
    pub commit_files: &'static [&'static [File]],
    /// The files of a plain folder, okr.yaml first.
    pub files: &'static [File],
}

/// One commit of an example's history.
#[derive(Debug, Clone)]
pub struct Commit {
    /// The author and committer date (YYYY-MM-DD).
    pub date: &'static str,
    /// The message: its paragraphs separated by blank lines.
    pub message: String,
    /// The files it writes before committing everything.
    pub files: &'static [File],
}

/// A file of an example: its path relative to the OKR root, and its text.
#[derive(Debug, Clone, Copy)]
pub struct File {
    pub path: &'static str,
    pub text: &'static str,
}

impl Example {
    /// The commits, oldest first. `commits.txt` has a line `NN YYYY-MM-DD
    /// subject` per commit (`NN` its folder under `commits/`); the lines below
    /// it indented by three spaces are the body of its message, after a blank line.
    pub fn commits(&self) -> Vec<Commit> {
        let mut commits: Vec<Commit> = Vec::new();
        let mut bodies: Vec<Vec<&str>> = Vec::new();
        for line in self.manifest.lines().filter(|l| !l.trim().is_empty()) {
            if let Some(body) = line.strip_prefix("   ") {
                if let Some(last) = bodies.last_mut() {
                    last.push(body);
                }
                continue;
            }
            let mut parts = line.splitn(3, ' ');
            let _folder = parts.next();
            let date = parts.next().unwrap_or_default();
            let subject = parts.next().unwrap_or_default();
            commits.push(Commit {
                date,
                message: subject.to_owned(),
                files: self.commit_files.get(commits.len()).copied().unwrap_or(&[]),
            });
            bodies.push(Vec::new());
        }
        for (commit, body) in commits.iter_mut().zip(bodies) {
            if !body.is_empty() {
                commit.message.push_str("\n\n");
                commit.message.push_str(&body.join("\n"));
            }
        }
        commits
    }

    /// The okr.yaml this example is checked with: its first commit's, else its own.
    pub fn config(&self) -> &'static str {
        let first_commit = self.commit_files.first().copied().unwrap_or(&[]);
        first_commit
            .iter()
            .chain(self.files)
            .find(|f| f.path == crate::model::CONFIG_FILE)
            .map_or("", |f| f.text)
    }

    /// Every file of a plain folder except okr.yaml, in order.
    pub fn okr_files(&self) -> impl Iterator<Item = &'static File> {
        self.files
            .iter()
            .filter(|f| f.path != crate::model::CONFIG_FILE)
    }
}

/// A file of `tests/fixtures/rules/<id>/<case>/`, read at build time.
macro_rules! fixture {
    ($id:literal, $case:literal, $path:literal) => {
        $crate::rules::example::File {
            path: $path,
            text: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/rules/",
                $id,
                "/",
                $case,
                "/",
                $path
            )),
        }
    };
}

/// A rule's examples as plain folders: `examples!("orphan", fail: [paths],
/// pass: [paths])`, each list okr.yaml first.
macro_rules! examples {
    ($id:literal, fail: [$($fail:literal),* $(,)?], pass: [$($pass:literal),* $(,)?] $(,)?) => {
        $crate::rules::example::Examples {
            fail: $crate::rules::example::Example {
                args: &[],
                manifest: "",
                commit_files: &[],
                files: &[$(fixture!($id, "fail", $fail)),*],
            },
            pass: $crate::rules::example::Example {
                args: &[],
                manifest: "",
                commit_files: &[],
                files: &[$(fixture!($id, "pass", $pass)),*],
            },
        }
    };
}

/// An example with a git history: `history!("stale", "fail", args: [...],
/// commits: ["fail/commits/01": [paths], ...])`, okr.yaml in the first commit.
macro_rules! history {
    ($id:literal, $case:literal, args: [$($arg:literal),* $(,)?], commits: [$($commit:literal: [$($path:literal),* $(,)?]),* $(,)?] $(,)?) => {
        $crate::rules::example::Example {
            args: &[$($arg),*],
            manifest: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/rules/",
                $id,
                "/",
                $case,
                "/commits.txt"
            )),
            commit_files: &[$(&[$(fixture!($id, $commit, $path)),*]),*],
            files: &[],
        }
    };
}

pub(crate) use {examples, fixture, history};
