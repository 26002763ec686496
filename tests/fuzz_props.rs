//! The fuzz targets' properties (`fuzz/`, README "Security") on the stable
//! toolchain, so that `cargo test` keeps them: proptest mutates the seed
//! corpus the fuzzers start from (`fuzz/seeds/`) with YAML-shaped tokens and
//! hostile values, and checks the same properties as the targets
//! (tests/props/). The seed is fixed, so every run (and CI) tries the same
//! cases. Inputs the fuzzers found are replayed by `fuzz_regressions`.

#[path = "props/edit.rs"]
mod edit_prop;
#[path = "props/escape.rs"]
mod escape_prop;
#[path = "props/load_rules.rs"]
mod load_rules_prop;

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

fn config() -> Config {
    Config {
        cases: 300,
        rng_seed: RngSeed::Fixed(0x6f6b_7266_757a),
        failure_persistence: None,
        ..Config::default()
    }
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the seed corpus")
        .map(|e| e.expect("an entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("a seed"))
        .collect()
}

/// Pieces of YAML and values that have broken parsers, decoders and dates.
const TOKENS: &[&str] = &[
    "\n",
    "\r\n",
    ": ",
    "- ",
    "  ",
    "    ",
    "#",
    "'",
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&a ",
    "*a",
    "!!str ",
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "? ",
    "~",
    "null",
    "true",
    "0",
    "-1",
    "1e308",
    "-1e308",
    ".nan",
    "0x7fffffffffffffff",
    "100000000",
    "-262143-01-01",
    "+262142-12-31",
    "9999-12-31",
    "0000-01-01",
    "2026-02-30",
    "2026-11-30",
    "99999d",
    "1000000w",
    "P1D",
    "id: ",
    "title: ",
    "start: ",
    "target: ",
    "current: ",
    "due: ",
    "done: ",
    "aligns: ",
    "owner: ",
    "cycle: ",
    "every: ",
    "stale-after-days: ",
    "cycles:\n  - id: x\n    start: ",
    "rules:\n  stale-after-days: ",
    "key_results:\n",
    "objectives:\n",
    "milestones:\n",
    "\u{feff}",
    "\u{1b}]0;PWNED\u{7}",
    "<img src=x>",
    "@octocat",
    "\t",
    "\0",
];

/// Byte edits of a seed: insert a token, delete a range, or replace a range by a token.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, usize),
    Delete(usize, usize),
    Replace(usize, usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Mutation::Insert(at, t)),
        1 => (any::<usize>(), 1usize..40).prop_map(|(at, n)| Mutation::Delete(at, n)),
        3 => (any::<usize>(), 1usize..12, 0..TOKENS.len())
            .prop_map(|(at, n, t)| Mutation::Replace(at, n, t)),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Insert(at, t) => {
                let at = at % len.min(bytes.len() + 1);
                bytes.splice(at..at, TOKENS[t].bytes());
            }
            Mutation::Delete(at, n) | Mutation::Replace(at, n, _) if bytes.is_empty() => {
                let _ = (at, n);
            }
            Mutation::Delete(at, n) => {
                let at = at % bytes.len();
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
            Mutation::Replace(at, n, t) => {
                let at = at % bytes.len();
                let end = (at + n).min(bytes.len());
                bytes.splice(at..end, TOKENS[t].bytes());
            }
        }
    }
    bytes
}

fn today() -> okr::model::Date {
    okr::model::Date::from_ymd_opt(2026, 11, 15).expect("a date")
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_okr_yaml_and_okr_file_load_and_check(
        seed in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 0..8),
    ) {
        let seeds = seeds("load_rules");
        let data = mutate(seed.get(&seeds).clone(), &mutations);
        let (config, file) = load_rules_prop::split(&data);
        load_rules_prop::check(config, file, today());
    }

    #[test]
    fn any_edit_of_any_file_is_verified_or_refused(
        seed in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 0..6),
        spec in prop::collection::vec(any::<u8>(), 4..40),
    ) {
        let seeds = seeds("edit");
        let data = seed.get(&seeds);
        let (text, _) = edit_prop::split(data);
        let text = mutate(text.into_bytes(), &mutations);
        let text = String::from_utf8_lossy(&text);
        edit_prop::check(&text, &spec);
    }
}

/// Inputs the fuzzers found (`tests/fuzz_regressions/<target>/`), replayed.
#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    for target in ["load_rules", "edit", "escapers"] {
        let Ok(entries) = std::fs::read_dir(dir.join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("an entry").path();
            let data = std::fs::read(&path).expect("an input");
            eprintln!("replaying {}", path.display());
            match target {
                "load_rules" => {
                    let (config, file) = load_rules_prop::split(&data);
                    load_rules_prop::check(config, file, today());
                }
                "edit" => {
                    let (text, spec) = edit_prop::split(&data);
                    edit_prop::check(&text, spec);
                }
                _ => {
                    let s = String::from_utf8_lossy(&data);
                    escape_prop::markdown_text(&s);
                    escape_prop::markdown_code(&s);
                    escape_prop::markdown_prose(&s);
                    escape_prop::terminal_inert(&s);
                    escape_prop::terminal_faithful(&s);
                }
            }
        }
    }
}
