//! The layers of `src/`, held against the code: each top-level module uses only
//! the modules the table below allows, git2 is used only in `src/git/`, and no
//! source file is longer than 800 lines (tests not counted).
//!
//! Data flows one way: files → load → model → rules/score → view → render, and
//! git → history → rules/view. `commands/`, `lib.rs` and `main.rs` wire the
//! layers together and may use anything. Unit tests (`#[cfg(test)]` modules) may
//! use anything too: they build fixtures the way a user would.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Top-level module → the modules of the crate it may use (besides itself).
/// `None`: may use anything.
const LAYERS: &[(&str, Option<&[&str]>)] = &[
    ("model", Some(&[])),
    ("finding", Some(&["model"])),
    ("score", Some(&["model"])),
    ("load", Some(&["model", "finding"])),
    ("git", Some(&["model"])),
    ("edit", Some(&["model", "load", "finding"])),
    (
        "history",
        Some(&["model", "git", "load", "score", "finding"]),
    ),
    ("rules", Some(&["model", "finding", "score"])),
    ("view", Some(&["model", "score", "finding", "rules"])),
    (
        "render",
        Some(&["model", "finding", "view", "score", "rules"]),
    ),
    ("cli", Some(&["model"])),
    ("sync", Some(&["model", "finding"])),
    ("import", Some(&["model"])),
    ("commands", None),
    ("lib", None),
    ("main", None),
];

const MAX_LINES: usize = 800;

/// Files excused from the table for now (none is); every other file must hold
/// to it. The list only shrinks: a file named here that has no problem left
/// fails the test until it is taken off.
const PENDING: &[&str] = &[];

#[test]
fn the_layers_run_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let results: Vec<(String, Vec<String>)> = rust_files(&src)
        .into_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(&src)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            let text = fs::read_to_string(&path).expect("read a source file");
            let found = check_file(&rel, &text);
            (rel, found)
        })
        .collect();
    let (problems, pending) = judge(&results, PENDING);
    assert!(
        problems.is_empty(),
        "the layers of src/ are broken ({} problems):\n{}\n\npending (files in PENDING, {} problems):\n{}",
        problems.len(),
        problems.join("\n"),
        pending.len(),
        pending.join("\n")
    );
}

