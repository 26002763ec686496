//! Examples of the rules on key results: `measurable`, `deadline`, `overdue`, `range`.

use super::{COMPANY, Example, Examples, file};

pub const MEASURABLE: Examples = Examples {
    fail: Example::files(&[file(
        COMPANY,
        r"cycle: 2026-Q4
team: company
objectives:
  - id: happy-team
    title: A team people love to work in
    owner: ana
    status: agreed
    key_results:
      - id: morale
        title: Improve team morale
",
    )]),
    pass: Example::files(&[file(
        COMPANY,
        r"cycle: 2026-Q4
team: company
objectives:
  - id: happy-team
    title: A team people love to work in
    owner: ana
    status: agreed
    key_results:
      - id: morale
        title: Raise the team survey's morale score from 6.8 to 8
        start: 6.8
        target: 8
        current: 7.1
",
    )]),
};

pub const DEADLINE: Examples = Examples {
    fail: Example::files(&[file(
        COMPANY,
        r"cycle: 2026-Q4
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
      - id: referrals
        title: Launch the referral programme
        done: false
        due: 2027-01-15
",
    )]),
    pass: Example::files(&[file(
        COMPANY,
        r"cycle: 2026-Q4
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
      - id: referrals
        title: Launch the referral programme
        done: false
        due: 2026-12-15
",
    )]),
};

pub const RANGE: Examples = Examples {
    fail: Example::files(&[file(
        COMPANY,
        r"cycle: 2026-Q4
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
        confidence: 70
",
    )]),
    pass: Example::files(&[file(
        COMPANY,
        r"cycle: 2026-Q4
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
        confidence: 0.7
",
    )]),
};

/// A milestone due on 2026-11-01, looked at on [`super::TODAY`] (2026-11-15).
pub const OVERDUE: Examples = Examples {
    fail: Example::files(&[file(
        COMPANY,
        r"cycle: 2026-Q4
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
      - id: referrals
        title: Launch the referral programme
        done: false
        due: 2026-11-01
",
    )]),
    pass: Example::files(&[file(
        COMPANY,
        r"cycle: 2026-Q4
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
      - id: referrals
        title: Launch the referral programme
        done: true
        due: 2026-11-01
",
    )]),
};
