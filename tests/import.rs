//! End-to-end tests of `okr import`: realistic inputs (a Google-Sheets CSV with
//! Chinese headers and merged cells, an XLSX workbook, a Viva Goals ZIP, a
//! GitLab work-items JSON) brought into real git repositories, then checked
//! with `okr check`, `okr history` and a second import.

mod common;

use std::collections::BTreeSet;

use common::{Okr, Run, fixture_path};
use serde_json::Value;

const GROWTH: &str = "okrs/2026-Q4/growth.yaml";

/// The small organisation of `tests/fixtures/import/org`, committed.
fn org() -> Okr {
    Okr::new().fixture("import/org").committed()
}

fn fixture(rel: &str) -> String {
    fixture_path(&format!("import/{rel}"))
        .to_string_lossy()
        .into_owned()
}

/// The rule ids of `okr check --format json`, with the file and message.
fn findings(okr: &Okr) -> Vec<(String, String)> {
    let run = okr.run_with(["check", "--format", "json"]);
    run.findings()
        .into_iter()
        .map(|f| (f.rule, f.message))
        .collect()
}

/// `okr history --format json`: (date, author, ref, new value).
fn history(okr: &Okr) -> Vec<(String, String, String, String)> {
    let run = okr.run_with(["history", "--format", "json"]);
    run.code(0);
    run.json()["checkins"]
        .as_array()
        .expect("check-ins")
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or_default().to_owned();
            (s("date"), s("author"), s("ref"), c["new"].to_string())
        })
        .collect()
}

/// Asserts that a refused import left the working tree and HEAD as they were.
#[track_caller]
fn refused(okr: &Okr, run: &Run, needle: &str) {
    let _ = okr;
    run.code(2).stderr_contains(needle).no_crash();
    assert!(run.stderr.contains("nothing was written"), "{run:?}");
}

fn import_sheets(okr: &Okr) -> Run {
    okr.run_with([
        "import".to_owned(),
        "csv".to_owned(),
        fixture("sheets-okrs.csv"),
        fixture("sheets-checkins.csv"),
    ])
}

#[test]
fn a_google_sheet_with_chinese_headers_and_merged_cells() {
    let okr = org();
    let run = import_sheets(&okr);
    run.code(0)
        .stdout_contains("2 objectives and 5 key results added")
        .stdout_contains("5 check-ins replayed");
    // The check's findings on what was imported follow: what needs a human.
    run.stdout_contains("error[measurable]")
        .stdout_contains("o-a4f5/kr-6671");
    let text = okr.read(GROWTH);
    assert!(
        text.starts_with("cycle: 2026-Q4\nteam: growth\nobjectives:\n"),
        "{text}"
    );
    assert!(text.contains("title: 提高新用户留存"), "{text}");
    assert!(
        text.contains("current: 3637839\n        unit: USD"),
        "{text}"
    );
    // 赵六 was unknown: added to okr.yaml through the edit engine.
    let config = okr.read("okr.yaml");
    assert!(
        config.starts_with("# 巴别鸟 OKR 仓库"),
        "comments kept: {config}"
    );
    assert!(
        config.ends_with("  - id: p-a11a\n    name: 赵六\n"),
        "{config}"
    );
    let rules: BTreeSet<String> = findings(&okr).into_iter().map(|(r, _)| r).collect();
    assert_eq!(
        rules,
        ["agreed", "bottom-up-share", "measurable", "orphan"]
            .map(String::from)
            .into()
    );
    // History shows the replayed check-ins, dated and by their authors.
    let history = history(&okr);
    let replayed: Vec<(&str, &str, &str)> = history
        .iter()
        .filter(|(_, _, _, new)| new != "null")
        .map(|(d, a, r, _)| (d.as_str(), a.as_str(), r.as_str()))
        .collect();
    assert!(
        replayed.contains(&("2026-10-05", "王芳", "o-a4f5/kr-718c")),
        "{history:?}"
    );
    assert!(
        replayed.contains(&("2026-11-02", "李伟", "o-a4f5/kr-718c")),
        "{history:?}"
    );
    // An author okr.yaml does not know: the person who ran the import.
    assert!(
        replayed.contains(&("2026-11-01", "Test Author", "grow-revenue/arr")),
        "{history:?}"
    );
    let log = okr.git(["log", "--format=%ad|%an|%s%n%b", "--date=short"]);
    assert_eq!(log.matches("OKR-Imported-From: csv").count(), 6, "{log}");
    assert!(
        log.contains("2026-11-02|李伟|checkin: o-a4f5/kr-718c 21 -> 22"),
        "{log}"
    );
    assert_eq!(okr.commit_count(), 7);
    assert_eq!(okr.git(["status", "--porcelain"]), "");
}

