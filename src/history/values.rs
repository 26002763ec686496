//! What history reads in one version of an OKR file: each key result's
//! followed values (`current`, `done`, `start`, `target`, the levels to keep,
//! a manual score), by `objective/kr` id, and the lines they stand on. A
//! version that differs from the one before in one value line (the shape of
//! every check-in) is read from that line alone; anything else is parsed.

use std::collections::HashMap;
use std::sync::Arc;

use crate::load::parse_with_positions;
use crate::load::yaml::{Node, Value};
use crate::model::{Field, KeyResult, Pos, Val};

/// The value a node holds, when history follows it: a number or a boolean.
fn val_of(node: &Node) -> Option<Val> {
    match node.value {
        Value::Int(i) => Some(Val::Num(i as f64)),
        Value::Float(f) => Some(Val::Num(f)),
        Value::Bool(b) => Some(Val::Bool(b)),
        _ => None,
    }
}

/// The followed values of one key result at one commit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KrValues {
    pub current: Option<Val>,
    pub done: Option<Val>,
    pub start: Option<f64>,
    pub target: Option<f64>,
    pub keep_above: Option<f64>,
    pub keep_below: Option<f64>,
    pub score: Option<f64>,
}

impl KrValues {
    fn set(&mut self, field: Field, value: Option<Val>) {
        let num = value.and_then(|v| v.number());
        match field {
            Field::Current => self.current = value,
            Field::Done => self.done = value,
            Field::Start => self.start = num,
            Field::Target => self.target = num,
            Field::KeepAbove => self.keep_above = num,
            Field::KeepBelow => self.keep_below = num,
            Field::Score => self.score = num,
        }
    }

    /// The value a check-in sets: `current`, or `done` for a milestone.
    pub fn value(&self) -> Option<Val> {
        self.current.or(self.done)
    }

    /// The score with these values, as [`crate::score::key_result`] gives
    /// it. A `done:` that is a number (no milestone, and no other kind
    /// either) has no score unless a manual one is given.
    pub fn score(&self) -> Option<f64> {
        if self.score.is_none() && matches!(self.done, Some(Val::Num(_))) {
            return None;
        }
        let kr = KeyResult {
            start: self.start,
            target: self.target,
            current: self.current.and_then(|v| v.number()),
            done: match self.done {
                Some(Val::Bool(d)) => Some(d),
                _ => None,
            },
            keep_above: self.keep_above,
            keep_below: self.keep_below,
            score: self.score,
            ..KeyResult::default()
        };
        crate::score::key_result(&kr)
    }
}

/// The followed values on one line: (key result, field, byte columns of the
/// value), and whether the line holds one key and nothing else.
type ValueLine = (Vec<(usize, Field, usize, usize)>, bool);

/// What history knows of one version of one OKR file.
#[derive(Debug, Clone, Default)]
pub struct FileValues {
    pub cycle: Option<String>,
    /// `objective/kr` and its values, in file order.
    pub krs: Vec<(Arc<str>, KrValues)>,
    /// 0-based line -> the followed values on it: (key result, field, byte
    /// columns of the value), and whether the line holds one key and nothing
    /// else. Shared between versions, which mostly differ in one value.
    lines: Arc<HashMap<u32, Arc<ValueLine>>>,
    /// Where each key result's `current` (or `done`) stands, when read with positions.
    pub value_pos: Vec<Option<Pos>>,
}

impl FileValues {
    /// Reads a file's followed values; `None` when it does not parse.
    pub fn read(text: &str) -> Option<FileValues> {
        Self::read_tree(text, parse_with_positions(text).ok()?)
    }

    /// Reads the values only (no value lines), which parses faster.
    pub fn read_values(text: &str) -> Option<FileValues> {
        let mut values = Self::read_tree(text, crate::load::parse(text).ok()?)?;
        values.lines = Arc::default();
        Some(values)
    }

