//! Examples of the rules about files and references: `yaml` and `schema`
//! (found while loading), `duplicate-id`, `unknown-ref` and `owner`.

use super::{COMPANY, COMPANY_Q4, Example, Examples, file};

pub const YAML: Examples = Examples {
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
<<<<<<< HEAD
        current: 320
=======
        current: 340
>>>>>>> checkin
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
        current: 340
",
    )]),
};

pub const SCHEMA: Examples = Examples {
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
        taget: 500
        current: 320
",
    )]),
    pass: Example::files(&[file(COMPANY, COMPANY_Q4)]),
};

pub const DUPLICATE_ID: Examples = Examples {
    fail: Example::files(&[file(
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
  - id: grow
    title: Keep the customers we have
    owner: ana
    status: agreed
    key_results:
      - id: churn
        title: Cut monthly churn from 3% to 2%
        start: 3
        target: 2
        current: 2.6
        unit: "%"
"#,
    )]),
    pass: Example::files(&[file(
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
  - id: retain
    title: Keep the customers we have
    owner: ana
    status: agreed
    key_results:
      - id: churn
        title: Cut monthly churn from 3% to 2%
        start: 3
        target: 2
        current: 2.6
        unit: "%"
"#,
    )]),
};

pub const UNKNOWN_REF: Examples = Examples {
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
    initiatives:
      - title: Launch the referral programme
        key_result: signup
        owner: ana
        state: doing
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
    initiatives:
      - title: Launch the referral programme
        key_result: signups
        owner: ana
        state: doing
",
    )]),
};

pub const OWNER: Examples = Examples {
    fail: Example::files(&[file(
        COMPANY,
        r"cycle: 2026-Q4
team: company
objectives:
  - id: grow
    title: Become the first choice of small teams
    status: agreed
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
