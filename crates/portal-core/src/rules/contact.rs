//! E-mail addresses, mobile numbers, web addresses and countries.

use super::{error, error_with, optional, text, RuleResult};
use crate::error::field_code;

const EMAIL_MAX: usize = 254;
const EMAIL_LOCAL_MAX: usize = 64;

/// The HTML living standard's "valid e-mail address", at most 254 characters with a
/// local part of at most 64.
pub fn email(value: &str) -> RuleResult {
    text(value, EMAIL_MAX)?;
    let valid = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && local.len() <= EMAIL_LOCAL_MAX
            && local.bytes().all(is_email_local_byte)
            && !domain.is_empty()
            && domain.split('.').all(is_domain_label)
    });
    if valid {
        Ok(())
    } else {
        Err(error(field_code::EMAIL_FORMAT))
    }
}

fn is_email_local_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b)
}

/// A label of 1 to 63 letters, digits and inner hyphens.
pub(super) fn is_domain_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
}

/// Separators people type inside phone numbers; dropped before checking and storing.
fn is_phone_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{a0}')
}

/// The E.164 form of a typed number: separators dropped ("+86 138-0013-8000" → "+8613800138000").
pub fn normalize_mobile(value: &str) -> String {
    value.chars().filter(|c| !is_phone_separator(*c)).collect()
}

/// A mobile number in E.164: `+`, a country code without a leading 0, at most 15 digits
/// in all; a mainland China number (+86) is 11 digits starting with 1[3-9].
pub fn mobile(value: &str) -> RuleResult {
    if value.is_empty() {
        return Err(error(field_code::REQUIRED));
    }
    let number = normalize_mobile(value);
    let digits = number.strip_prefix('+').unwrap_or_default();
    let well_formed = digits.len() >= 7
        && digits.len() <= 15
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    if !well_formed {
        return Err(error(field_code::MOBILE_FORMAT));
    }
    if let Some(national) = digits.strip_prefix("86") {
        let b = national.as_bytes();
        if b.len() != 11 || b[0] != b'1' || !(b'3'..=b'9').contains(&b[1]) {
            return Err(error(field_code::MOBILE_CHINA));
        }
    }
    Ok(())
}

const URL_MAX: usize = 200;

/// An optional web address: empty, or `http(s)://` and a host with a dot.
pub fn optional_url(value: &str) -> RuleResult {
    optional(value, |v| {
        if v.chars().count() > URL_MAX {
            return Err(error_with(field_code::TOO_LONG, "max", URL_MAX));
        }
        let rest = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://"));
        let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
        let valid = host.is_some_and(|h| {
            let h = h.rsplit_once(':').map_or(h, |(name, port)| {
                if port.bytes().all(|b| b.is_ascii_digit()) {
                    name
                } else {
                    h
                }
            });
            h.contains('.') && h.split('.').all(is_domain_label)
        }) && !v.contains(char::is_whitespace);
        if valid {
            Ok(())
        } else {
            Err(error(field_code::URL_FORMAT))
        }
    })
}

pub const SPAIN: &str = "ES";

/// Countries and regions a developer can be in (ISO 3166-1 alpha-2). The user interface
/// names them; this list decides what is accepted.
pub const COUNTRIES: &[&str] = &[
    "AE", "AR", "AT", "AU", "BE", "BG", "BR", "CA", "CH", "CL", "CN", "CO", "CZ", "DE", "DK", "EE", "EG",
    "ES", "FI", "FR", "GB", "GR", "HK", "HR", "HU", "ID", "IE", "IL", "IN", "IT", "JP", "KR", "KZ", "LT",
    "LU", "LV", "MA", "MO", "MX", "MY", "NG", "NL", "NO", "NZ", "PE", "PH", "PK", "PL", "PT", "RO", "RS",
    "RU", "SA", "SE", "SG", "SI", "SK", "TH", "TR", "TW", "UA", "US", "UY", "VN", "ZA",
];

