//! Property tests of the edit engine (`okr::edit`): random value edits,
//! confidence insertions and appends on the example files, on files of the
//! benchmark generator (`tests/fixtures/gen_org`) and on tricky variants of
//! the examples made here (CRLF, BOM, no final newline, flow key results,
//! comments, 4-space indentation, quoted and multi-line values).
//!
//! For every edit: the new text parses, the intended value changed, the rest
//! of the tree is the same, and every byte outside the edit is the old byte.
//! The engine may refuse an edit only where it says it does (a value written
//! over several lines); it never panics.
//!
//! Randomness is a splitmix64 generator with fixed seeds: every case has its
//! own seed, printed on failure with the document and the edit. Replay one
//! case with `EDIT_PROPS_SEED=0x... cargo test --test edit_props TEST -- --nocapture`;
//! scale the number of cases with `EDIT_PROPS_CASES=N` (per property).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Instant;

use okr::edit::{self, Field, Item, Scalar, Set};
use okr::finding::{Finding, Route};
use okr::load::decode::Decoder;
use okr::load::yaml::{Node, Value};
use okr::load::{parse, parse_with_positions};

// ---------------------------------------------------------------- randomness

/// splitmix64: tiny, fast, and good enough to pick test cases.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// An integer in `lo..=hi`.
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as i64
    }

    /// True one time in `n`.
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
}

/// The seed of case `k` of a property: spread out, so that neighbouring cases differ.
fn case_seed(property: u64, k: u64) -> u64 {
    Rng::new(property ^ k.wrapping_mul(0xd134_2543_de82_ef95)).next_u64()
}

// ---------------------------------------------------------------- the corpus

/// Where a document comes from; the error rate is counted per class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    /// A file of `examples/okrs`, as it is.
    Example,
    /// A file of `tests/fixtures/gen_org`, as it is.
    GenOrg,
    /// A variant of an example or a generated file, made here.
    Variant,
    /// A small hand-made file of [`EXTRAS`].
    Extra,
}

/// One text to edit, parsed once.
struct Doc {
    name: String,
    class: Class,
    text: String,
    /// The tree as `parse` reads it (no positions).
    tree: Node,
    /// The tree with byte spans (relative to the text after a BOM).
    spans: Node,
    /// Bytes of the BOM, if any.
    base: usize,
    /// `(objective, key result)` indices of every key result that is a mapping.
    krs: Vec<(usize, usize)>,
    /// Indices of the objectives that are mappings.
    objectives: Vec<usize>,
    /// What decoding the file reports.
    findings: Vec<Finding>,
}

impl Doc {
    fn new(name: String, class: Class, text: String) -> Doc {
        let tree = parse(&text).unwrap_or_else(|p| panic!("{name} does not parse: {p:?}"));
        let spans = parse_with_positions(&text).expect("parses with positions");
        let mut krs = Vec::new();
        let mut objectives = Vec::new();
        if let Some(Value::Seq(list)) = spans.get("objectives").map(|n| &n.value) {
            for (i, o) in list.iter().enumerate() {
                if !matches!(o.value, Value::Map(_)) {
                    continue;
                }
                objectives.push(i);
                if let Some(Value::Seq(list)) = o.get("key_results").map(|n| &n.value) {
                    for (j, kr) in list.iter().enumerate() {
                        if matches!(kr.value, Value::Map(_)) {
                            krs.push((i, j));
                        }
                    }
                }
            }
        }
        let findings = decode(&tree);
        Doc {
            base: if text.starts_with('\u{feff}') { 3 } else { 0 },
            name,
            class,
            text,
            tree,
            spans,
            krs,
            objectives,
            findings,
        }
    }
}

