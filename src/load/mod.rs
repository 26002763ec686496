//! Finding the OKR root, reading and parsing every file, and decoding the model:
//! the only code that reads OKR files and parses YAML, and the one atomic writer.
//! Uses the model and findings only: it knows no git (callers say where the
//! caches live) and no rules.
//!
//! Loading never fails on user data: a file that does not parse becomes a
//! finding and the other files are still read.

pub mod atomic;
pub mod cache;
pub mod decode;
pub mod lines;
pub mod locate;
pub mod stamp;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::finding::{Finding, Location, Route};
use crate::model::root::Budget;
use crate::model::{
    CONFIG_FILE, Config, Org, ParseProblem, PathError, Pos, Root, SourceFile, okr_paths,
};
use yaml::Node;

/// The folder holding `okr.yaml`, searched from `start` upwards.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    let start = start
        .canonicalize()
        .with_context(|| format!("cannot open {}", start.display()))?;
    for dir in start.ancestors() {
        if dir.join(CONFIG_FILE).is_file() {
            return Ok(dir.to_path_buf());
        }
    }
    bail!(
        "no {CONFIG_FILE} found in {} or any folder above it\n  hint: run `okr init` to start one, or pass `-C DIR`",
        start.display()
    )
}

/// Reads okr.yaml and every OKR file under the configured paths.
/// Every file is read through the [`Root`] boundary, within one [`Budget`] for
/// the run: the paths okr.yaml names that leave the root, links that lead out
/// of it, special files and files over the limits become findings.
pub fn load(root: &Path) -> Result<(Org, Vec<Finding>)> {
    load_impl(root, false).map(|(org, findings, _)| (org, findings))
}

/// The outline of each file that parsed (okr.yaml's too), by relative path:
/// its tree with positions, without the texts of its values, to locate
/// findings in (see [`locate::outline_of`]).
pub type Outlines = HashMap<String, Node>;

/// [`load`], parsing each file with positions and keeping its outline, so
/// that findings are located without parsing the files again.
pub fn load_with_outlines(root: &Path) -> Result<(Org, Vec<Finding>, Outlines)> {
    load_impl(root, true)
}

fn load_impl(root: &Path, positions: bool) -> Result<(Org, Vec<Finding>, Outlines)> {
    let boundary = Root::new(root);
    let budget = Budget::default();
    let (config_bytes, _) = boundary
        .read(CONFIG_FILE, &budget)
        .with_context(|| format!("cannot read {}", root.join(CONFIG_FILE).display()))?;

    // okr.yaml says where the OKR files are, but parsing a large one takes as long
    // as many OKR files: parse it alongside the files of the default folder, and
    // list again only when it names other folders.
    let default_paths = okr_paths(&[]);
    let (guessed, guessed_problems) = list_files(&boundary, &default_paths, &budget);
    let mut jobs: Vec<Job<'_>> = vec![Job::Config(&config_bytes)];
    jobs.extend(guessed.iter().map(|rel| Job::File(rel)));
    let run = |job: &Job<'_>| job.run(&boundary, &budget, positions);
    let mut results = parallel_map(&jobs, run).into_iter();

    let mut findings = Vec::new();
    let mut outlines = Outlines::new();
    let Some(Done::Config(config_text, config, config_findings, outline)) = results.next() else {
        bail!("okr.yaml was not read");
    };
    findings.extend(config_findings);
    outlines.extend(outline.map(|o| (CONFIG_FILE.to_owned(), o)));
    let mut parsed: Vec<(SourceFile, Vec<Finding>, Option<Node>)> = results
        .filter_map(|done| match done {
            Done::File(file, f, outline) => Some((file, f, outline)),
            Done::Config(..) => None,
        })
        .collect();

    let paths = okr_paths(&config.paths);
    let problems = if paths == default_paths {
        // A default folder that is missing is no problem; one that is refused is.
        guessed_problems
            .into_iter()
            .filter(|(_, p)| p.is_some())
            .collect()
    } else {
        let (listed, problems) = list_files(&boundary, &paths, &budget);
        parsed.retain(|(file, ..)| listed.binary_search(&file.path).is_ok());
        let todo: Vec<Job<'_>> = listed
            .iter()
            .filter(|rel| guessed.binary_search(rel).is_err())
            .map(|rel| Job::File(rel))
            .collect();
        parsed.extend(
            parallel_map(&todo, run)
                .into_iter()
                .filter_map(|done| match done {
                    Done::File(file, f, outline) => Some((file, f, outline)),
                    Done::Config(..) => None,
                }),
        );
        parsed.sort_by(|a, b| a.0.path.cmp(&b.0.path));
        problems
    };
    for (i, problem) in problems {
        let p = &paths[i];
        let message = match problem {
            None => format!(
                "`paths[{i}]` names `{p}`, which is not a folder under {CONFIG_FILE}; create it or fix the path"
            ),
            Some(e) => format!("`paths[{i}]`: {e}"),
        };
        findings.push(Finding::at(
            "schema",
            CONFIG_FILE,
            Route::root().key("paths").index(i),
            message,
        ));
    }

    let mut files = Vec::with_capacity(parsed.len());
    for (file, file_findings, outline) in parsed {
        if let Some(outline) = outline {
            outlines.insert(file.path.clone(), outline);
        }
        files.push(file);
        findings.extend(file_findings);
    }
    Ok((
        Org {
            root: root.to_path_buf(),
            config,
            config_text,
            files,
        },
        findings,
        outlines,
    ))
}