pub fn country(value: &str) -> RuleResult {
    if value.is_empty() {
        Err(error(field_code::REQUIRED))
    } else if COUNTRIES.contains(&value) {
        Ok(())
    } else {
        Err(error(field_code::COUNTRY_UNKNOWN))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(r: RuleResult) -> Option<String> {
        r.err().map(|e| e.code.into_owned())
    }

    #[test]
    fn email_table() {
        let local64 = format!("{}@example.com", "a".repeat(64));
        let local65 = format!("{}@example.com", "a".repeat(65));
        let long = format!(
            "a@{}.com",
            "b".repeat(63) + "." + &"c".repeat(63) + "." + &"d".repeat(63) + "." + &"e".repeat(60)
        );
        let valid = [
            "dev@example.com",
            "first.last+tag@sub.example.co.uk",
            "a@localhost", // the HTML standard accepts a domain without a dot
            "o'brien@example.ie",
            "x@a-b.example",
            "#!$%&'*+-/=?^_`{}|~@example.org",
            &local64,
        ];
        for v in valid {
            assert_eq!(code(email(v)), None, "{v:?} should be valid");
        }
        let invalid: &[(&str, &str)] = &[
            ("", "required"),
            ("plainaddress", "email_format"),
            ("@example.com", "email_format"),
            ("dev@", "email_format"),
            ("dev@@example.com", "email_format"),
            ("dev @example.com", "email_format"),
            ("dev@exa mple.com", "email_format"),
            ("dev@-example.com", "email_format"),
            ("dev@example-.com", "email_format"),
            ("dev@example..com", "email_format"),
            ("dev@example.com.", "email_format"),
            ("dév@example.com", "email_format"),
            ("dev@例子.cn", "email_format"),
            ("\"quoted\"@example.com", "email_format"),
            (&local65, "email_format"),
        ];
        for (v, want) in invalid {
            assert_eq!(code(email(v)).as_deref(), Some(*want), "{v:?}");
        }
        assert!(long.len() > 254);
        assert_eq!(code(email(&long)).as_deref(), Some("too_long"));
    }

    #[test]
    fn mobile_table() {
        let valid = [
            "+8613800138000",
            "+86 139 1234 5678",
            "+86-199-1234-5678",
            "+34 612 345 678",
            "+1 (415) 555-2671",
            "+447911123456",
            "+123456789012345", // 15 digits
        ];
        for v in valid {
            assert_eq!(code(mobile(v)), None, "{v:?} should be valid");
        }
        let invalid: &[(&str, &str)] = &[
            ("", "required"),
            ("13800138000", "mobile_format"),       // no country code
            ("+0861380013800", "mobile_format"),    // country code starting with 0
            ("+1234567890123456", "mobile_format"), // 16 digits
            ("+12345", "mobile_format"),            // too short
            ("+86 138 0013 800a", "mobile_format"),
            ("++8613800138000", "mobile_format"),
            ("+８６13800138000", "mobile_format"), // full-width digits
            ("+8612800138000", "mobile_china"),    // 12x is not a mobile prefix
            ("+861380013800", "mobile_china"),     // 10 digits
            ("+86138001380001", "mobile_china"),   // 12 digits
            ("+8623800138000", "mobile_china"),
        ];
        for (v, want) in invalid {
            assert_eq!(code(mobile(v)).as_deref(), Some(*want), "{v:?}");
        }
    }

    #[test]
    fn mobile_is_stored_in_e164() {
        assert_eq!(normalize_mobile("+86 138-0013.8000"), "+8613800138000");
        assert_eq!(normalize_mobile("+1 (415) 555 2671"), "+14155552671");
    }

    #[test]
    fn url_table() {
        for v in [
            "",
            "https://example.com",
            "http://dev.example.co.uk/path?q=1",
            "https://example.com:8443/x",
        ] {
            assert_eq!(code(optional_url(v)), None, "{v:?}");
        }
        for v in [
            "example.com",
            "ftp://example.com",
            "https://",
            "https://localhost",
            "https://exa mple.com",
            "https://-x.com",
        ] {
            assert_eq!(code(optional_url(v)).as_deref(), Some("url_format"), "{v:?}");
        }
        let long = format!("https://example.com/{}", "a".repeat(200));
        assert_eq!(code(optional_url(&long)).as_deref(), Some("too_long"));
    }

    #[test]
    fn country_table() {
        assert_eq!(code(country("ES")), None);
        assert_eq!(code(country("CN")), None);
        assert_eq!(code(country("")).as_deref(), Some("required"));
        assert_eq!(code(country("XX")).as_deref(), Some("country_unknown"));
        assert_eq!(code(country("es")).as_deref(), Some("country_unknown"));
    }
}
