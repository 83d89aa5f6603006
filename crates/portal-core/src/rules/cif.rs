//! The Spanish CIF (tax identification code of a company).

use super::{error, RuleResult};
use crate::error::field_code;

const FIRST_LETTERS: &str = "ABCDEFGHJNPQRSUVW";
const CONTROL_LETTERS: &[u8; 10] = b"JABCDEFGHI";

/// Whether a developer in `country` is asked for a CIF number (only in Spain).
pub fn cif_asked(country: &str) -> bool {
    country == super::SPAIN
}

/// A CIF number is given only by a developer in Spain (who may leave it out).
pub fn cif_for_country(cif: &str, country: &str) -> RuleResult {
    if cif.is_empty() || cif_asked(country) {
        Ok(())
    } else {
        Err(error(field_code::CIF_NOT_ASKED))
    }
}

/// An optional CIF: empty, or a letter of `ABCDEFGHJNPQRSUVW`, 7 digits and a control
/// character. K P Q R S N W take the control letter, A B E H the digit, others either.
pub fn cif(value: &str) -> RuleResult {
    if value.is_empty() {
        return Ok(());
    }
    let b = value.as_bytes();
    let shaped = b.len() == 9
        && FIRST_LETTERS.as_bytes().contains(&b[0])
        && b[1..8].iter().all(u8::is_ascii_digit)
        && (b[8].is_ascii_digit() || b[8].is_ascii_uppercase());
    if !shaped {
        return Err(error(field_code::CIF_FORMAT));
    }
    let digits: Vec<u32> = b[1..8].iter().map(|d| u32::from(d - b'0')).collect();
    let mut sum = 0;
    for (i, d) in digits.iter().enumerate() {
        if i % 2 == 0 {
            // Positions 1, 3, 5, 7: double, then add the digits of the product.
            let p = d * 2;
            sum += p / 10 + p % 10;
        } else {
            sum += d;
        }
    }
    let d = ((10 - sum % 10) % 10) as usize;
    let as_digit = b'0' + d as u8;
    let as_letter = CONTROL_LETTERS[d];
    let ok = match b[0] {
        b'K' | b'P' | b'Q' | b'R' | b'S' | b'N' | b'W' => b[8] == as_letter,
        b'A' | b'B' | b'E' | b'H' => b[8] == as_digit,
        _ => b[8] == as_digit || b[8] == as_letter,
    };
    if ok {
        Ok(())
    } else {
        Err(error(field_code::CIF_CONTROL))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(v: &str) -> Option<String> {
        cif(v).err().map(|e| e.code.into_owned())
    }

    #[test]
    fn a_cif_is_given_only_in_spain() {
        let cases = [
            ("", "ES", None),
            ("", "CN", None),
            ("J99216582", "ES", None),
            ("J99216582", "CN", Some("cif_not_asked")),
            ("J99216582", "", Some("cif_not_asked")),
        ];
        for (value, country, want) in cases {
            let got = cif_for_country(value, country).err().map(|e| e.code.into_owned());
            assert_eq!(got.as_deref(), want, "{value:?} in {country:?}");
        }
        assert!(cif_asked("ES") && !cif_asked("CN"));
    }

    #[test]
    fn cif_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("", None),
            ("J99216582", None),
            ("A13585625", None),
            ("B65410011", None),
            ("Q2826000H", None), // Q takes the letter
            ("P0800000B", None),
            ("G12345674", None), // G may take the digit …
            ("G1234567D", None), // … or the letter
            ("J99216583", Some("cif_control")),
            ("A1358562E", Some("cif_control")), // A must take the digit
            ("Q28260008", Some("cif_control")), // Q must take the letter
            ("A13585626", Some("cif_control")),
            ("I13585625", Some("cif_format")), // I is not a valid first letter
            ("A1358562", Some("cif_format")),  // too short
            ("A135856255", Some("cif_format")), // too long
            ("a13585625", Some("cif_format")), // lower case is normalised before this rule
            ("AB3585625", Some("cif_format")),
            ("13585625A", Some("cif_format")),
        ];
        for (value, want) in cases {
            assert_eq!(code(value).as_deref(), *want, "{value:?}");
        }
    }
}
