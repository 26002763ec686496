//! Examples of `stale` and `target-moved`, the rules that read git history.

use super::{COMPANY, COMPANY_Q4, Commit, Example, Examples, file};

/// [`COMPANY_Q4`] after a check-in: `current` went from 320 to 345.
const CHECKED_IN: &str = r"cycle: 2026-Q4
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
        current: 345
";

/// [`COMPANY_Q4`] with its target lowered from 500 to 400.
const RETARGETED: &str = r"cycle: 2026-Q4
team: company
objectives:
  - id: grow
    title: Become the first choice of small teams
    owner: ana
    status: agreed
    key_results:
      - id: signups
        title: Grow weekly sign-ups from 200 to 400
        start: 200
        target: 400
        current: 320
";

/// The quarter's OKRs, committed at its start and not touched for six weeks.
const PLANNED: Commit = Commit {
    date: "2026-10-01",
    message: "Q4 OKRs",
    files: &[file(COMPANY, COMPANY_Q4)],
};

pub const STALE: Examples = Examples {
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
                date: "2026-11-10",
                message: "checkin: grow/signups 320 -> 345",
                files: &[file(COMPANY, CHECKED_IN)],
            },
        ],
        files: &[],
    },
};

/// The quarter's OKRs, committed after the quarter started (so that they are
/// not stale on [`super::TODAY`] either).
const PLANNED_LATE: Commit = Commit {
    date: "2026-11-05",
    message: "Q4 OKRs",
    files: &[file(COMPANY, COMPANY_Q4)],
};

pub const TARGET_MOVED: Examples = Examples {
    fail: Example {
        args: &["--base", "HEAD~1"],
        commits: &[
            PLANNED_LATE,
            Commit {
                date: "2026-11-10",
                message: "Lower the sign-up target",
                files: &[file(COMPANY, RETARGETED)],
            },
        ],
        files: &[],
    },
    pass: Example {
        args: &["--base", "HEAD~1"],
        commits: &[
            PLANNED_LATE,
            Commit {
                date: "2026-11-10",
                message: "Lower the sign-up target\n\nOKR-Reason: the paid campaign was cancelled when the marketing budget was cut",
                files: &[file(COMPANY, RETARGETED)],
            },
        ],
        files: &[],
    },
};
