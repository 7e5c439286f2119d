//! Cells of the CSV files Harmoni hands out: quoted where needed, and never read as a formula
//! when opened in a spreadsheet (CSV injection), while negative numbers stay numbers.

/// A CSV value quoted where needed. A value starting with `=`, `+`, `@`, or `-` when it is not a
/// number, gets a leading apostrophe, so `+62812...` stays a phone number rather than a formula.
pub fn csv_cell(value: &str) -> String {
    let formula = value.starts_with(['=', '+', '@']) || (value.starts_with('-') && value.parse::<f64>().is_err());
    let safe = if formula { format!("'{value}") } else { value.to_string() };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("PT Maju"), "PT Maju");
        assert_eq!(csv_cell("Jl. A, No. 1"), "\"Jl. A, No. 1\"");
        assert_eq!(csv_cell("PT \"Maju\""), "\"PT \"\"Maju\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("+62812"), "'+62812");
        assert_eq!(csv_cell("@cmd"), "'@cmd");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("-12"), "-12", "a negative number stays a number");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
    }
}
