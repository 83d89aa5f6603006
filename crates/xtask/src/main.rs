//! `cargo xtask serve | test | bench`: the project's commands, which install what is
//! missing on a fresh machine (see TOOLCHAIN.md) and reuse what is already there.

mod bench;
mod compress;
mod load;
mod one_module;
mod own_page;
mod postgres;
mod short_imports;
mod sizes;
mod split;
mod tools;
mod unused_classes;
mod wasm_module;

use std::{
    path::{Path, PathBuf},
    process::{Command, ExitCode},
};

const USAGE: &str = "\
usage: cargo xtask <command>

  serve [--port N] [-- server flags]   build the app and run the portal on 127.0.0.1 (default port 8080)
  dist                                  build the app for any static host into dist/ (see deploy/README.md)
  test                                  install what is missing, then run every check and test
  bench                                 measure bundle sizes, page speed, API latency and load
  bench load                            only the load test (SQLite, 1 and 2 PostgreSQL replicas)
  bench page                            only the sizes and the browser's measures (Lighthouse too)
  tools                                 only install the tools the build and the tests need
  postgres <command...>                 run a command with a throwaway PostgreSQL cluster, its URL
                                        in PORTAL_TEST_POSTGRES (the server tests' PostgreSQL run)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("test") => test(),
        Some("dist") => tools::ensure_build_tools()
            .and_then(|path| tools::build_web(&path))
            .and_then(|()| sizes::Report::measure())
            .map(|report| println!("{}", report.summary())),
        Some("bench") if args.get(1).map(String::as_str) == Some("load") => bench::load_only(),
        Some("bench") if args.get(1).map(String::as_str) == Some("page") => bench::page_only(),
        Some("bench") => bench::run(),
        Some("postgres") if args.len() > 1 => postgres::Cluster::start().and_then(|cluster| {
            run(Command::new(&args[1])
                .args(&args[2..])
                .env("PORTAL_TEST_POSTGRES", &cluster.url))
        }),
        Some("tools") => tools::ensure_build_tools()
            .and_then(|_| tools::ensure_browsers())
            .and_then(|_| tools::ensure_axe())
            .and_then(|_| tools::ensure_nginx())
            .map(|_| ()),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the directory above `crates/xtask`).
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("workspace root")
        .to_owned()
}

/// Runs a command in the workspace root, failing with its description.
pub(crate) fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    println!("$ {}", shown.replace('"', ""));
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("{shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn serve(args: &[String]) -> Result<(), String> {
    let mut port = std::env::var("PORTAL_PORT").unwrap_or_else(|_| "8080".into());
    let mut passthrough = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--port" => port = iter.next().ok_or("--port needs a number")?.clone(),
            "--" => passthrough.extend(iter.by_ref().cloned()),
            other => passthrough.push(other.to_owned()),
        }
    }
    let path = tools::ensure_build_tools()?;
    tools::build_web(&path)?;
    run(Command::new("cargo").args(["build", "--package", "portal-server", "--profile", "server"]))?;
    let server = root().join("target/server/portal-server");
    let mut cmd = Command::new(server);
    cmd.arg("--addr")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--dist")
        .arg(root().join("dist"))
        .args(&passthrough);
    if std::env::var_os("PORTAL_DATABASE").is_none() {
        cmd.arg("--database").arg(root().join("data/portal.sqlite3"));
    }
    run(&mut cmd)
}

