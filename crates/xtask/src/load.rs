//! A bounded load test on loopback (part of `cargo xtask bench`, never of CI's timing):
//! 200 sellers sign in at once, then submit 200 qualification applications at once. Every
//! application must be stored exactly once; latencies and the server's memory are reported.

use std::{
    io::{Read, Write},
    net::{SocketAddr, TcpStream},
    path::Path,
    process::Command,
    sync::Arc,
    time::{Duration, Instant},
};

pub(crate) const SELLERS: usize = 200;
const PASSWORD: &str = "load-test-password";

/// Creates the sellers with the server's own CLI, before the server starts.
pub(crate) fn create_accounts(server: &Path, database: &Path) -> Result<(), String> {
    let started = Instant::now();
    for i in 0..SELLERS {
        create_account(server, database, &format!("load-{i}"), PASSWORD)?;
    }
    println!("\ncreated {SELLERS} accounts in {:.1?}", started.elapsed());
    Ok(())
}

/// Every load seller's contact address confirmed with the server's own CLI.
fn confirm_emails(server: &Path, database: &Path) -> Result<(), String> {
    let out = Command::new(server)
        .arg("--database")
        .arg(database)
        .arg("confirm-email")
        .args((0..SELLERS).map(|i| format!("load-{i}")))
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("confirm-email: {}", String::from_utf8_lossy(&out.stderr)))
    }
}

