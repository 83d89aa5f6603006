//! Callback URLs for seller authorisation: where the platform sends a seller back after
//! they authorise an app. The same rules run in the browser and on the server; the
//! verification endpoint then compares a redirect URI with an app's URLs exactly, so
//! nothing here may be vague: no wildcards, no fragments, no credentials.

use super::{contact::is_domain_label, error, text, RuleResult};
use crate::error::field_code;
use validator::ValidationError;

/// At most this many callback URLs per app.
pub const CALLBACK_URLS_MAX: usize = 5;
/// At most this many characters in one callback URL.
pub const CALLBACK_URL_MAX: usize = 512;

/// Hosts where plain `http://` is allowed, for development on the developer's own machine.
const LOOPBACK_HOSTS: &[&str] = &["localhost", "127.0.0.1"];

/// One callback URL: `https://host[:port][/path][?query]`, or `http://` to localhost or
/// 127.0.0.1; no fragment, no wildcard, no user name or password, at most 512 characters.
pub fn callback_url(value: &str) -> RuleResult {
    text(value, CALLBACK_URL_MAX)?;
    if value.contains('*') {
        return Err(error(field_code::URL_WILDCARD));
    }
    if value.contains('#') {
        return Err(error(field_code::URL_FRAGMENT));
    }
    let (secure, rest) = match (value.strip_prefix("https://"), value.strip_prefix("http://")) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        (None, None) => return Err(error(field_code::URL_HTTPS)),
    };
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host = host_of(authority)
        .filter(|_| !value.contains(char::is_whitespace))
        .ok_or_else(|| error(field_code::URL_FORMAT))?;
    if !secure && !LOOPBACK_HOSTS.contains(&host) {
        return Err(error(field_code::URL_HTTPS));
    }
    Ok(())
}

/// The host of `host[:port]`, when it is a host name with a dot, `localhost` or an IPv4
/// address, without user information, and any port is a number from 1 to 65535.
fn host_of(authority: &str) -> Option<&str> {
    if authority.contains('@') {
        return None;
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let port_ok =
        port.is_none_or(|p| p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok_and(|p| p > 0));
    let named = host == "localhost" || (host.contains('.') && host.split('.').all(is_domain_label));
    (port_ok && named).then_some(host)
}

/// An app's callback URLs as a list: at most five, each valid, none twice. Problems come
/// with the index of the URL they are about (`None` for the list as a whole).
pub fn callback_urls(urls: &[String]) -> Vec<(Option<usize>, ValidationError)> {
    super::list(urls, CALLBACK_URLS_MAX, callback_url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(r: RuleResult) -> Option<String> {
        r.err().map(|e| e.code.into_owned())
    }

    #[test]
    fn callback_url_table() {
        let long = format!("https://example.com/{}", "a".repeat(CALLBACK_URL_MAX));
        let cases: &[(&str, Option<&str>)] = &[
            ("https://example.com/callback", None),
            ("https://shop.example.com:8443/oauth/return?from=portal", None),
            ("https://example.com", None),
            ("http://localhost:3000/callback", None),
            ("http://127.0.0.1/callback", None),
            ("http://localhost", None),
            ("", Some("required")),
            ("http://example.com/callback", Some("url_https")),
            ("http://localhost.example.com/callback", Some("url_https")),
            ("ftp://example.com/callback", Some("url_https")),
            ("HTTPS://example.com/callback", Some("url_https")),
            ("example.com/callback", Some("url_https")),
            ("https://example.com/callback#done", Some("url_fragment")),
            ("https://*.example.com/callback", Some("url_wildcard")),
            ("https://example.com/*", Some("url_wildcard")),
            ("https://user:pass@example.com/callback", Some("url_format")),
            ("https://example/callback", Some("url_format")),
            ("https:///callback", Some("url_format")),
            ("https://example.com:0/", Some("url_format")),
            ("https://example.com:65536/", Some("url_format")),
            ("https://example.com:80a/", Some("url_format")),
            ("https://exa mple.com/", Some("url_format")),
            ("https://example.com/a b", Some("url_format")),
            ("https://-example.com/", Some("url_format")),
            ("https://example.com/\u{202E}", Some("invisible_char")),
            (&long, Some("too_long")),
        ];
        for (value, want) in cases {
            assert_eq!(code(callback_url(value)).as_deref(), *want, "{value:?}");
        }
    }

    #[test]
    fn a_list_is_at_most_five_without_repeats() {
        let url = |n: usize| format!("https://example.com/{n}");
        let five: Vec<String> = (0..5).map(url).collect();
        assert!(callback_urls(&five).is_empty());
        assert!(callback_urls(&[]).is_empty());
        let six: Vec<String> = (0..6).map(url).collect();
        let problems = callback_urls(&six);
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].0, problems[0].1.code.as_ref()), (None, "too_many"));
        assert_eq!(problems[0].1.params.get("max"), Some(&serde_json::json!(5)));
        let repeated = vec![url(1), "http://example.com".into(), url(1)];
        let found: Vec<(Option<usize>, String)> = callback_urls(&repeated)
            .into_iter()
            .map(|(i, e)| (i, e.code.into_owned()))
            .collect();
        assert_eq!(
            found,
            [(Some(1), "url_https".into()), (Some(2), "duplicate".into())]
        );
    }

    proptest! {
        /// Whatever follows a valid https origin as its path is fine unless it brings a
        /// fragment, a wildcard, a space or an invisible character.
        #[test]
        fn paths_after_an_https_origin(path in "[a-zA-Z0-9/_.~%?=&-]{0,200}") {
            let url = format!("https://example.com/{path}");
            prop_assert_eq!(code(callback_url(&url)), None);
        }

        /// Nothing with a fragment or a wildcard is ever accepted.
        #[test]
        fn never_a_fragment_or_wildcard(before in "[a-z/.:]{0,40}", mark in "[#*]", after in "[a-z/]{0,40}") {
            let url = format!("https://example.com/{before}{mark}{after}");
            prop_assert!(callback_url(&url).is_err());
        }

        /// Plain http is accepted for the loopback hosts only.
        #[test]
        fn plain_http_only_to_this_machine(host in "[a-z]{1,12}\\.[a-z]{2,6}") {
            let url = format!("http://{host}/cb");
            let got = code(callback_url(&url));
            prop_assert_eq!(got.as_deref(), Some("url_https"));
        }
    }
}
