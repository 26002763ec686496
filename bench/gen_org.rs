//! gen_org: a synthetic OKR organisation with git history, for okr's benchmarks
//! and tests.
//!
//! ```text
//! cargo run --release --example gen_org -- --out DIR --teams N --seed S --commits C
//!     [--today YYYY-MM-DD] [--force] [--no-repack]
//! ```
//!
//! Makes DIR a git repository (branch `main`) holding:
//!
//! - `okr.yaml`: a tree of N teams under `company` (departments, then their
//!   sub-teams, a few levels deep), four to six people per team (most with
//!   Chinese names), and the rule settings;
//! - `okrs/2026/company.yaml`: the company's annual objectives;
//! - `okrs/2026-Q4/<department>/.../<team>.yaml`: one file per team for the
//!   quarter, three to five objectives of two to four key results each
//!   (numbers to move, milestones and levels to hold; titles in Chinese,
//!   English or both), aligned to the parent team's objectives (or to the
//!   annual ones), at least 60% of them bottom-up, with comments, flow-style
//!   key results, indentless lists and initiatives here and there.
//!
//! The history is one commit of okr.yaml and the annual file (2026-01-05), one
//! commit of the quarter's plan (2026-09-28), then C check-ins dated from
//! 2026-10-01 to 2026-12-15 (or `--today`, when earlier), each changing one
//! value (`current:` or `done:`) on one line of one file, and, when `--today`
//! is after 2026-12-31, a commit with every objective's review. okr check
//! finds no error in it; `stale` warns about the key results without a recent
//! check-in.
//!
//! Same arguments, same bytes: the files, commit messages, authors and dates
//! (pinned, not the clock's) and so the commit ids depend only on the
//! arguments. The history is written by one `git fast-import` process from one
//! stream, with every version of a file sent next to the one before it, so
//! that the pack stores each as a small delta; then `git repack -a -d -f`
//! packs it as `git gc` would, so that reading history costs what it does in
//! a real repository (`--no-repack` skips that step).

use std::error::Error;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use chrono::NaiveDate;

// Paths relative to this file, so that they hold both when this file is the
// example's crate root and when a test includes it with `#[path]`.
#[path = "gen_org/history.rs"]
mod history;
#[path = "gen_org/model.rs"]
mod model;
#[path = "gen_org/render.rs"]
mod render;
#[path = "gen_org/words.rs"]
mod words;

use history::{beijing, checkins};
use model::{Kind, Org, Person, Review, Rng, Value, build_files, build_teams};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub out: PathBuf,
    pub teams: usize,
    pub seed: u64,
    pub commits: usize,
    /// The last day check-ins may fall on is the earlier of this and 2026-12-15.
    pub today: NaiveDate,
    /// Delete `out` first when it exists.
    pub force: bool,
    /// Repack the history afterwards as `git gc` would (`--no-repack`: leave
    /// git fast-import's pack, which is quicker to make and slower to read).
    pub repack: bool,
}

/// What was generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub teams: usize,
    pub people: usize,
    pub files: usize,
    pub objectives: usize,
    pub key_results: usize,
    pub commits: usize,
}

const USAGE: &str = "usage: gen_org --out DIR --teams N --seed S --commits C [--today YYYY-MM-DD] [--force] [--no-repack]";

impl Options {
    /// Parses the command line (without the program name).
    pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Options> {
        let (mut out, mut teams, mut seed, mut commits) = (None, None, None, None);
        let mut today = date(2026, 12, 15);
        let mut force = false;
        let mut repack = true;
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| {
                args.next()
                    .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
            };
            match arg.as_str() {
                "--out" => out = Some(PathBuf::from(value("--out")?)),
                "--teams" => teams = Some(number(&value("--teams")?, "--teams")?),
                "--seed" => seed = Some(number(&value("--seed")?, "--seed")?),
                "--commits" => commits = Some(number(&value("--commits")?, "--commits")?),
                "--today" => {
                    let text = value("--today")?;
                    today = NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                        .map_err(|_| format!("--today takes a date YYYY-MM-DD, not {text:?}"))?;
                }
                "--force" => force = true,
                "--no-repack" => repack = false,
                other => return Err(format!("unknown argument {other:?}\n{USAGE}").into()),
            }
        }
        let missing = |name: &str| format!("{name} is required\n{USAGE}");
        let options = Options {
            out: out.ok_or_else(|| missing("--out"))?,
            teams: teams.ok_or_else(|| missing("--teams"))? as usize,
            seed: seed.ok_or_else(|| missing("--seed"))?,
            commits: commits.ok_or_else(|| missing("--commits"))? as usize,
            today,
            force,
            repack,
        };
        if options.teams < 1 {
            return Err("--teams must be at least 1".into());
        }
        if options.today < date(2026, 10, 2) {
            return Err(
                "--today must be 2026-10-02 or later (check-ins start on 2026-10-01)".into(),
            );
        }
        Ok(options)
    }
}

