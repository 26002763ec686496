//! A YAML document as a tree of nodes that know where they stand in the file.
//!
//! serde-saphyr does the parsing (with budgets against alias bombs and deep
//! nesting, and errors on duplicate keys); this module only keeps its result
//! as a generic tree so that the model can be decoded with field paths and
//! every finding can point at a line and column. Also the one walk along a
//! route (`Node::at`), which edit and locate share.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::finding::{Route, Segment};
use crate::model::{Pos, Span};

/// One YAML node with the position where it starts (when parsed with positions).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub span: Span,
    pub value: Value,
}

/// The kinds of YAML values an OKR file can hold.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// What a user would call this kind of value, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

impl Node {
    /// The value under `key` when this node is a mapping with a string key of that name.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node and value node of `key`.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match (&self.value, self.key_index(key)) {
            (Value::Map(entries), Some(i)) => Some((&entries[i].0, &entries[i].1)),
            _ => None,
        }
    }

    /// Where `key` stands among the entries of this mapping: the first key
    /// that reads as that text.
    fn key_index(&self, key: &str) -> Option<usize> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .position(|(k, _)| k.scalar_text().as_deref() == Some(key)),
            _ => None,
        }
    }

    /// Which entry (of a mapping) or item (of a list) one segment of a route
    /// leads to: the one step of every walk along a route.
    fn step(&self, segment: &Segment) -> Option<usize> {
        match (segment, &self.value) {
            (Segment::Key(k), Value::Map(_)) => self.key_index(k),
            (Segment::Index(i), Value::Seq(items)) => (*i < items.len()).then_some(*i),
            _ => None,
        }
    }

    /// The child one segment of a route leads to, with its key node when the
    /// segment is a key.
    pub fn child(&self, segment: &Segment) -> Option<(Option<&Node>, &Node)> {
        let i = self.step(segment)?;
        match &self.value {
            Value::Map(entries) => Some((Some(&entries[i].0), &entries[i].1)),
            Value::Seq(items) => Some((None, &items[i])),
            _ => None,
        }
    }

    /// The node a route names, if the tree holds every step of it.
    pub fn at(&self, route: &Route) -> Option<&Node> {
        route
            .segments
            .iter()
            .try_fold(self, |node, segment| node.child(segment).map(|(_, n)| n))
    }

    /// The node a route names, to change it.
    pub fn at_mut(&mut self, route: &Route) -> Option<&mut Node> {
        route.segments.iter().try_fold(self, |node, segment| {
            let i = node.step(segment)?;
            match &mut node.value {
                Value::Map(entries) => Some(&mut entries[i].1),
                Value::Seq(items) => Some(&mut items[i]),
                _ => None,
            }
        })
    }

    /// The text of a scalar as the user wrote it, for keys and ids (`2026` reads as "2026").
    pub fn scalar_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        match &self.value {
            Value::Str(s) => Some(Cow::Borrowed(s)),
            Value::Int(i) => Some(Cow::Owned(i.to_string())),
            Value::Float(f) => Some(Cow::Owned(f.to_string())),
            Value::Bool(b) => Some(Cow::Owned(b.to_string())),
            _ => None,
        }
    }
}

/// Deserializes a node; with `SPANS` each node records its position (slower:
/// serde-saphyr reports a location through a wrapper per node).
pub(crate) struct NodeDe<const SPANS: bool>(pub Node);

struct RawValue<const SPANS: bool>(Value);

impl<'de, const SPANS: bool> Deserialize<'de> for RawValue<SPANS> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(ValueVisitor::<SPANS>)
            .map(RawValue)
    }
}

impl<'de, const SPANS: bool> Deserialize<'de> for NodeDe<SPANS> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if !SPANS {
            let raw = RawValue::<false>::deserialize(deserializer)?;
            return Ok(NodeDe(Node {
                pos: Pos::default(),
                span: Span::default(),
                value: raw.0,
            }));
        }
        let spanned = Spanned::<RawValue<true>>::deserialize(deserializer)?;
        let loc = spanned.referenced;
        let span = loc.span();
        let start = span.byte_offset().unwrap_or(0) as usize;
        let span = Span {
            start,
            end: start + span.byte_len().unwrap_or(0) as usize,
        };
        Ok(NodeDe(Node {
            span,
            pos: Pos {
                line: u32::try_from(loc.line()).unwrap_or(u32::MAX),
                column: u32::try_from(loc.column()).unwrap_or(u32::MAX),
            },
            value: spanned.value.0,
        }))
    }
}

/// A mapping key. Without positions it is read as text directly, which spares
/// serde-saphyr the guess of its type (keys are the bulk of an OKR file's scalars).
struct KeyDe<const SPANS: bool>(NodeDe<SPANS>);

impl<'de, const SPANS: bool> Deserialize<'de> for KeyDe<SPANS> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if SPANS {
            return NodeDe::<SPANS>::deserialize(deserializer).map(KeyDe);
        }
        let text = String::deserialize(deserializer)?;
        Ok(KeyDe(NodeDe(Node {
            pos: Pos::default(),
            span: Span::default(),
            value: Value::Str(text),
        })))
    }
}

struct ValueVisitor<const SPANS: bool>;

impl<'de, const SPANS: bool> Visitor<'de> for ValueVisitor<SPANS> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(NodeDe(item)) = seq.next_element::<NodeDe<SPANS>>()? {
            items.push(item);
        }
        // A large document is many such lists: none keeps room it will not use.
        items.shrink_to_fit();
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(NodeDe(key)) = map.next_key::<KeyDe<SPANS>>()?.map(|k| k.0) {
            let NodeDe(value) = map.next_value::<NodeDe<SPANS>>()?;
            entries.push((key, value));
        }
        entries.shrink_to_fit();
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_walk_keys_and_indices_one_way() {
        let text = "objectives:\n  - id: a\n    key_results:\n      - {id: x, target: 30}\n";
        let mut root = crate::load::parse_with_positions(text).unwrap();
        let target = Route::key_result(0, 0).key("target");
        assert_eq!(root.at(&target).map(|n| &n.value), Some(&Value::Int(30)));
        let (key, _) = root.child(&Segment::Key("objectives".into())).unwrap();
        assert_eq!(key.map(|k| k.pos.line), Some(1));
        // A step the tree does not hold: no node, by either walk.
        for missing in [
            Route::key_result(0, 1),
            Route::objective(0).key("owner"),
            Route::root().index(0),
        ] {
            assert!(root.at(&missing).is_none(), "{missing}");
            assert!(root.at_mut(&missing).is_none(), "{missing}");
        }
        root.at_mut(&target).unwrap().value = Value::Int(40);
        assert_eq!(root.at(&target).map(|n| &n.value), Some(&Value::Int(40)));
    }
}
