//! GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=RULE::MESSAGE`.

use std::io::{self, Write};

use super::CheckReport;
use crate::model::Level;
use crate::model::text::{is_unsafe, push_escape};

pub fn write(out: &mut dyn Write, report: &CheckReport<'_>) -> io::Result<()> {
    for f in report.findings {
        let command = if f.level == Level::Error {
            "error"
        } else {
            "warning"
        };
        writeln!(
            out,
            "::{command} file={}{},line={},col={},title={}::{}",
            property(&report.repo_prefix),
            property(&f.file),
            f.pos.line,
            f.pos.column,
            property(f.rule),
            data(&f.message)
        )?;
    }
    Ok(())
}

/// Escapes a message as the runner expects (`%`, `\r`, `\n`, as GitHub's
/// toolkit does); any other control character or bidi override is shown as
/// its escape, as on a terminal: the log viewer would act on it.
fn data(s: &str) -> String {
    escape(s, false)
}

/// Escapes a property value: also `:` and `,`.
fn property(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c if is_unsafe(c) => push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::data("50%\nnext"), "50%25%0Anext");
        assert_eq!(super::property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(
            super::property("x\n::error title=I::y\r,%"),
            "x%0A%3A%3Aerror title=I%3A%3Ay%0D%2C%25"
        );
        assert_eq!(super::data("a\u{1b}[2J\u{202e}"), "a\\u{1b}[2J\\u{202e}");
    }
}
