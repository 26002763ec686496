//! Examples of the rules on data sources: `source-unknown`, `secret-inline`, `source-stale`.

use super::{COMPANY, CONFIG_FILE, Commit, Example, Examples, file};

/// [`super::CONFIG`] with a SQLite source.
const WITH_SOURCE: &str = r"organization: Example Inc.
teams:
  - id: company
    lead: ana
people:
  - id: ana
sources:
  app: {type: sqlite, path: data/app.db}
";

/// The company's quarter with a key result synced from `app` every day.
const SYNCED: &str = r#"cycle: 2026-Q4
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
        source:
          from: app
          sql: "select count(*) from signups where created_at < :as_of"
          every: 1d
"#;

pub const SOURCE_UNKNOWN: Examples = Examples {
    fail: Example::files(&[
        file(CONFIG_FILE, WITH_SOURCE),
        file(
            COMPANY,
            r#"cycle: 2026-Q4
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
        source:
          from: ap
          sql: "select count(*) from signups where created_at < :as_of"
"#,
        ),
    ]),
    pass: Example::files(&[file(CONFIG_FILE, WITH_SOURCE), file(COMPANY, SYNCED)]),
};

pub const SECRET_INLINE: Examples = Examples {
    fail: Example::files(&[
        file(
            CONFIG_FILE,
            r"organization: Example Inc.
teams:
  - id: company
    lead: ana
people:
  - id: ana
sources:
  warehouse: {type: postgres, url: 'postgres://okr:hunter2-but-longer@db.example.com/analytics'}
",
        ),
        file(COMPANY, super::COMPANY_Q4),
    ]),
    pass: Example::files(&[
        file(
            CONFIG_FILE,
            r"organization: Example Inc.
teams:
  - id: company
    lead: ana
people:
  - id: ana
sources:
  warehouse: {type: postgres, url-env: OKR_WAREHOUSE_URL}
",
        ),
        file(COMPANY, super::COMPANY_Q4),
    ]),
};

/// The quarter's OKRs with a synced key result, committed after the quarter
/// started (so that `stale` does not report them on [`super::TODAY`]).
const PLANNED: Commit = Commit {
    date: "2026-11-05",
    message: "Q4 OKRs",
    files: &[file(CONFIG_FILE, WITH_SOURCE), file(COMPANY, SYNCED)],
};

pub const SOURCE_STALE: Examples = Examples {
    fail: Example {
        args: &[],
        commits: &[PLANNED],
        files: &[],
    },
    pass: Example {
        args: &[],
        commits: &[
            PLANNED,
            Commit {
                date: "2026-11-14",
                message: "sync: grow/signups 320 -> 341\n\nOKR-Key-Result: grow/signups\nOKR-Value: 341\nOKR-Source: app sql sha256=5d0c3d6a0e51b8f2\nOKR-As-Of: 2026-11-14T00:00:00Z",
                files: &[file(COMPANY, SYNCED_LATER)],
            },
        ],
        files: &[],
    },
};

/// [`SYNCED`] after a sync: `current` went from 320 to 341.
const SYNCED_LATER: &str = r#"cycle: 2026-Q4
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
        current: 341
        source:
          from: app
          sql: "select count(*) from signups where created_at < :as_of"
          every: 1d
"#;
