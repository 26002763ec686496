//! Examples of the alignment rules.

use super::{
    COMPANY, COMPANY_Q4, CONFIG_FILE, Example, Examples, PRODUCT, PRODUCT_Q4, SALES, SALES_Q4,
    THREE_TEAMS, file,
};

const ANNUAL: &str = "okrs/2026/company.yaml";

pub const ALIGNMENT_TARGET: Examples = Examples {
    fail: Example::files(&[
        file(COMPANY, COMPANY_Q4),
        file(
            PRODUCT,
            r#"cycle: 2026-Q4
team: product
objectives:
  - id: activate
    title: New teams get value in their first week
    owner: ben
    aligns: growth
    origin: bottom-up
    status: agreed
    key_results:
      - id: first-week
        title: Raise the share of teams active in week one from 30% to 50%
        start: 30
        target: 50
        current: 38
        unit: "%"
"#,
        ),
    ]),
    pass: Example::files(&[file(COMPANY, COMPANY_Q4), file(PRODUCT, PRODUCT_Q4)]),
};

pub const ALIGNMENT_CYCLE: Examples = Examples {
    fail: Example::files(&[
        file(COMPANY, COMPANY_Q4),
        file(
            ANNUAL,
            r#"cycle: 2026
team: company
objectives:
  - id: lead-the-market
    title: Lead the market for small-team planning tools
    owner: ana
    status: agreed
    aligns: grow
    key_results:
      - id: share
        title: Grow our market share from 8% to 15%
        start: 8
        target: 15
        current: 11
        unit: "%"
"#,
        ),
    ]),
    pass: Example::files(&[
        file(
            COMPANY,
            r"cycle: 2026-Q4
team: company
objectives:
  - id: grow
    title: Become the first choice of small teams
    owner: ana
    aligns: lead-the-market
    status: agreed
    key_results:
      - id: signups
        title: Grow weekly sign-ups from 200 to 500
        start: 200
        target: 500
        current: 320
",
        ),
        file(
            ANNUAL,
            r#"cycle: 2026
team: company
objectives:
  - id: lead-the-market
    title: Lead the market for small-team planning tools
    owner: ana
    status: agreed
    key_results:
      - id: share
        title: Grow our market share from 8% to 15%
        start: 8
        target: 15
        current: 11
        unit: "%"
"#,
        ),
    ]),
};

pub const ALIGNMENT_TEAM: Examples = Examples {
    fail: Example::files(&[
        file(CONFIG_FILE, THREE_TEAMS),
        file(COMPANY, COMPANY_Q4),
        file(
            PRODUCT,
            r#"cycle: 2026-Q4
team: product
objectives:
  - id: activate
    title: New teams get value in their first week
    owner: ben
    aligns: close
    origin: bottom-up
    status: agreed
    key_results:
      - id: first-week
        title: Raise the share of teams active in week one from 30% to 50%
        start: 30
        target: 50
        current: 38
        unit: "%"
"#,
        ),
        file(SALES, SALES_Q4),
    ]),
    pass: Example::files(&[
        file(CONFIG_FILE, THREE_TEAMS),
        file(COMPANY, COMPANY_Q4),
        file(PRODUCT, PRODUCT_Q4),
        file(SALES, SALES_Q4),
    ]),
};

pub const ALIGNMENT_LOOP: Examples = Examples {
    fail: Example::files(&[file(
        COMPANY,
        r#"cycle: 2026-Q4
team: company
objectives:
  - id: grow
    title: Become the first choice of small teams
    owner: ana
    status: agreed
    aligns: retain
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
    aligns: grow
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
    aligns: grow
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

pub const ORPHAN: Examples = Examples {
    fail: Example::files(&[
        file(COMPANY, COMPANY_Q4),
        file(
            PRODUCT,
            r#"cycle: 2026-Q4
team: product
objectives:
  - id: activate
    title: New teams get value in their first week
    owner: ben
    origin: bottom-up
    status: agreed
    key_results:
      - id: first-week
        title: Raise the share of teams active in week one from 30% to 50%
        start: 30
        target: 50
        current: 38
        unit: "%"
"#,
        ),
    ]),
    pass: Example::files(&[file(COMPANY, COMPANY_Q4), file(PRODUCT, PRODUCT_Q4)]),
};