#[test]
fn a_second_import_changes_nothing() {
    let okr = org();
    import_sheets(&okr).code(0);
    let (head, tree) = (okr.head(), okr.worktree());
    import_sheets(&okr)
        .code(0)
        .stdout_contains("nothing to import");
    assert_eq!(okr.head(), head);
    assert!(okr.worktree() == tree, "the second import changed files");
}

#[test]
fn an_updated_sheet_adds_only_newer_checkins_and_updates_values() {
    let okr = org();
    import_sheets(&okr).code(0);
    let commits = okr.commit_count();
    let okrs = std::fs::read_to_string(fixture("sheets-okrs.csv"))
        .unwrap()
        .replace(",8%,15%,9%,", ",8%,15%,11%,")
        .replace(",18%,30%,22%,", ",18%,30%,25%,");
    let checkins = std::fs::read_to_string(fixture("sheets-checkins.csv")).unwrap()
        + "提高新用户留存,次日留存率从 18% 提高到 30%,2026-11-09,25%,,,李伟\n";
    let okr = okr
        .file("../okrs-v2.csv", okrs)
        .file("../checkins-v2.csv", checkins);
    let run = okr.run_with(["import", "csv", "../okrs-v2.csv", "../checkins-v2.csv"]);
    run.code(0)
        .stdout_contains("1 key results updated")
        .stdout_contains("1 check-ins replayed");
    assert_eq!(
        okr.commit_count(),
        commits + 2,
        "one import commit, one check-in"
    );
    let text = okr.read(GROWTH);
    assert!(text.contains("current: 25\n"), "{text}");
    assert!(text.contains("current: 11\n"), "{text}");
    let last = okr.git(["log", "-1", "--format=%ad|%an|%s", "--date=short"]);
    assert_eq!(
        last.trim(),
        "2026-11-09|李伟|checkin: o-a4f5/kr-718c 22 -> 25"
    );
}

#[test]
fn dry_run_prints_the_mapping_and_writes_nothing() {
    let okr = org();
    let (head, tree) = (okr.head(), okr.worktree());
    let run = okr.run_with([
        "import".to_owned(),
        "csv".to_owned(),
        "--dry-run".to_owned(),
        fixture("sheets-okrs.csv"),
    ]);
    run.code(0)
        .stdout_contains("key_result       <- 关键结果 (column D)")
        .stdout_contains("person  p-a11a (赵六) -> okr.yaml")
        .stdout_contains(
            "add     o-a4f5  提高新用户留存 (3 key results) -> okrs/2026-Q4/growth.yaml",
        );
    assert_eq!(okr.head(), head);
    assert!(okr.worktree() == tree);
}

#[test]
fn no_new_people_lists_unknown_owners() {
    let okr = org();
    let run = okr.run_with([
        "import".to_owned(),
        "csv".to_owned(),
        "--no-new-people".to_owned(),
        fixture("sheets-okrs.csv"),
    ]);
    run.code(0)
        .stderr_contains("not in okr.yaml's people (--no-new-people): p-a11a (赵六)");
    assert!(!okr.read("okr.yaml").contains("赵六"));
    assert!(
        findings(&okr)
            .iter()
            .any(|(rule, m)| rule == "owner" && m.contains("p-a11a")),
        "the check lists the unknown owner"
    );
}

#[test]
fn malformed_sheets_get_one_clear_error_and_write_nothing() {
    let cases: [(&str, &str, &str); 4] = [
        (
            "no-columns.csv",
            "Name,Comment\nShip it,soon\n",
            "no header row in the first 10 rows",
        ),
        (
            "bad-date.csv",
            "Ref,Date,Value\na/b,10/05/2026,3\n",
            "bad-date.csv row 2, column B `Date`: `10/05/2026` is not a date okr can read; write it year first",
        ),
        (
            "bad-number.csv",
            "Objective,Key result,Start,Target\nGrow,Signups,0,lots\n",
            "bad-number.csv row 2, column D `Target`: `lots` is not a number",
        ),
        (
            "no-objective.csv",
            "Key result,Target,Start\nSignups,10,0\n,,\n",
            "no-objective.csv row 2: a key result without an objective",
        ),
    ];
    for (name, text, needle) in cases {
        let okr = org().file(&format!("../{name}"), text);
        let (head, tree) = (okr.head(), okr.worktree());
        let run = okr.run_with(["import", "csv", &format!("../{name}")]);
        refused(&okr, &run, needle);
        assert_eq!(okr.head(), head, "{name}");
        assert!(okr.worktree() == tree, "{name}");
    }
}

