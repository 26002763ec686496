//! Views of organisations with problems: objectives whose
//! alignment is broken stay in `tree`, `show` and the report with a marker,
//! and what a view cannot read is named on stderr.

mod common;

use common::{Okr, age};
use serde_json::Value;

/// `tests/fixtures/views/boundary`: the company objective `grow` with the key
/// results `signups` (`target` on line 12), `launch` and `errors`.
fn boundary_org() -> Okr {
    Okr::new().fixture("views/boundary")
}

// --- broken alignment ---------------------------------------------------------------------

const ALIGN_CONFIG: &str = "organization: Loops Co
teams:
  - id: company
    lead: ana
  - id: product
    parent: company
    lead: ben
  - id: ops
    parent: infra
    lead: ana
  - id: infra
    parent: ops
    lead: ana
  - id: sre
    parent: ops
    lead: ana
  - id: legal
    parent: nosuch
    lead: ana
people:
  - id: ana
  - id: ben
";

/// A key result `grow/signups` the product team could align to, and one it
/// mistypes (`grow/zz`); a loop `loop-a` <-> `loop-b` with `under-loop` below it.
const ALIGN_PRODUCT: &str = "cycle: 2026-Q4
team: product
objectives:
  - id: child
    title: Aligned to a key result that is not there
    owner: ben
    aligns: grow/zz
    status: agreed
    key_results:
      - id: a
        title: A
        start: 0
        target: 10
        current: 5
  - id: grandchild
    title: Below the broken one
    owner: ben
    aligns: child
    status: agreed
    key_results:
      - id: b
        title: B
        start: 0
        target: 10
        current: 2
  - id: under-loop
    title: Below the loop
    owner: ben
    aligns: loop-a
    status: agreed
    key_results:
      - id: z
        title: Z
        start: 0
        target: 10
        current: 3
  - id: loop-a
    title: Loop A
    owner: ben
    aligns: loop-b
    status: agreed
    key_results:
      - id: x
        title: X
        start: 0
        target: 10
        current: 1
  - id: loop-b
    title: Loop B
    owner: ben
    aligns: loop-a
    status: agreed
    key_results:
      - id: y
        title: Y
        start: 0
        target: 10
        current: 3
";

fn team_file(team: &str, id: &str) -> String {
    format!(
        "cycle: 2026-Q4\nteam: {team}\nobjectives:\n  - id: {id}\n    title: {id}\n    owner: ana\n    status: agreed\n    key_results:\n      - id: k\n        title: K\n        start: 0\n        target: 10\n        current: 5\n"
    )
}

fn broken_alignment_org() -> Okr {
    Okr::new()
        .fixture("views/boundary")
        .file("okr.yaml", ALIGN_CONFIG)
        .file("okrs/2026-Q4/product.yaml", ALIGN_PRODUCT)
        .file("okrs/2026-Q4/ops.yaml", team_file("ops", "ops-goal"))
        .file("okrs/2026-Q4/sre.yaml", team_file("sre", "sre-goal"))
        .file("okrs/2026-Q4/legal.yaml", team_file("legal", "legal-goal"))
}

/// The ids of a tree's nodes, depth first.
fn tree_ids(nodes: &Value, out: &mut Vec<String>) {
    for n in nodes.as_array().expect("a list of nodes") {
        out.push(n["ref"].as_str().or(n["id"].as_str()).unwrap().to_owned());
        tree_ids(&n["children"], out);
    }
}

fn root<'a>(tree: &'a Value, id: &str) -> &'a Value {
    tree["roots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no root {id} in {tree:#}"))
}

