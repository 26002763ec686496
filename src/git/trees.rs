//! Comparing trees for the history walk: raw tree objects read straight from
//! the object database (no parsed objects, no object cache), entries compared
//! in place, and the trees of one commit kept for the next, whose parent's
//! trees they usually are.

use std::collections::HashMap;
use std::rc::Rc;

use anyhow::{Result, bail};
use git2::{ObjectType, Odb, Oid};

/// Reads trees, keeping those of the current and of the previous commit.
pub struct Trees<'r> {
    odb: Odb<'r>,
    now: HashMap<Oid, Rc<[u8]>>,
    before: HashMap<Oid, Rc<[u8]>>,
}

/// A changed file: its path and its blob before and after (`None`: absent).
pub type Change = (String, Option<Oid>, Option<Oid>);

impl<'r> Trees<'r> {
    pub fn new(odb: Odb<'r>) -> Trees<'r> {
        Trees {
            odb,
            now: HashMap::new(),
            before: HashMap::new(),
        }
    }

    /// Moves on to the next commit: trees read since the last call stay at hand.
    pub fn next_commit(&mut self) {
        self.before = std::mem::take(&mut self.now);
    }

    fn tree(&mut self, oid: Oid) -> Result<Rc<[u8]>> {
        if let Some(tree) = self.now.get(&oid) {
            return Ok(tree.clone());
        }
        let tree = match self.before.remove(&oid) {
            Some(tree) => tree,
            None => {
                let object = self.odb.read(oid)?;
                if object.kind() != ObjectType::Tree {
                    bail!("object {oid} is a {}, not a tree", object.kind());
                }
                Rc::from(object.data())
            }
        };
        self.now.insert(oid, tree.clone());
        Ok(tree)
    }

    /// The entry at `path` (`/` separators; empty: the tree itself) under the
    /// tree `root`: its id, and whether it is a tree.
    pub fn lookup(&mut self, root: Oid, path: &str) -> Result<Option<(Oid, bool)>> {
        let mut at = (root, true);
        for name in path.split('/').filter(|n| !n.is_empty()) {
            if !at.1 {
                return Ok(None);
            }
            let tree = self.tree(at.0)?;
            let mut entries = Entries::new(&tree);
            match entries.find(|e| e.0 == name.as_bytes()) {
                Some((_, id, is_tree)) => at = (id, is_tree),
                None if entries.bad => bail!("tree {} is damaged", at.0),
                None => return Ok(None),
            }
        }
        Ok(Some(at))
    }

    /// The YAML files under `path` that differ between two trees (ids of the
    /// folder at `path`, `None`: absent), descending only into folders whose
    /// ids differ.
    pub fn diff(
        &mut self,
        old: Option<Oid>,
        new: Option<Oid>,
        path: &str,
        out: &mut Vec<Change>,
    ) -> Result<()> {
        if old == new {
            return Ok(());
        }
        let empty: Rc<[u8]> = Rc::from(&[][..]);
        let a = match old {
            Some(id) => self.tree(id)?,
            None => empty.clone(),
        };
        let b = match new {
            Some(id) => self.tree(id)?,
            None => empty,
        };
        let (mut ia, mut ib) = (Entries::new(&a), Entries::new(&b));
        let (mut x, mut y) = (ia.next(), ib.next());
        while x.is_some() || y.is_some() {
            let order = match (&x, &y) {
                (Some(x), Some(y)) => git_order(x).cmp(git_order(y)),
                (Some(_), None) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            match order {
                std::cmp::Ordering::Equal => {
                    if x.map(|e| e.1) != y.map(|e| e.1) {
                        self.changed(x, y, path, out)?;
                    }
                    (x, y) = (ia.next(), ib.next());
                }
                std::cmp::Ordering::Less => {
                    self.changed(x, None, path, out)?;
                    x = ia.next();
                }
                std::cmp::Ordering::Greater => {
                    self.changed(None, y, path, out)?;
                    y = ib.next();
                }
            }
        }
        if ia.bad || ib.bad {
            bail!("a tree under {path} is damaged");
        }
        Ok(())
    }

    /// Two entries of the same name (`old` from the old tree, `new` from the
    /// new one) that differ.
    fn changed(
        &mut self,
        old: Option<Entry<'_>>,
        new: Option<Entry<'_>>,
        path: &str,
        out: &mut Vec<Change>,
    ) -> Result<()> {
        let name = old.or(new).map(|e| e.0).unwrap_or_default();
        let name = String::from_utf8_lossy(name);
        let full = if path.is_empty() {
            name.into_owned()
        } else {
            format!("{path}/{name}")
        };
        let of = |e: Option<Entry<'_>>, tree: bool| e.filter(|e| e.2 == tree).map(|e| e.1);
        self.diff(of(old, true), of(new, true), &full, out)?;
        let (fa, fb) = (of(old, false), of(new, false));
        if fa != fb && (full.ends_with(".yaml") || full.ends_with(".yml")) {
            out.push((full, fa, fb));
        }
        Ok(())
    }
}

/// A tree entry: name, id, whether it is a tree.
type Entry<'a> = (&'a [u8], Oid, bool);

/// Git sorts a folder as if its name ended in `/`.
fn git_order<'a>(entry: &Entry<'a>) -> impl Iterator<Item = u8> + 'a {
    entry.0.iter().copied().chain(entry.2.then_some(b'/'))
}

