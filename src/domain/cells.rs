//! Cells of the files people open in a spreadsheet (CSV, XLSX): text that would run as a
//! formula is kept as text.

use std::borrow::Cow;

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a leading tab or
/// carriage return) gets a leading apostrophe, so opening the file never executes it.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_others_kept() {
        for risky in ["=1+1", "+34", "-2", "@SUM(A1)", "@cmd", "\tx", "\rx"] {
            assert_eq!(neutralise(risky), format!("'{risky}"));
        }
        for plain in [
            "",
            "Plan 2019",
            "Portal 2.0",
            "2020-01-01",
            "ana 'quoted'",
            "50",
        ] {
            assert_eq!(neutralise(plain), plain);
        }
    }
}
