//! Shell completions: `okr completions SHELL` registers okr's own completer,
//! which offers the objectives and key results of the repository it runs in.

mod common;

use common::Okr;

/// The candidates okr's completer offers for the last of `words` (the command
/// line as a shell splits it, `okr` first), through bash's protocol.
fn candidates(okr: &Okr, words: &[&str]) -> Vec<String> {
    let index = (words.len() - 1).to_string();
    let mut args = vec!["--"];
    args.extend_from_slice(words);
    let run = okr.run_with_env(
        &[
            ("OKR_COMPLETE", "bash"),
            ("_CLAP_COMPLETE_INDEX", index.as_str()),
            ("_CLAP_COMPLETE_COMP_TYPE", "9"),
            ("_CLAP_IFS", "\n"),
        ],
        args,
    );
    run.code(0);
    assert_eq!(run.stderr, "", "{run:?}");
    run.stdout.lines().map(str::to_owned).collect()
}

#[test]
fn checkin_completes_key_results_of_the_repository() {
    let okr = Okr::new().examples().current_dir("okrs/2026-Q4");
    let found = candidates(&okr, &["okr", "checkin", "q4-"]);
    assert_eq!(
        found,
        [
            "q4-enterprise/contracts",
            "q4-enterprise/soc2-audit",
            "q4-reliability/availability",
            "q4-reliability/sev1",
            "q4-retention/visitor-to-retained",
        ]
    );
    // A check-in goes to a key result, so objectives alone are not offered.
    assert!(!found.contains(&"q4-enterprise".to_owned()));
    // An objective's key results, once its id is typed.
    assert_eq!(
        candidates(&okr, &["okr", "checkin", "q4-enterprise/"]),
        ["q4-enterprise/contracts", "q4-enterprise/soc2-audit"]
    );
}

#[test]
fn show_and_history_complete_objectives_and_key_results() {
    let okr = Okr::new().examples();
    for command in ["show", "history"] {
        let found = candidates(&okr, &["okr", command, "q4-ent"]);
        assert_eq!(
            found,
            [
                "q4-enterprise",
                "q4-enterprise/contracts",
                "q4-enterprise/soc2-audit"
            ],
            "{command}"
        );
    }
    // After other options too.
    let found = candidates(&okr, &["okr", "show", "--format", "json", "eng-s"]);
    assert_eq!(
        found,
        [
            "eng-soc2",
            "eng-soc2/auditor-fieldwork",
            "eng-soc2/controls"
        ]
    );
}

#[test]
fn outside_an_okr_root_there_is_nothing_to_offer_and_no_error() {
    let okr = Okr::new();
    assert_eq!(
        candidates(&okr, &["okr", "checkin", "q4"]),
        Vec::<String>::new()
    );
    let found = candidates(&okr, &["okr", "checkin", ""]);
    assert!(
        found.iter().all(|c| c.starts_with('-')),
        "only options: {found:?}"
    );
    // Subcommands still complete.
    assert!(candidates(&okr, &["okr", "chec"]).contains(&"check".to_owned()));
}

#[test]
fn the_bash_script_calls_back_into_okr_and_completes_a_reference() {
    let okr = Okr::new().examples();
    let script = okr.run_with(["completions", "bash"]);
    script.code(0).stdout_contains("OKR_COMPLETE=\"bash\"");
    let bin = assert_cmd::cargo::cargo_bin("okr");
    let dir = bin.parent().unwrap().to_string_lossy().into_owned();
    // A real bash sources the script and runs the completion function as it
    // would on <Tab>, with okr found on PATH.
    let program = format!(
        "{}\nCOMP_WORDS=(okr checkin q4-ret); COMP_CWORD=2; COMP_TYPE=9\n_clap_complete_okr okr q4-ret okr\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.stdout
    );
    let path = format!("{dir}:{}", std::env::var("PATH").unwrap_or_default());
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(&program)
        .env("PATH", &path)
        .env("OKR_TODAY", common::TODAY)
        .env_remove("OKR_COMPLETE")
        .current_dir(okr.root())
        .output()
        .expect("run bash");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        ["q4-retention/visitor-to-retained"],
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
