//! Editing OKR files without losing a byte. Uses the model, load's parser and
//! the routes of findings, and writes through load's atomic writer; it knows
//! no git and commits nothing (`commands::support::writer` does).
//!
//! Two tools, each for what it does best:
//! - a **scalar splice** for values (`current`, `done`, `confidence`): the
//!   bytes of the scalar the parser located are replaced, and nothing else;
//!   a key not yet written gets one new line (or flow entry) beside a sibling;
//! - **structural appends** through yaml-edit, a lossless YAML editor, for new
//!   objectives and key results.
//!
//! Every edit is verified before anyone sees it: the new text is parsed, and
//! its tree must equal the old tree with exactly the intended change. The
//! text outside the edit must be byte for byte the old text. Anything else
//! refuses the edit, and the file is left as it was.

pub mod write;

use std::str::FromStr;

use anyhow::{Context, Result, bail, ensure};

use crate::finding::{Route, Segment};
use crate::load::parse;
use crate::load::parse_with_positions;
use crate::load::yaml::{Node, Value};
pub use crate::model::common_ends;
use crate::model::{Pos, Span, exact_integer, format_number};

/// A scalar value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Number(f64),
    Str(String),
}

impl Scalar {
    /// The YAML text of the value: plain where that reads back the same, else double-quoted.
    pub fn yaml_text(&self) -> String {
        match self {
            Scalar::Bool(b) => b.to_string(),
            Scalar::Number(x) => format_number(*x),
            Scalar::Str(s) => quote(s),
        }
    }

    /// The tree node the text reads back as.
    pub fn value(&self) -> Value {
        match self {
            Scalar::Bool(b) => Value::Bool(*b),
            Scalar::Number(x) => number_value(*x),
            Scalar::Str(s) => Value::Str(s.clone()),
        }
    }
}

/// Integers up to 2^53 (exact in a float) are written and read back as integers.
fn number_value(x: f64) -> Value {
    exact_integer(x).map_or(Value::Float(x), Value::Int)
}

/// A string as a YAML scalar: plain when it cannot be read as anything else.
fn quote(s: &str) -> String {
    let plain_safe = !s.is_empty()
        && s.trim() == s
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.contains(['\n', '\r', '\t'])
        && matches!(parse(&format!("k: {s}\n")), Ok(node) if node.get("k").map(|v| &v.value) == Some(&Value::Str(s.to_owned())));
    if plain_safe {
        s.to_owned()
    } else {
        double_quoted(s)
    }
}

/// A YAML double-quoted scalar: escapes for `"`, `\\` and every character YAML
/// does not allow as it is (controls, C1 controls, DEL, non-characters).
fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{20}'..='\u{7e}'
            | '\u{a0}'..='\u{d7ff}'
            | '\u{e000}'..='\u{fffd}'
            | '\u{10000}'.. => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02X}", c as u32)),
            c => out.push_str(&format!("\\u{:04X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// One key of a mapping to set to a scalar.
#[derive(Debug, Clone)]
pub struct Set<'a> {
    /// The mapping that holds the key.
    pub map: Route,
    pub key: &'a str,
    pub value: Scalar,
    /// Where a missing key goes: after the first of these keys the mapping has
    /// (else after its last scalar entry).
    pub after: &'a [&'a str],
}