/// An organisation from texts instead of files: okr.yaml's and each OKR
/// file's (relative path, bytes), as read from a commit.
pub fn from_texts(root: &Path, config: Option<Vec<u8>>, files: Vec<(String, Vec<u8>)>) -> Org {
    let (config_text, config) = match config.map(parse_bytes) {
        Some(Ok((text, node))) => {
            let mut decoder = decode::Decoder::new(CONFIG_FILE);
            (text, decoder.config(&node))
        }
        Some(Err((text, _))) => (text, Config::default()),
        None => (String::new(), Config::default()),
    };
    let jobs: Vec<(String, Vec<u8>)> = files;
    let decoded = parallel_map(&jobs, |(path, bytes)| decode_file(path, bytes.clone()).0);
    let mut files: Vec<SourceFile> = decoded;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Org {
        root: root.to_path_buf(),
        config,
        config_text,
        files,
    }
}

/// The `paths` okr.yaml names (empty when it names none or does not parse),
/// read without decoding the rest of the organisation; remembered in `cache`
/// when given (see [`cache::configured_paths`]).
pub fn configured_paths(root: &Path, cache: Option<&Path>) -> Vec<String> {
    cache::configured_paths(root, cache, || read_configured_paths(root))
}

fn read_configured_paths(root: &Path) -> Vec<String> {
    let Ok((bytes, _)) = Root::new(root).read(CONFIG_FILE, &Budget::default()) else {
        return Vec::new();
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Vec::new();
    };
    let Ok(node) = parse(&text) else {
        return Vec::new();
    };
    match node.get("paths").map(|n| &n.value) {
        Some(yaml::Value::Seq(items)) => items
            .iter()
            .filter_map(|i| i.scalar_text().map(|t| t.into_owned()))
            .collect(),
        Some(yaml::Value::Str(one)) => vec![one.clone()],
        _ => Vec::new(),
    }
}

/// One unit of parallel loading work.
enum Job<'a> {
    Config(&'a [u8]),
    File(&'a str),
}

/// What a job gives: the file, its findings, and its outline when asked for.
enum Done {
    Config(String, Config, Vec<Finding>, Option<Node>),
    File(SourceFile, Vec<Finding>, Option<Node>),
}

impl Job<'_> {
    /// Reads through the boundary, parses (with positions when `positions`) and decodes.
    fn run(&self, root: &Root, budget: &Budget, positions: bool) -> Done {
        match self {
            Job::Config(bytes) => {
                let _turn = large_file_turn(bytes.len());
                config_job(bytes, positions)
            }
            Job::File(rel) => {
                let (file, findings, outline) = read_okr_file(root, budget, rel, positions);
                Done::File(file, findings, outline)
            }
        }
    }
}

