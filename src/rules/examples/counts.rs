//! Examples of the rules that count: objectives, key results, bottom-up
//! objectives, teams with objectives.

use super::{
    COMPANY, COMPANY_Q4, CONFIG_FILE, Example, Examples, PRODUCT, PRODUCT_Q4, SALES, SALES_Q4,
    THREE_TEAMS, file,
};

/// [`super::CONFIG`] with a limit low enough for a short example.
const AT_MOST_TWO: &str = r"organization: Example Inc.
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
rules:
  max-objectives: 2 # 5 by default
";

pub const OBJECTIVE_COUNT: Examples = Examples {
    fail: Example::files(&[
        file(CONFIG_FILE, AT_MOST_TWO),
        file(
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
  - id: retain
    title: Keep the customers we have
    owner: ana
    status: agreed
    key_results:
      - id: renewals
        title: Renewal reminders go out automatically
        done: false
        due: 2026-12-15
  - id: hire
    title: Grow the support team
    owner: ana
    status: agreed
    key_results:
      - id: hires
        title: Two support engineers start
        done: false
        due: 2026-12-15
",
        ),
    ]),
    pass: Example::files(&[
        file(CONFIG_FILE, AT_MOST_TWO),
        file(
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
  - id: retain
    title: Keep the customers we have
    owner: ana
    status: agreed
    key_results:
      - id: renewals
        title: Renewal reminders go out automatically
        done: false
        due: 2026-12-15
",
        ),
    ]),
};

pub const KR_COUNT: Examples = Examples {
    fail: Example::files(&[file(
        COMPANY,
        r"cycle: 2026-Q4
team: company
objectives:
  - id: grow
    title: Become the first choice of small teams
    owner: ana
    status: agreed
",
    )]),
    pass: Example::files(&[file(COMPANY, COMPANY_Q4)]),
};

pub const BOTTOM_UP_SHARE: Examples = Examples {
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
    aligns: grow
    origin: top-down
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

pub const COVERAGE: Examples = Examples {
    fail: Example::files(&[
        file(CONFIG_FILE, THREE_TEAMS),
        file(COMPANY, COMPANY_Q4),
        file(PRODUCT, PRODUCT_Q4),
    ]),
    pass: Example::files(&[
        file(CONFIG_FILE, THREE_TEAMS),
        file(COMPANY, COMPANY_Q4),
        file(PRODUCT, PRODUCT_Q4),
        file(SALES, SALES_Q4),
    ]),
};