/// Sets one scalar and returns the new text, verified.
pub fn set_scalar(text: &str, set: &Set<'_>) -> Result<String> {
    let tree =
        parse_with_positions(text).context("the file does not parse, so okr will not edit it")?;
    let base = bom_len(text);
    let map = tree
        .at(&set.map)
        .with_context(|| format!("no mapping at `{}`", set.map))?;
    let Value::Map(entries) = &map.value else {
        bail!("`{}` is not a mapping", set.map);
    };
    let new_text = set.value.yaml_text();
    let (edited, expected_index) = match entries
        .iter()
        .position(|(k, _)| k.scalar_text().as_deref() == Some(set.key))
    {
        Some(i) => {
            let (key, value) = &entries[i];
            (replace_value(text, base, key, value, &new_text)?, None)
        }
        None => {
            let (anchor, flow) = insertion_anchor(text, base, map, set.after)?;
            let (key, value) = &entries[anchor];
            let edited = if flow {
                let at = base + value.span.end;
                splice(text, at, at, &format!(", {}: {new_text}", set.key))
            } else {
                insert_line(text, base, key, value, &format!("{}: {new_text}", set.key))
            };
            (edited, Some(anchor + 1))
        }
    };
    verify(text, &edited, Shape::Replace, |root| {
        let Some(Value::Map(entries)) = root.at_mut(&set.map).map(|n| &mut n.value) else {
            return false;
        };
        let node = plain(set.value.value());
        match expected_index {
            None => match entries
                .iter_mut()
                .find(|(k, _)| k.scalar_text().as_deref() == Some(set.key))
            {
                Some((_, v)) => *v = node,
                None => return false,
            },
            Some(i) => entries.insert(i, (plain(Value::Str(set.key.to_owned())), node)),
        }
        true
    })?;
    Ok(edited)
}

/// Replaces the bytes of a scalar value.
fn replace_value(text: &str, base: usize, key: &Node, value: &Node, new: &str) -> Result<String> {
    match &value.value {
        Value::Map(_) | Value::Seq(_) => bail!(
            "`{}` holds a {} where okr expects a single value; fix it by hand",
            key.scalar_text().unwrap_or_default(),
            value.value.kind()
        ),
        _ => {}
    }
    let (start, end) = (base + value.span.start, base + value.span.end);
    ensure!(
        start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end),
        "the parser placed the value outside the file"
    );
    let old = &text[start..end];
    if old.is_empty() {
        // `key:` with nothing after it: write the value after the colon.
        let colon = text[base + key.span.end..]
            .find(':')
            .map(|i| base + key.span.end + i + 1)
            .context("no `:` after the key")?;
        return Ok(splice(text, colon, colon, &format!(" {new}")));
    }
    ensure!(
        !old.contains('\n'),
        "the value of `{}` spans several lines; write it on one line, then try again",
        key.scalar_text().unwrap_or_default()
    );
    Ok(splice(text, start, end, new))
}

/// The entry a new key goes after, and whether the mapping is a flow mapping.
fn insertion_anchor(text: &str, base: usize, map: &Node, after: &[&str]) -> Result<(usize, bool)> {
    let Value::Map(entries) = &map.value else {
        bail!("not a mapping");
    };
    let single_line_scalar = |(_, v): &(Node, Node)| {
        !matches!(v.value, Value::Map(_) | Value::Seq(_))
            && !text
                .get(base + v.span.start..base + v.span.end)
                .is_none_or(|t| t.is_empty() || t.contains('\n'))
    };
    let anchor = after
        .iter()
        .find_map(|want| {
            entries
                .iter()
                .position(|(k, _)| k.scalar_text().as_deref() == Some(*want))
        })
        .filter(|&i| single_line_scalar(&entries[i]))
        .or_else(|| entries.iter().rposition(single_line_scalar))
        .context("the mapping has no single-line value to place a new key beside")?;
    let flow = text[base + map.span.start..].starts_with('{');
    Ok((anchor, flow))
}

/// Inserts `line` after the line of `value`, indented like `key`.
fn insert_line(text: &str, base: usize, key: &Node, value: &Node, line: &str) -> String {
    let key_start = base + key.span.start;
    let line_start = text[..key_start].rfind('\n').map_or(0, |i| i + 1);
    let indent = text[line_start..key_start].chars().count();
    let end = base + value.span.end;
    let eol = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let crlf = if eol < text.len() {
        text.as_bytes()[eol - 1] == b'\r'
    } else {
        text.contains("\r\n")
    };
    let at = if eol < text.len() && crlf {
        eol - 1
    } else {
        eol
    };
    let newline = if crlf { "\r\n" } else { "\n" };
    splice(
        text,
        at,
        at,
        &format!("{newline}{}{line}", " ".repeat(indent)),
    )
}

