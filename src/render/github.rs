//! GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=RULE::MESSAGE`.

use std::io::{self, Write};

use super::CheckReport;
use crate::model::Level;

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

/// Escapes a message as the runner expects.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: also `:` and `,`.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::data("50%\nnext"), "50%25%0Anext");
        assert_eq!(super::property("a:b,c"), "a%3Ab%2Cc");
    }
}