fn number(text: &str, name: &str) -> Result<u64> {
    text.parse()
        .map_err(|_| format!("{name} takes a whole number, not {text:?}").into())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn main() {
    let started = Instant::now();
    if std::env::args().skip(1).any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}\n\nA synthetic OKR organisation with git history; see bench/README.md.");
        return;
    }
    let options = match Options::parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(e) => {
            eprintln!("gen_org: {e}");
            std::process::exit(2);
        }
    };
    match generate(&options) {
        Ok(s) => println!(
            "{}: {} teams, {} people, {} OKR files, {} objectives, {} key results, {} commits in {:.2} s",
            options.out.display(),
            s.teams,
            s.people,
            s.files,
            s.objectives,
            s.key_results,
            s.commits,
            started.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("gen_org: {e}");
            std::process::exit(1);
        }
    }
}

// --- git --------------------------------------------------------------------------------------

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE");
    cmd
}

fn run(mut cmd: Command) -> Result<()> {
    let status = cmd.status().map_err(|e| format!("cannot run git: {e}"))?;
    if !status.success() {
        return Err(format!("{cmd:?} failed: {status}").into());
    }
    Ok(())
}

fn ident(p: &Person, time: i64) -> String {
    format!("{} <{}> {time} +0800", p.name, p.email)
}

fn data(w: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    writeln!(w, "data {}", bytes.len())?;
    w.write_all(bytes)?;
    w.write_all(b"\n")
}

