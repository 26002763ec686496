//! rustc-style findings: `file:line:col`, the source line and a caret.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::CheckReport;
use crate::model;
use crate::model::text::inert;

pub fn write(out: &mut dyn Write, report: &CheckReport<'_>, color: bool) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    // The lines of the file the findings are in, split once per file (the
    // findings come file by file; a file may have thousands).
    let mut lines: (&str, Vec<&str>) = ("", Vec::new());
    for f in report.findings {
        let level = match f.level {
            model::Level::Error => Level::ERROR,
            _ => Level::WARNING,
        };
        if lines.1.is_empty() || lines.0 != f.file {
            let text = report.org.text_of(&f.file).unwrap_or("");
            lines = (f.file.as_str(), text.lines().collect());
        }
        let line_no = f.pos.line.max(1) as usize;
        let line = lines.1.get(line_no - 1).copied().unwrap_or("");
        let start = char_to_byte(line, f.pos.column.max(1) as usize - 1);
        let end = token_end(line, start);
        // The message, the path and the line as a terminal may show them; the
        // caret moves with the escapes before it.
        let (start, end) = (inert(&line[..start]).len(), inert(&line[..end]).len());
        let line = inert(line);
        let message = inert(&f.message);
        let path = inert(&f.file);
        let help = format!("for more, run `okr explain {}`", f.rule);
        let groups = [
            level.primary_title(&*message).id(f.rule).element(
                Snippet::source(&*line)
                    .line_start(line_no)
                    .path(&*path)
                    .annotation(AnnotationKind::Primary.span(start..end)),
            ),
            Group::with_title(Level::HELP.secondary_title(help)),
        ];
        writeln!(out, "{}\n", renderer.render(&groups))?;
    }
    summary(out, report)
}

fn summary(out: &mut dyn Write, report: &CheckReport<'_>) -> io::Result<()> {
    let s = report.summary;
    if s.errors == 0 && s.warnings == 0 && s.suppressed == 0 {
        return Ok(());
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "{}, {} in {}",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.files, "file")
    );
    if s.suppressed > 0 {
        line.push_str(&format!(" ({} suppressed)", s.suppressed));
    }
    writeln!(out, "{line}")
}

fn char_to_byte(line: &str, chars: usize) -> usize {
    line.char_indices()
        .nth(chars)
        .map_or(line.len(), |(i, _)| i)
}

/// The end of the token that starts at `start`: up to a space, comma or bracket.
fn token_end(line: &str, start: usize) -> usize {
    let rest = &line[start..];
    let quoted = rest.starts_with('"') || rest.starts_with('\'');
    let len = if rest.starts_with(['[', '{']) {
        1
    } else if quoted {
        let q = rest.as_bytes()[0] as char;
        rest[1..].find(q).map_or(rest.len(), |i| i + 2)
    } else {
        rest.find([' ', ',', ']', '}', '\t']).unwrap_or(rest.len())
    };
    let len = if len == 0 {
        rest.chars().next().map_or(0, char::len_utf8)
    } else {
        len
    };
    start + len
}
