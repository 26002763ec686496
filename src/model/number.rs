//! Numbers as people write them in OKR files and as okr shows them: the one
//! formatting every layer uses. No parsing, no I/O.

/// The integer `x` is when it is one exactly and within 2^53 (where every
/// integer is exact in a float): the files write and read such numbers as
/// integers.
pub fn exact_integer(x: f64) -> Option<i64> {
    (x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_992.0).then_some(x as i64)
}

/// A number as a person would write it: `26`, `26.5`, `-0.25`.
pub fn format_number(x: f64) -> String {
    match exact_integer(x) {
        Some(i) => i.to_string(),
        // Integral but beyond exact integers: an exponent keeps it a float.
        None if x.fract() == 0.0 => format!("{x:e}"),
        None => format!("{x}"),
    }
}

/// A check-in value as `okr history` shows it: a number, `done` or `not done`.
pub fn json_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Bool(true) => "done".to_owned(),
        serde_json::Value::Bool(false) => "not done".to_owned(),
        serde_json::Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), format_number),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(format_number(26.0), "26");
        assert_eq!(format_number(0.7), "0.7");
        assert_eq!(format_number(-3.25), "-3.25");
        assert_eq!(format_number(1e300), "1e300");
        assert_eq!(exact_integer(9_007_199_254_740_992.0), Some(1 << 53));
        assert_eq!(exact_integer(0.5), None);
    }
}
