//! Characters that do not belong in a form answer: control characters (a terminal escape,
//! a NUL, a line break in a one-line field), direction overrides that make text read
//! differently from how it is stored ("Evil\u{202E}moc.exe"), and values that look
//! empty because they are made only of invisible characters.

/// Direction embeddings, overrides and isolates (U+202A–202E, U+2066–2069).
pub fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that show nothing: white space, zero-width spaces and joiners, word
/// joiners and invisible operators, the byte-order mark, direction marks, soft hyphens.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{061C}' | '\u{180E}' | '\u{00AD}'
        )
        || is_direction_override(c)
}

/// Whether `c` may appear in a text answer; `multiline` answers may hold line breaks and tabs.
pub fn is_allowed(c: char, multiline: bool) -> bool {
    if multiline && matches!(c, '\n' | '\t') {
        return true;
    }
    !c.is_control() && !is_direction_override(c)
}

/// A value a reader would take for empty.
pub fn looks_empty(value: &str) -> bool {
    value.chars().all(is_invisible)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_table() {
        let cases: &[(char, bool, bool)] = &[
            ('a', false, true),
            ('中', false, true),
            ('é', false, true),
            ('\u{200D}', false, true), // joiners are part of emoji and some scripts
            ('\n', false, false),
            ('\n', true, true),
            ('\t', true, true),
            ('\r', true, false),
            ('\0', true, false),
            ('\u{1b}', true, false),
            ('\u{7f}', false, false),
            ('\u{85}', true, false),
            ('\u{202E}', true, false),
            ('\u{2066}', false, false),
        ];
        for (c, multiline, want) in cases {
            assert_eq!(is_allowed(*c, *multiline), *want, "{c:?} multiline {multiline}");
        }
    }

    #[test]
    fn looks_empty_table() {
        for (value, want) in [
            ("", true),
            ("   ", true),
            ("\u{200B}\u{200D}\u{FEFF}", true),
            ("\u{3000}", true),
            ("\u{202E}", true),
            ("a\u{200B}", false),
            ("中", false),
        ] {
            assert_eq!(looks_empty(value), want, "{value:?}");
        }
    }
}
