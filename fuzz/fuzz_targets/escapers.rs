//! String → Markdown a CommonMark parser shows as the same plain text, and
//! terminal output without a control character (tests/props/escape.rs).
#![no_main]

#[path = "../../tests/props/escape.rs"]
mod prop;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    prop::markdown_text(s);
    prop::markdown_code(s);
    prop::markdown_prose(s);
    prop::terminal_inert(s);
    prop::terminal_faithful(s);
});