fn splice(text: &str, start: usize, end: usize, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..start]);
    out.push_str(with);
    out.push_str(&text[end..]);
    out
}

fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

/// A value of a new mapping entry.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Scalar(Scalar),
    List(Vec<String>),
    Items(Vec<Item>),
}

/// A new mapping (an objective, a key result) as ordered keys and values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item(pub Vec<(&'static str, Field)>);

impl Item {
    pub fn with(mut self, key: &'static str, value: Scalar) -> Self {
        self.0.push((key, Field::Scalar(value)));
        self
    }

    pub fn str(self, key: &'static str, value: &str) -> Self {
        self.with(key, Scalar::Str(value.to_owned()))
    }

    pub fn num(self, key: &'static str, value: f64) -> Self {
        self.with(key, Scalar::Number(value))
    }

    pub fn list(mut self, key: &'static str, values: Vec<String>) -> Self {
        self.0.push((key, Field::List(values)));
        self
    }

    pub fn items(mut self, key: &'static str, items: Vec<Item>) -> Self {
        self.0.push((key, Field::Items(items)));
        self
    }

    /// The tree the item reads back as.
    pub fn node(&self) -> Node {
        plain(Value::Map(
            self.0
                .iter()
                .map(|(k, v)| {
                    let value = match v {
                        Field::Scalar(s) => s.value(),
                        Field::List(items) => {
                            Value::Seq(items.iter().map(|s| plain(Value::Str(s.clone()))).collect())
                        }
                        Field::Items(items) => Value::Seq(items.iter().map(Item::node).collect()),
                    };
                    (plain(Value::Str((*k).to_owned())), plain(value))
                })
                .collect(),
        ))
    }

    fn builder(&self) -> yaml_edit::MappingBuilder {
        self.fill(yaml_edit::MappingBuilder::new())
    }

    fn fill(&self, mut b: yaml_edit::MappingBuilder) -> yaml_edit::MappingBuilder {
        for (key, value) in &self.0 {
            b = match value {
                Field::Scalar(Scalar::Bool(v)) => b.pair(*key, *v),
                Field::Scalar(Scalar::Number(x)) => match number_value(*x) {
                    Value::Int(i) => b.pair(*key, i),
                    _ => b.pair(*key, *x),
                },
                Field::Scalar(Scalar::Str(s)) => b.pair(*key, edit_scalar(s)),
                Field::List(items) => b.sequence(*key, |mut s| {
                    for item in items {
                        s = s.item(edit_scalar(item));
                    }
                    s
                }),
                Field::Items(items) => b.sequence(*key, |mut s| {
                    for item in items {
                        s = s.mapping(|m| item.fill(m));
                    }
                    s
                }),
            };
        }
        b
    }

    /// The item as block YAML, each line indented by `indent` and the first
    /// starting with `- `.
    fn render(&self, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        for (i, (key, value)) in self.0.iter().enumerate() {
            out.push_str(&pad);
            out.push_str(if i == 0 { "- " } else { "  " });
            out.push_str(key);
            out.push(':');
            match value {
                Field::Scalar(s) => {
                    out.push(' ');
                    out.push_str(&s.yaml_text());
                    out.push('\n');
                }
                Field::List(items) => {
                    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
                    out.push_str(&format!(" [{}]\n", quoted.join(", ")));
                }
                Field::Items(items) if items.is_empty() => out.push_str(" []\n"),
                Field::Items(items) => {
                    out.push('\n');
                    for item in items {
                        item.render(indent + 4, out);
                    }
                }
            }
        }
    }
}