/// Splits the problems of every file (path below `src/`, problems) into those
/// that fail the test and those of the files in `pending`. A pending file with
/// no problem left, or that does not exist, fails the test: the list only shrinks.
fn judge(results: &[(String, Vec<String>)], pending: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut problems = Vec::new();
    let mut excused = Vec::new();
    for (rel, found) in results {
        match (pending.contains(&rel.as_str()), found.is_empty()) {
            (true, true) => problems.push(format!(
                "src/{rel}: no problem left; take it off PENDING in tests/architecture.rs"
            )),
            (true, false) => excused.extend(found.iter().cloned()),
            (false, _) => problems.extend(found.iter().cloned()),
        }
    }
    for rel in pending {
        if !results.iter().any(|(r, _)| r == rel) {
            problems.push(format!(
                "src/{rel}: no such file; take it off PENDING in tests/architecture.rs"
            ));
        }
    }
    (problems, excused)
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// Every problem of one file: `rel` is its path below `src/`.
fn check_file(rel: &str, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let module = module_path(rel);
    let top = module.first().map_or("lib", String::as_str).to_owned();
    let Some(&(_, allowed)) = LAYERS.iter().find(|(name, _)| *name == top) else {
        return vec![format!(
            "src/{rel}: the module `{top}` is not in the layer table of tests/architecture.rs; add it with what it may use"
        )];
    };
    let code = strip_tests(&strip_comments_and_strings(text));

    let lines = code.lines().count();
    if lines > MAX_LINES {
        problems.push(format!(
            "src/{rel}: {lines} lines of code (tests not counted); split it along its seams (at most {MAX_LINES})"
        ));
    }
    if top != "git" && uses_git2(&code) {
        problems.push(format!(
            "src/{rel}: uses git2; only src/git/ may touch git2 (return plain data from there)"
        ));
    }
    if let Some(allowed) = allowed {
        for used in used_modules(&module, &code) {
            if used != top && !allowed.contains(&used.as_str()) {
                problems.push(format!(
                    "src/{rel}: `{top}` uses `{used}`, which the table allows only the other way round (it may use: {})",
                    if allowed.is_empty() {
                        "nothing of the crate".to_owned()
                    } else {
                        allowed.join(", ")
                    }
                ));
            }
        }
    }
    problems
}

/// The module path of a file below `src/`: `load/decode.rs` → [load, decode],
/// `load/mod.rs` → [load], `lib.rs` → [].
fn module_path(rel: &str) -> Vec<String> {
    let rel = rel.strip_suffix(".rs").unwrap_or(rel);
    let mut parts: Vec<String> = rel.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    if parts.len() == 1 && parts[0] == "main" {
        return vec!["main".to_owned()];
    }
    parts
}

/// The top-level modules of the crate that `code` uses. `module` is the file's
/// module path: `super` in `load/decode.rs` is `load`, in `load/mod.rs` it is
/// the crate, and inside an inline `mod inner { ... }` of either it is the
/// file's own module.
fn used_modules(module: &[String], code: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for (inline, path) in paths(code) {
        let segments: Vec<&str> = path.split("::").collect();
        let top = match segments.first() {
            Some(&"crate") => segments.get(1).map(|s| (*s).to_owned()),
            Some(&"super") => {
                let ups = segments.iter().take_while(|s| **s == "super").count();
                // The `super`s that leave inline modules stay in the file.
                let out_of_file = ups.saturating_sub(inline);
                if out_of_file < module.len() {
                    // Still inside the same top-level module.
                    Some(module[0].clone())
                } else {
                    segments.get(ups).map(|s| (*s).to_owned())
                }
            }
            _ => None,
        };
        if let Some(top) = top.filter(|t| !t.is_empty() && *t != "self") {
            used.insert(top);
        }
    }
    used
}

/// Every path starting with `crate::` or `super::`, with `use` groups expanded
/// (`use crate::{load::x, model::{A, B}}` → `crate::load::x`, `crate::model::A`, ...),
/// each with how many inline modules (`mod inner { ... }`) it stands in.
fn paths(code: &str) -> Vec<(usize, String)> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    // The brace depth at which each open inline module's body started.
    let mut inline: Vec<usize> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &code[i..];
        match bytes[i] {
            b'{' => {
                depth += 1;
                i += 1;
                continue;
            }
            b'}' => {
                if inline.last() == Some(&depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
                continue;
            }
            _ => {}
        }
        if rest.starts_with("mod ") && (i == 0 || !is_ident(bytes[i - 1])) {
            let after = rest[4..].trim_start();
            let name_len = after.bytes().take_while(|&c| is_ident(c)).count();
            if name_len > 0 && after[name_len..].trim_start().starts_with('{') {
                inline.push(depth + 1);
            }
        }
        let starts = (rest.starts_with("crate::") || rest.starts_with("super::"))
            && (i == 0 || !is_ident(bytes[i - 1]) && bytes[i - 1] != b'$');
        if !starts {
            i += 1;
            continue;
        }
        let (items, len) = expand(rest);
        out.extend(items.into_iter().map(|p| (inline.len(), p)));
        i += len.max(1);
    }
    out
}

/// Expands one path (with `{...}` groups) at the start of `text`; returns the
/// paths and how many bytes were read.
fn expand(text: &str) -> (Vec<String>, usize) {
    let bytes = text.as_bytes();
    let mut prefix = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if is_ident(c) || c == b':' {
            prefix.push(c as char);
            i += 1;
        } else if c.is_ascii_whitespace() && prefix.ends_with("::") {
            i += 1;
        } else {
            break;
        }
    }
    if prefix.ends_with("::") && bytes.get(i) == Some(&b'{') {
        let mut depth = 0;
        let mut end = i;
        for (j, &c) in bytes[i..].iter().enumerate() {
            match c {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + j;
                        break;
                    }
                }
                _ => {}
            }
        }
        let inner = &text[i + 1..end];
        let mut out = Vec::new();
        for item in split_top_level(inner) {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let (expanded, _) = expand(item);
            if expanded.is_empty() {
                out.push(format!("{prefix}{item}"));
            } else {
                out.extend(expanded.into_iter().map(|e| format!("{prefix}{e}")));
            }
        }
        return (out, end + 1);
    }
    (vec![prefix.trim_end_matches(':').to_owned()], i)
}

fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn uses_git2(code: &str) -> bool {
    let bytes = code.as_bytes();
    code.match_indices("git2").any(|(i, _)| {
        let before = i == 0 || !is_ident(bytes[i - 1]);
        let after = &code[i + 4..];
        before && (after.starts_with("::") || after.trim_start().starts_with(';'))
    })
}

