//! A bounded load test on loopback (part of `cargo xtask bench`, never of CI's timing):
//! 200 sellers (`PORTAL_LOAD_SELLERS`) at once, each walking from sign-in to a submitted application,
//! against one server on SQLite, one replica on PostgreSQL and two replicas on PostgreSQL
//! (each request to the next replica, as a load balancer sends them). Every application
//! must be stored exactly once; throughput, latencies and the servers' memory are reported.

use std::{
    io::{Read, Write},
    net::{SocketAddr, TcpStream},
    path::Path,
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// How many sellers walk at once: `PORTAL_LOAD_SELLERS`, 200 unless set.
fn sellers() -> usize {
    static SELLERS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *SELLERS.get_or_init(|| {
        std::env::var("PORTAL_LOAD_SELLERS")
            .ok()
            .and_then(|n| n.parse().ok())
            .filter(|n| *n > 0)
            .unwrap_or(200)
    })
}
const PASSWORD: &str = "load-test-password";

/// Creates the sellers with the server's own CLI, before the server starts.
pub(crate) fn create_accounts(server: &Path, database: &str) -> Result<(), String> {
    let started = Instant::now();
    for i in 0..sellers() {
        create_account(server, database, &format!("load-{i}"), PASSWORD)?;
    }
    println!("\ncreated {} accounts in {:.1?}", sellers(), started.elapsed());
    Ok(())
}

/// Every load seller's contact address confirmed with the server's own CLI.
fn confirm_emails(server: &Path, database: &str) -> Result<(), String> {
    let out = Command::new(server)
        .arg("--database")
        .arg(database)
        .arg("confirm-email")
        .args((0..sellers()).map(|i| format!("load-{i}")))
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
    database: &str,
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

/// What one scenario measured.
pub(crate) struct Outcome {
    label: String,
    requests: usize,
    wall: Duration,
    latencies: Vec<Duration>,
    /// Applications in the review queue, and from how many sellers.
    stored: usize,
    sellers: usize,
    rss_kib: Vec<Option<u64>>,
}

impl Outcome {
    fn row(&self) -> String {
        let pct = |p: f64| self.latencies[((self.latencies.len() as f64 - 1.0) * p).round() as usize];
        let rss: Vec<String> = self
            .rss_kib
            .iter()
            .map(|k| k.map_or("?".into(), |k| format!("{} MiB", k / 1024)))
            .collect();
        format!(
            "| {} | {} | {:.1} s | {:.0} | {:.1?} | {:.1?} | {} from {} sellers (of {}) | {} |",
            self.label,
            self.requests,
            self.wall.as_secs_f64(),
            self.requests as f64 / self.wall.as_secs_f64(),
            pct(0.5),
            pct(0.99),
            self.stored,
            self.sellers,
            sellers(),
            rss.join(", ")
        )
    }
}

/// The three scenarios, each on a new database with servers of its own; prints a table and
/// writes it to `target/bench/load.md`. Fails when a scenario stores other than one
/// application per seller.
pub(crate) fn scenarios(server: &Path) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("portal-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let key = dir.join("portal.key");
    let cluster = crate::postgres::Cluster::start()?;
    let postgres = |name: &str| -> Result<String, String> {
        crate::run(
            Command::new("psql")
                .arg(&cluster.url)
                .args(["-qc", &format!("CREATE DATABASE {name}")]),
        )?;
        let (base, _) = cluster.url.rsplit_once('/').ok_or("a database URL")?;
        Ok(format!("{base}/{name}"))
    };
    let sqlite = dir.join("load.sqlite3").to_string_lossy().into_owned();
    let runs = [
        ("SQLite, 1 server", sqlite, 1),
        ("PostgreSQL, 1 replica", postgres("load_one")?, 1),
        ("PostgreSQL, 2 replicas", postgres("load_two")?, 2),
    ];
    let mut outcomes = Vec::new();
    for (label, database, replicas) in runs {
        println!(
            "\nLoad on loopback, {label}: {} sellers at once, each from sign-in to a submitted application",
            sellers()
        );
        create_accounts(server, &database)?;
        let mut servers = Vec::new();
        for _ in 0..replicas {
            servers.push(Replica::start(server, &database, &key)?);
        }
        let addrs: Vec<SocketAddr> = servers.iter().map(|r| r.addr).collect();
        let pids: Vec<u32> = servers.iter().map(|r| r.child.id()).collect();
        let outcome = walk(label, &addrs, &pids, server, &database)?;
        println!("{}", outcome.row());
        outcomes.push(outcome);
    }
    let mut table = String::from(
        "| scenario | requests | wall | requests/s | p50 | p99 | applications stored | server memory (RSS) |\n|---|---|---|---|---|---|---|---|\n",
    );
    for outcome in &outcomes {
        table.push_str(&outcome.row());
        table.push('\n');
    }
    println!("\n{table}");
    let out = crate::root().join("target/bench");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    std::fs::write(out.join("load.md"), &table).map_err(|e| e.to_string())?;
    println!("report: target/bench/load.md");
    drop(cluster);
    let _ = std::fs::remove_dir_all(&dir);
    match outcomes
        .iter()
        .find(|o| o.stored != sellers() || o.sellers != sellers())
    {
        Some(o) => Err(format!(
            "load test, {}: {} applications stored for {} sellers",
            o.label,
            o.stored,
            sellers()
        )),
        None => Ok(()),
    }
}

/// A server process on a free loopback port, stopped when dropped.
struct Replica {
    child: Child,
    addr: SocketAddr,
}

impl Replica {
    fn start(server: &Path, database: &str, key: &Path) -> Result<Replica, String> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let child = Command::new(server)
            .arg("--addr")
            .arg(addr.to_string())
            .args(["--database", database])
            .arg("--secret-key-file")
            .arg(key)
            // One log line per request would drown the report: only warnings and errors.
            .env("RUST_LOG", "warn")
            .env_remove("PORTAL_DIST")
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        let replica = Replica { child, addr };
        let started = Instant::now();
        while TcpStream::connect(addr).is_err() {
            if started.elapsed() > Duration::from_secs(30) {
                return Err(format!("the server on {addr} did not start"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(replica)
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every seller at once: signs in (from an address of their own, as sellers do), accepts the
/// agreement, gives developer information and uploads a licence; the operator's command
/// confirms the addresses (the load is on the applications, not on mail); then every seller
/// submits at once, with an idempotency key. Each seller's requests go to `addrs` in turn.
fn walk(
    label: &str,
    addrs: &[SocketAddr],
    pids: &[u32],
    server: &Path,
    database: &str,
) -> Result<Outcome, String> {
    let addrs: Arc<Vec<SocketAddr>> = Arc::new(addrs.to_vec());
    let latencies = Arc::new(Mutex::new(Vec::new()));
    // The k-th request of seller i goes to replica (i + k) mod n, timed.
    let timed = {
        let (addrs, latencies) = (addrs.clone(), latencies.clone());
        move |i: usize,
              k: usize,
              from: Option<std::net::IpAddr>,
              method: &str,
              path: &str,
              headers: &[(&str, String)],
              body: &[u8]| {
            let started = Instant::now();
            let answer = send_from(addrs[(i + k) % addrs.len()], from, method, path, headers, body);
            latencies.lock().unwrap().push(started.elapsed());
            answer
        }
    };
    let started = Instant::now();
    let (ready, _, busy) = all_at_once({
        let timed = timed.clone();
        move |i| {
            let body = format!(r#"{{"account":"load-{i}","password":"{PASSWORD}"}}"#);
            let from = std::net::Ipv4Addr::new(127, 1, (i / 250) as u8, (i % 250 + 1) as u8);
            let (status, signed_in) = timed(
                i,
                0,
                Some(from.into()),
                "POST",
                "/api/v1/session",
                &[],
                body.as_bytes(),
            )?;
            if status != 200 {
                return Ok((status, signed_in));
            }
            let token = field(&signed_in, "token");
            let auth = [("Authorization", format!("Bearer {token}"))];
            expect(timed(
                i,
                1,
                None,
                "POST",
                "/api/v1/agreement/acceptance",
                &auth,
                br#"{"version":1,"confirmed":true}"#,
            ))?;
            expect(timed(
                i,
                2,
                None,
                "PUT",
                "/api/v1/developer",
                &auth,
                DEVELOPER.as_bytes(),
            ))?;
            let upload = [
                auth[0].clone(),
                ("Content-Type", "application/octet-stream".into()),
            ];
            let licence = expect(timed(
                i,
                3,
                None,
                "POST",
                "/api/v1/uploads/licence?file_name=l.png",
                &upload,
                &PNG,
            ))?;
            Ok((200, format!("{token} {}", field(&licence, "id"))))
        }
    })?;
    let before_confirming = started.elapsed();
    confirm_emails(server, database)?;
    let submitted_at = Instant::now();
    let ready = Arc::new(ready);
    let (_, _, busy_submitting) = all_at_once({
        let (timed, ready) = (timed.clone(), ready.clone());
        move |i| {
            let (token, licence) = ready[i].split_once(' ').unwrap_or_default();
            let headers = [
                ("Authorization", format!("Bearer {token}")),
                ("Idempotency-Key", format!("load-submit-{i}")),
            ];
            let body = QUALIFICATION.replace("LICENCE", licence);
            timed(
                i,
                4,
                None,
                "PUT",
                "/api/v1/qualification",
                &headers,
                body.as_bytes(),
            )
        }
    })?;
    let wall = before_confirming + submitted_at.elapsed();
    println!("  answered 503/409 and retried: {busy} while getting ready, {busy_submitting} submitting");

    // Exactly once: the review queue holds one application per seller.
    let reviewer = expect(send(
        addrs[0],
        "POST",
        "/api/v1/session",
        &[],
        br#"{"account":"demo-reviewer","password":"reviewer-demo-2026"}"#,
    ))?;
    let auth = [("Authorization", format!("Bearer {}", field(&reviewer, "token")))];
    let queue = expect(send(
        addrs[addrs.len() - 1],
        "GET",
        "/api/v1/review/applications",
        &auth,
        b"",
    ))?;
    let distinct: std::collections::BTreeSet<&str> = queue
        .split("\"account\":\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let stored = queue.matches("\"reference\"").count();
    let mut latencies = std::mem::take(&mut *latencies.lock().unwrap());
    latencies.sort();
    Ok(Outcome {
        label: label.to_owned(),
        requests: latencies.len(),
        wall,
        latencies,
        stored,
        sellers: distinct.len(),
        rss_kib: pids.iter().map(|pid| rss_kib(*pid)).collect(),
    })
}

type Answer = (u16, String);

/// Runs `request(i)` for every seller on its own thread, all released at once; retries a
/// 503 or 409 "in progress" after the time it names (at most 20 times). Returns the
/// bodies in seller order, the sorted latencies and how many answers were retried.
fn all_at_once(
    request: impl Fn(usize) -> Result<Answer, String> + Send + Sync + 'static,
) -> Result<(Vec<String>, Vec<Duration>, usize), String> {
    let request = Arc::new(request);
    let gate = Arc::new(std::sync::Barrier::new(sellers()));
    let threads: Vec<_> = (0..sellers())
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