/// Parses and decodes okr.yaml.
fn config_job(bytes: &[u8], positions: bool) -> Done {
    match parse_bytes_with(bytes.to_vec(), positions) {
        Ok((text, node)) => {
            let mut decoder = decode::Decoder::new(CONFIG_FILE);
            let config = decoder.config(&node);
            let outline = positions.then(|| locate::outline_of(node));
            Done::Config(text, config, decoder.findings, outline)
        }
        Err((text, problem)) => Done::Config(
            text,
            Config::default(),
            vec![problem_finding(problem, CONFIG_FILE)],
            None,
        ),
    }
}

/// The OKR files under `paths` (relative to the root, sorted), and the problem
/// of each path that names no folder or file (`None`) or is refused.
fn list_files(
    root: &Root,
    paths: &[String],
    budget: &Budget,
) -> (Vec<String>, Vec<(usize, Option<PathError>)>) {
    let mut listed = Vec::new();
    let mut problems = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        match root.list(p, budget, |name| is_yaml(Path::new(name))) {
            Ok(Some(files)) => listed.extend(files),
            Ok(None) => problems.push((i, None)),
            Err(e) => problems.push((i, Some(e))),
        }
    }
    listed.sort();
    listed.dedup();
    (listed, problems)
}

fn read_okr_file(
    root: &Root,
    budget: &Budget,
    path: &str,
    positions: bool,
) -> (SourceFile, Vec<Finding>, Option<Node>) {
    // The stamp is of the file as opened: a change made while reading gives another.
    let (bytes, meta) = match root.read(path, budget) {
        Ok(read) => read,
        Err(e) => {
            let problem = ParseProblem {
                pos: Pos { line: 1, column: 1 },
                message: match e {
                    PathError::Io { error, .. } => format!("cannot read the file: {error}"),
                    e => e.to_string(),
                },
            };
            let finding = problem_finding(problem.clone(), path);
            let file = SourceFile {
                path: path.to_owned(),
                text: String::new(),
                okr: None,
                problem: Some(problem),
                stamp: None,
            };
            return (file, vec![finding], None);
        }
    };
    let (mut file, findings, outline) = decode_keeping(path, bytes, positions);
    file.stamp = stamp::of(&meta);
    (file, findings, outline)
}

/// Parses and decodes the bytes of one OKR file (from disk or from a commit).
pub fn decode_file(path: &str, bytes: Vec<u8>) -> (SourceFile, Vec<Finding>) {
    let (file, findings, _) = decode_keeping(path, bytes, false);
    (file, findings)
}

/// [`decode_file`], parsing with positions and giving the file's outline
/// too when `positions`.
fn decode_keeping(
    path: &str,
    bytes: Vec<u8>,
    positions: bool,
) -> (SourceFile, Vec<Finding>, Option<Node>) {
    let _turn = large_file_turn(bytes.len());
    match parse_bytes_with(bytes, positions) {
        Ok((text, mut node)) => {
            let mut decoder = decode::Decoder::new(path);
            let okr = if positions {
                decoder.okr_file(&node) // the whole tree is kept, as the outline
            } else {
                let taken = decode::take_objectives(&mut node);
                decoder.okr_file_taking(&node, taken)
            };
            let file = SourceFile {
                path: path.to_owned(),
                text,
                okr: Some(okr),
                problem: None,
                stamp: None,
            };
            let outline = positions.then(|| locate::outline_of(node));
            (file, decoder.findings, outline)
        }
        Err((text, problem)) => {
            let finding = problem_finding(problem.clone(), path);
            let file = SourceFile {
                path: path.to_owned(),
                text,
                okr: None,
                problem: Some(problem),
                stamp: None,
            };
            (file, vec![finding], None)
        }
    }
}

/// The `yaml` finding of a file that does not parse.
fn problem_finding(problem: ParseProblem, file: &str) -> Finding {
    Finding::new("yaml", file, Location::Pos(problem.pos), problem.message)
}