/// The text of a new OKR file: comment lines, top-level scalars, and the
/// objectives in block style; verified to read back as exactly that.
pub fn new_file(
    comments: &[String],
    header: &[(&'static str, Scalar)],
    objectives: &[Item],
) -> Result<String> {
    let mut text = String::new();
    for c in comments {
        text.push_str("# ");
        text.push_str(c);
        text.push('\n');
    }
    for (key, value) in header {
        text.push_str(&format!("{key}: {}\n", value.yaml_text()));
    }
    text.push_str("objectives:\n");
    for o in objectives {
        o.render(2, &mut text);
    }
    let mut expected = Item::default();
    for (key, value) in header {
        expected = expected.with(key, value.clone());
    }
    let expected = expected.items("objectives", objectives.to_vec()).node();
    let actual = parse(&text).context("the new file would not parse")?;
    ensure!(
        actual == expected,
        "the new file would not read back as intended"
    );
    Ok(text)
}

/// A string for yaml-edit: plain when that reads back as the same string, else
/// double-quoted (yaml-edit's own choice writes `1_000` plain, a number in YAML 1.1).
fn edit_scalar(s: &str) -> yaml_edit::ScalarValue {
    if quote(s) == s {
        yaml_edit::ScalarValue::plain(s)
    } else {
        yaml_edit::ScalarValue::double_quoted(s)
    }
}

/// Appends `item` to the list under `key` of the mapping at `owner` (creating
/// the list when the key is absent), and returns the new text, verified.
///
/// Lists of mappings at the end of the item (an objective's key results) are
/// appended one by one after it, so that they take the `- id: ...` style of
/// the file's other entries.
pub fn append(text: &str, owner: &Route, key: &str, item: &Item) -> Result<String> {
    let split = item
        .0
        .iter()
        .rposition(|(_, v)| !matches!(v, Field::Items(items) if !items.is_empty()))
        .map_or(0, |i| i + 1);
    if split == item.0.len() {
        return append_one(text, owner, key, item);
    }
    let (flat, nested) = item.0.split_at(split);
    let mut out = append_one(text, owner, key, &Item(flat.to_vec()))?;
    let tree = parse(&out)?;
    let count = match tree.at(owner).and_then(|o| o.get(key)).map(|l| &l.value) {
        Some(Value::Seq(items)) => items.len(),
        _ => bail!("the appended item is not in a list"),
    };
    let route = owner.clone().key(key).index(count - 1);
    for (nested_key, value) in nested {
        if let Field::Items(items) = value {
            for sub in items {
                out = append(&out, &route, nested_key, sub)?;
            }
        }
    }
    Ok(out)
}

fn append_one(text: &str, owner: &Route, key: &str, item: &Item) -> Result<String> {
    let before = parse(text).context("the file does not parse, so okr will not edit it")?;
    let exists = before.at(owner).and_then(|m| m.get(key)).is_some();
    let edited = structural_edit(text, |doc| {
        let mapping = edit_mapping(doc, owner)?;
        let built = item.builder().build_document();
        let new_map = built
            .as_mapping()
            .context("the new item is not a mapping")?;
        if exists {
            let seq = mapping
                .get_sequence(key)
                .with_context(|| format!("`{key}` is not a list"))?;
            seq.push(new_map);
        } else {
            let seq = yaml_edit::SequenceBuilder::new()
                .item(new_map)
                .build_document();
            let seq = seq.as_sequence().context("the new list is not a list")?;
            mapping.set(key, seq);
        }
        Ok(())
    })?;
    verify(text, &edited, Shape::Insert, |root| {
        let Some(Value::Map(entries)) = root.at_mut(owner).map(|n| &mut n.value) else {
            return false;
        };
        match entries
            .iter_mut()
            .find(|(k, _)| k.scalar_text().as_deref() == Some(key))
        {
            Some((
                _,
                Node {
                    value: Value::Seq(items),
                    ..
                },
            )) => items.push(item.node()),
            Some((_, v)) if v.value == Value::Null => v.value = Value::Seq(vec![item.node()]),
            Some(_) => return false,
            None => entries.push((
                plain(Value::Str(key.to_owned())),
                plain(Value::Seq(vec![item.node()])),
            )),
        }
        true
    })?;
    Ok(edited)
}

/// Adds `key` with the block mapping `template` (YAML text, comments kept) at
/// the end of the mapping at `owner`, or in place of its empty (null) value,
/// and returns the new text, verified. A key with a value is left alone.
pub fn insert_mapping(text: &str, owner: &Route, key: &str, template: &str) -> Result<String> {
    let before = parse(text).context("the file does not parse, so okr will not edit it")?;
    let existing = before.at(owner).and_then(|m| m.get(key));
    ensure!(
        existing.is_none_or(|v| v.value == Value::Null),
        "`{owner}` already has `{key}`"
    );
    let replace = existing.is_some();
    let value = parse(template).context("the template does not parse")?;
    let template_doc = yaml_edit::Document::from_str(template)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("the template could not be read")?;
    let edited = structural_edit(text, |doc| {
        let new_map = template_doc
            .as_mapping()
            .context("the template is not a mapping")?;
        edit_mapping(doc, owner)?.set(key, new_map);
        Ok(())
    })?;
    let shape = if replace {
        Shape::Replace
    } else {
        Shape::Insert
    };
    verify(text, &edited, shape, |root| {
        let Some(Value::Map(entries)) = root.at_mut(owner).map(|n| &mut n.value) else {
            return false;
        };
        match entries
            .iter_mut()
            .find(|(k, _)| k.scalar_text().as_deref() == Some(key))
        {
            Some((_, v)) => *v = value,
            None => entries.push((plain(Value::Str(key.to_owned())), value)),
        }
        true
    })?;
    Ok(edited)
}

/// Runs `edit` on the file as a yaml-edit document and returns the new text,
/// with the file's byte-order mark and CRLF line ends (when every line has
/// one) as they were. Not verified: callers compare trees.
fn structural_edit(
    text: &str,
    edit: impl FnOnce(&yaml_edit::Document) -> Result<()>,
) -> Result<String> {
    let crlf = text.contains("\r\n") && !text.replace("\r\n", "").contains('\n');
    let lf_text = if crlf {
        text.replace("\r\n", "\n")
    } else {
        text.to_owned()
    };
    let bom = bom_len(&lf_text);
    let doc = yaml_edit::Document::from_str(&lf_text[bom..])
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("the file could not be read for a structural edit")?;
    edit(&doc)?;
    let mut edited = String::with_capacity(text.len() + 256);
    edited.push_str(&lf_text[..bom]);
    edited.push_str(&doc.to_string());
    if lf_text.ends_with('\n') && !edited.ends_with('\n') {
        edited.push('\n');
    }
    if crlf {
        edited = edited.replace('\n', "\r\n");
    }
    Ok(edited)
}

/// The yaml-edit mapping at a route of keys and indices.
fn edit_mapping(doc: &yaml_edit::Document, route: &Route) -> Result<yaml_edit::Mapping> {
    let mut mapping = doc.as_mapping().context("the file is not a mapping")?;
    let mut segments = route.segments.iter().peekable();
    while let Some(segment) = segments.next() {
        let Segment::Key(key) = segment else {
            bail!("`{route}` does not start with a key");
        };
        mapping = match segments.next_if(|s| matches!(s, Segment::Index(_))) {
            Some(Segment::Index(i)) => mapping
                .get_sequence(key.as_str())
                .and_then(|seq| seq.get(*i))
                .and_then(|node| node.as_mapping().cloned())
                .with_context(|| format!("no mapping at `{route}`"))?,
            _ => mapping
                .get_mapping(key.as_str())
                .with_context(|| format!("no mapping at `{route}`"))?,
        };
    }
    Ok(mapping)
}

/// What an edit may do to the bytes of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Replace one run of bytes (a scalar), or insert one.
    Replace,
    /// Only insert bytes.
    Insert,
}

/// Parses the edited text and compares its tree with the old tree changed by
/// `apply`; refuses when they differ or when the edit touched more bytes than
/// its shape allows.
fn verify(
    before: &str,
    after: &str,
    shape: Shape,
    apply: impl FnOnce(&mut Node) -> bool,
) -> Result<()> {
    let mut expected = parse(before)?;
    ensure!(
        apply(&mut expected),
        "the edit does not fit the file's structure"
    );
    let actual =
        parse(after).context("the edited file would not parse; okr left the file untouched")?;
    ensure!(
        actual == expected,
        "the edit would have changed more than intended; okr left the file untouched (please report this with the file)"
    );
    if shape == Shape::Insert {
        let (prefix, suffix) = common_ends(before.as_bytes(), after.as_bytes());
        ensure!(
            prefix + suffix >= before.len(),
            "the edit would have rewritten existing text; okr left the file untouched (please report this with the file)"
        );
    }
    Ok(())
}

/// A node without a position, as [`parse`] builds them.
fn plain(value: Value) -> Node {
    Node {
        pos: Pos::default(),
        span: Span::default(),
        value,
    }
}

/// The route of the objective with this id, and of its key result when given,
/// found by id in the file's tree (not by the decoded model's order).
pub fn find(root: &Node, objective: &str, key_result: Option<&str>) -> Option<Route> {
    let index_of = |list: Option<&Node>, id: &str| match list.map(|l| &l.value) {
        Some(Value::Seq(items)) => items
            .iter()
            .position(|item| item.get("id").and_then(Node::scalar_text).as_deref() == Some(id)),
        _ => None,
    };
    let i = index_of(root.get("objectives"), objective)?;
    let route = Route::objective(i);
    match key_result {
        None => Some(route),
        Some(kr) => {
            let j = index_of(root.at(&route)?.get("key_results"), kr)?;
            Some(Route::key_result(i, j))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str, map: Route, key: &str, value: Scalar) -> Result<String> {
        set_scalar(
            text,
            &Set {
                map,
                key,
                value,
                after: &["current", "target"],
            },
        )
    }

    const BLOCK: &str = "# top\ncycle: 2026-Q4\nteam: t\nobjectives:\n  - id: o   # keep\n    title: \"标题\"\n    key_results:\n      - id: k\n        start: 18\n        target: 30\n        current: 22  # hand note\n        unit: \"%\"\n";

    #[test]
    fn replaces_only_the_scalar() {
        let out = set(
            BLOCK,
            Route::key_result(0, 0),
            "current",
            Scalar::Number(26.0),
        )
        .unwrap();
        assert_eq!(out, BLOCK.replace("current: 22  #", "current: 26  #"));
    }

    #[test]
    fn inserts_a_missing_key_after_its_sibling() {
        let out = set(
            BLOCK,
            Route::key_result(0, 0),
            "confidence",
            Scalar::Number(0.7),
        )
        .unwrap();
        assert_eq!(
            out,
            BLOCK.replace("# hand note\n", "# hand note\n        confidence: 0.7\n")
        );
    }

    #[test]
    fn flow_mappings_keep_their_other_keys() {
        let text = "objectives:\n  - id: o\n    key_results:\n      - {id: k, start: 18, target: 30, current: 22, unit: \"%\"}\n";
        let out = set(
            text,
            Route::key_result(0, 0),
            "current",
            Scalar::Number(26.0),
        )
        .unwrap();
        assert_eq!(out, text.replace("current: 22", "current: 26"));
        let out = set(
            text,
            Route::key_result(0, 0),
            "confidence",
            Scalar::Number(0.5),
        )
        .unwrap();
        assert_eq!(
            out,
            text.replace("current: 22,", "current: 22, confidence: 0.5,")
        );
    }

    #[test]
    fn crlf_bom_and_missing_final_newline() {
        let text = format!("\u{feff}{}", BLOCK.replace('\n', "\r\n"));
        let text = text.trim_end_matches("\r\n").to_owned();
        let out = set(
            &text,
            Route::key_result(0, 0),
            "confidence",
            Scalar::Number(0.7),
        )
        .unwrap();
        assert_eq!(
            out,
            text.replace(
                "# hand note\r\n",
                "# hand note\r\n        confidence: 0.7\r\n"
            )
        );
        let out = set(
            &text,
            Route::key_result(0, 0),
            "unit",
            Scalar::Str("pp".into()),
        )
        .unwrap();
        assert!(out.ends_with("unit: pp"), "{out:?}");
    }

    #[test]
    fn empty_values_and_quoted_values() {
        let text = "objectives:\n  - id: o\n    key_results:\n      - id: k\n        done:\n        due: '2026-12-01'\n";
        let out = set(text, Route::key_result(0, 0), "done", Scalar::Bool(true)).unwrap();
        assert_eq!(out, text.replace("done:\n", "done: true\n"));
        let text = "a: {x: '22'}\n";
        let out = set(text, Route::root().key("a"), "x", Scalar::Number(3.5)).unwrap();
        assert_eq!(out, "a: {x: 3.5}\n");
    }

    #[test]
    fn refuses_what_it_cannot_do_exactly() {
        let text = "a:\n  x: |\n    22\n";
        assert!(set(text, Route::root().key("a"), "x", Scalar::Number(1.0)).is_err());
        let text = "a:\n  x: [1, 2]\n";
        assert!(set(text, Route::root().key("a"), "x", Scalar::Number(1.0)).is_err());
        assert!(set("a: [\n", Route::root().key("a"), "x", Scalar::Number(1.0)).is_err());
        assert!(set("a: 1\n", Route::root().key("b"), "x", Scalar::Number(1.0)).is_err());
    }

    #[test]
    fn strings_are_quoted_only_when_needed() {
        assert_eq!(quote("li.wei"), "li.wei");
        assert_eq!(quote("提高留存"), "提高留存");
        assert_eq!(quote("2026"), "\"2026\"");
        assert_eq!(quote("true"), "\"true\"");
        assert_eq!(quote("a: b"), "\"a: b\"");
        assert_eq!(quote("# no"), "\"# no\"");
        assert_eq!(quote(""), "\"\"");
    }

    #[test]
    fn appends_keep_every_byte() {
        let item = Item::default()
            .str("id", "k2")
            .str("title", "新的 #1")
            .num("start", 0.0)
            .num("target", 10.5);
        let out = append(BLOCK, &Route::objective(0), "key_results", &item).unwrap();
        assert!(out.starts_with(BLOCK), "{out}");
        let obj = Item::default().str("id", "o2").str("title", "x");
        let out = append(BLOCK, &Route::root(), "objectives", &obj).unwrap();
        assert!(out.starts_with(BLOCK), "{out}");
        assert!(out.ends_with("  - id: o2\n    title: x\n"), "{out}");
        let crlf = BLOCK.replace('\n', "\r\n");
        let out = append(&crlf, &Route::root(), "objectives", &obj).unwrap();
        assert!(
            out.starts_with(&crlf) && !out.replace("\r\n", "").contains('\n'),
            "{out:?}"
        );
    }

    #[test]
    fn new_files_read_back() {
        let kr = Item::default()
            .str("id", "k")
            .str("title", "2026")
            .num("start", 1.0)
            .num("target", 2.0);
        let o = Item::default()
            .str("id", "o")
            .str("title", "目标: 一")
            .list("aligns", vec!["a".into(), "b/c".into()])
            .items("key_results", vec![kr]);
        let text = new_file(
            &["c".into()],
            &[("cycle", Scalar::Str("2026".into()))],
            &[o],
        )
        .unwrap();
        assert_eq!(
            text,
            "# c\ncycle: \"2026\"\nobjectives:\n  - id: o\n    title: \"目标: 一\"\n    aligns: [a, b/c]\n    key_results:\n      - id: k\n        title: \"2026\"\n        start: 1\n        target: 2\n"
        );
    }
}