    fn read_tree(text: &str, tree: Node) -> Option<FileValues> {
        let mut out = FileValues {
            cycle: tree
                .get("cycle")
                .and_then(Node::scalar_text)
                .map(|c| c.into_owned()),
            ..FileValues::default()
        };
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let Some(Value::Seq(objectives)) = tree.get("objectives").map(|n| &n.value) else {
            return Some(out);
        };
        let mut lines: HashMap<u32, ValueLine> = HashMap::new();
        // A lone CR ends a YAML line inside okr's line: a value's line would
        // hold what follows it, so such a file is always parsed whole.
        let quick = !crate::load::lines::has_lone_cr(text);
        for objective in objectives {
            let Some(oid) = objective.get("id").and_then(Node::scalar_text) else {
                continue;
            };
            let Some(Value::Seq(krs)) = objective.get("key_results").map(|n| &n.value) else {
                continue;
            };
            for kr in krs {
                let Some(kid) = kr.get("id").and_then(Node::scalar_text) else {
                    continue;
                };
                let Value::Map(entries) = &kr.value else {
                    continue;
                };
                let mut values = KrValues::default();
                let index = out.krs.len();
                let mut keys_per_line: HashMap<u32, u32> = HashMap::new();
                for (k, _) in entries {
                    *keys_per_line.entry(k.pos.line).or_default() += 1;
                }
                for (k, v) in entries {
                    let Some(field) = k.scalar_text().and_then(|t| Field::from_key(&t)) else {
                        continue;
                    };
                    values.set(field, val_of(v));
                    if matches!(field, Field::Current | Field::Done) && k.pos.line > 0 {
                        out.value_pos.resize(index + 1, None);
                        out.value_pos[index] = Some(v.pos);
                    }
                    let (start, end) = (bom + v.span.start, bom + v.span.end);
                    let simple = quick
                        && k.pos.line > 0
                        && v.pos.line == k.pos.line
                        && !matches!(v.value, Value::Map(_) | Value::Seq(_))
                        && end > start
                        && !text[start..end].contains('\n');
                    if simple {
                        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                        let single = keys_per_line.get(&k.pos.line) == Some(&1);
                        let slot = lines
                            .entry(k.pos.line - 1)
                            .or_insert_with(|| (Vec::new(), single));
                        slot.0
                            .push((index, field, start - line_start, end - line_start));
                    }
                }
                out.krs.push((format!("{oid}/{kid}").into(), values));
            }
        }
        out.lines = Arc::new(lines.into_iter().map(|(k, v)| (k, Arc::new(v))).collect());
        Some(out)
    }

    /// The values after an edit of one value line, without parsing the file;
    /// `None` when the edit is anything else.
    pub fn after_line_edit(&self, old: &str, new: &str) -> Option<FileValues> {
        let (prefix, suffix) = crate::model::common_ends(old.as_bytes(), new.as_bytes());
        self.after_edit(old, new, prefix, suffix)
    }

    /// [`FileValues::after_line_edit`] with the lengths of the common ends known.
    pub fn after_edit(
        &self,
        old: &str,
        new: &str,
        prefix: usize,
        suffix: usize,
    ) -> Option<FileValues> {
        let old_end = old.len() - suffix;
        let new_end = new.len() - suffix;
        if old.as_bytes()[prefix..old_end].contains(&b'\n')
            || new.as_bytes()[prefix..new_end].contains(&b'\n')
            || !new.is_char_boundary(prefix)
        {
            return None;
        }
        let line = old.as_bytes()[..prefix]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        let (fields, single) = &**self.lines.get(&u32::try_from(line).ok()?)?;
        let line_start = new[..prefix].rfind('\n').map_or(0, |i| i + 1);
        let (from, to) = (prefix - line_start, old_end - line_start);
        let line_end = new[prefix..].find('\n').map_or(new.len(), |i| prefix + i);
        let (index, field, text) = if *single {
            // `key: value  # comment`: the value and its comment may change.
            let &(index, field, start, _) = fields.first()?;
            if from < start {
                return None; // the key or its indentation changed
            }
            (
                index,
                field,
                new[line_start + start..line_end].trim_end_matches('\r'),
            )
        } else {
            // A flow mapping: the edit must stay inside one value.
            let &(index, field, start, end) = fields.iter().find(|f| f.2 <= from && to <= f.3)?;
            let end = (end + new_end).checked_sub(old_end)?;
            let text = new.get(line_start + start..line_start + end)?;
            if text.contains([',', '[', ']', '{', '}', '#', ':', '"', '\'']) {
                return None;
            }
            (index, field, text)
        };
        if text
            .trim_start()
            .starts_with(['|', '>', '[', '{', '&', '*', '!'])
            || text.trim().is_empty()
        {
            return None;
        }
        let value = scalar(text)?;
        let mut out = self.clone();
        out.krs[index].1.set(field, value);
        // Later values on a flow line moved by the edit's change in length.
        if !*single && new_end != old_end {
            let shift = new_end as isize - old_end as isize;
            let line = u32::try_from(line).ok()?;
            if let Some(slot) = Arc::make_mut(&mut out.lines).get_mut(&line) {
                for f in Arc::make_mut(slot).0.iter_mut() {
                    if f.2 >= to {
                        f.2 = f.2.checked_add_signed(shift)?;
                        f.3 = f.3.checked_add_signed(shift)?;
                    } else if f.2 <= from && to <= f.3 {
                        f.3 = f.3.checked_add_signed(shift)?;
                    }
                }
            }
        }
        Some(out)
    }
}

/// The value of a scalar written on one line (`12`, `4.25  # note`, `true`):
/// `Some(None)` for a scalar that is no number or boolean, `None` for anything
/// but a scalar.
fn scalar(text: &str) -> Option<Option<Val>> {
    if let Some(value) = plain_scalar(text) {
        return Some(Some(value));
    }
    let tree = crate::load::parse(&format!("v: {text}\n")).ok()?;
    let value = tree.get("v")?;
    if matches!(value.value, Value::Map(_) | Value::Seq(_)) {
        return None;
    }
    Some(val_of(value))
}

