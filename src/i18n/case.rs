//! Changing case with the browser's own Unicode tables. Rust's case mapping brings about
//! 20 KB of tables into the download, and data cannot be split out of the first module.
//! Native builds (the unit tests) use Rust's, which agree.

#[cfg(target_arch = "wasm32")]
pub fn lower(s: &str) -> String {
    js_sys::JsString::from(s).to_lower_case().into()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn lower(s: &str) -> String {
    s.to_lowercase()
}

#[cfg(target_arch = "wasm32")]
fn upper(s: &str) -> String {
    js_sys::JsString::from(s).to_upper_case().into()
}

#[cfg(not(target_arch = "wasm32"))]
fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// The text with its first letter in upper case, as at the start of a sentence.
pub(super) fn capitalise(s: &str) -> String {
    let first = s.chars().next().map_or(0, char::len_utf8);
    let (head, rest) = s.split_at(first);
    upper(head) + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_letter_changes() {
        for (text, capitalised) in [
            ("", ""),
            ("the contact name", "The contact name"),
            ("éxito", "Éxito"),
            ("应用名称", "应用名称"),
            ("IT team", "IT team"),
        ] {
            assert_eq!(capitalise(text), capitalised);
        }
        assert_eq!(lower("Copied"), "copied");
    }
}
