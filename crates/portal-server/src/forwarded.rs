//! The client's address behind the operator's own proxies (the load balancer in front of
//! replicas): read from `X-Forwarded-For` only when the connection comes from one of them,
//! so nobody else can choose the address their password guesses are counted against.

use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::Response,
};
use portal_core::rules::source_allowed;
use std::{
    net::{IpAddr, SocketAddr},
    sync::Arc,
};

/// The client of a request that came from `peer` with `forwarded_for` (the header's values
/// joined by commas), given the `trusted` proxies (addresses and CIDR ranges): the rightmost
/// address in the header that is not a trusted proxy. Each trusted proxy appends the address
/// it saw; whatever stands left of that may have been written by the client itself.
pub fn client(peer: IpAddr, forwarded_for: &str, trusted: &[String]) -> IpAddr {
    if trusted.is_empty() || !source_allowed(trusted, peer) {
        return peer;
    }
    let mut client = peer;
    for hop in forwarded_for.rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !source_allowed(trusted, ip) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    client
}

/// Middleware: the request's client address (`ConnectInfo`) becomes [`client`]'s answer.
pub async fn from_proxies(State(trusted): State<Arc<Vec<String>>>, mut req: Request, next: Next) -> Response {
    if let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>().copied() {
        let forwarded: Vec<&str> = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let ip = client(peer.ip(), &forwarded.join(","), &trusted);
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(ip, peer.port())));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::client;

    #[test]
    fn the_client_is_the_rightmost_address_no_trusted_proxy_wrote() {
        let trusted = ["127.0.0.1".to_owned(), "10.0.0.0/8".to_owned()];
        let ip = |s: &str| s.parse().unwrap();
        for (peer, header, want) in [
            // Straight from a client: the header is whatever it says, and ignored.
            ("203.0.113.7", "198.51.100.1", "203.0.113.7"),
            // Through the balancer: the address it saw.
            ("127.0.0.1", "203.0.113.7", "203.0.113.7"),
            // A forged entry left of it changes nothing.
            ("127.0.0.1", "198.51.100.1, 203.0.113.7", "203.0.113.7"),
            // Two trusted hops.
            ("127.0.0.1", "203.0.113.7, 10.1.2.3", "203.0.113.7"),
            // A proxy that wrote nothing, or garbage: the proxy itself.
            ("127.0.0.1", "", "127.0.0.1"),
            ("127.0.0.1", "unknown", "127.0.0.1"),
            ("127.0.0.1", "203.0.113.7, junk", "127.0.0.1"),
            // IPv6 clients.
            ("127.0.0.1", "2001:db8::5", "2001:db8::5"),
        ] {
            assert_eq!(client(ip(peer), header, &trusted), ip(want), "{peer} {header:?}");
        }
        assert_eq!(
            client(ip("127.0.0.1"), "203.0.113.7", &[]),
            ip("127.0.0.1"),
            "nothing trusted"
        );
    }
}