/// A number or boolean in the one form that YAML reads only one way
/// (`12`, `-3`, `4.25`, `true`), without the parser; `None` for anything else.
fn plain_scalar(text: &str) -> Option<Val> {
    match text {
        "true" => return Some(Val::Bool(true)),
        "false" => return Some(Val::Bool(false)),
        _ => {}
    }
    let negative = text.starts_with('-');
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole)
        || (whole.len() > 1 && whole.starts_with('0'))
        || !fraction.is_none_or(digits)
        || whole.len() + fraction.map_or(0, str::len) > 15
    {
        return None;
    }
    let value = match fraction {
        None => text.parse::<i64>().ok()? as f64,
        Some(_) => text.parse::<f64>().ok()?,
    };
    // `-0` is read as an integer zero, `-0.0` as a negative zero: leave both to the parser.
    (!(negative && value == 0.0)).then_some(Val::Num(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "cycle: 2026-Q4\nteam: t\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        start: 10\n        target: 20\n        current: 12  # note\n      - {id: f, start: 1, target: 2, current: 1}\n      - id: m\n        done: false\n";

    #[test]
    fn reads_values_and_value_lines() {
        let v = FileValues::read(FILE).unwrap();
        assert_eq!(v.cycle.as_deref(), Some("2026-Q4"));
        let refs: Vec<&str> = v.krs.iter().map(|(r, _)| &**r).collect();
        assert_eq!(refs, ["o/k", "o/f", "o/m"]);
        assert_eq!(v.krs[0].1.current, Some(Val::Num(12.0)));
        assert_eq!(v.krs[0].1.score(), Some(0.2));
        assert_eq!(
            v.lines.get(&8).map(|l| (l.0[0].0, l.0[0].1, l.1)),
            Some((0, Field::Current, true))
        );
        assert_eq!(
            v.lines.get(&9).map(|l| (l.0.len(), l.1)),
            Some((3, false)),
            "a flow mapping line holds several keys"
        );
    }

    #[test]
    fn one_line_edits_are_read_without_a_parse() {
        let v = FileValues::read(FILE).unwrap();
        let edited = FILE.replace("current: 12  # note", "current: 15.5  # note");
        let quick = v.after_line_edit(FILE, &edited).unwrap();
        assert_eq!(quick.krs[0].1.current, Some(Val::Num(15.5)));
        let edited = FILE.replace("done: false", "done: true");
        assert_eq!(
            v.after_line_edit(FILE, &edited).unwrap().krs[2].1.done,
            Some(Val::Bool(true))
        );
        let edited = FILE.replace("current: 1}", "current: 1.75}");
        let quick = v.after_line_edit(FILE, &edited).unwrap();
        assert_eq!(quick.krs[1].1.current, Some(Val::Num(1.75)));
        let again = edited.replace("start: 1,", "start: 0,");
        let quick = quick.after_line_edit(&edited, &again).unwrap();
        assert_eq!(
            (quick.krs[1].1.start, quick.krs[1].1.current),
            (Some(0.0), Some(Val::Num(1.75)))
        );
        let third = again.replace("current: 1.75}", "current: 3}");
        assert_eq!(
            quick.after_line_edit(&again, &third).unwrap().krs[1]
                .1
                .current,
            Some(Val::Num(3.0))
        );
        // Anything else falls back to a full parse.
        for other in [
            FILE.replace("current: 1}", "current: 1, unit: x}"),
            FILE.replace("{id: f,", "{id: g,"),
            FILE.replace("        current: 12", "          current: 12"),
            FILE.replace("current: 12  # note", "current: |\n          12"),
            FILE.replace("target: 20", "target: 20\n        unit: x"),
            FILE.replace("current: 12  # note", "current: [12]"),
        ] {
            assert!(v.after_line_edit(FILE, &other).is_none(), "{other}");
        }
    }

    #[test]
    fn plain_scalars_read_as_the_parser_reads_them() {
        let parsed = |text: &str| {
            let tree = crate::load::parse(&format!("v: {text}\n")).unwrap();
            val_of(tree.get("v").unwrap())
        };
        for text in [
            "0",
            "7",
            "12",
            "-3",
            "4.25",
            "-0.5",
            "0.0",
            "1.50",
            "999999999999999",
            "123456.789",
            "0.1",
            "true",
            "false",
        ] {
            assert_eq!(plain_scalar(text), parsed(text), "{text}");
            assert!(plain_scalar(text).is_some(), "{text}");
        }
        // Anything else is left to the parser.
        for text in [
            "",
            "-0",
            "-0.0",
            "+1",
            "01",
            "1.",
            ".5",
            "1e3",
            "0x1F",
            "1_000",
            "1 ",
            " 1",
            "1 # c",
            "True",
            "yes",
            "~",
            "null",
            "12.5.1",
            "--1",
            "1234567890123456",
            "nan",
            ".inf",
        ] {
            assert_eq!(plain_scalar(text), None, "{text}");
        }
        for text in ["-0", "1e3", "1 # note", "True", "~", "'5'"] {
            assert_eq!(scalar(text), Some(parsed(text)), "{text}");
        }
    }
}