#[test]
fn tree_keeps_objectives_whose_alignment_is_broken_at_the_root_with_a_marker() {
    let okr = broken_alignment_org();
    let tree = okr.run_with(["tree", "--format", "json"]).code(0).json();
    let mut ids = Vec::new();
    tree_ids(&tree["roots"], &mut ids);
    for id in [
        "grow",
        "child",
        "grandchild",
        "loop-a",
        "loop-b",
        "under-loop",
        "ops-goal",
    ] {
        assert!(ids.iter().any(|i| i == id), "{id} missing from {tree:#}");
    }
    let child = root(&tree, "child");
    assert_eq!(
        child["problem"],
        serde_json::json!({"kind": "not-found", "ref": "grow/zz"})
    );
    assert_eq!(child["children"][0]["id"], "grandchild");
    assert_eq!(child["title"], "Aligned to a key result that is not there");
    // The loop is cut at the objective that comes first in the files; the
    // rest of it and what aligns to it hang below.
    let looped = root(&tree, "loop-a");
    assert_eq!(
        looped["problem"],
        serde_json::json!({"kind": "loop", "path": ["loop-a", "loop-b", "loop-a"]})
    );
    let below: Vec<&str> = looped["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(below, ["under-loop", "loop-b"]);
    assert!(root(&tree, "grow").get("problem").is_none());

    let text = okr.run_with(["tree"]).code(0).stdout.clone();
    assert!(
        text.contains(
            "child Aligned to a key result that is not there  0.50  ↑ grow/zz (not found)"
        ),
        "{text}"
    );
    assert!(text.contains("grandchild Below the broken one"), "{text}");
    assert!(
        text.contains("loop-a Loop A  0.10  ⟲ loop: loop-a → loop-b → loop-a"),
        "{text}"
    );
    assert!(text.contains("under-loop Below the loop"), "{text}");
}

#[test]
fn show_says_where_the_alignment_chain_breaks() {
    let okr = broken_alignment_org();
    let child = okr
        .run_with(["show", "grandchild", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(child["chain"][0]["ref"], "child");
    assert_eq!(
        child["problem"],
        serde_json::json!({"kind": "not-found", "ref": "grow/zz"})
    );
    let text = okr.run_with(["show", "grandchild"]).code(0).stdout.clone();
    assert!(text.contains("└ child  "), "{text}");
    assert!(text.contains("  └ ↑ grow/zz (not found)"), "{text}");

    let under = okr
        .run_with(["show", "under-loop", "--format", "json"])
        .code(0)
        .json();
    let chain: Vec<&str> = under["chain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["ref"].as_str().unwrap())
        .collect();
    assert_eq!(chain, ["loop-a", "loop-b"]);
    assert_eq!(
        under["problem"],
        serde_json::json!({"kind": "loop", "path": ["loop-a", "loop-b", "loop-a"]})
    );
    let text = okr.run_with(["show", "under-loop"]).code(0).stdout.clone();
    assert!(
        text.contains("    └ ⟲ loop: loop-a → loop-b → loop-a"),
        "{text}"
    );
    // A sound chain has no problem.
    let grow = okr
        .run_with(["show", "grow", "--format", "json"])
        .code(0)
        .json();
    assert!(grow.get("problem").is_none_or(Value::is_null), "{grow:#}");
}

#[test]
fn the_team_tree_keeps_teams_on_a_parent_loop_or_below_an_unknown_parent() {
    let okr = broken_alignment_org();
    let by_team = okr
        .run_with(["status", "--by", "team", "--format", "json"])
        .code(0)
        .json();
    let teams = by_team["teams"].as_array().unwrap();
    let names: Vec<&str> = teams.iter().map(|t| t["team"].as_str().unwrap()).collect();
    assert_eq!(names, ["company", "product", "legal", "ops", "sre"]);
    let team = |id: &str| teams.iter().find(|t| t["team"] == id).unwrap();
    assert_eq!(
        team("legal")["problem"],
        serde_json::json!({"kind": "not-found", "ref": "nosuch"})
    );
    assert_eq!(
        team("ops")["problem"],
        serde_json::json!({"kind": "loop", "path": ["ops", "infra", "ops"]})
    );
    assert!(team("sre").get("problem").is_none());

    let report = okr.run_with(["report", "--format", "json"]).code(0).json();
    let teams = report["teams"].as_array().unwrap();
    let sre = teams.iter().find(|t| t["team"] == "sre").unwrap();
    let ops = teams.iter().find(|t| t["team"] == "ops").unwrap();
    assert_eq!(ops["depth"], 0);
    assert_eq!(sre["depth"], 1, "sre stays below ops: {report:#}");
    assert_eq!(ops["problem"]["kind"], "loop");
    let child = report["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "child")
        .unwrap();
    assert_eq!(
        child["problem"],
        serde_json::json!({"kind": "not-found", "ref": "grow/zz"})
    );
    let md = okr.run_with(["report"]).code(0).stdout.clone();
    assert!(md.contains("↑ grow/zz (not found)"), "{md}");
    assert!(md.contains("⟲ loop\\: ops → infra → ops"), "{md}");
    let html = okr
        .run_with(["report", "--format", "html"])
        .code(0)
        .stdout
        .clone();
    assert!(html.contains("↑ grow/zz (not found)"), "{html}");
    assert!(html.contains("⟲ loop: loop-a → loop-b → loop-a"), "{html}");
    let text = okr
        .run_with(["status", "--by", "team"])
        .code(0)
        .stdout
        .clone();
    assert!(text.contains("ops  ⟲ loop: ops → infra → ops"), "{text}");
}

// --- what the views leave out ----------------------------------------------------------

/// `target` misspelt in `grow/signups` (line 12, column 9), and a file that
/// does not parse.
fn partly_readable_org() -> Okr {
    boundary_org()
        .replace(
            "okrs/2026-Q4/company.yaml",
            "        target: 10\n",
            "        traget: 10\n",
        )
        .file(
            "okrs/2026-Q4/broken.yaml",
            "cycle: 2026-Q4\nteam: [company\n",
        )
}

#[track_caller]
fn assert_says_what_it_left_out(run: &common::Run) {
    run.code(0);
    let lines: Vec<&str> = run.stderr.lines().collect();
    let signups = lines
        .iter()
        .find(|l| l.contains("okrs/2026-Q4/company.yaml:12:9"))
        .unwrap_or_else(|| panic!("no line for grow/signups\n{run:?}"));
    assert!(
        signups.contains("`grow/signups`")
            && signups.contains("not scored")
            && signups.contains("unknown key `traget`")
            && signups.contains("did you mean `target`?"),
        "{signups}"
    );
    let broken = lines
        .iter()
        .find(|l| l.contains("okrs/2026-Q4/broken.yaml:"))
        .unwrap_or_else(|| panic!("no line for broken.yaml\n{run:?}"));
    assert!(broken.contains("left out"), "{broken}");
    assert!(
        lines.last().is_some_and(|l| l.contains("okr check")),
        "{run:?}"
    );
}

#[test]
fn views_say_on_stderr_what_they_left_out_and_why() {
    let okr = partly_readable_org();
    for args in [
        &["status"][..],
        &["status", "--format", "json"],
        &["status", "--by", "team"],
        &["show", "grow"],
        &["tree"],
        &["board"],
        &["report"],
    ] {
        let run = okr.run_with(args);
        assert_says_what_it_left_out(&run);
    }
}

#[test]
fn the_model_cache_remembers_what_was_left_out() {
    let okr = partly_readable_org().git_init();
    let root = okr.root();
    age(&root, std::time::Duration::from_secs(3600));
    let first = okr.run_with(["status"]);
    assert_says_what_it_left_out(&first);
    let cache = root.join(".git/okr/model-cache.json");
    assert!(cache.is_file(), "no model cache written");
    let again = okr.run_with(["status"]);
    assert_says_what_it_left_out(&again);
    assert_eq!(first.stderr, again.stderr);
}

#[test]
fn what_okr_yaml_turns_off_or_a_comment_silences_is_not_noted() {
    let off = partly_readable_org().replace(
        "okr.yaml",
        "people:\n",
        "rules:\n  levels:\n    schema: off\npeople:\n",
    );
    let run = off.run_with(["status"]);
    assert!(!run.code(0).stderr.contains("traget"), "{run:?}");
    let silenced = partly_readable_org().replace(
        "okrs/2026-Q4/company.yaml",
        "        traget: 10\n",
        "        traget: 10 # okr: ignore[schema] read by another tool\n",
    );
    let run = silenced.run_with(["status"]);
    assert!(!run.code(0).stderr.contains("traget"), "{run:?}");
    // The file that does not parse is still noted.
    assert!(run.stderr.contains("broken.yaml"), "{run:?}");
}

#[test]
fn objectives_aligned_to_several_parents_cannot_multiply_the_tree() {
    // 30 levels of two objectives, each aligned to both of the level above:
    // shown in full under every parent, the tree would have 2^30 nodes.
    let mut file = String::from("cycle: 2026-Q4\nteam: company\nobjectives:\n");
    for level in 0..30 {
        for side in ["a", "b"] {
            let aligns = if level == 0 {
                String::new()
            } else {
                format!("    aligns: [l{0}a, l{0}b]\n", level - 1)
            };
            file.push_str(&format!(
                "  - id: l{level}{side}\n    title: Level {level} {side}\n    owner: ana\n    status: agreed\n{aligns}    key_results:\n      - id: k\n        title: K\n        start: 0\n        target: 10\n        current: 5\n"
            ));
        }
    }
    let okr = boundary_org()
        .file("okrs/2026-Q4/company.yaml", file)
        .timeout(std::time::Duration::from_secs(30));
    let run = okr.run_with(["tree"]);
    run.code(0);
    assert!(run.stdout.lines().count() < 200, "{run:?}");
    assert!(run.stdout.contains("(shown in full above)"), "{run:?}");
    let tree = okr.run_with(["tree", "--format", "json"]).code(0).json();
    let mut ids = Vec::new();
    tree_ids(&tree["roots"], &mut ids);
    for level in 0..30 {
        assert!(ids.contains(&format!("l{level}b")), "l{level}b missing");
    }
}
