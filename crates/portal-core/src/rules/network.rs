//! An app's IP allow-list: the addresses and CIDR ranges its calls may come from. The
//! same parsing checks the developer's entries and, on the server, the caller's address.

use super::{error, error_with, RuleResult};
use crate::error::field_code;
use std::net::IpAddr;
use validator::ValidationError;

/// At most this many entries in an app's allow-list.
pub const ALLOWED_SOURCES_MAX: usize = 20;

/// One entry: an IPv4 or IPv6 address, or a CIDR range whose address has no bits set past
/// its prefix (`10.0.0.0/8`, not `10.0.0.1/8`, which is refused naming the network meant).
pub fn ip_range(value: &str) -> RuleResult {
    range(value).map(|_| ())
}

/// The network and prefix length of an entry.
fn range(value: &str) -> Result<(IpAddr, u8), ValidationError> {
    let (address, prefix) = match value.split_once('/') {
        Some((address, prefix)) => (address, Some(prefix)),
        None => (value, None),
    };
    let address: IpAddr = address.parse().map_err(|_| error(field_code::IP_FORMAT))?;
    let longest = if address.is_ipv4() { 32 } else { 128 };
    let prefix = match prefix {
        None => longest,
        Some(p) if !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) => p
            .parse::<u8>()
            .ok()
            .filter(|p| *p <= longest)
            .ok_or_else(|| error(field_code::IP_FORMAT))?,
        Some(_) => return Err(error(field_code::IP_FORMAT)),
    };
    let network = masked(address, prefix);
    if network != address {
        return Err(error_with(
            field_code::CIDR_HOST_BITS,
            "network",
            format!("{network}/{prefix}"),
        ));
    }
    Ok((network, prefix))
}

/// `address` with every bit past the first `prefix` cleared.
fn masked(address: IpAddr, prefix: u8) -> IpAddr {
    match address {
        IpAddr::V4(a) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V4((u32::from(a) & mask).into())
        }
        IpAddr::V6(a) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V6((u128::from(a) & mask).into())
        }
    }
}

/// Whether a call from `source` is allowed by `entries` (an empty list allows every
/// source). An IPv4 caller seen as an IPv4-mapped IPv6 address matches IPv4 entries.
pub fn source_allowed(entries: &[String], source: IpAddr) -> bool {
    let source = source.to_canonical();
    entries.is_empty()
        || entries
            .iter()
            .filter_map(|e| range(e).ok())
            .any(|(network, prefix)| {
                network.is_ipv4() == source.is_ipv4() && masked(source, prefix) == network
            })
}

/// The allow-list as a whole: at most twenty entries, each valid, none twice.
pub fn ip_ranges(entries: &[String]) -> Vec<(Option<usize>, ValidationError)> {
    super::list(entries, ALLOWED_SOURCES_MAX, ip_range)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    fn code(r: RuleResult) -> Option<String> {
        r.err().map(|e| e.code.into_owned())
    }

    #[test]
    fn ip_range_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("203.0.113.7", None),
            ("203.0.113.0/24", None),
            ("0.0.0.0/0", None),
            ("10.0.0.0/8", None),
            ("2001:db8::1", None),
            ("2001:db8::/32", None),
            ("::/0", None),
            ("", Some("ip_format")),
            ("203.0.113", Some("ip_format")),
            ("203.0.113.256", Some("ip_format")),
            ("203.0.113.0/33", Some("ip_format")),
            ("203.0.113.0/", Some("ip_format")),
            ("203.0.113.0/-1", Some("ip_format")),
            ("203.0.113.0/+8", Some("ip_format")),
            ("203.0.113.0/24/8", Some("ip_format")),
            ("2001:db8::/129", Some("ip_format")),
            (" 203.0.113.7", Some("ip_format")),
            ("example.com", Some("ip_format")),
            ("203.0.113.7/24", Some("cidr_host_bits")),
            ("2001:db8::1/32", Some("cidr_host_bits")),
        ];
        for (value, want) in cases {
            assert_eq!(code(ip_range(value)).as_deref(), *want, "{value:?}");
        }
    }

    #[test]
    fn host_bits_name_the_network_meant() {
        let e = ip_range("10.1.2.3/8").unwrap_err();
        assert_eq!(e.params.get("network"), Some(&serde_json::json!("10.0.0.0/8")));
    }

    #[test]
    fn sources_inside_and_outside() {
        let list = vec![
            "203.0.113.0/24".to_owned(),
            "2001:db8::/32".into(),
            "198.51.100.9".into(),
        ];
        let v4 = |a, b, c, d| IpAddr::V4(Ipv4Addr::new(a, b, c, d));
        assert!(source_allowed(&list, v4(203, 0, 113, 200)));
        assert!(source_allowed(&list, v4(198, 51, 100, 9)));
        assert!(!source_allowed(&list, v4(198, 51, 100, 10)));
        assert!(!source_allowed(&list, v4(203, 0, 114, 1)));
        assert!(source_allowed(&list, "2001:db8:ffff::5".parse().unwrap()));
        assert!(!source_allowed(&list, "2001:db9::5".parse().unwrap()));
        // An IPv4 caller behind a dual-stack socket.
        assert!(source_allowed(
            &list,
            IpAddr::V6(Ipv4Addr::new(203, 0, 113, 5).to_ipv6_mapped())
        ));
        assert!(source_allowed(&[], v4(192, 0, 2, 1)), "no list: every source");
        assert!(
            !source_allowed(&["::/0".into()], v4(192, 0, 2, 1)),
            "IPv6 ranges hold no IPv4 caller"
        );
    }

    #[test]
    fn a_list_is_at_most_twenty_without_repeats() {
        let entries: Vec<String> = (0..21).map(|n| format!("192.0.2.{n}")).collect();
        assert!(ip_ranges(&entries[..20]).is_empty());
        let codes: Vec<String> = ip_ranges(&entries)
            .into_iter()
            .map(|(_, e)| e.code.into_owned())
            .collect();
        assert_eq!(codes, ["too_many"]);
        let repeated = vec!["192.0.2.1".into(), "192.0.2.1".into()];
        assert_eq!(ip_ranges(&repeated)[0].0, Some(1));
    }

    proptest! {
        /// Every address is allowed by its own entry and by the network its prefix names.
        #[test]
        fn an_address_is_inside_its_own_networks(bits in any::<u32>(), prefix in 0u8..=32) {
            let address = IpAddr::V4(Ipv4Addr::from(bits));
            let network = masked(address, prefix);
            let entry = format!("{network}/{prefix}");
            prop_assert_eq!(code(ip_range(&entry)), None);
            prop_assert!(source_allowed(&[entry], address));
            prop_assert!(source_allowed(&[address.to_string()], address));
        }

        /// The same for IPv6; and an entry with host bits is refused with its network.
        #[test]
        fn ipv6_networks(bits in any::<u128>(), prefix in 0u8..=128) {
            let address = IpAddr::V6(Ipv6Addr::from(bits));
            let network = masked(address, prefix);
            let entry = format!("{network}/{prefix}");
            prop_assert!(source_allowed(&[entry], address));
            if network != address {
                let e = ip_range(&format!("{address}/{prefix}")).unwrap_err();
                prop_assert_eq!(e.code.as_ref(), "cidr_host_bits");
            }
        }
    }
}