fn test() -> Result<(), String> {
    let path = tools::ensure_build_tools()?;
    let browsers = tools::ensure_browsers()?;
    let axe = tools::ensure_axe()?;
    let nginx = tools::ensure_nginx()?;
    // The server's tests run once more against PostgreSQL, and the replica tests need it.
    let postgres = postgres::Cluster::start()?;
    run(Command::new("cargo").args(["fmt", "--all", "--check"]))?;
    run(Command::new("cargo").args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    // The app and the core as wasm; then the split build's lazy pages, which are other code.
    for extra in [["--package", "portal-core"], ["--features", "split"]] {
        run(Command::new("cargo")
            .args(["clippy", "--package", "portal-web"])
            .args(extra)
            .args(["--target", "wasm32-unknown-unknown", "--", "-D", "warnings"]))?;
    }
    tools::build_web(&path)?;
    // The size budget is not met yet; meanwhile the load may only shrink.
    sizes::Report::measure()?.enforce_ceiling()?;
    // The embedding tests run the example seller centre as its own process.
    run(Command::new("cargo").args(["build", "--example", "host-portal"]))?;
    // Tests that an engine cannot run write why here (see tests/support).
    let skips = root().join("target/browser-skips.txt");
    let _ = std::fs::remove_file(&skips);
    // Every test once, in the first engine; then the browser tests again in each other
    // engine, one after another (one release build serves them all). Every test binary
    // runs even after one fails, so a run reports every failure at once.
    let mut results = Vec::new();
    for (i, browser) in browsers.iter().enumerate() {
        let mut cmd = Command::new("cargo");
        if i == 0 {
            cmd.args(["test", "--workspace", "--all-targets", "--no-fail-fast"]);
        } else {
            println!("\nThe browser tests again, in {}:", browser.engine);
            cmd.args([
                "test",
                "--package",
                "portal-web",
                "--test",
                "browser_*",
                "--no-fail-fast",
            ]);
        }
        cmd.env("PORTAL_DIST", root().join("dist"))
            .env("PORTAL_BROWSER", browser.engine)
            .env("PORTAL_SKIPS", &skips)
            .env(browser.driver_variable(), &browser.driver)
            .env(browser.binary_variable(), &browser.binary)
            .env("AXE_CORE", &axe)
            .env("NGINX", &nginx)
            .env("PORTAL_TEST_POSTGRES", &postgres.url);
        results.push((browser.engine, run_counting_tests(&mut cmd)?));
    }
    println!("\nThe server's tests again, against PostgreSQL:");
    let mut cmd = Command::new("cargo");
    cmd.args(["test", "--package", "portal-server", "--no-fail-fast"])
        .env("PORTAL_TEST_DATABASE", "postgres")
        .env("PORTAL_TEST_POSTGRES", &postgres.url);
    results.push(("postgres", run_counting_tests(&mut cmd)?));
    drop(postgres);
    // One closing summary for the whole run, whatever order cargo ran the binaries in.
    println!();
    // Each check an engine cannot make, once (a check may come up on many pages).
    let text = std::fs::read_to_string(&skips).unwrap_or_default();
    for line in text.lines().collect::<std::collections::BTreeSet<_>>() {
        println!("skipped: {line}");
    }
    let (mut passed, mut failed) = (0, 0);
    for (engine, run) in &results {
        println!("{engine}: {} passed, {} failed", run.passed, run.failed.len());
        for name in &run.failed {
            println!("  FAILED in {engine}: {name}");
        }
        passed += run.passed;
        failed += run.failed.len();
    }
    println!("tests: {passed} passed, {failed} failed");
    if failed > 0 || passed == 0 {
        return Err(format!("{failed} tests failed, {passed} passed"));
    }
    Ok(())
}

/// What one `cargo test` run said: how many passed, and the names of those that failed.
struct TestRun {
    passed: usize,
    failed: Vec<String>,
}

/// Runs `cargo test`, echoing its output, and adds up its "test result" lines.
fn run_counting_tests(cmd: &mut Command) -> Result<TestRun, String> {
    use std::io::{BufRead, BufReader};
    println!("$ {}", format!("{cmd:?}").replace('"', ""));
    let mut child = cmd
        .current_dir(root())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cargo test: {e}"))?;
    let mut run = TestRun {
        passed: 0,
        failed: Vec::new(),
    };
    let mut failed_count = 0;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(rest) = line.strip_prefix("test result: ") {
                run.passed += count(rest, " passed");
                failed_count += count(rest, " failed");
            } else if let Some(name) = line
                .strip_prefix("test ")
                .and_then(|l| l.strip_suffix(" ... FAILED"))
            {
                run.failed.push(name.to_owned());
            }
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    // A failure cargo counted but whose name was not seen still counts.
    while run.failed.len() < failed_count {
        run.failed.push("(unnamed)".into());
    }
    if !status.success() && run.failed.is_empty() {
        return Err(format!("cargo test failed ({status})"));
    }
    Ok(run)
}

/// The number before `label` in "ok. 8 passed; 0 failed; …".
fn count(summary: &str, label: &str) -> usize {
    summary
        .split(';')
        .find_map(|part| {
            part.trim()
                .trim_start_matches("ok. ")
                .trim_start_matches("FAILED. ")
                .strip_suffix(label.trim_start())
        })
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_cargo_test_summaries() {
        let ok = "ok. 8 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s";
        assert_eq!((super::count(ok, " passed"), super::count(ok, " failed")), (8, 0));
        let bad = "FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out";
        assert_eq!(
            (super::count(bad, " passed"), super::count(bad, " failed")),
            (2, 1)
        );
    }
}