/// The entries of a raw tree (`MODE NAME\0ID`, sorted by git); `bad` once
/// it meets something else.
struct Entries<'a> {
    data: &'a [u8],
    bad: bool,
}

impl<'a> Entries<'a> {
    fn new(data: &'a [u8]) -> Entries<'a> {
        Entries { data, bad: false }
    }
}

impl<'a> Iterator for Entries<'a> {
    type Item = Entry<'a>;

    fn next(&mut self) -> Option<Entry<'a>> {
        if self.data.is_empty() || self.bad {
            return None;
        }
        let entry = (|| {
            let space = self.data.iter().position(|&b| b == b' ')?;
            let nul = space + 1 + self.data[space + 1..].iter().position(|&b| b == 0)?;
            let id = Oid::from_bytes(self.data.get(nul + 1..nul + 21)?).ok()?;
            let mut mode = 0u32;
            for &digit in &self.data[..space] {
                if !(b'0'..=b'7').contains(&digit) || mode > 0o7777777 {
                    return None;
                }
                mode = mode * 8 + u32::from(digit - b'0');
            }
            let entry = (&self.data[space + 1..nul], id, mode & 0o170000 == 0o040000);
            self.data = &self.data[nul + 21..];
            Some(entry)
        })();
        self.bad = entry.is_none();
        entry
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_and_lookups_match_libgit2() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        let blob = |text: &str| repo.blob(text.as_bytes()).unwrap();
        let tree = |entries: &[(&str, Oid, i32)]| {
            let mut b = repo.treebuilder(None).unwrap();
            for (name, id, mode) in entries {
                b.insert(name, *id, *mode).unwrap();
            }
            b.write().unwrap()
        };
        let (a, b, c) = (blob("a: 1\n"), blob("a: 2\n"), blob("c\n"));
        let deep_old = tree(&[("x.yaml", a, 0o100644)]);
        let deep_new = tree(&[("x.yaml", b, 0o100644), ("y.yml", c, 0o100644)]);
        // `t.yaml` sorts before `t` as a folder (`t/`), after it as a file.
        let old = tree(&[
            ("d", deep_old, 0o040000),
            ("d.yaml", a, 0o100644),
            ("gone.yaml", a, 0o100644),
            ("notes.txt", a, 0o100644),
            ("t", a, 0o100644),
        ]);
        let new = tree(&[
            ("d", deep_new, 0o040000),
            ("d.yaml", a, 0o100644),
            ("notes.txt", c, 0o100644),
            ("t", deep_old, 0o040000),
            ("z.yaml", c, 0o100755),
        ]);
        let mut trees = Trees::new(repo.odb().unwrap());
        let mut out = Vec::new();
        trees.diff(Some(old), Some(new), "okrs", &mut out).unwrap();
        out.sort();
        assert_eq!(
            out,
            [
                ("okrs/d/x.yaml".to_owned(), Some(a), Some(b)),
                ("okrs/d/y.yml".to_owned(), None, Some(c)),
                ("okrs/gone.yaml".to_owned(), Some(a), None),
                ("okrs/t/x.yaml".to_owned(), None, Some(a)),
                ("okrs/z.yaml".to_owned(), None, Some(c)),
            ]
        );
        trees.next_commit();
        assert_eq!(trees.lookup(new, "d/y.yml").unwrap(), Some((c, false)));
        assert_eq!(trees.lookup(new, "t").unwrap(), Some((deep_old, true)));
        assert_eq!(trees.lookup(new, "").unwrap(), Some((new, true)));
        assert_eq!(trees.lookup(new, "d.yaml/x").unwrap(), None);
        assert_eq!(trees.lookup(new, "nothing").unwrap(), None);
        assert!(trees.lookup(a, "x").is_err(), "a blob is not a tree");
    }
}