/// One seller account, made with the server's own CLI before the server starts.
pub(crate) fn create_account(
    server: &Path,
    database: &Path,
    name: &str,
    password: &str,
) -> Result<(), String> {
    let out = Command::new(server)
        .arg("--database")
        .arg(database)
        .args(["create-account", name, "--password", password])
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "create-account: {}",
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Signs `account` in and brings it to the qualification step: the agreement accepted and
/// the developer information given.
pub(crate) fn ready_for_qualification(addr: SocketAddr, account: &str, password: &str) -> Result<(), String> {
    let body = format!(r#"{{"account":"{account}","password":"{password}"}}"#);
    let token = field(
        &expect(send(addr, "POST", "/api/v1/session", &[], body.as_bytes()))?,
        "token",
    );
    ready(addr, &token)
}

/// A signed-in seller accepts the agreement and gives the developer information.
fn ready(addr: SocketAddr, token: &str) -> Result<(), String> {
    let auth = [("Authorization", format!("Bearer {token}"))];
    expect(send(
        addr,
        "POST",
        "/api/v1/agreement/acceptance",
        &auth,
        br#"{"version":1,"confirmed":true}"#,
    ))?;
    expect(send(
        addr,
        "PUT",
        "/api/v1/developer",
        &auth,
        DEVELOPER.as_bytes(),
    ))?;
    Ok(())
}

pub(crate) fn run(addr: SocketAddr, server_pid: u32, server: &Path, database: &Path) -> Result<(), String> {
    println!("\nLoad on loopback: {SELLERS} sellers at once (bounded: each sends one request at a time)");
    let before = rss_kib(server_pid);

    // 1. Everyone signs in at once, each from an address of their own (as sellers do: a
    // single address is throttled far sooner); a 503 "busy" is retried after the time it names.
    let (tokens, times, busy) = all_at_once(move |i| {
        let body = format!(r#"{{"account":"load-{i}","password":"{PASSWORD}"}}"#);
        let from = std::net::Ipv4Addr::new(127, 1, (i / 250) as u8, (i % 250 + 1) as u8);
        send_from(
            addr,
            Some(from.into()),
            "POST",
            "/api/v1/session",
            &[],
            body.as_bytes(),
        )
    })?;
    let tokens: Vec<String> = tokens.iter().map(|b| field(b, "token")).collect();
    crate::bench::report("concurrent sign-ins", &times);
    println!("  sign-ins answered 503 busy and retried: {busy}");
    println!(
        "  server memory (RSS) after the sign-ins: {} KiB",
        rss_kib(server_pid).map_or("?".into(), |k| k.to_string())
    );

    // 2. Each gets ready: agreement, developer information (the address confirmed by the
    // operator's command: the load is on the applications, not on mail), a licence.
    for token in &tokens {
        ready(addr, token)?;
    }
    confirm_emails(server, database)?;
    let mut licences = Vec::new();
    for token in &tokens {
        let auth = [
            ("Authorization", format!("Bearer {token}")),
            ("Content-Type", "application/octet-stream".into()),
        ];
        let body = expect(send(
            addr,
            "POST",
            "/api/v1/uploads/licence?file_name=l.png",
            &auth,
            &PNG,
        ))?;
        licences.push(field(&body, "id"));
    }

    // 3. Everyone submits at once, each with an idempotency key.
    let (tokens, licences) = (Arc::new(tokens), Arc::new(licences));
    let (_, times, busy) = all_at_once({
        let (tokens, licences) = (tokens.clone(), licences.clone());
        move |i| {
            let headers = [
                ("Authorization", format!("Bearer {}", tokens[i])),
                ("Idempotency-Key", format!("load-submit-{i}")),
            ];
            let body = QUALIFICATION.replace("LICENCE", &licences[i]);
            send(addr, "PUT", "/api/v1/qualification", &headers, body.as_bytes())
        }
    })?;
    crate::bench::report("concurrent submissions", &times);
    println!("  submissions answered 503/409 and retried: {busy}");

    // 4. Exactly once: the review queue holds one application per seller.
    let reviewer = expect(send(
        addr,
        "POST",
        "/api/v1/session",
        &[],
        br#"{"account":"demo-reviewer","password":"reviewer-demo-2026"}"#,
    ))?;
    let auth = [("Authorization", format!("Bearer {}", field(&reviewer, "token")))];
    let queue = expect(send(addr, "GET", "/api/v1/review/applications", &auth, b""))?;
    let stored = queue.matches("\"reference\"").count();
    let distinct: std::collections::BTreeSet<&str> = queue
        .split("\"account\":\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    println!(
        "  applications stored: {stored} from {} sellers (expected {SELLERS} exactly)",
        distinct.len()
    );
    let after = rss_kib(server_pid);
    println!(
        "  server memory (RSS): {} KiB before, {} KiB after",
        before.map_or("?".into(), |k| k.to_string()),
        after.map_or("?".into(), |k| k.to_string())
    );
    if stored != SELLERS || distinct.len() != SELLERS {
        return Err(format!(
            "load test: {stored} applications stored for {SELLERS} sellers"
        ));
    }
    Ok(())
}

type Answer = (u16, String);

/// Runs `request(i)` for every seller on its own thread, all released at once; retries a
/// 503 or 409 "in progress" after the time it names (at most 20 times). Returns the
/// bodies in seller order, the sorted latencies and how many answers were retried.
fn all_at_once(
    request: impl Fn(usize) -> Result<Answer, String> + Send + Sync + 'static,
) -> Result<(Vec<String>, Vec<Duration>, usize), String> {
    let request = Arc::new(request);
    let gate = Arc::new(std::sync::Barrier::new(SELLERS));
    let threads: Vec<_> = (0..SELLERS)
        .map(|i| {
            let (request, gate) = (request.clone(), gate.clone());
            std::thread::spawn(move || -> Result<(String, Duration, usize), String> {
                gate.wait();
                let started = Instant::now();
                for retries in 0..20 {
                    let (status, body) = request(i)?;
                    match status {
                        200..=299 => return Ok((body, started.elapsed(), retries)),
                        503 | 409 if body.contains("retry_after") => {
                            std::thread::sleep(Duration::from_secs(1))
                        }
                        _ => return Err(format!("seller {i}: {status} {body}")),
                    }
                }
                Err(format!("seller {i}: still busy after 20 tries"))
            })
        })
        .collect();
    let (mut bodies, mut times, mut retried) = (Vec::new(), Vec::new(), 0);
    for thread in threads {
        let (body, time, retries) = thread.join().map_err(|_| "a load thread panicked")??;
        bodies.push(body);
        times.push(time);
        retried += retries;
    }
    times.sort();
    Ok((bodies, times, retried))
}

fn expect(answer: Result<Answer, String>) -> Result<String, String> {
    match answer? {
        (200..=299, body) => Ok(body),
        (status, body) => Err(format!("answered {status}: {body}")),
    }
}

/// A string field of a small JSON document.
fn field(json: &str, name: &str) -> String {
    json.split(&format!("\"{name}\":\""))
        .nth(1)
        .and_then(|t| t.split('"').next())
        .unwrap_or_default()
        .to_owned()
}

/// A minimal HTTP/1.1 exchange, so the benchmark needs no client library.
pub(crate) fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> Result<Answer, String> {
    send_from(addr, None, method, path, headers, body)
}

/// [`send`] from the loopback address `from` (any 127.x address is this machine).
fn send_from(
    addr: SocketAddr,
    from: Option<std::net::IpAddr>,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> Result<Answer, String> {
    let mut stream = match from {
        None => TcpStream::connect(addr).map_err(|e| e.to_string())?,
        Some(ip) => {
            let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)
                .map_err(|e| e.to_string())?;
            socket
                .bind(&SocketAddr::new(ip, 0).into())
                .map_err(|e| format!("bind {ip}: {e}"))?;
            socket.connect(&addr.into()).map_err(|e| e.to_string())?;
            socket.into()
        }
    };
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if !headers.iter().any(|(n, _)| *n == "Content-Type") && !body.is_empty() {
        head.push_str("Content-Type: application/json\r\n");
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes()).map_err(|e| e.to_string())?;
    stream.write_all(body).map_err(|e| e.to_string())?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).map_err(|e| e.to_string())?;
    let response = String::from_utf8_lossy(&response);
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

/// The server's resident memory, from /proc (Linux).
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

const PNG: [u8; 16] = [
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0,
];

const DEVELOPER: &str = r#"{"developer_name":"Load Test Co.","country":"CN","email":"dev@example.com","mobile":"+8613800138000","website":""}"#;

const QUALIFICATION: &str = r#"{"contact_name":"Li Wei","contact_mobile":"+8613800138000","email":"li@example.com","software_name":"Shop Helper","software_function":"Orders.","licence_id":"LICENCE","cif":"","it_name":"Li Wei","it_mobile":"+8613800138000","it_email":"it@example.com","it_team_size":"12","market_planning":"Sellers.","server_config":"8 CPU","server_bandwidth":"1 Gbps","dev_language":"Java","database":"MySQL","agreement_confirmed":true}"#;
