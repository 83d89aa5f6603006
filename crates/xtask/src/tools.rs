//! Installing and finding the build and test tools. Each step checks first, so a
//! second run installs nothing.

use crate::{root, run};
use std::{
    ffi::OsString,
    path::{Path, PathBuf},
    process::Command,
    time::SystemTime,
};

const TRUNK_VERSION: &str = "0.21.14";
/// Debian's binaryen (108) produces broken modules; this npm build is known good.
const BINARYEN_VERSION: &str = "132.0.0";
/// The accessibility engine the browser tests run on every page of the journey.
const AXE_VERSION: &str = "4.14.1";
/// The benchmark drives Chromium with Playwright's protocol client and runs Lighthouse
/// (12.x: 13 needs a newer Node than Debian's 20).
const PLAYWRIGHT_VERSION: &str = "1.65.1";
const LIGHTHOUSE_VERSION: &str = "12.2.3";
/// Minifies the generated JS module, glue and chunk loader (Trunk's own minifier fails on it).
const TERSER_VERSION: &str = "5.36.0";

/// Installs the wasm target, Trunk, wasm-bindgen-cli and wasm-opt if missing, and
/// returns the PATH to build with (our tools first).
pub(crate) fn ensure_build_tools() -> Result<OsString, String> {
    let path = tool_path();
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    if !has_version("trunk", &path, |v| v.contains(TRUNK_VERSION)) {
        run(Command::new("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))?;
    }
    let bindgen = wasm_bindgen_version()?;
    if !has_version("wasm-bindgen", &path, |v| {
        v.split_whitespace().nth(1) == Some(bindgen.as_str())
    }) {
        // Not --locked: its lock pins a crate version the registry mirror lacks (TOOLCHAIN.md).
        run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &bindgen]))?;
    }
    let major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    if !has_version("wasm-opt", &path, |v| v.contains(&format!("version {major}"))) {
        npm_install("binaryen", "binaryen", BINARYEN_VERSION)?;
    }
    if !terser().is_file() || !installed_npm("terser", "terser", TERSER_VERSION) {
        npm_install("terser", "terser", TERSER_VERSION)?;
    }
    Ok(path)
}

/// Installs an npm package into `.tools/<dir>` (the project's, not the system's).
fn npm_install(dir: &str, package: &str, version: &str) -> Result<PathBuf, String> {
    let prefix = root().join(".tools").join(dir);
    std::fs::create_dir_all(&prefix).map_err(|e| e.to_string())?;
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--save-exact", "--prefix"])
        .arg(&prefix)
        .arg(format!("{package}@{version}")))?;
    Ok(prefix)
}

/// axe-core's script for the browser tests, installed if missing or of another version.
pub(crate) fn ensure_axe() -> Result<PathBuf, String> {
    let package = root().join(".tools/axe/node_modules/axe-core");
    if !installed_npm("axe", "axe-core", AXE_VERSION) {
        npm_install("axe", "axe-core", AXE_VERSION)?;
    }
    Ok(package.join("axe.min.js"))
}

/// The JS minifier's command.
pub(crate) fn terser() -> PathBuf {
    root().join(".tools/terser/node_modules/.bin/terser")
}

/// Whether `.tools/<dir>` holds `package` at `version`.
fn installed_npm(dir: &str, package: &str, version: &str) -> bool {
    let manifest = root()
        .join(".tools")
        .join(dir)
        .join("node_modules")
        .join(package)
        .join("package.json");
    std::fs::read_to_string(manifest).is_ok_and(|m| m.contains(&format!("\"version\": \"{version}\"")))
}

/// The benchmark's browser tools: Playwright's driver (no browser download: it drives the
/// system's Chromium) and Lighthouse, pinned, in `.tools/bench`. Returns the folder.
pub(crate) fn ensure_bench_node() -> Result<PathBuf, String> {
    let prefix = root().join(".tools/bench");
    for (package, version) in [
        ("playwright-core", PLAYWRIGHT_VERSION),
        ("lighthouse", LIGHTHOUSE_VERSION),
    ] {
        let manifest = prefix.join("node_modules").join(package).join("package.json");
        let installed = std::fs::read_to_string(manifest).unwrap_or_default();
        if !installed.contains(&format!("\"version\": \"{version}\"")) {
            npm_install("bench", package, version)?;
        }
    }
    Ok(prefix)
}

