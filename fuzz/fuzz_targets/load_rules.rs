//! Bytes → findings: okr.yaml before the first NUL byte, an OKR file after it,
//! through `okr check`'s pipeline (tests/props/load_rules.rs).
#![no_main]

#[path = "../../tests/props/load_rules.rs"]
mod prop;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (config, file) = prop::split(data);
    let today = okr::model::Date::from_ymd_opt(2026, 11, 15).expect("a date");
    prop::check(config, file, today);
});