/// Decodes UTF-8 and parses; on failure returns the text (lossy) and the problem.
pub fn parse_bytes(bytes: Vec<u8>) -> Result<(String, Node), (String, ParseProblem)> {
    parse_bytes_with(bytes, false)
}

/// [`parse_bytes`], with positions when `positions`.
fn parse_bytes_with(
    bytes: Vec<u8>,
    positions: bool,
) -> Result<(String, Node), (String, ParseProblem)> {
    let parse = if positions {
        parse_with_positions
    } else {
        parse
    };
    match String::from_utf8(bytes) {
        Ok(text) => match parse(&text) {
            Ok(node) => Ok((text, node)),
            Err(p) => Err((text, p)),
        },
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let problem = ParseProblem {
                pos: pos(line, column),
                message: format!(
                    "the file is not valid UTF-8 (byte 0x{:02x} at offset {valid}); save it as UTF-8",
                    bytes[valid]
                ),
            };
            Err((String::from_utf8_lossy(&bytes).into_owned(), problem))
        }
    }
}

fn pos(line: usize, column: usize) -> Pos {
    Pos {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}

/// Parses one OKR document with budgets that accept any real OKR file and reject
/// bombs. Nodes carry no positions: see [`parse_with_positions`].
pub fn parse(text: &str) -> Result<Node, ParseProblem> {
    parse_impl::<false>(text)
}

/// Parses like [`parse`], recording the line and column of every node.
pub fn parse_with_positions(text: &str) -> Result<Node, ParseProblem> {
    parse_impl::<true>(text)
}

fn parse_impl<const SPANS: bool>(text: &str) -> Result<Node, ParseProblem> {
    if let Some(problem) = conflict_markers(text) {
        return Err(problem);
    }
    let options = serde_saphyr::options! {
        strict_booleans: true,
        budget: serde_saphyr::budget! {
            max_events: 8_000_000,
            max_nodes: 4_000_000,
            max_total_scalar_bytes: 16 * 1024 * 1024,
            max_reader_input_bytes: Some(16 * 1024 * 1024),
            max_depth: 64,
            max_documents: 16,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
            max_replay_stack_depth: 16,
        },
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.len() > 16 * 1024 * 1024 {
        return Err(ParseProblem {
            pos: pos(1, 1),
            message: format!(
                "the file is {} MB; OKR files are limited to 16 MB, split it into several files",
                body.len() / (1024 * 1024)
            ),
        });
    }
    let mut parsed = parse_body::<SPANS>(text, body, options);
    if let Ok(node) = &mut parsed
        && SPANS
        && lines::has_lone_cr(body)
    {
        lines::tree(body, node);
    }
    parsed
}

fn parse_body<const SPANS: bool>(
    text: &str,
    body: &str,
    options: serde_saphyr::Options,
) -> Result<Node, ParseProblem> {
    match serde_saphyr::from_multiple_with_options::<yaml::NodeDe<SPANS>>(body, options) {
        Ok(docs) => {
            let n = docs.len();
            match docs.into_iter().next() {
                None => Err(ParseProblem {
                    pos: pos(1, 1),
                    message: "the file is empty; an OKR file needs `cycle:`, `team:` (or `person:`) and `objectives:`".into(),
                }),
                Some(doc) if n == 1 => Ok(doc.0),
                Some(_) => Err(ParseProblem {
                    pos: second_document(body),
                    message: format!(
                        "the file holds {n} YAML documents (separated by `---`); an OKR file holds one, so split it into {n} files"
                    ),
                }),
            }
        }
        Err(e) => Err(describe_error(&e, text)),
    }
}

fn describe_error(e: &serde_saphyr::Error, text: &str) -> ParseProblem {
    use serde_saphyr::Error as E;
    let at = e
        .location()
        .filter(|l| l.line() > 0)
        .map_or(pos(1, 1), |l| pos(l.line() as usize, l.column() as usize));
    let at = if lines::has_lone_cr(text) {
        lines::pos(text, at)
    } else {
        at
    };
    let inner = e.without_snippet();
    let raw = strip_location(&inner.to_string());
    let message = match inner {
        E::DuplicateMappingKey { .. } => {
            let key = raw
                .split_once("duplicate mapping key: ")
                .map(|(_, k)| k.split(',').next().unwrap_or(k).trim().to_owned())
                .unwrap_or_default();
            format!(
                "duplicate key `{key}`: a key may appear only once in a mapping; remove or rename one of them"
            )
        }
        E::NonFiniteFloat { .. } => {
            "not a finite number (`.nan` or `.inf`); write a real number".to_owned()
        }
        _ if raw.contains("recursion limit") || raw.contains("Depth {") => {
            "nested too deeply (more than 64 levels); an OKR file needs only a few levels".to_owned()
        }
        _ if raw.contains("alias") && (raw.contains("limit") || raw.contains("exceeded")) => {
            "aliases (`*name`) expand to too many nodes: is it an alias bomb? OKR files need few aliases, if any; write the values out".to_owned()
        }
        E::Budget { .. } => format!(
            "the file is too large for an OKR file ({raw}); split it into several files"
        ),
        _ if raw.contains("tab") || indenting_tab_near(text, at).is_some() => {
            let tab = indenting_tab_near(text, at).or_else(|| tab_from(text, at));
            return ParseProblem {
                pos: tab.unwrap_or(at),
                message: format!(
                    "{raw}; YAML does not allow tabs for indentation, indent with spaces"
                ),
            };
        }
        _ => format!("invalid YAML: {raw}"),
    };
    ParseProblem { pos: at, message }
}

/// The tab a parser complains about. The parser reports where the token it was
/// reading starts (often the value on the line before the tab), or the place
/// just after the tab: the tab is one in the indentation of that line, else the
/// first one from that place on.
fn tab_from(text: &str, at: Pos) -> Option<Pos> {
    let first = at.line.max(1) as usize;
    let line = text.lines().nth(first - 1)?;
    if let Some(column) = indentation_tab(line) {
        return Some(pos(first, column));
    }
    text.lines()
        .enumerate()
        .skip(first - 1)
        .find_map(|(i, line)| {
            let skip = if i + 1 == first {
                at.column.saturating_sub(1) as usize
            } else {
                0
            };
            let column = line.chars().skip(skip).position(|c| c == '\t')? + skip + 1;
            Some(pos(i + 1, column))
        })
}

/// The column of the first tab in the indentation of a line.
fn indentation_tab(line: &str) -> Option<usize> {
    let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    indent.find('\t').map(|i| i + 1)
}

/// A tab that indents the line of a parse error or the line before it: YAML
/// parsers often report such a tab as something else.
fn indenting_tab_near(text: &str, at: Pos) -> Option<Pos> {
    let line = at.line.max(1) as usize;
    (line.saturating_sub(1).max(1)..=line).find_map(|n| {
        let column = indentation_tab(text.lines().nth(n - 1)?)?;
        Some(pos(n, column))
    })
}

/// Where the second document of a stream starts: the line after the first `---`
/// that follows content, or the second `---`.
fn second_document(text: &str) -> Pos {
    let mut content = false;
    for (i, line) in text.lines().enumerate() {
        let starts_doc = line == "---" || line.starts_with("--- ");
        if starts_doc && content {
            return pos(i + 1, 1);
        }
        let trimmed = line.trim_start();
        if !starts_doc && !trimmed.is_empty() && !trimmed.starts_with('#') {
            content = true;
        }
    }
    pos(1, 1)
}

/// `12, column 5` and nothing more.
fn is_line_column(s: &str) -> bool {
    s.split_once(", column ").is_some_and(|(line, column)| {
        [line, column]
            .iter()
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// `error: line 3 column 5: message` -> `message`.
fn strip_location(s: &str) -> String {
    let s = s.trim().strip_prefix("error: ").unwrap_or(s.trim());
    let s = match s.strip_prefix("line ") {
        Some(rest) => {
            rest.split_once(": ").map_or(
                rest,
                |(loc, msg)| if loc.contains("column") { msg } else { rest },
            )
        }
        None => s,
    };
    let s = s.lines().next().unwrap_or(s);
    // Drop a trailing " at line N, column M": the finding carries the position.
    let s = match s.rfind(" at line ") {
        Some(i) if is_line_column(&s[i + " at line ".len()..]) => &s[..i],
        _ => s,
    };
    s.trim_end_matches(", set DuplicateKeyPolicy in Options if acceptable")
        .to_owned()
}

/// A `yaml` problem at the first git merge-conflict marker, if any.
fn conflict_markers(text: &str) -> Option<ParseProblem> {
    let mut first = None;
    let mut count = 0;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("<<<<<<<")
            || line.starts_with(">>>>>>>")
            || line.starts_with("|||||||")
            || line == "======="
        {
            count += 1;
            first.get_or_insert(i + 1);
        }
    }
    let line = first?;
    if count < 2 {
        return None;
    }
    Some(ParseProblem {
        pos: pos(line, 1),
        message: "unresolved merge conflict: git left conflict markers (<<<<<<<, =======, >>>>>>>) in this file; resolve the conflict and delete the markers".into(),
    })
}

fn is_yaml(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// Files larger than this are parsed and decoded one at a time: the tree of
/// a file takes several times its size, and parsing many large files at once
/// would multiply the peak of memory by the number of cores.
const LARGE_FILE: usize = 1 << 20;

/// The turn of a file of `len` bytes to be parsed: `None` (go ahead) for a
/// file that is not large; for a large one, waits until no other large file
/// is being parsed.
pub(crate) fn large_file_turn(len: usize) -> Option<std::sync::MutexGuard<'static, ()>> {
    static LARGE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    (len > LARGE_FILE).then(|| LARGE.lock().unwrap_or_else(|e| e.into_inner()))
}

/// Maps `f` over `items` on all cores (rayon's pool), keeping the order.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use rayon::prelude::*;
    items.par_iter().map(&f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_problems_read_as_errors() {
        let problem = parse("a: 1\na: 2\n").unwrap_err();
        let line = problem.pos.line;
        assert_eq!(
            problem.to_string(),
            format!("line {line}: {}", problem.message)
        );
        let column = problem.pos.column;
        let in_file = problem.clone().in_file("okrs/a.yaml");
        assert_eq!(
            in_file.to_string(),
            format!("okrs/a.yaml:{line}:{column}: {}", problem.message)
        );
        let chained = anyhow::Error::from(problem).context("the file does not parse");
        assert!(
            format!("{chained:#}").starts_with("the file does not parse: line 2: duplicate key")
        );
    }

    #[test]
    fn objectives_taken_out_decode_as_in_the_tree() {
        let texts = [
            "cycle: 2026-Q4\nteam: a\nobjectives:\n  - id: o\n    title: T\n    bogus: 1\n    key_results:\n      - {id: k, title: K, target: 3}\n  - 7\nextra: 1\n",
            "objectives: nope\ncycle: 2026-Q4\nperson: p\n",
            "cycle: 2026-Q4\nteam: a\n",
        ];
        for text in texts {
            let whole = parse(text).expect("parses");
            let mut decoder = decode::Decoder::new("a.yaml");
            let expected = decoder.okr_file(&whole);
            let mut root = parse(text).expect("parses");
            let taken = decode::take_objectives(&mut root);
            let mut streaming = decode::Decoder::new("a.yaml");
            let got = streaming.okr_file_taking(&root, taken);
            assert_eq!(format!("{got:?}"), format!("{expected:?}"), "{text}");
            assert_eq!(
                format!("{:?}", streaming.findings),
                format!("{:?}", decoder.findings),
                "{text}"
            );
            for f in &decoder.findings {
                if let Some((_, keys)) = f.message.split_once("known keys: ") {
                    let keys: Vec<&str> = keys.split(", ").collect();
                    let mut unique = keys.clone();
                    unique.dedup();
                    assert_eq!(keys, unique, "each known key once: {}", f.message);
                }
            }
        }
    }
}
