//! The examples of `okr explain`: for each rule a small repository that fails
//! it and one that passes, checked by the tests as they are shown. Plain texts:
//! nothing here is run.

mod alignment;
mod counts;
mod files;
mod history;
mod key_results;
mod lifecycle;
mod sources;

pub use alignment::{ALIGNMENT_CYCLE, ALIGNMENT_LOOP, ALIGNMENT_TARGET, ALIGNMENT_TEAM, ORPHAN};
pub use counts::{BOTTOM_UP_SHARE, COVERAGE, KR_COUNT, OBJECTIVE_COUNT};
pub use files::{DUPLICATE_ID, OWNER, SCHEMA, UNKNOWN_REF, YAML};
pub use history::{STALE, TARGET_MOVED};
pub use key_results::{DEADLINE, MEASURABLE, OVERDUE, RANGE};
pub use lifecycle::{AGREED, AMBITION, REVIEW};
pub use sources::{SECRET_INLINE, SOURCE_STALE, SOURCE_UNKNOWN};

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
    /// Commits made first, oldest first, in a new git repository; with none
    /// the example is a plain folder.
    pub commits: &'static [Commit],
    /// Files written after the commits (okr.yaml is [`CONFIG`] unless one of
    /// them, or of the first commit's, is okr.yaml).
    pub files: &'static [File],
}

/// One commit of an example's history.
#[derive(Debug, Clone, Copy)]
pub struct Commit {
    /// The author and committer date (YYYY-MM-DD).
    pub date: &'static str,
    pub message: &'static str,
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
    /// A plain folder holding these files.
    const fn files(files: &'static [File]) -> Self {
        Example {
            args: &[],
            commits: &[],
            files,
        }
    }

    /// The okr.yaml this example is checked with.
    pub fn config(&self) -> &'static str {
        let first_commit = self.commits.first().map_or(&[][..], |c| c.files);
        first_commit
            .iter()
            .chain(self.files)
            .find(|f| f.path == CONFIG_FILE)
            .map_or(CONFIG, |f| f.text)
    }

    /// Every file the example writes except okr.yaml, in order.
    pub fn okr_files(&self) -> impl Iterator<Item = &'static File> {
        self.files.iter().filter(|f| f.path != CONFIG_FILE)
    }
}

const fn file(path: &'static str, text: &'static str) -> File {
    File { path, text }
}

const CONFIG_FILE: &str = crate::model::CONFIG_FILE;
const COMPANY: &str = "okrs/2026-Q4/company.yaml";
const PRODUCT: &str = "okrs/2026-Q4/product.yaml";
const SALES: &str = "okrs/2026-Q4/sales.yaml";

/// The okr.yaml of the examples that show none: a company and one team below it.
pub const CONFIG: &str = r"organization: Example Inc.
teams:
  - id: company
    lead: ana
  - id: product
    parent: company
    lead: ben
    members: [ben, cai]
people:
  - id: ana
  - id: ben
  - id: cai
";

/// [`CONFIG`] with a second team below the top, for the rules that compare teams.
const THREE_TEAMS: &str = r"organization: Example Inc.
teams:
  - id: company
    lead: ana
  - id: product
    parent: company
    lead: ben
    members: [ben, cai]
  - id: sales
    parent: company
    lead: dan
    members: [dan]
people:
  - id: ana
  - id: ben
  - id: cai
  - id: dan
";

/// The company's quarter: one objective that checks clean.
pub(super) const COMPANY_Q4: &str = r"cycle: 2026-Q4
team: company
objectives:
  - id: grow
    title: Become the first choice of small teams
    owner: ana
    status: agreed
    key_results:
      - id: signups
        title: Grow weekly sign-ups from 200 to 500
        start: 200
        target: 500
        current: 320
";

/// The product team's quarter, serving the company's objective.
const PRODUCT_Q4: &str = r#"cycle: 2026-Q4
team: product
objectives:
  - id: activate
    title: New teams get value in their first week
    owner: ben
    aligns: grow
    origin: bottom-up
    status: agreed
    key_results:
      - id: first-week
        title: Raise the share of teams active in week one from 30% to 50%
        start: 30
        target: 50
        current: 38
        unit: "%"
"#;

/// The sales team's quarter, serving the company's objective.
const SALES_Q4: &str = r#"cycle: 2026-Q4
team: sales
objectives:
  - id: close
    title: Win the teams that try us
    owner: dan
    aligns: grow
    origin: bottom-up
    status: agreed
    key_results:
      - id: trials-won
        title: Turn 20% of trials into paying teams, up from 12%
        start: 12
        target: 20
        current: 15
        unit: "%"
"#;
