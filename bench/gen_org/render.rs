//! The organisation as YAML text: okr.yaml and the OKR files, line by line.

use std::fmt::Write as _;

use super::model::*;

/// `text` as a YAML scalar: plain where YAML 1.1 and 1.2 read it as this same
/// string, else double-quoted.
pub(crate) fn scalar(text: &str, in_flow: bool) -> String {
    let reserved = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ];
    let first = text.chars().next();
    let number_like = first.is_some_and(|c| c.is_ascii_digit() || "+-.".contains(c))
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || "+-._:eE,".contains(c));
    let plain = !text.is_empty()
        && text.trim() == text
        && !reserved.contains(&text.to_ascii_lowercase().as_str())
        && !number_like
        && !first.is_some_and(|c| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(|c| c.is_control() || c == '\\')
        && !(in_flow && text.chars().any(|c| ",[]{}".contains(c)));
    if plain {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Org {
    pub(crate) fn value_text(kr: &KeyResult) -> String {
        match kr.value {
            Value::Number(v) => format_units(v, kr.decimals),
            Value::Done(d) => d.to_string(),
        }
    }

    /// The key result's fields in order, as `(key, YAML text)`.
    pub(crate) fn fields(&self, kr: &KeyResult) -> Vec<(&'static str, String)> {
        let mut out = vec![
            ("id", scalar(&kr.id, kr.flow)),
            ("title", scalar(&kr.title, kr.flow)),
        ];
        if let Some(p) = kr.owner {
            out.push(("owner", self.people[p].id.clone()));
        }
        match kr.kind {
            Kind::Numeric { start, target } => {
                out.push(("start", format_units(start, kr.decimals)));
                out.push(("target", format_units(target, kr.decimals)));
                out.push(("current", Self::value_text(kr)));
            }
            Kind::Milestone { due } => {
                out.push(("done", Self::value_text(kr)));
                out.push(("due", due.format("%Y-%m-%d").to_string()));
            }
            Kind::Level { above, bound } => {
                out.push((
                    if above { "keep_above" } else { "keep_below" },
                    format_units(bound, kr.decimals),
                ));
                out.push(("current", Self::value_text(kr)));
            }
        }
        if !kr.unit.is_empty() {
            out.push(("unit", scalar(kr.unit, kr.flow)));
        }
        if let Some(c) = kr.confidence {
            out.push(("confidence", format!("0.{c}")));
        }
        if let Some(w) = kr.weight {
            out.push(("weight", w.to_string()));
        }
        out
    }

    /// The line that holds the key result's value: `current:`/`done:`, or the
    /// whole key result when it is written in flow style.
    pub(crate) fn value_line(&self, kr: &KeyResult) -> String {
        let pad = " ".repeat(kr.dash);
        if kr.flow {
            let fields: Vec<String> = self
                .fields(kr)
                .into_iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            return format!("{pad}- {{{}}}", fields.join(", "));
        }
        let key = if matches!(kr.kind, Kind::Milestone { .. }) {
            "done"
        } else {
            "current"
        };
        let comment = kr.comment.map(|c| format!("  # {c}")).unwrap_or_default();
        format!("{pad}  {key}: {}{comment}", Self::value_text(kr))
    }

    /// Renders a file, recording where each key result's value line is.
    pub(crate) fn render(&mut self, f: usize) -> Vec<String> {
        let d1 = if self.files[f].indentless { 2 } else { 6 };
        for o in &mut self.files[f].objectives {
            for kr in &mut o.key_results {
                kr.dash = d1;
            }
        }
        let mut lines = Vec::new();
        let file = &self.files[f];
        for h in &file.header {
            lines.push(format!("# {h}"));
        }
        lines.push(format!("cycle: {}", file.cycle));
        lines.push(format!("team: {}", self.teams[file.team].id));
        lines.push("objectives:".to_owned());
        let d0 = if file.indentless { 0 } else { 2 };
        let mut value_lines = Vec::new();
        for (i, o) in file.objectives.iter().enumerate() {
            if i > 0 && file.blank_lines {
                lines.push(String::new());
            }
            let pad = " ".repeat(d0);
            let inner = " ".repeat(d0 + 2);
            if let Some(c) = o.comment {
                lines.push(format!("{pad}# {c}"));
            }
            lines.push(format!("{pad}- id: {}", o.id));
            lines.push(format!("{inner}title: {}", scalar(&o.title, false)));
            lines.push(format!("{inner}owner: {}", self.people[o.owner].id));
            if let Some(a) = &o.aligns {
                lines.push(format!("{inner}aligns: {a}"));
            }
            lines.push(format!(
                "{inner}origin: {}",
                if o.bottom_up { "bottom-up" } else { "top-down" }
            ));
            lines.push(format!("{inner}status: agreed"));
            if o.committed {
                lines.push(format!("{inner}kind: committed"));
            }
            lines.push(format!("{inner}key_results:"));
            for kr in &o.key_results {
                let pad = " ".repeat(d1);
                if kr.flow {
                    value_lines.push(lines.len());
                    lines.push(self.value_line(kr));
                    continue;
                }
                for (j, (key, value)) in self.fields(kr).into_iter().enumerate() {
                    let lead = if j == 0 {
                        format!("{pad}- ")
                    } else {
                        format!("{pad}  ")
                    };
                    if key == "current" || key == "done" {
                        value_lines.push(lines.len());
                        let comment = kr.comment.map(|c| format!("  # {c}")).unwrap_or_default();
                        lines.push(format!("{lead}{key}: {value}{comment}"));
                    } else {
                        lines.push(format!("{lead}{key}: {value}"));
                    }
                }
            }
            if !o.initiatives.is_empty() {
                lines.push(format!("{inner}initiatives:"));
                for ini in &o.initiatives {
                    let mut fields = vec![("title", scalar(ini.title, ini.flow))];
                    if let Some(k) = &ini.key_result {
                        fields.push(("key_result", k.clone()));
                    }
                    if let Some(p) = ini.owner {
                        fields.push(("owner", self.people[p].id.clone()));
                    }
                    fields.push(("state", ini.state.to_owned()));
                    let pad = " ".repeat(d1);
                    if ini.flow {
                        let inside: Vec<String> =
                            fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                        lines.push(format!("{pad}- {{{}}}", inside.join(", ")));
                    } else {
                        for (j, (k, v)) in fields.iter().enumerate() {
                            let lead = if j == 0 { "- " } else { "  " };
                            lines.push(format!("{pad}{lead}{k}: {v}"));
                        }
                    }
                }
            }
            if let Some(r) = &o.review {
                lines.push(format!("{inner}review:"));
                lines.push(format!(
                    "{inner}  score: {}",
                    format_units(i64::from(r.score), 2)
                ));
                lines.push(format!("{inner}  done: {}", scalar(r.done, false)));
                lines.push(format!("{inner}  lessons: {}", scalar(r.lessons, false)));
            }
        }
        let mut lines_of_values = value_lines.into_iter();
        for o in &mut self.files[f].objectives {
            for kr in &mut o.key_results {
                kr.line = lines_of_values.next().expect("a value line per key result");
            }
        }
        lines
    }

    pub(crate) fn config(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# 巴别鸟 (Babel Bird) OKR 配置, generated by bench/gen_org.rs (seed {})",
            self.seed
        );
        s.push_str("organization: Babel Bird\n");
        s.push_str("vision: 让每个人都能用母语读懂任何一本书 / Anyone can read any book in their own language.\n");
        s.push_str("paths: [okrs]\n\nteams:\n");
        for t in &self.teams {
            let _ = writeln!(s, "  - id: {}", t.id);
            let _ = writeln!(s, "    name: {}", scalar(&t.name, false));
            if let Some(p) = t.parent {
                let _ = writeln!(s, "    parent: {}", self.teams[p].id);
            }
            let _ = writeln!(s, "    lead: {}", self.people[t.members[0]].id);
            let members: Vec<&str> = t
                .members
                .iter()
                .map(|&m| self.people[m].id.as_str())
                .collect();
            let _ = writeln!(s, "    members: [{}]", members.join(", "));
        }
        s.push_str("\npeople:\n");
        for p in &self.people {
            let _ = writeln!(s, "  - id: {}", p.id);
            let _ = writeln!(s, "    name: {}", scalar(&p.name, false));
            let _ = writeln!(s, "    email: {}", p.email);
        }
        s.push_str(
            "\nrules:\n  max-objectives: 5\n  max-key-results: 4\n  min-key-results: 1\n  bottom-up-share: 0.6\n  stale-after-days: 14\n  levels:\n    stale: warning\n",
        );
        s
    }
}
