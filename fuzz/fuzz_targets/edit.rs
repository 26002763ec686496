//! File + edit → verified file or refusal (tests/props/edit.rs): the file
//! before the first NUL byte, the edit after it.
#![no_main]

#[path = "../../tests/props/edit.rs"]
mod prop;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, spec) = prop::split(data);
    prop::check(&text, spec);
});
