//! Examples of the rules of a cycle's start and end: `agreed`, `review`, `ambition`.

use super::{COMPANY, COMPANY_Q4, Example, Examples, file};

const COMPANY_Q3: &str = "okrs/2026-Q3/company.yaml";

/// An objective of the quarter that has ended, without its review.
const UNREVIEWED: &str = r"cycle: 2026-Q3
team: company
objectives:
  - id: launch
    title: Launch the team plan
    owner: ana
    status: agreed
    key_results:
      - id: paying-teams
        title: Win 50 paying teams on the new plan
        start: 0
        target: 50
        current: 34
";

/// [`UNREVIEWED`] with its review: a stretching objective that landed at 0.7.
const REVIEWED: &str = r"cycle: 2026-Q3
team: company
objectives:
  - id: launch
    title: Launch the team plan
    owner: ana
    status: agreed
    key_results:
      - id: paying-teams
        title: Win 50 paying teams on the new plan
        start: 0
        target: 50
        current: 34
    review:
      score: 0.7
      done: 34 teams pay for the team plan
      problems: Billing slipped by two weeks; we launched with invoices by hand
      lessons: Start the billing work in the first week
      next: A self-serve upgrade from the free plan
";

pub const AGREED: Examples = Examples {
    fail: Example::files(&[file(
        COMPANY,
        r"cycle: 2026-Q4
team: company
objectives:
  - id: grow
    title: Become the first choice of small teams
    owner: ana
    status: draft
    key_results:
      - id: signups
        title: Grow weekly sign-ups from 200 to 500
        start: 200
        target: 500
        current: 320
",
    )]),
    pass: Example::files(&[file(COMPANY, COMPANY_Q4)]),
};

pub const REVIEW: Examples = Examples {
    fail: Example::files(&[file(COMPANY_Q3, UNREVIEWED)]),
    pass: Example::files(&[file(COMPANY_Q3, REVIEWED)]),
};

pub const AMBITION: Examples = Examples {
    fail: Example::files(&[file(
        COMPANY_Q3,
        r"cycle: 2026-Q3
team: company
objectives:
  - id: launch
    title: Launch the team plan
    owner: ana
    status: agreed
    key_results:
      - id: paying-teams
        title: Win 50 paying teams on the new plan
        start: 0
        target: 50
        current: 50
    review:
      score: 1.0
      done: 50 teams pay for the team plan, three weeks before the end of the quarter
      lessons: Demand was higher than we planned for
      next: A self-serve upgrade from the free plan
",
    )]),
    pass: Example::files(&[file(COMPANY_Q3, REVIEWED)]),
};
