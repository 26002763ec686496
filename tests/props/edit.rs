//! The edit-engine property, shared by `tests/fuzz_props.rs` (proptest, in
//! `cargo test`) and the `edit` target of `fuzz/`: any text and any edit
//! (a scalar set, an append, a mapping inserted, at any mapping of the file)
//! either gives a text that parses with the intended change in place, or is
//! refused; never a panic.

use okr::edit::{self, Item, Scalar, Set};
use okr::finding::Route;
use okr::load::yaml::{Node, Value};
use okr::load::{self, parse};

const KEYS: &[&str] = &[
    "current",
    "done",
    "confidence",
    "title",
    "id",
    "target",
    "owner",
    "review",
    "key_results",
    "objectives",
];

const AFTER: &[&str] = &["current", "target", "title", "id"];

/// The review template `okr review --template` inserts.
const TEMPLATE: &str = "goal:       # What was the goal?\nscore:      # 0.0 to 1.0\n";

/// Every mapping of the tree, by route, in document order (the first 256).
fn mappings(node: &Node, route: Route, out: &mut Vec<Route>) {
    if out.len() >= 256 {
        return;
    }
    match &node.value {
        Value::Map(entries) => {
            out.push(route.clone());
            for (k, v) in entries {
                if let Some(key) = k.scalar_text() {
                    mappings(v, route.clone().key(&key), out);
                }
            }
        }
        Value::Seq(items) => {
            for (i, v) in items.iter().enumerate() {
                mappings(v, route.clone().index(i), out);
            }
        }
        _ => {}
    }
}

/// Splits the input at its first NUL: the file before, the edit after.
pub fn split(data: &[u8]) -> (String, &[u8]) {
    match data.iter().position(|&b| b == 0) {
        Some(i) => (
            String::from_utf8_lossy(&data[..i]).into_owned(),
            &data[i + 1..],
        ),
        None => (String::from_utf8_lossy(data).into_owned(), &[]),
    }
}

/// Applies the edit `spec` describes to `text` and checks the result.
pub fn check(text: &str, spec: &[u8]) {
    let byte = |i: usize| spec.get(i).copied().unwrap_or(0) as usize;
    let rest = spec.get(4..).unwrap_or(&[]);
    let words = String::from_utf8_lossy(rest).into_owned();
    let mut routes = Vec::new();
    if let Ok(tree) = parse(text) {
        mappings(&tree, Route::root(), &mut routes);
    }
    let route = if routes.is_empty() {
        Route::root()
    } else {
        routes[byte(1) % routes.len()].clone()
    };
    let key = KEYS[byte(2) % KEYS.len()];
    let value = match byte(3) % 3 {
        0 => Scalar::Bool(byte(4) % 2 == 1),
        1 => {
            let mut b = [0u8; 8];
            for (d, s) in b.iter_mut().zip(rest) {
                *d = *s;
            }
            let x = f64::from_le_bytes(b);
            if x.is_finite() {
                Scalar::Number(x)
            } else {
                Scalar::Str(words.clone())
            }
        }
        _ => Scalar::Str(words.clone()),
    };
    match byte(0) % 3 {
        0 => {
            let set = Set {
                map: route.clone(),
                key,
                value: value.clone(),
                after: AFTER,
            };
            if let Ok(new) = edit::set_scalar(text, &set) {
                let tree = parse(&new).expect("an edited text parses");
                let map = tree.at(&route).expect("the mapping is still there");
                assert_eq!(
                    map.get(key).map(|n| &n.value),
                    Some(&value.value()),
                    "{key} set in {new:?}"
                );
                let _ = load::decode_file("edited.yaml", new.into_bytes());
            }
        }
        1 => {
            let (first, second) = words.split_once('\n').unwrap_or((&words, ""));
            let item = Item::default().str("id", first).str("title", second);
            if let Ok(new) = edit::append(text, &route, key, &item) {
                let tree = parse(&new).expect("an edited text parses");
                let list = tree
                    .at(&route)
                    .and_then(|m| m.get(key))
                    .expect("the list is there");
                let Value::Seq(items) = &list.value else {
                    panic!("{key} is not a list in {new:?}");
                };
                let last = items.last().expect("the list has the new item");
                assert_eq!(
                    last.get("id").map(|n| &n.value),
                    Some(&Value::Str(first.to_owned()))
                );
                let _ = load::decode_file("edited.yaml", new.into_bytes());
            }
        }
        _ => {
            let template = if byte(4) % 2 == 0 {
                TEMPLATE
            } else {
                words.as_str()
            };
            if let Ok(new) = edit::insert_mapping(text, &route, key, template) {
                let tree = parse(&new).expect("an edited text parses");
                let inserted = tree.at(&route).and_then(|m| m.get(key));
                assert_eq!(
                    inserted.map(|n| &n.value),
                    parse(template).ok().as_ref().map(|n| &n.value),
                    "{key} inserted in {new:?}"
                );
            }
        }
    }
}
