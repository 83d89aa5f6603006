//! `cargo xtask bench`: what a user downloads, and how fast the API answers.
//! Numbers are printed, not asserted: speed is measured here, not in timed tests.

use crate::{root, tools};
use std::{
    net::{SocketAddr, TcpStream},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

pub(crate) fn run() -> Result<(), String> {
    built_and_sized()?;
    let binary = with_server(|addr| measure(addr).and_then(|()| in_the_browser(addr)))?;
    crate::load::scenarios(&binary)
}

/// Only what a browser meets: the sizes, and the page measures against a fresh server.
pub(crate) fn page_only() -> Result<(), String> {
    built_and_sized()?;
    with_server(in_the_browser).map(|_| ())
}

/// The app built and its sizes reported, and the server built to serve it.
fn built_and_sized() -> Result<(), String> {
    let path = tools::ensure_build_tools()?;
    tools::build_web(&path)?;
    sizes()?;
    crate::run(Command::new("cargo").args(["build", "--package", "portal-server", "--profile", "server"]))
}

/// Only the load test, against a freshly built server.
pub(crate) fn load_only() -> Result<(), String> {
    crate::run(Command::new("cargo").args(["build", "--package", "portal-server", "--profile", "server"]))?;
    crate::load::scenarios(&root().join("target/server/portal-server"))
}

/// Prints the initial load file by file and writes it to `target/bench/sizes.{md,json}`.
fn sizes() -> Result<(), String> {
    let report = crate::sizes::Report::measure()?;
    println!(
        "\n{:<44} {:>10} {:>10} {:>10}",
        "dist/ file", "raw", "gzip -9", "brotli 11"
    );
    for f in report
        .files
        .iter()
        .chain([&report.total(), &report.on_demand_total()])
    {
        println!("{:<44} {:>10} {:>10} {:>10}", f.name, f.raw, f.gzip, f.brotli);
    }
    let dir = root().join("target/bench");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let markdown = report.markdown();
    std::fs::write(dir.join("sizes.md"), &markdown).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("sizes.json"), report.json()).map_err(|e| e.to_string())?;
    println!("{}", markdown.lines().last().unwrap_or_default());
    println!("report: target/bench/sizes.md, target/bench/sizes.json");
    Ok(())
}

/// Runs `work` against the reference server on a fresh database and a free port; the
/// server's binary, for the load test.
fn with_server(work: impl FnOnce(SocketAddr) -> Result<(), String>) -> Result<std::path::PathBuf, String> {
    let dir = std::env::temp_dir().join(format!("portal-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let binary = root().join("target/server/portal-server");
    let database = dir.join("bench.sqlite3").to_string_lossy().into_owned();
    crate::load::create_account(&binary, &database, BROWSER_SELLER.0, BROWSER_SELLER.1)?;
    let mut server = Command::new(&binary)
        .arg("--addr")
        .arg(addr.to_string())
        .arg("--database")
        .arg(dir.join("bench.sqlite3"))
        .arg("--dist")
        .arg(root().join("dist"))
        // One log line per request would drown the report: only warnings and errors.
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let result = started(addr).and_then(|()| work(addr));
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);
    result.map(|()| binary)
}

fn started(addr: SocketAddr) -> Result<(), String> {
    let started = Instant::now();
    while TcpStream::connect(addr).is_err() {
        if started.elapsed() > Duration::from_secs(20) {
            return Err("the server did not start".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

fn measure(addr: SocketAddr) -> Result<(), String> {
    println!("\nAPI latency on loopback (one connection per request):");
    let body = r#"{"account":"demo-seller","password":"seller-demo-2026"}"#;
    let mut token = String::new();
    let sign_in = timed(20, || {
        let (status, text) = http(addr, "POST", "/api/v1/session", None, Some(body))?;
        if status != 200 {
            return Err(format!("sign-in answered {status}: {text}"));
        }
        token = text
            .split("\"token\":\"")
            .nth(1)
            .and_then(|t| t.split('"').next())
            .unwrap_or_default()
            .into();
        Ok(())
    })?;
    report("POST /session (Argon2id)", &sign_in);
    let me = timed(500, || {
        expect_ok(http(addr, "GET", "/api/v1/me", Some(&token), None))
    })?;
    report("GET /me", &me);
    let agreement = timed(500, || {
        expect_ok(http(addr, "GET", "/api/v1/agreement", Some(&token), None))
    })?;
    report("GET /agreement", &agreement);
    let index = timed(500, || expect_ok(http(addr, "GET", "/", None, None)))?;
    report("GET / (index.html)", &index);
    Ok(())
}

/// The seller whose pages the browser measures (at the qualification step).
const BROWSER_SELLER: (&str, &str) = ("bench-browser", "bench-browser-password");

/// Cold loads with the CPU slowed 4x, keystroke latency and Lighthouse, against the
/// reference server's compressed files: `bench/browser.mjs` measures and judges them
/// against the budgets and writes `target/bench/browser.{md,json}`.
fn in_the_browser(addr: SocketAddr) -> Result<(), String> {
    let browser = tools::ensure_browser()?;
    if browser.engine != "chromium" {
        return Err("the browser benchmark measures Chromium: run it without PORTAL_BROWSER".into());
    }
    let node_tools = tools::ensure_bench_node()?;
    crate::load::ready_for_qualification(addr, BROWSER_SELLER.0, BROWSER_SELLER.1)?;
    println!(
        "\nIn headless Chromium (10 cold loads a page, 200 keystrokes, 3 Lighthouse runs; about a minute):"
    );
    let out = root().join("target/bench");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    crate::run(
        Command::new("node")
            .arg(root().join("crates/xtask/bench/browser.mjs"))
            .arg(format!("http://{addr}/"))
            .args([BROWSER_SELLER.0, BROWSER_SELLER.1])
            .arg(&out)
            .env("BENCH_TOOLS", &node_tools)
            .env("CHROME_PATH", &browser.binary),
    )?;
    println!("report: target/bench/browser.md, target/bench/browser.json");
    Ok(())
}

fn expect_ok(r: Result<(u16, String), String>) -> Result<(), String> {
    match r? {
        (200, _) => Ok(()),
        (status, text) => Err(format!("answered {status}: {text}")),
    }
}

fn timed(n: usize, mut f: impl FnMut() -> Result<(), String>) -> Result<Vec<Duration>, String> {
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        f()?;
        times.push(t.elapsed());
    }
    times.sort();
    Ok(times)
}

pub(crate) fn report(name: &str, sorted: &[Duration]) {
    let pct = |p: f64| sorted[((sorted.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "  {name:<28} n={:<4} p50 {:>8.2?}  p95 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}",
        sorted.len(),
        pct(0.5),
        pct(0.95),
        pct(0.99),
        sorted[sorted.len() - 1]
    );
}

/// One request with an optional bearer token (see [`crate::load::send`]).
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> Result<(u16, String), String> {
    let headers: Vec<(&str, String)> = token
        .map(|t| ("Authorization", format!("Bearer {t}")))
        .into_iter()
        .collect();
    crate::load::send(addr, method, path, &headers, body.unwrap_or_default().as_bytes())
}