#[test]
fn a_50_mb_sheet_is_refused_before_it_is_read() {
    let okr = org();
    let big = okr.temp_path().join("big.csv");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let head = okr.head();
    let run = okr.run_with(["import", "csv", big.to_str().unwrap()]);
    refused(
        &okr,
        &run,
        "big.csv is 50.0 MB; okr imports files of at most 10 MB",
    );
    assert_eq!(okr.head(), head);
}

#[test]
fn hostile_cells_stay_text() {
    let okr = org().file(
        "../hostile.csv",
        "Objective,Key result,Start,Target\n\"=HYPERLINK(\"\"http://x\"\")\",\"a\u{1b}[31mred\u{202e}txt\",0,10\n",
    );
    okr.run_with(["import", "csv", "--team", "growth", "../hostile.csv"])
        .code(0);
    let text = okr.read(GROWTH);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text}"
    );
    assert_eq!(value_title(&text), "=HYPERLINK(\"http://x\")");
    let value: Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(
        value["objectives"][0]["key_results"][0]["title"],
        "a[31mredtxt"
    );
}

fn value_title(text: &str) -> String {
    let value: Value = serde_saphyr::from_str(text).unwrap();
    value["objectives"][0]["title"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The Viva Goals fixture (readable JSON files in the repository) packed as
/// the ZIP Viva Goals exports, in a folder as its export has them.
fn viva_zip(okr: &Okr, drop_objectives: bool) -> String {
    use std::io::Write;
    let path = okr.temp_path().join("viva-goals-export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let dir = fixture_path("import/viva-goals");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        if drop_objectives && name == "objectives.json" {
            continue;
        }
        zip.start_file(format!("VivaGoalsExport/{name}"), options)
            .unwrap();
        zip.write_all(&std::fs::read(dir.join(&name)).unwrap())
            .unwrap();
    }
    zip.finish().unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn a_viva_goals_export_with_string_numbers_and_percentages() {
    let okr = org();
    let zip = viva_zip(&okr, false);
    let run = okr.run_with(["import", "viva-goals", &zip]);
    run.code(0)
        .stdout_contains("2 objectives and 4 key results added")
        .stdout_contains("4 check-ins replayed")
        // What could not be mapped is listed, not dropped.
        .stderr_contains("weights 100 (60), 101 (40)")
        .stderr_contains("2 owners; okr keeps the first")
        .stderr_contains("check-in 5 is of 100, which is no key result");
    let growth = okr.read(GROWTH);
    // Classified by structure: `Measure` records are key results.
    for needle in [
        "import_id: viva-goals:101\n        title: ARR",
        "start: 3600000\n        target: 5000000\n        current: 3637839\n        unit: USD",
        "keep_below: 3\n        current: 2.4\n        unit: \"%\"",
        "title: Launch the pricing page\n        owner: li.wei\n        done: true",
    ] {
        assert!(growth.contains(needle), "{needle}\n{growth}");
    }
    // A time period that is no standard cycle is declared; new team and person added.
    let config = okr.read("okr.yaml");
    assert!(
        config.contains("  - id: platform\n    name: Platform\n    parent: company\n"),
        "{config}"
    );
    assert!(
        config.contains("  - id: alex.kim\n    name: Alex Kim\n    email: alex.kim@example.com\n"),
        "{config}"
    );
    assert!(
        config.contains("id: launch-window") && config.contains("start: 2026-09-15"),
        "{config}"
    );
    let platform = okr.read("okrs/launch-window/platform.yaml");
    assert!(
        platform.contains("aligns: [grow-revenue-in-q4, grow-revenue-in-q4/arr]"),
        "{platform}"
    );
    // okr check accepts import_id; what needs a human is listed.
    let rules: BTreeSet<String> = findings(&okr).into_iter().map(|(r, _)| r).collect();
    assert!(!rules.contains("schema"), "{rules:?}");
    assert!(
        rules.contains("alignment-cycle") && rules.contains("measurable"),
        "{rules:?}"
    );
    let history = history(&okr);
    assert!(
        history.contains(&(
            "2026-10-12".into(),
            "王芳".into(),
            "grow-revenue-in-q4/arr".into(),
            "3610000.0".into()
        )),
        "{history:?}"
    );
    assert!(
        history.contains(&(
            "2026-11-01".into(),
            "李伟".into(),
            "grow-revenue-in-q4/launch-the-pricing-page".into(),
            "true".into()
        )),
        "{history:?}"
    );
    let log = okr.git(["log", "-1", "--format=%B"]);
    assert!(
        log.ends_with("OKR-Imported-From: viva-goals\n\n")
            || log.contains("OKR-Imported-From: viva-goals\n"),
        "{log}"
    );
    // The same export again: nothing.
    let head = okr.head();
    okr.run_with(["import", "viva-goals", &zip])
        .code(0)
        .stdout_contains("nothing to import");
    assert_eq!(okr.head(), head);
}

#[test]
fn a_zip_without_objectives_is_refused() {
    let okr = org();
    let zip = viva_zip(&okr, true);
    let head = okr.head();
    let run = okr.run_with(["import", "viva-goals", &zip]);
    refused(
        &okr,
        &run,
        "no objectives file (objectives.json) in the archive",
    );
    assert_eq!(okr.head(), head);
    let not_zip = okr.temp_path().join("export.zip");
    std::fs::write(&not_zip, "not a zip").unwrap();
    let run = okr.run_with(["import", "viva-goals", not_zip.to_str().unwrap()]);
    refused(&okr, &run, "is not a ZIP archive okr can read");
}

#[test]
fn a_zip_bomb_is_refused() {
    use std::io::Write;
    let okr = org();
    let path = okr.temp_path().join("bomb.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("../../etc/objectives.json", options)
        .unwrap();
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..110 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    let head = okr.head();
    let run = okr.run_with(["import", "viva-goals", path.to_str().unwrap()]);
    refused(&okr, &run, "unpacks to more than 100 MB");
    assert_eq!(okr.head(), head);
    assert!(!okr.temp_path().join("etc").exists());
}

#[test]
fn gitlab_work_items_from_the_graphql_api() {
    let okr = org();
    let run = okr.run_with([
        "import".to_owned(),
        "gitlab".to_owned(),
        "--cycle".to_owned(),
        "2026-Q4".to_owned(),
        "--team".to_owned(),
        "growth".to_owned(),
        fixture("gitlab-work-items.json"),
    ]);
    run.code(0)
        .stdout_contains("2 objectives and 2 key results added")
        .stderr_contains(
            "key result gid://gitlab/WorkItem/105 `An orphan key result` has no objective",
        )
        .stderr_contains("2 assignees; okr keeps the first")
        .stderr_contains("health status is not imported");
    let text = okr.read(GROWTH);
    for needle in [
        "  - id: the-fastest-reader-app\n    import_id: gitlab:gid://gitlab/WorkItem/101\n    title: 做最快的阅读应用 / The fastest reader app\n    owner: wang.fang\n",
        "aligns: the-fastest-reader-app\n",
        "import_id: gitlab:gid://gitlab/WorkItem/103\n        title: P95 page turn under 100 ms\n        owner: sam.lee\n        start: 250\n        target: 100\n        current: 180\n",
        "owner: li.wei\n        start: 3.2\n        target: 1\n        current: 2.5\n",
    ] {
        assert!(text.contains(needle), "{needle}\n{text}");
    }
    // Sam Lee is new: added with the email GitLab shows.
    assert!(
        okr.read("okr.yaml")
            .ends_with("  - id: sam.lee\n    name: Sam Lee\n    email: sam@example.com\n")
    );
    let rules: BTreeSet<String> = findings(&okr).into_iter().map(|(r, _)| r).collect();
    assert!(
        !rules.contains("schema") && !rules.contains("owner"),
        "{rules:?}"
    );
    let head = okr.head();
    okr.run_with([
        "import".to_owned(),
        "gitlab".to_owned(),
        "--team".to_owned(),
        "growth".to_owned(),
        fixture("gitlab-work-items.json"),
    ])
    .code(0)
    .stdout_contains("nothing to import");
    assert_eq!(okr.head(), head);
    // GitLab's answer with errors is refused.
    let bad = okr.temp_path().join("errors.json");
    std::fs::write(
        &bad,
        r#"{"errors":[{"message":"Field 'workItems' doesn't exist"}]}"#,
    )
    .unwrap();
    let run = okr.run_with(["import", "gitlab", bad.to_str().unwrap()]);
    refused(&okr, &run, "is GitLab's answer with errors");
}

#[test]
fn an_xlsx_workbook_made_by_a_spreadsheet_writer() {
    // A workbook as Excel users keep them: a title row, Chinese headers,
    // numbers and dates as typed cells, and a check-in sheet.
    let okr = org();
    let path = okr.temp_path().join("okrs.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("2026 Q4").unwrap();
    sheet.write(0, 0, "增长组 2026 Q4 OKR").unwrap();
    for (c, h) in [
        "周期",
        "团队",
        "目标",
        "关键结果",
        "负责人",
        "起始值",
        "目标值",
        "当前值",
        "单位",
    ]
    .iter()
    .enumerate()
    {
        sheet.write(1, c as u16, *h).unwrap();
    }
    sheet.write(2, 0, "Q4 2026").unwrap();
    sheet.write(2, 1, "growth").unwrap();
    sheet.write(2, 2, "提高付费转化").unwrap();
    sheet.write(2, 3, "付费转化率").unwrap();
    sheet.write(2, 4, "li.wei").unwrap();
    sheet.write(2, 5, 2.1).unwrap();
    sheet.write(2, 6, 3.5).unwrap();
    sheet.write(2, 7, 2.6).unwrap();
    sheet.write(2, 8, "%").unwrap();
    let checkins = book.add_worksheet();
    checkins.set_name("Check-ins").unwrap();
    for (c, h) in ["目标", "关键结果", "日期", "数值", "更新人"]
        .iter()
        .enumerate()
    {
        checkins.write(0, c as u16, *h).unwrap();
    }
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 10, 20).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    checkins.write(1, 0, "提高付费转化").unwrap();
    checkins.write(1, 1, "付费转化率").unwrap();
    checkins.write_with_format(1, 2, &date, &format).unwrap();
    checkins.write(1, 3, 2.4).unwrap();
    checkins.write(1, 4, "李伟").unwrap();
    book.save(&path).unwrap();

    let run = okr.run_with(["import", "xlsx", path.to_str().unwrap()]);
    // The check-in, then the sheet's current value as of today.
    run.code(0)
        .stdout_contains("1 objectives and 1 key results added")
        .stdout_contains("2 check-ins replayed");
    let text = okr.read(GROWTH);
    assert!(
        text.contains("start: 2.1\n        target: 3.5\n        current: 2.6\n        unit: \"%\""),
        "{text}"
    );
    let history = history(&okr);
    assert!(
        history
            .iter()
            .any(|(d, a, _, new)| d == "2026-10-20" && a == "李伟" && new == "2.4"),
        "{history:?}"
    );
    assert!(
        history
            .iter()
            .any(|(d, a, _, new)| d == "2026-11-15" && a == "Test Author" && new == "2.6"),
        "{history:?}"
    );
}

#[test]
fn okr_schema_and_check_accept_import_ids() {
    let okr = org();
    let zip = viva_zip(&okr, false);
    okr.run_with(["import", "viva-goals", &zip]).code(0);
    let schema = okr.run_with(["schema"]);
    schema.code(0);
    let schema = schema.json();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let file: Value = serde_saphyr::from_str(&okr.read(GROWTH)).unwrap();
    assert!(file.to_string().contains("viva-goals:101"));
    let errors: Vec<String> = validator
        .iter_errors(&file)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(
        !findings(&okr).iter().any(|(rule, _)| rule == "schema"),
        "okr check knows import_id"
    );
    // A misspelt key next to it is still an error.
    let okr = okr.replace(
        GROWTH,
        "import_id: viva-goals:101",
        "import-id: viva-goals:101",
    );
    assert!(
        findings(&okr)
            .iter()
            .any(|(rule, m)| rule == "schema" && m.contains("import-id")),
        "{:?}",
        findings(&okr)
    );
}

#[test]
fn no_commit_writes_the_final_values_only() {
    let okr = org();
    let head = okr.head();
    let run = okr.run_with([
        "import".to_owned(),
        "csv".to_owned(),
        "--no-commit".to_owned(),
        fixture("sheets-okrs.csv"),
        fixture("sheets-checkins.csv"),
    ]);
    run.code(0).stdout_contains("(written, not committed)");
    assert_eq!(okr.head(), head);
    let text = okr.read(GROWTH);
    assert!(text.contains("current: 22\n"), "{text}");
    assert!(okr.read("okr.yaml").contains("赵六"));
}