fn commit(
    w: &mut impl Write,
    who: &Person,
    time: i64,
    message: &str,
    files: &[(&str, FileData<'_>)],
) -> std::io::Result<()> {
    let who = ident(who, time);
    write!(w, "commit refs/heads/main\nauthor {who}\ncommitter {who}\n")?;
    data(w, message.as_bytes())?;
    for (path, content) in files {
        match content {
            FileData::Inline(bytes) => {
                writeln!(w, "M 100644 inline {path}")?;
                data(w, bytes)?;
            }
            FileData::Mark(mark) => writeln!(w, "M 100644 :{mark} {path}")?,
        }
    }
    w.write_all(b"\n")
}

enum FileData<'a> {
    Inline(&'a [u8]),
    Mark(usize),
}

fn text(lines: &[String]) -> Vec<u8> {
    let mut out = Vec::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for l in lines {
        out.extend_from_slice(l.as_bytes());
        out.push(b'\n');
    }
    out
}

/// Generates the organisation described by `options` in `options.out`.
pub fn generate(options: &Options) -> Result<Summary> {
    let out = &options.out;
    if out.exists() {
        let empty = out
            .read_dir()
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            if !options.force {
                return Err(format!(
                    "{} exists and is not empty (--force replaces it)",
                    out.display()
                )
                .into());
            }
            std::fs::remove_dir_all(out)?;
        }
    }
    std::fs::create_dir_all(out)?;
    let mut cmd = git(out);
    cmd.args(["init", "--quiet", "--initial-branch=main"]);
    run(cmd)?;

    let mut rng = Rng(options.seed ^ 0x6F6B_725F_6765_6E21);
    let (teams, people) = build_teams(&mut rng, options.teams);
    let files = build_files(&mut rng, &teams);
    let mut org = Org {
        seed: options.seed,
        people,
        teams,
        files,
    };
    let ceo = org.teams[0].members[0];
    for (key, value) in [
        ("user.name", org.people[ceo].name.clone()),
        ("user.email", org.people[ceo].email.clone()),
    ] {
        let mut cmd = git(out);
        cmd.args(["config", key, &value]);
        run(cmd)?;
    }

    let mut import = git(out)
        // Delta chains of at most 10: fast-import chains each tree to its
        // previous version, and reading an object at the end of a long chain
        // costs every delta before it.
        .args(["fast-import", "--quiet", "--done", "--depth=10"])
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git fast-import: {e}"))?;
    let mut w = BufWriter::with_capacity(1 << 20, import.stdin.take().expect("a pipe"));

    // Commit 1: okr.yaml and the annual objectives, as first written.
    let config = org.config();
    let readme = "# Babel Bird OKRs\n\nOur objectives and key results: one YAML file per team and cycle under okrs/.\nRun `okr status` to see where the quarter stands and `okr check` before you push.\n";
    let annual = text(&org.render(0));
    commit(
        &mut w,
        &org.people[ceo],
        beijing(date(2026, 1, 5).and_hms_opt(10, 0, 0).expect("a time")),
        "okr init: 2026 annual objectives\n",
        &[
            ("README.md", FileData::Inline(readme.as_bytes())),
            ("okr.yaml", FileData::Inline(config.as_bytes())),
            ("okrs/2026/company.yaml", FileData::Inline(&annual)),
        ],
    )?;

    // The annual values as they stand when the quarter is planned.
    for o in &mut org.files[0].objectives {
        for kr in &mut o.key_results {
            kr.value = match (&kr.kind, kr.value) {
                (Kind::Numeric { start, target }, _) => {
                    Value::Number(start + (target - start) * rng.between(30, 85) / 100)
                }
                (Kind::Milestone { due }, _) => {
                    Value::Done(*due < date(2026, 9, 28) && rng.chance(0.85))
                }
                (_, v) => v,
            };
        }
    }
    let plan_lines: Vec<Vec<String>> = (0..org.files.len()).map(|f| org.render(f)).collect();
    let plan_values = org.values();

    let last_day = options.today.min(date(2026, 12, 15));
    let history = checkins(&mut rng, &mut org, options.commits, last_day)?;

    // Blobs, every version of a file after the one before it: the plan (mark
    // C+1+f), then the file after each of its check-ins (mark i+1).
    let mut by_file: Vec<Vec<usize>> = vec![Vec::new(); org.files.len()];
    for (i, c) in history.iter().enumerate() {
        by_file[c.file].push(i);
    }
    let plan_mark = |f: usize| history.len() + 1 + f;
    let final_values = org.values();
    org.set_values(&plan_values);
    for (f, changes) in by_file.iter().enumerate() {
        let mut lines = plan_lines[f].clone();
        write!(w, "blob\nmark :{}\n", plan_mark(f))?;
        data(&mut w, &text(&lines))?;
        for &i in changes {
            let c = &history[i];
            let kr = &mut org.files[f].objectives[c.objective].key_results[c.kr];
            kr.value = c.value;
            let kr = &org.files[f].objectives[c.objective].key_results[c.kr];
            lines[kr.line] = org.value_line(kr);
            write!(w, "blob\nmark :{}\n", i + 1)?;
            data(&mut w, &text(&lines))?;
        }
        // Each check-in edited one line; the whole file, rendered again from
        // the model, must read the same.
        if org.render(f) != lines {
            return Err(
                format!("line edits drifted from the model in {}", org.files[f].path).into(),
            );
        }
    }
    assert!(
        org.values() == final_values,
        "the check-ins replayed to their last values"
    );

    // Commit 2: the quarter's plan.
    let plan: Vec<(String, usize)> = org
        .files
        .iter()
        .enumerate()
        .map(|(f, file)| (file.path.clone(), plan_mark(f)))
        .collect();
    let plan_files: Vec<(&str, FileData<'_>)> = plan
        .iter()
        .map(|(p, m)| (p.as_str(), FileData::Mark(*m)))
        .collect();
    commit(
        &mut w,
        &org.people[ceo],
        beijing(date(2026, 9, 28).and_hms_opt(16, 30, 0).expect("a time")),
        "Plan 2026-Q4 OKRs for all teams\n\nAgreed in the planning week; annual values brought up to date.\n",
        &plan_files,
    )?;
    for (i, c) in history.iter().enumerate() {
        let path = org.files[c.file].path.as_str();
        commit(
            &mut w,
            &org.people[c.author],
            c.time,
            &c.message,
            &[(path, FileData::Mark(i + 1))],
        )?;
    }
    let mut commits = 2 + history.len();

    // After the year: every objective reviewed.
    if options.today > date(2026, 12, 31) {
        for file in &mut org.files {
            for o in &mut file.objectives {
                let score = if o.committed {
                    rng.between(80, 100)
                } else {
                    rng.between(45, 95)
                };
                o.review = Some(Review {
                    score: score as u32,
                    done: ["Shipped most of the plan", "完成了大部分计划"][rng.below(2)],
                    lessons: [
                        "Agree targets with other teams earlier",
                        "更早与依赖团队对齐目标",
                    ][rng.below(2)],
                });
            }
        }
        let texts: Vec<(String, Vec<u8>)> = (0..org.files.len())
            .map(|f| (org.files[f].path.clone(), text(&org.render(f))))
            .collect();
        let files: Vec<(&str, FileData<'_>)> = texts
            .iter()
            .map(|(p, t)| (p.as_str(), FileData::Inline(t)))
            .collect();
        commit(
            &mut w,
            &org.people[ceo],
            beijing(date(2027, 1, 4).and_hms_opt(11, 0, 0).expect("a time")),
            "Reviews of 2026-Q4 and 2026\n",
            &files,
        )?;
        commits += 1;
    }
    w.write_all(b"done\n")?;
    w.flush()?;
    drop(w);
    let status = import.wait()?;
    if !status.success() {
        return Err(format!("git fast-import failed: {status}").into());
    }
    let mut cmd = git(out);
    cmd.args(["reset", "--quiet", "--hard", "main"]);
    run(cmd)?;
    if options.repack {
        // Packed as `git gc` and a clone leave a repository (deltas chosen
        // afresh, the newest versions whole), so that reading history costs
        // what it costs in a team's repository.
        let mut cmd = git(out);
        cmd.args(["repack", "-a", "-d", "-f", "-q"]);
        run(cmd)?;
    }

    Ok(Summary {
        teams: org.teams.len(),
        people: org.people.len(),
        files: org.files.len(),
        objectives: org.files.iter().map(|f| f.objectives.len()).sum(),
        key_results: org
            .files
            .iter()
            .flat_map(|f| &f.objectives)
            .map(|o| o.key_results.len())
            .sum(),
        commits,
    })
}