/// PATH with the project's wasm-opt and cargo's bin directory in front of the system's.
fn tool_path() -> OsString {
    let mut dirs = vec![root().join(".tools/binaryen/node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        dirs.push(home.join("bin"));
    }
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap_or_default()
}

/// Whether `tool --version`, run with `path`, answers and satisfies `wanted`.
fn has_version(tool: &str, path: &OsString, wanted: impl Fn(&str) -> bool) -> bool {
    output(Command::new(tool).arg("--version").env("PATH", path)).is_some_and(|v| wanted(&v))
}

pub(crate) fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The exact wasm-bindgen version in Cargo.lock; the CLI must match it.
fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

/// Builds the SPA in release mode into dist/, unless nothing it is built from changed:
/// Trunk's output with the app split into chunks, a `404.html` copy of the page, and
/// `.br`/`.gz` copies of every text and wasm file.
pub(crate) fn build_web(path: &OsString) -> Result<(), String> {
    let root = root();
    let stamp = root.join("target/web-build.stamp");
    let sources = [
        "src",
        "style",
        "public",
        "index.html",
        "Trunk.toml",
        "Cargo.toml",
        "Cargo.lock",
        "crates/portal-core",
        // The build's own steps (the split, the glue's edits) shape dist/ too.
        "crates/xtask/src",
    ];
    let newest = sources.iter().filter_map(|s| newest_mtime(&root.join(s))).max();
    let built = std::fs::read_to_string(&stamp).ok();
    let fingerprint = newest.map(|t| format!("{t:?}"));
    if root.join("dist/index.html").is_file() && built.is_some() && built == fingerprint {
        println!("dist/ is up to date");
        return Ok(());
    }
    run(Command::new("trunk")
        .args(["build", "--release"])
        .env("PATH", path))?;
    let dist = root.join("dist");
    crate::split::split_into(&dist, path)?;
    // Hosts without rewrite rules answer unknown paths with 404.html: the app, again.
    std::fs::copy(dist.join("index.html"), dist.join("404.html")).map_err(|e| format!("404.html: {e}"))?;
    crate::compress::precompress(&dist)?;
    if let Some(f) = fingerprint {
        let _ = std::fs::write(stamp, f);
    }
    Ok(())
}

fn newest_mtime(path: &Path) -> Option<SystemTime> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_dir() {
        std::fs::read_dir(path)
            .ok()?
            .flatten()
            .filter_map(|e| newest_mtime(&e.path()))
            .max()
    } else {
        meta.modified().ok()
    }
}

pub(crate) struct Browser {
    /// The engine the browser tests drive (`PORTAL_BROWSER`): chromium, firefox or webkit.
    pub(crate) engine: &'static str,
    pub(crate) binary: PathBuf,
    pub(crate) driver: PathBuf,
    /// Debian packages that bring the binary (and the driver, but geckodriver).
    packages: &'static [&'static str],
}

impl Browser {
    /// The variable the browser tests read the driver's path from.
    pub(crate) fn driver_variable(&self) -> &'static str {
        match self.engine {
            "firefox" => "GECKODRIVER",
            "webkit" => "WEBKITDRIVER",
            _ => "CHROMEDRIVER",
        }
    }

    /// The variable the browser tests read the browser's path from.
    pub(crate) fn binary_variable(&self) -> &'static str {
        match self.engine {
            "firefox" => "FIREFOX",
            "webkit" => "XVFB_RUN",
            _ => "CHROMIUM",
        }
    }

    fn of(engine: &str) -> Browser {
        let cargo_bin = std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join(".cargo/bin"))
            .unwrap_or_default();
        match engine {
            "firefox" => Browser {
                engine: "firefox",
                binary: env_path("FIREFOX", "/usr/bin/firefox-esr".into()),
                driver: env_path("GECKODRIVER", cargo_bin.join("geckodriver")),
                packages: &["firefox-esr"],
            },
            "webkit" => Browser {
                engine: "webkit",
                binary: "/usr/bin/xvfb-run".into(),
                driver: env_path("WEBKITDRIVER", "/usr/bin/WebKitWebDriver".into()),
                packages: &["webkit2gtk-driver", "xvfb"],
            },
            _ => Browser {
                engine: "chromium",
                binary: env_path("CHROMIUM", "/usr/bin/chromium".into()),
                driver: env_path("CHROMEDRIVER", "/usr/bin/chromedriver".into()),
                packages: &["chromium", "chromium-driver"],
            },
        }
    }

    /// Whether Debian must bring something (geckodriver comes from crates.io).
    fn missing_from_debian(&self) -> bool {
        !self.binary.exists() || (self.engine != "firefox" && !self.driver.exists())
    }
}