/// The code without comments and without the contents of string and char
/// literals (so that a path in a message is not a use). Line breaks are kept.
fn strip_comments_and_strings(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && starts_word(&chars, i) {
            // A raw string: r"...", r#"..."#, br"...", br#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            out.push_str("\"\"");
            j += 1;
            while j < chars.len() {
                if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                out.push(blank(chars[j]));
                j += 1;
            }
            i = j;
        } else if c == '"'
            && let Some(path) = path_named_by_attribute(&out, &chars[i + 1..])
        {
            // `#[serde(with = "crate::x")]` names a function by its path: a use.
            out.push('"');
            out.push_str(&path);
            out.push('"');
            i += path.chars().count() + 2;
        } else if c == '"' {
            out.push_str("\"\"");
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(blank(chars[i]));
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            i += 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{1F600}'), or a lifetime ('a).
            let close = if next == Some('\\') {
                (i + 2..chars.len().min(i + 12)).find(|&j| chars[j] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match close {
                Some(end) => {
                    out.push_str("' '");
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether the identifier that ends at `i` (a raw string's `r`) is the whole
/// word or follows a `b`: `r"..."` and `br"..."`, not `for"`.
fn starts_word(chars: &[char], i: usize) -> bool {
    let before = |k: usize| i.checked_sub(k).map(|j| chars[j]);
    let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !ident(before(1)) || (before(1) == Some('b') && !ident(before(2)))
}

/// The path in the string that starts `after` (past its opening quote) when
/// the code so far ends in `with =` (or `serialize_with =`, `deserialize_with =`,
/// `default =`, `schema_with =`) and the string is a path: serde's and
/// schemars' attributes name functions so.
fn path_named_by_attribute(code: &str, after: &[char]) -> Option<String> {
    let before = code.trim_end().strip_suffix('=')?;
    let word: String = before
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let named = matches!(
        word.as_str(),
        "with" | "serialize_with" | "deserialize_with" | "default" | "schema_with"
    );
    let content: String = after.iter().take_while(|c| **c != '"').collect();
    let is_path = content.contains("::")
        && content
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == ':');
    (named && is_path && after.get(content.chars().count()) == Some(&'"')).then_some(content)
}

/// The code without its `#[cfg(test)]` items (a `mod tests { ... }` or a
/// single function), blanked line for line.
fn strip_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = find_test_attribute(rest) {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        // The item ends at the `;` or the brace closing its first `{`.
        let mut depth = 0;
        let mut end = item.len();
        for (i, c) in item.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        let removed = &item[..end];
        out.extend(std::iter::repeat_n('\n', removed.matches('\n').count()));
        rest = &item[end..];
    }
    out.push_str(rest);
    // Blank lines left by the removal do not count as code.
    out.lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where the first attribute that compiles an item for tests only stands:
/// `#[cfg(test)]`, or `#[cfg(all(test, ...))]`.
fn find_test_attribute(code: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = code[from..].find("#[cfg(") {
        let at = from + found;
        let predicate = &code[at + "#[cfg(".len()..];
        let end = predicate.find(")]").unwrap_or(predicate.len());
        let predicate: String = predicate[..end].split_whitespace().collect();
        let test_only = predicate == "test"
            || predicate
                .strip_prefix("all(")
                .and_then(|p| p.strip_suffix(')'))
                .is_some_and(|args| split_top_level(args).contains(&"test"));
        if test_only {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

// --- The checker itself ------------------------------------------------------------------

#[test]
fn a_back_edge_is_reported() {
    let problems = check_file("model/cycle.rs", "use crate::render::table;\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("`model` uses `render`"),
        "{problems:?}"
    );

    let problems = check_file("load/decode.rs", "fn f() { crate::rules::RULES.len(); }\n");
    assert!(problems[0].contains("`load` uses `rules`"), "{problems:?}");
}

#[test]
fn allowed_and_own_modules_pass() {
    let code = "use crate::model::{Config, OkrFile};\nuse crate::finding::Finding;\nuse super::yaml::Node;\nuse crate::load::yaml;\n";
    assert_eq!(check_file("load/decode.rs", code), Vec::<String>::new());
}

#[test]
fn use_groups_are_expanded() {
    let code = "use crate::{\n    model::Date,\n    view::{status, tree},\n};\n";
    let problems = check_file("rules/counts.rs", code);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("`rules` uses `view`"), "{problems:?}");
}

#[test]
fn super_that_leaves_the_module_is_a_use_of_the_crate() {
    // In load/mod.rs, `super` is the crate root.
    let problems = check_file("load/mod.rs", "use super::rules::RULES;\n");
    assert!(problems[0].contains("`load` uses `rules`"), "{problems:?}");
    // In load/parse/yaml.rs, `super::super` is `load` itself.
    assert!(check_file("load/parse/yaml.rs", "use super::super::decode;\n").is_empty());
    assert!(
        check_file("load/parse/yaml.rs", "use super::super::super::edit;\n")[0]
            .contains("`load` uses `edit`")
    );
}

#[test]
fn comments_strings_and_tests_do_not_count() {
    let code = r##"
//! See crate::render for how findings are shown.
/// Unlike `crate::view::status`, this is pure.
fn f() -> &'static str { "crate::render::x" }
fn g() -> &'static str { r#"use crate::edit;"# }
fn h(c: char) -> bool { c == '"' || c == '\'' }
#[cfg(test)]
mod tests {
    use crate::load;
    use crate::render::table;
    fn fixture() { git2::Repository::open(".").unwrap(); }
}
"##;
    assert_eq!(check_file("rules/refs.rs", code), Vec::<String>::new());
}

#[test]
fn git2_outside_git_is_reported() {
    let problems = check_file("render/table.rs", "use git2::Oid;\n");
    assert!(problems[0].contains("uses git2"), "{problems:?}");
    assert!(check_file("git/walk.rs", "use git2::Oid;\n").is_empty());
    // A word that merely starts like it is not git2.
    assert!(check_file("render/table.rs", "let git2_like = 1;\n").is_empty());
}

#[test]
fn long_files_are_reported_but_tests_do_not_count() {
    let long = "fn f() {}\n".repeat(MAX_LINES + 1);
    let problems = check_file("view/tree.rs", &long);
    assert!(problems[0].contains("lines of code"), "{problems:?}");

    let with_tests = format!(
        "{}#[cfg(test)]\nmod tests {{\n{}}}\n",
        "fn f() {}\n".repeat(MAX_LINES - 1),
        "    fn t() {}\n".repeat(500)
    );
    assert_eq!(
        check_file("view/tree.rs", &with_tests),
        Vec::<String>::new()
    );
}

#[test]
fn a_module_missing_from_the_table_is_reported() {
    let problems = check_file("server/mod.rs", "fn f() {}\n");
    assert!(
        problems[0].contains("not in the layer table"),
        "{problems:?}"
    );
}

#[test]
fn commands_may_use_anything() {
    let code = "use crate::{edit, git, history, load, render, rules, view};\nuse git2::Oid;\n";
    let problems = check_file("commands/checkin.rs", code);
    // git2 stays confined even for commands.
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("uses git2"));
}

#[test]
fn tests_behind_any_cfg_with_test_do_not_count() {
    let code =
        "fn f() {}\n#[cfg(all(test, unix))]\nmod tests {\n    use crate::render::table;\n}\n";
    assert_eq!(check_file("load/mod.rs", code), Vec::<String>::new());
    // Code that runs outside tests still counts.
    let code = "#[cfg(not(test))]\nuse crate::render::table;\n";
    assert!(check_file("load/mod.rs", code)[0].contains("`load` uses `render`"));
}

#[test]
fn raw_byte_strings_are_strings() {
    // A lone quote inside a raw byte string does not end it.
    let code = "const A: &[u8] = br#\"a \" crate::edit \"#;\n";
    assert_eq!(check_file("model/x.rs", code), Vec::<String>::new());
    // And what follows one is code again.
    let code = "const A: &[u8] = br#\"a \" b\"#; use crate::edit; const X: &str = \"y\";\n";
    let problems = check_file("model/x.rs", code);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("`model` uses `edit`"), "{problems:?}");
}

#[test]
fn paths_in_serde_attributes_are_uses() {
    let code = "#[derive(Serialize)]\nstruct S {\n    #[serde(serialize_with = \"crate::score::json\")]\n    a: f64,\n}\n";
    let problems = check_file("model/x.rs", code);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("`model` uses `score`"), "{problems:?}");
    assert!(check_file("view/x.rs", code).is_empty());
    // Any other string is only text.
    assert!(check_file("model/x.rs", "const HELP: &str = \"see crate::score\";\n").is_empty());
}

#[test]
fn super_in_an_inline_module_stays_in_the_file() {
    // In load/mod.rs, `super` of `mod inner` is `load` itself, not the crate.
    let code = "mod inner {\n    use super::yaml::Node;\n}\nuse super::render;\n";
    let problems = check_file("load/mod.rs", code);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("`load` uses `render`"), "{problems:?}");
}

#[test]
fn pending_files_are_excused_and_the_list_only_shrinks() {
    let results = vec![
        (
            "git/history.rs".to_owned(),
            vec!["src/git/history.rs: back edge".to_owned()],
        ),
        ("git/window.rs".to_owned(), Vec::new()),
        (
            "view/tree.rs".to_owned(),
            vec!["src/view/tree.rs: back edge".to_owned()],
        ),
    ];
    let (problems, pending) = judge(
        &results,
        &["git/history.rs", "git/window.rs", "git/gone.rs"],
    );
    assert_eq!(pending, ["src/git/history.rs: back edge"]);
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems[0].contains("src/git/window.rs: no problem left"),
        "{problems:?}"
    );
    assert_eq!(problems[1], "src/view/tree.rs: back edge");
    assert!(
        problems[2].contains("src/git/gone.rs: no such file"),
        "{problems:?}"
    );
}