fn decode(tree: &Node) -> Vec<Finding> {
    let mut decoder = Decoder::new("file.yaml");
    decoder.okr_file(tree);
    decoder.findings
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.yaml` file under `dir`, sorted, with its path relative to `dir`.
fn yaml_files(dir: &Path) -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).expect("read a corpus folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(dir, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (
                name,
                fs::read_to_string(&p).expect("a corpus file is UTF-8"),
            )
        })
        .collect()
}

/// Changes made to a file to make a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tweak {
    /// Every other key result written as a flow mapping `- {id: k, ...}`.
    FlowKrs,
    /// Some `current:`, `done:`, `title:` and `unit:` values quoted.
    Quoted,
    /// Some `current:` values as block scalars (`|-`) or on the next line,
    /// some titles folded or over two lines.
    Multiline,
    /// A comment after every other value.
    Comments,
    /// 4-space indentation, list items indented by 4: `    - id: o\n      title: t`.
    FourSpaces,
    /// 4-space indentation everywhere: `    -   id: o\n        title: t`.
    WideIndent,
    /// No newline at the end of the file.
    NoFinalNewline,
    /// CRLF line endings.
    Crlf,
    /// A UTF-8 byte order mark.
    Bom,
}

/// The order in which tweaks apply.
const TWEAKS: [Tweak; 9] = [
    Tweak::FlowKrs,
    Tweak::Quoted,
    Tweak::Comments,
    Tweak::Multiline,
    Tweak::FourSpaces,
    Tweak::WideIndent,
    Tweak::NoFinalNewline,
    Tweak::Crlf,
    Tweak::Bom,
];

fn apply_tweaks(text: &str, tweaks: &[Tweak]) -> String {
    let mut text = text.to_owned();
    for tweak in TWEAKS.iter().filter(|t| tweaks.contains(t)) {
        let before = text.clone();
        text = match tweak {
            Tweak::FlowKrs => flow_krs(&text),
            Tweak::Quoted => quoted(&text),
            Tweak::Multiline => multiline(&text),
            Tweak::Comments => comments(&text),
            Tweak::FourSpaces => reindent(
                &text,
                |n, dash| if dash { n * 3 / 2 + 1 } else { n * 3 / 2 },
                "- ",
            ),
            Tweak::WideIndent => reindent(&text, |n, _| 2 * n, "-   "),
            Tweak::NoFinalNewline => text.trim_end_matches('\n').to_owned(),
            Tweak::Crlf => text.replace('\n', "\r\n"),
            Tweak::Bom => format!("\u{feff}{text}"),
        };
        // The tweaks that keep every value must read back as the same tree.
        if !matches!(tweak, Tweak::Quoted | Tweak::Multiline) {
            let (now, was) = (parse(&text), parse(&before));
            assert!(
                now.is_ok() && now == was,
                "tweak {tweak:?} changed the tree ({:?}):\n{text}",
                now.err()
            );
        }
    }
    text
}

/// `key: value` of a block line (after its indentation and any `- `).
fn key_value(line: &str) -> Option<(usize, &str, &str)> {
    let rest = line.trim_start_matches(' ');
    let rest = rest.strip_prefix("- ").unwrap_or(rest);
    let col = line.len() - rest.len();
    let (key, value) = rest.split_once(": ")?;
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return None;
    }
    Some((col, key, value))
}

fn map_lines(text: &str, mut f: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for line in text.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        out.push_str(&f(body));
        out.push_str(nl);
    }
    out
}

fn flow_krs(text: &str) -> String {
    let tree = parse_with_positions(text).expect("parses");
    let mut edits = Vec::new();
    let Some(Value::Seq(objectives)) = tree.get("objectives").map(|n| &n.value) else {
        return text.to_owned();
    };
    for (i, o) in objectives.iter().enumerate() {
        let Some(Value::Seq(krs)) = o.get("key_results").map(|n| &n.value) else {
            continue;
        };
        for (j, kr) in krs.iter().enumerate() {
            let Value::Map(entries) = &kr.value else {
                continue;
            };
            if (i + j) % 2 == 1 || entries.is_empty() {
                continue;
            }
            let first = entries[0].0.span.start;
            let line_start = text[..first].rfind('\n').map_or(0, |p| p + 1);
            let prefix = &text[line_start..first];
            if !prefix.ends_with("- ") {
                continue; // already flow
            }
            let last = entries.last().unwrap().1.span.end;
            let line_end = text[last..].find('\n').map_or(text.len(), |p| last + p);
            let body: Vec<String> = entries
                .iter()
                .map(|(k, v)| {
                    let raw = &text[v.span.start..v.span.end];
                    let needs_quotes = matches!(v.value, Value::Str(_))
                        && !raw.starts_with(['"', '\''])
                        && (raw.contains([',', '[', ']', '{', '}'])
                            || raw.contains(": ")
                            || raw.contains(" #"));
                    let value = match &v.value {
                        Value::Str(s) if needs_quotes => serde_json::to_string(s).unwrap(),
                        _ => raw.to_owned(),
                    };
                    format!("{}: {value}", &text[k.span.start..k.span.end])
                })
                .collect();
            edits.push((
                line_start,
                line_end,
                format!("{prefix}{{{}}}", body.join(", ")),
            ));
        }
    }
    let mut out = text.to_owned();
    for (start, end, with) in edits.into_iter().rev() {
        out.replace_range(start..end, &with);
    }
    out
}

fn quoted(text: &str) -> String {
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    map_lines(text, |line| {
        let Some((col, key, value)) = key_value(line) else {
            return line.to_owned();
        };
        let (key, every) = match key {
            "current" => ("current", 2),
            "done" => ("done", 2),
            "title" => ("title", 3),
            "unit" => ("unit", 2),
            _ => return line.to_owned(),
        };
        let n = counts.entry(key).or_default();
        *n += 1;
        if *n % every != 1 || value.starts_with(['"', '\'']) || value.contains('#') {
            return line.to_owned();
        }
        let value = if key == "title" {
            serde_json::to_string(value).unwrap()
        } else {
            format!("'{value}'")
        };
        format!("{}{key}: {value}", &line[..col])
    })
}

fn multiline(text: &str) -> String {
    let mut currents = 0;
    let mut titles = 0;
    map_lines(text, |line| {
        let Some((col, key, value)) = key_value(line) else {
            return line.to_owned();
        };
        let pad = " ".repeat(line[..col].chars().count() + 2);
        let head = &line[..col];
        match key {
            "current" if !value.contains('#') => {
                currents += 1;
                if currents % 2 == 1 {
                    format!("{head}current: |-\n{pad}{value}")
                } else {
                    format!("{head}current:\n{pad}{value}")
                }
            }
            "title"
                if !value.starts_with(['"', '\''])
                    && value.contains(' ')
                    && !value.contains('#') =>
            {
                titles += 1;
                let (a, b) = value.split_once(' ').unwrap();
                if titles % 2 == 1 {
                    format!("{head}title: >-\n{pad}{a}\n{pad}{b}")
                } else {
                    format!("{head}title: {a}\n{pad}{b}")
                }
            }
            _ => line.to_owned(),
        }
    })
}

fn comments(text: &str) -> String {
    let mut n = 0;
    map_lines(text, |line| {
        n += 1;
        match key_value(line) {
            Some((_, _, value))
                if n % 2 == 0
                    && !value.is_empty()
                    && !value.contains('#')
                    && !value.starts_with(['|', '>']) =>
            {
                format!("{line}   # 备注: note #{n}")
            }
            _ => line.to_owned(),
        }
    })
}

/// Re-indents lines: `n` leading spaces become `indent(n, is a list item)`,
/// and a list item's `- ` becomes `dash`.
fn reindent(text: &str, indent: impl Fn(usize, bool) -> usize, dash: &str) -> String {
    map_lines(text, |line| {
        let rest = line.trim_start_matches(' ');
        let n = line.len() - rest.len();
        if rest.is_empty() || rest.starts_with('#') {
            return line.to_owned();
        }
        match rest.strip_prefix("- ") {
            Some(item) => format!("{}{dash}{item}", " ".repeat(indent(n, true))),
            None => format!("{}{rest}", " ".repeat(indent(n, false))),
        }
    })
}

/// Small hand-made files in other styles.
const EXTRAS: &[(&str, &str)] = &[
    (
        "document markers",
        "---\ncycle: 2026-Q4\nteam: t\nobjectives:\n  - id: o\n    title: t\n    key_results:\n      - id: k\n        title: t\n        start: 1\n        target: 5\n        current: 2\n...\n",
    ),
    (
        "trailing blanks and tabs",
        "cycle: 2026-Q4   \nteam: t\t\nobjectives:\n  - id: o  \n    title: t\n    key_results:\n      - id: k   \n        title: t\n        current: 2 \t# c\n        unit: x  \n        done:\ttrue\n      - id: j\n        title: t\n        keep_above: 3\t\n        current:\t4\n",
    ),
    (
        "flow lists",
        "cycle: 2026-Q4\nteam: t\nobjectives:\n  - id: o\n    title: t\n    key_results: [{id: k, title: t, start: 1, target: 5, current: 2}, {id: j, title: 'a, b', done: false}]\n",
    ),
    (
        "flow objectives",
        "cycle: 2026-Q4\nteam: t\nobjectives: [{id: o, title: t, key_results: [{id: k, title: t, start: 1, target: 5, current: 2, unit: \"%\"}]}]\n",
    ),
    (
        "indentless lists",
        "cycle: 2026-Q4\nteam: t\nobjectives:\n- id: o\n  title: t\n  key_results:\n  - id: k\n    title: t\n    start: 1\n    target: 5\n    current: 2\n    unit: x\n  - id: m\n    title: 里程碑\n    done: false\n- id: p\n  title: t\n  key_results:\n  - {id: k, title: t, keep_below: 3, current: 1}\n",
    ),
    (
        "empty values",
        "cycle: 2026-Q4\nteam: t\nobjectives:\n  - id: o\n    title: t\n    key_results:\n      - id: k\n        title: t\n        start: 1\n        target: 5\n        current:\n      - id: m\n        title: t\n        done:\n",
    ),
    (
        "quoted keys",
        "\"cycle\": 2026-Q4\n'team': t\n\"objectives\":\n  - \"id\": o\n    'title': t\n    \"key_results\":\n      - \"id\": k\n        title: t\n        'start': 1\n        \"target\": 5\n        'current': 2\n",
    ),
    (
        "comment as the last line, no final newline",
        "cycle: 2026-Q4\nteam: t\nobjectives:\n  - id: o\n    title: t\n    key_results:\n      - id: k\n        title: t\n        start: 1\n        target: 5\n        current: 2\n# end",
    ),
    (
        "CRLF and LF mixed",
        "cycle: 2026-Q4\r\nteam: t\r\nobjectives:\r\n  - id: o\n    title: t\n    key_results:\n      - id: k\n        title: t\n        start: 1\n        target: 5\n        current: 2\n",
    ),
];

/// The documents, made once for all the tests.
fn corpus() -> &'static [Doc] {
    static CORPUS: std::sync::OnceLock<Vec<Doc>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(make_corpus)
}

fn make_corpus() -> Vec<Doc> {
    let mut docs = Vec::new();
    let examples = yaml_files(&manifest().join("examples/okrs"));
    assert!(examples.len() >= 5, "the example files are missing");
    let gen_org = yaml_files(&manifest().join("tests/fixtures/gen_org"));
    assert!(gen_org.len() >= 10, "tests/fixtures/gen_org is missing");
    for (name, text) in &examples {
        docs.push(Doc::new(
            format!("examples/okrs/{name}"),
            Class::Example,
            text.clone(),
        ));
    }
    for (name, text) in &gen_org {
        docs.push(Doc::new(
            format!("gen_org/{name}"),
            Class::GenOrg,
            text.clone(),
        ));
    }
    // Each tweak alone on every example, CRLF without a final newline, then random mixes.
    let mut rng = Rng::new(0x5eed_0f7a);
    for (name, text) in &examples {
        for tweak in TWEAKS {
            let variant = apply_tweaks(text, &[tweak]);
            docs.push(Doc::new(
                format!("examples/okrs/{name} {tweak:?}"),
                Class::Variant,
                variant,
            ));
        }
        let tweaks = [Tweak::NoFinalNewline, Tweak::Crlf];
        docs.push(Doc::new(
            format!("examples/okrs/{name} {tweaks:?}"),
            Class::Variant,
            apply_tweaks(text, &tweaks),
        ));
        for _ in 0..3 {
            let mut tweaks: Vec<Tweak> = TWEAKS.iter().copied().filter(|_| rng.one_in(2)).collect();
            if tweaks.contains(&Tweak::FourSpaces) {
                tweaks.retain(|t| *t != Tweak::WideIndent);
            }
            let variant = apply_tweaks(text, &tweaks);
            docs.push(Doc::new(
                format!("examples/okrs/{name} {tweaks:?}"),
                Class::Variant,
                variant,
            ));
        }
    }
    for (name, text) in gen_org.iter().step_by(4) {
        let tweaks = [Tweak::NoFinalNewline, Tweak::Crlf, Tweak::Bom];
        let variant = apply_tweaks(text, &tweaks);
        docs.push(Doc::new(
            format!("gen_org/{name} {tweaks:?}"),
            Class::Variant,
            variant,
        ));
    }
    for (name, text) in EXTRAS {
        docs.push(Doc::new(
            format!("extra: {name}"),
            Class::Extra,
            (*text).to_owned(),
        ));
    }
    docs
}

// ---------------------------------------------------------------- checks

/// What one case came to.
enum Outcome {
    /// The edit was made and every property held.
    Edited,
    /// The engine refused, as it may for this input.
    Refused,
}

type CaseResult = Result<Outcome, String>;

fn number(rng: &mut Rng) -> f64 {
    match rng.below(10) {
        0..=2 => rng.int(0, 1000) as f64,
        3 => rng.int(-1_000_000, 1_000_000) as f64,
        4 | 5 => rng.int(-100_000, 100_000) as f64 / 10f64.powi(rng.int(1, 3) as i32),
        6 => -(rng.int(1, 10_000) as f64) / 100.0,
        7 => rng.int(0, 100) as f64 / 100.0,
        8 => *rng.pick(&[
            0.0,
            -0.0,
            0.1,
            0.1 + 0.2,
            1e-7,
            2.5e-5,
            99.999,
            123_456.789,
            -1e10,
            1e14,
            999_999_999_999_999.0,
            std::f64::consts::PI,
        ]),
        _ => (rng.next_u64() % 10_000_000_000) as f64 / 1000.0,
    }
}

/// Whether `node` reads as the scalar `want` (numbers compared as numbers).
fn reads_as(node: &Node, want: &Scalar) -> bool {
    match (&node.value, want) {
        (Value::Int(i), Scalar::Number(x)) => *i as f64 == *x,
        (Value::Float(f), Scalar::Number(x)) => f == x,
        (Value::Bool(b), Scalar::Bool(want)) => b == want,
        (Value::Str(s), Scalar::Str(want)) => s == want,
        _ => false,
    }
}

/// The node at a route, mutably.
fn node_mut<'a>(root: &'a mut Node, route: &Route) -> Option<&'a mut Node> {
    use okr::finding::Segment;
    let mut node = root;
    for segment in &route.segments {
        node = match (segment, &mut node.value) {
            (Segment::Key(k), Value::Map(entries)) => entries
                .iter_mut()
                .find(|(key, _)| matches!(&key.value, Value::Str(s) if s == k))
                .map(|(_, v)| v)?,
            (Segment::Index(i), Value::Seq(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

fn map_entries(node: &Node) -> &[(Node, Node)] {
    match &node.value {
        Value::Map(entries) => entries,
        _ => &[],
    }
}

fn key_is(node: &Node, key: &str) -> bool {
    matches!(&node.value, Value::Str(s) if s == key)
}

/// Checks that hold for every edit: a BOM and the line endings stay as they were.
fn check_form(old: &str, new: &str) -> Result<(), String> {
    if old.starts_with('\u{feff}') != new.starts_with('\u{feff}') {
        return Err("the BOM was added or lost".into());
    }
    if new.matches('\u{feff}').count() != old.matches('\u{feff}').count() {
        return Err("a BOM was written inside the file".into());
    }
    let crlf_only = |t: &str| t.contains("\r\n") && !t.replace("\r\n", "").contains('\n');
    if crlf_only(old) && !crlf_only(new) {
        return Err("a CRLF file got a bare LF line ending".into());
    }
    if !old.contains('\r') && new.contains('\r') {
        return Err("an LF file got a CR".into());
    }
    Ok(())
}

/// `new` is `old` with one run of bytes inserted: `old == new[..p] + new[p+k..]`.
fn single_insertion(old: &str, new: &str) -> Result<(usize, usize), String> {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    if b.len() < a.len() {
        return Err(format!(
            "the new text is shorter ({} < {} bytes)",
            b.len(),
            a.len()
        ));
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let k = b.len() - a.len();
    if a[prefix..] != b[prefix + k..] {
        return Err(format!(
            "the edit is not one insertion: the texts first differ at byte {prefix}, and the rest of the old text is not the end of the new one"
        ));
    }
    Ok((prefix, k))
}

// ---------------------------------------------------------------- property 1: values

fn value_case(doc: &Doc, rng: &mut Rng, log: &mut String) -> CaseResult {
    let &(i, j) = rng.pick(&doc.krs);
    let route = Route::key_result(i, j);
    let kr = doc.spans.at(&route).expect("a key result");
    let key = if kr.get("done").is_some() {
        "done"
    } else if kr.get("confidence").is_some() && rng.one_in(4) {
        "confidence"
    } else {
        "current"
    };
    let Some((_, old_value)) = kr.entry(key) else {
        return Err(format!("test corpus: {route} has no `{key}`"));
    };
    let value = match key {
        "done" => Scalar::Bool(rng.one_in(2)),
        "confidence" => Scalar::Number(rng.int(0, 100) as f64 / 100.0),
        _ => Scalar::Number(number(rng)),
    };
    // Found by id, as `okr checkin` finds it, when the ids are unique.
    let ids = |list: Option<&Node>| -> Vec<String> {
        match list.map(|n| &n.value) {
            Some(Value::Seq(items)) => items
                .iter()
                .map(|n| {
                    n.get("id")
                        .and_then(Node::scalar_text)
                        .unwrap_or_default()
                        .into_owned()
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let objective_ids = ids(doc.spans.get("objectives"));
    let kr_ids = ids(doc
        .spans
        .at(&Route::objective(i))
        .and_then(|o| o.get("key_results")));
    let unique = |v: &[String], x: usize| v.iter().filter(|s| **s == v[x]).count() == 1;
    if unique(&objective_ids, i) && unique(&kr_ids, j) {
        let found = edit::find(&doc.spans, &objective_ids[i], Some(&kr_ids[j]));
        if found.as_ref() != Some(&route) {
            return Err(format!(
                "find({}, {}) is {found:?}, not {route}",
                objective_ids[i], kr_ids[j]
            ));
        }
    }

    let (start, end) = (
        doc.base + old_value.span.start,
        doc.base + old_value.span.end,
    );
    let old = doc.text.as_str();
    let old_scalar = old
        .get(start..end)
        .ok_or("the value's span is not in the text")?;
    let _ = writeln!(
        log,
        "set {route}.{key} = {value:?} (old text {old_scalar:?} at {start}..{end})"
    );
    let multi_line = old_scalar.contains('\n');
    // The span is the value's own text: alone, it reads as the same value.
    if !multi_line && !old_scalar.is_empty() {
        let alone = parse(&format!("k: {old_scalar}\n"))
            .map_err(|p| format!("the old value's text alone does not parse: {}", p.message))?;
        let old_plain = doc.tree.at(&route.clone().key(key)).unwrap();
        if alone.get("k") != Some(old_plain) {
            return Err(format!(
                "the span {start}..{end} ({old_scalar:?}) is not the value {:?}",
                old_plain.value
            ));
        }
    }

    let set = Set {
        map: route.clone(),
        key,
        value: value.clone(),
        after: CURRENT_AFTER,
    };
    let new = match edit::set_scalar(old, &set) {
        Ok(new) => new,
        Err(e) if multi_line => {
            let _ = writeln!(log, "refused: {e:#}");
            return Ok(Outcome::Refused);
        }
        Err(e) => return Err(format!("refused: {e:#}")),
    };
    let yaml = value.yaml_text();
    let _ = writeln!(log, "wrote {yaml:?}");
    check_form(old, &new)?;

    // Every byte but the old value's is the old byte.
    if old_scalar.is_empty() {
        single_insertion(old, &new)?;
    } else {
        if !new.starts_with(&old[..start]) {
            return Err("the text before the value changed".into());
        }
        if !new.ends_with(&old[end..]) {
            return Err("the text after the value changed".into());
        }
        if new.len() != start + yaml.len() + (old.len() - end) {
            return Err(format!(
                "{} bytes were written in place of the value, not {}",
                new.len() + end - start - old.len(),
                yaml.len()
            ));
        }
        if new[start..start + yaml.len()] != yaml {
            return Err(format!(
                "{:?} was written, not {yaml:?}",
                &new[start..start + yaml.len()]
            ));
        }
    }

    // The value reads back; the rest of the tree is the old tree.
    let mut tree = parse(&new).map_err(|p| {
        format!(
            "the new text does not parse: line {}: {}",
            p.pos.line, p.message
        )
    })?;
    let at = route.clone().key(key);
    let node = node_mut(&mut tree, &at).ok_or("the key is gone")?;
    if !reads_as(node, &value) {
        return Err(format!(
            "{at} reads back as {:?}, not {value:?}",
            node.value
        ));
    }
    *node = doc.tree.at(&at).unwrap().clone();
    if tree != doc.tree {
        return Err("something besides the value changed in the tree".into());
    }
    Ok(Outcome::Edited)
}

use okr::commands::support::checkin::{CONFIDENCE_AFTER, CURRENT_AFTER};

// ---------------------------------------------------------------- property 2: new confidence

fn confidence_case(doc: &Doc, rng: &mut Rng, log: &mut String) -> Option<CaseResult> {
    let candidates: Vec<(usize, usize)> = doc
        .krs
        .iter()
        .copied()
        .filter(|&(i, j)| {
            doc.spans
                .at(&Route::key_result(i, j))
                .is_some_and(|kr| kr.get("confidence").is_none())
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let &(i, j) = rng.pick(&candidates);
    Some(confidence_on(doc, i, j, rng, log))
}

fn confidence_on(doc: &Doc, i: usize, j: usize, rng: &mut Rng, log: &mut String) -> CaseResult {
    let route = Route::key_result(i, j);
    let kr = doc.spans.at(&route).expect("a key result");
    let entries = map_entries(kr);
    let value = Scalar::Number(rng.int(0, 20) as f64 / 20.0);
    let line = format!("confidence: {}", value.yaml_text());
    let old = doc.text.as_str();
    let base = doc.base;
    let _ = writeln!(log, "set {route}.confidence = {value:?}, expect {line:?}");

    // Where it goes: after the first of CONFIDENCE_AFTER with a one-line value, else the last such.
    let one_line = |v: &Node| {
        !matches!(v.value, Value::Map(_) | Value::Seq(_))
            && old
                .get(base + v.span.start..base + v.span.end)
                .is_some_and(|t| !t.is_empty() && !t.contains('\n'))
    };
    let anchor = CONFIDENCE_AFTER
        .iter()
        .find_map(|want| entries.iter().position(|(k, _)| key_is(k, want)))
        .filter(|&a| one_line(&entries[a].1))
        .or_else(|| entries.iter().rposition(|(_, v)| one_line(v)));
    let set = Set {
        map: route.clone(),
        key: "confidence",
        value: value.clone(),
        after: CONFIDENCE_AFTER,
    };
    let result = edit::set_scalar(old, &set);
    let Some(anchor) = anchor else {
        return match result {
            Err(_) => Ok(Outcome::Refused),
            Ok(_) => Err("a key result with no one-line value took a new key".into()),
        };
    };
    let new = result.map_err(|e| format!("refused: {e:#}"))?;
    check_form(old, &new)?;
    let anchor_end = base + entries[anchor].1.span.end;
    let first_key = &entries[0].0;
    let before_first = &old[..base + first_key.span.start];
    let flow = before_first.trim_end_matches([' ', '\t']).ends_with('{');

    if flow {
        let want = format!("{}, {line}{}", &old[..anchor_end], &old[anchor_end..]);
        if new != want {
            let _ = writeln!(log, "expected:\n{want}");
            return Err(
                "the flow mapping did not get `, confidence: X` after its anchor value".into(),
            );
        }
    } else {
        single_insertion(old, &new)?;
        let old_lines: Vec<&str> = old.lines().collect();
        let mut new_lines: Vec<&str> = new.lines().collect();
        if new_lines.len() != old_lines.len() + 1 {
            return Err(format!(
                "{} lines were added, not 1",
                new_lines.len() as isize - old_lines.len() as isize
            ));
        }
        if old.ends_with('\n') != new.ends_with('\n') {
            return Err("the final newline was added or lost".into());
        }
        // The indentation of the keys of this mapping: of a key that starts its line.
        let indent = entries
            .iter()
            .find_map(|(k, _)| {
                let start = base + k.span.start;
                let line_start = old[..start].rfind('\n').map_or(0, |p| p + 1);
                let lead = &old[line_start..start];
                lead.bytes().all(|b| b == b' ').then_some(lead.len())
            })
            .unwrap_or(first_key.pos.column as usize - 1);
        let at = old[..anchor_end].matches('\n').count() + 1;
        let want = format!("{}{line}", " ".repeat(indent));
        if new_lines[at] != want {
            return Err(format!(
                "line {} is {:?}, not {want:?}",
                at + 1,
                new_lines[at]
            ));
        }
        new_lines.remove(at);
        if new_lines != old_lines {
            return Err("the other lines changed".into());
        }
    }

    let mut tree = parse(&new).map_err(|p| {
        format!(
            "the new text does not parse: line {}: {}",
            p.pos.line, p.message
        )
    })?;
    let node = node_mut(&mut tree, &route).ok_or("the key result is gone")?;
    let Value::Map(entries) = &mut node.value else {
        return Err("the key result is no longer a mapping".into());
    };
    match entries.get(anchor + 1) {
        Some((k, v)) if key_is(k, "confidence") && reads_as(v, &value) => {}
        other => return Err(format!("the entry after the anchor is {other:?}")),
    }
    entries.remove(anchor + 1);
    if tree != doc.tree {
        return Err("something besides the new key changed in the tree".into());
    }
    Ok(Outcome::Edited)
}

// ---------------------------------------------------------------- property 3: appends

const PIECES: &[&str] = &[
    "提高留存",
    "目标",
    "签约 12 家企业客户",
    "留存率: 5%",
    "2026",
    "42",
    "0.5",
    "1e3",
    "a: b",
    "#1",
    "# lead",
    "x # y",
    "'single'",
    "\"double\"",
    "it's",
    "- dash",
    "? question",
    "key:",
    "true",
    "null",
    "~",
    "yes",
    "[x]",
    "{y}",
    "&anchor",
    "*alias",
    "!tag",
    "%pct",
    "@at",
    "`tick`",
    "|",
    ">",
    "x, y",
    "Ünïcödé",
    "🚀 launch",
    "back\\slash",
    "—",
    "2026-12-01",
    "0x1F",
    "+1",
    "-5",
    ".5",
    "<<",
    "Q4 重点: 通过 SOC 2",
    "100%",
];

fn title(rng: &mut Rng) -> String {
    let mut s = String::new();
    for k in 0..rng.int(1, 3) {
        if k > 0 && !rng.one_in(4) {
            s.push(' ');
        }
        s.push_str(rng.pick_str(PIECES));
    }
    if rng.one_in(20) {
        s = format!(" {s}");
    }
    if rng.one_in(20) {
        s.push(' ');
    }
    s
}

fn id(rng: &mut Rng, k: u64) -> String {
    match rng.below(8) {
        0 => format!("{}", 1000 + k),
        1 => format!("{k}-q4-x"),
        2 => format!("留存-{k}"),
        3 => format!("{}.{}", k, rng.below(10)),
        _ => format!(
            "{}-{k}",
            rng.pick(&["new", "kr", "true", "null", "0x", "e3", "yes"])
        ),
    }
}

fn unit(rng: &mut Rng) -> &'static str {
    rng.pick_str(&[
        "%", "ms", "M CNY", "次/周", "#", "1:1", "users", "pp", "'", "- x",
    ])
}

fn kr_item(rng: &mut Rng, k: u64) -> Item {
    let mut item = Item::default()
        .str("id", &id(rng, k))
        .str("title", &title(rng));
    if rng.one_in(2) {
        item = item.str("owner", rng.pick_str(&["li.wei", "zhang.san", "a-b"]));
    }
    match rng.below(3) {
        0 => {
            item = item
                .num("start", number(rng))
                .num("target", number(rng))
                .num("current", number(rng));
            if rng.one_in(2) {
                item = item.str("unit", unit(rng));
            }
        }
        1 => {
            item = item.with("done", Scalar::Bool(rng.one_in(2))).str(
                "due",
                &format!("2026-{:02}-{:02}", rng.int(10, 12), rng.int(1, 28)),
            );
        }
        _ => {
            let key = if rng.one_in(2) {
                "keep_above"
            } else {
                "keep_below"
            };
            item = item.num(key, number(rng)).num("current", number(rng));
        }
    }
    if rng.one_in(3) {
        item = item.num("confidence", rng.int(0, 10) as f64 / 10.0);
    }
    item
}

fn objective_item(rng: &mut Rng, k: u64) -> Item {
    let mut item = Item::default()
        .str("id", &id(rng, k))
        .str("title", &title(rng))
        .str("owner", "li.wei");
    match rng.below(3) {
        0 => {
            item = item.str(
                "aligns",
                rng.pick_str(&["q4-retention", "fy26-growth/mau", "2026"]),
            )
        }
        1 => {
            item = item.list(
                "aligns",
                vec!["q4-retention".into(), "fy26-growth/mau".into(), title(rng)],
            )
        }
        _ => {}
    }
    if rng.one_in(2) {
        item = item.str("origin", rng.pick_str(&["bottom-up", "top-down"]));
    }
    if !rng.one_in(3) {
        let krs = (0..rng.int(1, 2))
            .map(|n| kr_item(rng, k * 10 + n as u64))
            .collect();
        item = item.items("key_results", krs);
    }
    item
}

/// Whether `actual` reads as the item (numbers compared as numbers).
fn reads_as_item(actual: &Node, item: &Item) -> Result<(), String> {
    let entries = map_entries(actual);
    if entries.len() != item.0.len() {
        return Err(format!("{} keys, not {}", entries.len(), item.0.len()));
    }
    for ((k, v), (key, field)) in entries.iter().zip(&item.0) {
        if !key_is(k, key) {
            return Err(format!("key {:?}, not {key}", k.value));
        }
        let ok = match field {
            Field::Scalar(s) => reads_as(v, s),
            Field::List(items) => match &v.value {
                Value::Seq(nodes) => {
                    nodes.len() == items.len()
                        && nodes
                            .iter()
                            .zip(items)
                            .all(|(n, s)| matches!(&n.value, Value::Str(t) if t == s))
                }
                _ => false,
            },
            Field::Items(items) => match &v.value {
                Value::Seq(nodes) => {
                    nodes.len() == items.len()
                        && nodes
                            .iter()
                            .zip(items)
                            .all(|(n, i)| reads_as_item(n, i).is_ok())
                }
                _ => false,
            },
        };
        if !ok {
            return Err(format!(
                "`{key}` reads back as {:?}, not {field:?}",
                v.value
            ));
        }
    }
    Ok(())
}

fn append_case(doc: &Doc, rng: &mut Rng, k: u64, log: &mut String) -> CaseResult {
    let (owner, key, item) = if doc.objectives.is_empty() || rng.one_in(3) {
        (Route::root(), "objectives", objective_item(rng, k))
    } else {
        (
            Route::objective(*rng.pick(&doc.objectives)),
            "key_results",
            kr_item(rng, k),
        )
    };
    let _ = writeln!(log, "append to {owner}.{key}: {item:?}");
    let old = doc.text.as_str();
    let new = edit::append(old, &owner, key, &item).map_err(|e| format!("refused: {e:#}"))?;
    check_form(old, &new)?;
    let (p, n) = single_insertion(old, &new)?;
    let _ = writeln!(log, "inserted at {p}: {:?}", &new[p..p + n]);

    let mut tree = parse(&new).map_err(|p| {
        format!(
            "the new text does not parse: line {}: {}",
            p.pos.line, p.message
        )
    })?;
    let list_route = owner.clone().key(key);
    let list = node_mut(&mut tree, &list_route).ok_or("the list is gone")?;
    let Value::Seq(items) = &mut list.value else {
        return Err(format!("{list_route} is no longer a list"));
    };
    let last = items.pop().ok_or("the list is empty")?;
    let n = items.len();
    reads_as_item(&last, &item).map_err(|e| format!("the new item: {e}"))?;
    let created = doc.tree.at(&owner).and_then(|o| o.get(key)).is_none();
    if created {
        return Err("test corpus: the list did not exist".into());
    }
    if tree != doc.tree {
        return Err("something besides the new item changed in the tree".into());
    }
    // The file still decodes, with no new finding, and the new item is where it was put.
    let tree = parse(&new).unwrap();
    let findings = decode(&tree);
    if findings != doc.findings {
        let added: Vec<&String> = findings
            .iter()
            .filter(|f| !doc.findings.contains(f))
            .map(|f| &f.message)
            .collect();
        return Err(format!("decoding reports new findings: {added:?}"));
    }
    let new_id = match &item.0[0].1 {
        Field::Scalar(Scalar::Str(s)) => s.clone(),
        _ => unreachable!(),
    };
    let (found, expected, exact) = if key == "objectives" {
        let found = edit::find(&tree, &new_id, None);
        (found, Route::objective(n), true)
    } else {
        let Some(okr::finding::Segment::Index(i)) = owner.segments.last() else {
            unreachable!("an objective's route ends with its index")
        };
        let o = tree.at(&owner).unwrap();
        let oid = o.get("id").and_then(Node::scalar_text).unwrap_or_default();
        let found = edit::find(&tree, &oid, Some(&new_id));
        // Objective ids may repeat in a file, and `find` takes the first.
        let exact = edit::find(&tree, &oid, None).as_ref() == Some(&owner);
        (found, Route::key_result(*i, n), exact)
    };
    if found.is_none() || (exact && found.as_ref() != Some(&expected)) {
        return Err(format!(
            "find gives {found:?} for the new item `{new_id}`, not {expected}"
        ));
    }
    Ok(Outcome::Edited)
}

// ---------------------------------------------------------------- the driver

/// Counts of one class of documents.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    cases: usize,
    edited: usize,
    /// Refused where the engine may refuse (a value over several lines).
    refused: usize,
    failed: usize,
}

#[derive(Default)]
struct Tally(BTreeMap<Class, Counts>);

impl Tally {
    fn total(&self) -> Counts {
        let mut t = Counts::default();
        for c in self.0.values() {
            t.cases += c.cases;
            t.edited += c.edited;
            t.refused += c.refused;
            t.failed += c.failed;
        }
        t
    }

    fn of(&self, class: Class) -> Counts {
        self.0.get(&class).copied().unwrap_or_default()
    }
}

fn cases(default: u64) -> u64 {
    std::env::var("EDIT_PROPS_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn replay_seed() -> Option<u64> {
    let s = std::env::var("EDIT_PROPS_SEED").ok()?;
    let s = s.trim_start_matches("0x");
    Some(u64::from_str_radix(s, 16).expect("EDIT_PROPS_SEED is hex"))
}

/// A document of a class picked at random (the classes equally likely).
fn pick_doc<'a>(docs: &'a [Doc], rng: &mut Rng) -> &'a Doc {
    let class = *rng.pick(&[Class::Example, Class::GenOrg, Class::Variant, Class::Extra]);
    let of_class: Vec<&Doc> = docs.iter().filter(|d| d.class == class).collect();
    of_class[rng.below(of_class.len())]
}

/// Runs `n` cases of a property, each on a random document with its own seed;
/// panics with the seed, document and case of the failures. A case returns
/// `None` when the document has nothing to try it on.
fn run(
    name: &str,
    property: u64,
    n: u64,
    case: impl Fn(&Doc, &mut Rng, u64, &mut String) -> Option<CaseResult>,
) -> Tally {
    let docs = corpus();
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    let seeds: Vec<u64> = match replay_seed() {
        Some(seed) => vec![seed],
        None => (0..n).map(|k| case_seed(property, k)).collect(),
    };
    for (k, &seed) in seeds.iter().enumerate() {
        let mut rng = Rng::new(seed);
        let doc = pick_doc(docs, &mut rng);
        let mut log = String::new();
        let result = catch_unwind(AssertUnwindSafe(|| case(doc, &mut rng, k as u64, &mut log)));
        let result = match result {
            Ok(Some(r)) => r,
            Ok(None) => continue,
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                Err(format!("PANIC: {msg}"))
            }
        };
        let counts = tally.0.entry(doc.class).or_default();
        counts.cases += 1;
        match result {
            Ok(Outcome::Edited) => counts.edited += 1,
            Ok(Outcome::Refused) => counts.refused += 1,
            Err(e) => {
                counts.failed += 1;
                failures.push(format!(
                    "{name}: seed 0x{seed:016x} on {}: {e}\n{log}",
                    doc.name
                ));
            }
        }
    }
    let total = tally.total();
    eprintln!(
        "{name}: {} cases in {:.2?} ({} documents): {} edited, {} refused as allowed, {} failed; by class: {:?}",
        total.cases,
        started.elapsed(),
        docs.len(),
        total.edited,
        total.refused,
        total.failed,
        tally.0
    );
    if !failures.is_empty() {
        panic!(
            "{} of {} cases failed; the first ones (replay one with EDIT_PROPS_SEED=0x...):\n\n{}",
            failures.len(),
            total.cases,
            failures[..failures.len().min(5)].join("\n")
        );
    }
    tally
}

/// The engine refuses no edit of the example files and the generated files.
fn assert_plain_files_never_refused(tally: &Tally) {
    if replay_seed().is_some() {
        return;
    }
    let examples = tally.of(Class::Example);
    assert!(examples.cases > 0, "no case ran on the example files");
    assert_eq!(
        examples.edited, examples.cases,
        "the engine refused edits of the example files: {examples:?}"
    );
    let generated = tally.of(Class::GenOrg);
    assert!(generated.cases > 0, "no case ran on the generated files");
    assert_eq!(
        generated.edited, generated.cases,
        "the engine refused edits of the generated files: {generated:?}"
    );
}

#[test]
fn value_edits_change_only_the_value() {
    let tally = run("values", 0x0076_a10e, cases(1200), |doc, rng, _, log| {
        let _ = writeln!(log, "{}", doc.name);
        if doc.krs.is_empty() {
            return None;
        }
        Some(value_case(doc, rng, log))
    });
    assert_plain_files_never_refused(&tally);
    let total = tally.total();
    assert!(
        replay_seed().is_some() || total.edited * 10 >= total.cases * 9,
        "{total:?}"
    );
}

#[test]
fn a_new_confidence_is_one_line_beside_its_siblings() {
    let tally = run("confidence", 0xc0f1_de0c, cases(800), |doc, rng, _, log| {
        let _ = writeln!(log, "{}", doc.name);
        confidence_case(doc, rng, log)
    });
    assert_plain_files_never_refused(&tally);
    let total = tally.total();
    assert!(
        replay_seed().is_some() || total.edited * 10 >= total.cases * 9,
        "{total:?}"
    );
}

#[test]
fn appends_insert_one_run_of_text() {
    let tally = run("appends", 0x0a99_e0d5, cases(400), |doc, rng, k, log| {
        let _ = writeln!(log, "{}", doc.name);
        Some(append_case(doc, rng, k, log))
    });
    assert_plain_files_never_refused(&tally);
    let total = tally.total();
    assert_eq!(total.edited, total.cases, "{total:?}");
}

// ---------------------------------------------------------------- the checks themselves

/// The checks above catch what they are meant to catch.
#[test]
fn the_checks_reject_bad_edits() {
    assert_eq!(single_insertion("abc", "abXYc"), Ok((2, 2)));
    assert_eq!(single_insertion("abc", "abc"), Ok((3, 0)));
    assert!(single_insertion("abc", "aXbYc").is_err());
    assert!(single_insertion("abc", "ab").is_err());
    assert!(check_form("a\r\nb\r\n", "a\r\nb\nc\r\n").is_err());
    assert!(check_form("a\nb\n", "a\nb\r\n").is_err());
    assert!(check_form("\u{feff}a\n", "a\n").is_err());
    assert!(check_form("a\n", "\u{feff}a\n").is_err());
    assert!(check_form("a\r\nb", "a\r\nb\r\nc").is_ok());
    let node = |value| Node {
        pos: Default::default(),
        span: Default::default(),
        value,
    };
    assert!(reads_as(&node(Value::Int(3)), &Scalar::Number(3.0)));
    assert!(reads_as(&node(Value::Float(0.5)), &Scalar::Number(0.5)));
    assert!(!reads_as(
        &node(Value::Str("3".into())),
        &Scalar::Number(3.0)
    ));
    assert!(!reads_as(&node(Value::Bool(true)), &Scalar::Bool(false)));
    // Every tweak makes a different text that still parses.
    let text = fs::read_to_string(manifest().join("examples/okrs/2026-Q4/product.yaml")).unwrap();
    for tweak in TWEAKS {
        let variant = apply_tweaks(&text, &[tweak]);
        assert_ne!(variant, text, "{tweak:?} changed nothing");
        assert!(parse(&variant).is_ok(), "{tweak:?}");
    }
}

// ------------------------------------------------- regressions found by probing

/// A key inserted after the last line of a CRLF file that has no final
/// newline takes the file's CRLF (the last line has no ending to copy).
#[test]
fn a_key_added_at_the_end_of_a_crlf_file_without_final_newline_uses_crlf() {
    let text = "a:\r\n  x: 1";
    let set = Set {
        map: Route::root().key("a"),
        key: "y",
        value: Scalar::Number(2.0),
        after: &[],
    };
    let out = edit::set_scalar(text, &set).unwrap();
    assert_eq!(out, "a:\r\n  x: 1\r\n  y: 2");
}

/// Strings that YAML 1.1 would read as numbers (`2024_01`, `1_000`, `0b1_0`)
/// are appended quoted, so they read back as strings.
#[test]
fn appended_strings_that_look_like_yaml_1_1_numbers_stay_strings() {
    let text = "objectives:\n  - id: o\n";
    for s in ["2024_01", "1_000", "+1_0", "0b1_0"] {
        let item = Item::default().str("id", s).str("title", s);
        let out = edit::append(text, &Route::root(), "objectives", &item)
            .unwrap_or_else(|e| panic!("{s}: {e:#}"));
        let tree = parse(&out).unwrap();
        let added = tree.at(&Route::objective(1)).unwrap();
        assert_eq!(added.get("id").unwrap().value, Value::Str(s.into()));
        assert_eq!(added.get("title").unwrap().value, Value::Str(s.into()));
    }
}

/// Large integral numbers are written so that they read back as the same number.
#[test]
fn large_integral_numbers_read_back() {
    let text = "a: 1\n";
    for x in [1e15, -1e15, 1e16] {
        let set = Set {
            map: Route::root(),
            key: "a",
            value: Scalar::Number(x),
            after: &[],
        };
        let out = edit::set_scalar(text, &set).unwrap_or_else(|e| panic!("{x}: {e:#}"));
        assert!(reads_as(
            parse(&out).unwrap().get("a").unwrap(),
            &Scalar::Number(x)
        ));
    }
}

/// U+007F (DEL) is not allowed as it is in a YAML scalar: it is escaped.
#[test]
fn strings_with_del_are_escaped() {
    let set = Set {
        map: Route::root(),
        key: "a",
        value: Scalar::Str("x\u{7f}".into()),
        after: &[],
    };
    let out = edit::set_scalar("a: 1\n", &set).unwrap();
    assert!(reads_as(
        parse(&out).unwrap().get("a").unwrap(),
        &Scalar::Str("x\u{7f}".into())
    ));
}