const GECKODRIVER_VERSION: &str = "0.37.1";

/// A program's path from the environment variable `name`, else `default`.
fn env_path(name: &str, default: PathBuf) -> PathBuf {
    std::env::var_os(name).map(PathBuf::from).unwrap_or(default)
}

/// The engines the browser tests run in: Chromium, Firefox ESR (with geckodriver) and
/// WebKitGTK (WebKitWebDriver under Xvfb), one after another; `PORTAL_BROWSER` names one
/// to run alone. Installed when missing (Debian packages only as root), in one go.
pub(crate) fn ensure_browsers() -> Result<Vec<Browser>, String> {
    match std::env::var("PORTAL_BROWSER") {
        Ok(one) => install(vec![Browser::of(&one)]),
        Err(_) => install(["chromium", "firefox", "webkit"].map(Browser::of).into()),
    }
}

/// The one engine the benchmark measures in: Chromium (or `PORTAL_BROWSER`'s).
pub(crate) fn ensure_browser() -> Result<Browser, String> {
    let one = std::env::var("PORTAL_BROWSER").unwrap_or_else(|_| "chromium".into());
    let mut installed = install(vec![Browser::of(&one)])?;
    Ok(installed.remove(0))
}

/// Installs what `browsers` lack, the Debian packages in one go.
fn install(browsers: Vec<Browser>) -> Result<Vec<Browser>, String> {
    let missing: Vec<&Browser> = browsers.iter().filter(|b| b.missing_from_debian()).collect();
    if !missing.is_empty() {
        let packages: Vec<&str> = missing.iter().flat_map(|b| b.packages.iter().copied()).collect();
        apt_install(&packages).map_err(|how| {
            let paths: Vec<String> = missing
                .iter()
                .map(|b| format!("{} and {}", b.binary.display(), b.driver.display()))
                .collect();
            format!(
                "the browser tests need {}. {how}\nor set their paths in the environment (see README).",
                paths.join(", ")
            )
        })?;
    }
    if browsers
        .iter()
        .any(|b| b.engine == "firefox" && !b.driver.exists())
    {
        run(Command::new("cargo").args(["install", "geckodriver", "--version", GECKODRIVER_VERSION]))?;
    }
    Ok(browsers)
}

/// Installs Debian `packages` when running as root; otherwise says how to, as the error.
pub(crate) fn apt_install(packages: &[&str]) -> Result<(), String> {
    let is_root = output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    if !is_root {
        return Err(format!(
            "Install them with\n  sudo apt-get install -y {}",
            packages.join(" ")
        ));
    }
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// nginx with its brotli_static module (Debian's packages), for the tests that host the
/// built app the way deploy/nginx.conf says. Returns the nginx binary.
pub(crate) fn ensure_nginx() -> Result<PathBuf, String> {
    let nginx = env_path("NGINX", "/usr/sbin/nginx".into());
    let module = Path::new("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so");
    if nginx.exists() && module.exists() {
        return Ok(nginx);
    }
    apt_install(&["nginx", "libnginx-mod-http-brotli-static"])
        .map_err(|how| format!("the hosting tests need nginx with brotli_static. {how}"))?;
    // The package starts the system's nginx on port 80; the tests start their own.
    let _ = Command::new("nginx").args(["-s", "stop"]).status();
    Ok(nginx)
}
