//! Code splitting for release builds. Trunk builds the page, the stylesheet and the other
//! files; then the app is built again with its pages as `#[lazy]` functions (feature `split`), and
//! its wasm is split after the link and before wasm-bindgen, which Trunk cannot do (trunk-rs
//! issue 1022): the sign-in form downloads only the shell, each page its own chunk.
//!
//! Steps (TOOLCHAIN.md, verified on rustc 1.95 with leptos 0.8.23): link with relocations;
//! `wasm-split-cli` makes a main module, chunks and a loader; wasm-bindgen on the main module
//! only; short names for the glue's imports; unused classes out; wasm-opt on every module; the
//! loader joined to the glue; the page loading that module itself (own_page.rs).
//! Every file of one build gets the same content hash in its name, so the files stay flat in
//! `dist/` and are cached like Trunk's.

use crate::{root, run, tools};
use std::{
    ffi::OsString,
    hash::{Hash, Hasher},
    path::{Path, PathBuf},
    process::Command,
};

const WASM_SPLIT_VERSION: &str = "0.2.4";
/// The chunks carry no features section: wasm-opt must be told what they use.
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Installs `wasm-split-cli` into `.tools/wasm-split` if missing (a published crate, pinned).
pub(crate) fn ensure_splitter() -> Result<PathBuf, String> {
    let prefix = root().join(".tools/wasm-split");
    let binary = prefix.join("bin/wasm-split-cli");
    let installed = std::fs::read_to_string(prefix.join(".crates.toml")).unwrap_or_default();
    if !binary.is_file() || !installed.contains(&format!("wasm_split_cli_support {WASM_SPLIT_VERSION}")) {
        run(Command::new("cargo")
            .args([
                "install",
                "wasm_split_cli_support",
                "--version",
                WASM_SPLIT_VERSION,
            ])
            .args(["--features", "build-binary", "--locked", "--root"])
            .arg(&prefix))?;
    }
    Ok(binary)
}

/// Replaces Trunk's unsplit app in `dist/` with the split one.
pub(crate) fn split_into(dist: &Path, path: &OsString) -> Result<(), String> {
    let splitter = ensure_splitter()?;
    let root = root();
    run(Command::new("cargo")
        .args([
            "rustc",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--bin",
            "portal-web",
        ])
        .args(["--features", "split", "--", "-Clink-args=--emit-relocs"])
        .env("PATH", path))?;
    let out = root.join("target/split");
    let _ = std::fs::remove_dir_all(&out);
    let raw = root.join("target/wasm32-unknown-unknown/release/portal-web.wasm");
    run(Command::new(&splitter)
        .args(["--target", "web", "--out-name", "portal-web"])
        .arg(&raw)
        .arg(&out))?;
    let pkg = out.join("pkg");
    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--keep-lld-exports",
            "--no-demangle",
            "--out-name",
            "portal-web",
        ])
        .arg("--out-dir")
        .arg(&pkg)
        .arg(out.join("portal-web.wasm"))
        .env("PATH", path))?;
    // The glue's imports renamed short in the main module and the glue (short_imports.rs);
    // the stream classes leptos brings and the app never makes out of both (unused_classes.rs).
    let (wasm, glue) = crate::short_imports::shorten(
        &std::fs::read(pkg.join("portal-web_bg.wasm")).map_err(|e| e.to_string())?,
        &std::fs::read_to_string(pkg.join("portal-web.js")).map_err(|e| e.to_string())?,
    )?;
    let (wasm, glue) = crate::unused_classes::remove(&wasm, &glue, &crate::unused_classes::STREAM_CLASSES)?;
    std::fs::write(pkg.join("portal-web_bg.wasm"), wasm).map_err(|e| e.to_string())?;
    std::fs::write(pkg.join("portal-web.js"), glue).map_err(|e| e.to_string())?;
    // The main module and every chunk, optimised for size into pkg/.
    let mut modules = vec![("portal-web_bg.wasm".to_owned(), pkg.join("portal-web_bg.wasm"))];
    for name in names_in(&out)? {
        if name.ends_with(".wasm") && (name.starts_with("chunk_") || name.starts_with("split_")) {
            modules.push((name.clone(), out.join(&name)));
        }
    }
    println!("optimising {} wasm modules", modules.len());
    for (name, source) in &modules {
        let out = Command::new("wasm-opt")
            .args(["-Oz"])
            .args(WASM_FEATURES)
            .arg(source)
            .arg("-o")
            .arg(pkg.join(name))
            .env("PATH", path)
            .output()
            .map_err(|e| format!("wasm-opt: {e}"))?;
        // It warns about every chunk's name section; only a failure is worth showing.
        if !out.status.success() {
            return Err(format!(
                "wasm-opt {name}: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    // The glue and the chunk loader, one module (one_module.rs).
    let glue = crate::one_module::join(
        &std::fs::read_to_string(pkg.join("portal-web.js")).map_err(|e| e.to_string())?,
        &std::fs::read_to_string(out.join("__wasm_split.js")).map_err(|e| e.to_string())?,
    )?;
    // Which starts the portal when the page loads it (own_page.rs).
    let glue = crate::own_page::start_from_glue(&glue)?;

    // One hash for the whole set: the module names the chunks.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    glue.hash(&mut hasher);
    for (name, _) in &modules {
        std::fs::read(pkg.join(name))
            .map_err(|e| e.to_string())?
            .hash(&mut hasher);
    }
    let hash = format!("{:016x}", hasher.finish());
    let renamed = |name: &str| -> String {
        match name {
            "portal-web.js" => format!("portal-web-{hash}.js"),
            "portal-web_bg.wasm" => format!("portal-web-{hash}_bg.wasm"),
            other => match other.strip_suffix(".wasm") {
                Some(stem) => format!("{stem}-{hash}.wasm"),
                None => other.to_owned(),
            },
        }
    };
    let relink = |text: &str| -> String {
        let mut text = text.to_owned();
        for name in modules.iter().map(|(n, _)| n.as_str()) {
            // Where chunks are fetched; not the wasm's import module names, which stay as
            // the splitter wrote them.
            for (before, after) in [("URL(\"./", "\""), ("URL('", "'")] {
                text = text.replace(
                    &format!("{before}{name}{after}"),
                    &format!("{before}{}{after}", renamed(name)),
                );
            }
        }
        text
    };

    // Out with Trunk's unsplit app, in with the split one.
    for name in names_in(dist)? {
        if name.starts_with("portal-web-") && (name.ends_with(".js") || name.ends_with(".wasm")) {
            std::fs::remove_file(dist.join(&name)).map_err(|e| e.to_string())?;
        }
    }
    for (name, _) in &modules {
        std::fs::copy(pkg.join(name), dist.join(renamed(name))).map_err(|e| e.to_string())?;
    }
    let file = dist.join(renamed("portal-web.js"));
    std::fs::write(&file, relink(&glue)).map_err(|e| e.to_string())?;
    // After relinking: the minifier may change how the file names are quoted.
    run(Command::new(tools::terser())
        .arg(&file)
        .args(["--module", "--compress", "--mangle", "-o"])
        .arg(&file)
        .env("PATH", path))?;
    let page = std::fs::read_to_string(dist.join("index.html")).map_err(|e| e.to_string())?;
    let page = repoint_page(&page, &renamed("portal-web.js"), &renamed("portal-web_bg.wasm"));
    let icon = std::fs::read_to_string(dist.join("favicon.svg")).map_err(|e| format!("favicon.svg: {e}"))?;
    let page = crate::own_page::load_app_from_page(&page, &renamed("portal-web.js"), &icon)?;
    std::fs::write(dist.join("index.html"), page).map_err(|e| e.to_string())?;
    // Only unsplit builds start from it.
    std::fs::remove_file(dist.join("boot.js")).map_err(|e| format!("boot.js: {e}"))?;
    Ok(())
}

fn names_in(dir: &Path) -> Result<Vec<String>, String> {
    Ok(std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect())
}

/// The page's references to Trunk's script and wasm, pointed at the split build's; their
/// integrity hashes (of Trunk's files) are dropped with them.
fn repoint_page(page: &str, js: &str, wasm: &str) -> String {
    edit_tags(page, |tag| repoint_tag(tag, js, wasm))
}

/// `page` (Trunk's minified HTML) with each tag, `<` to `>`, replaced by what `edit` makes
/// of it (nothing: the tag is dropped); the text between tags as it was.
pub(crate) fn edit_tags(page: &str, mut edit: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        out.push_str(&edit(&rest[start..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn repoint_tag(tag: &str, js: &str, wasm: &str) -> String {
    let Some(old) = tag
        .split(['=', ' ', '"', '>', '/'])
        .find(|word| word.starts_with("portal-web-") && (word.ends_with(".js") || word.ends_with(".wasm")))
    else {
        return tag.to_owned();
    };
    let new = if old.ends_with(".wasm") { wasm } else { js };
    tag.replace(old, new)
        .split(' ')
        .filter(|attr| !attr.starts_with("integrity="))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_points_at_the_split_build_without_trunks_integrity() {
        let page = "<meta content=portal-web-aaaaaaaaaaaaaaaa.js name=portal-js><meta content=portal-web-aaaaaaaaaaaaaaaa_bg.wasm name=portal-wasm>\
            <link href=./main-1.css integrity=sha384-keep rel=stylesheet>\
            <link crossorigin href=./portal-web-aaaaaaaaaaaaaaaa.js integrity=sha384-old rel=modulepreload>\
            <link as=fetch crossorigin href=./portal-web-aaaaaaaaaaaaaaaa_bg.wasm integrity=sha384-old2 rel=preload type=application/wasm>";
        let out = repoint_page(
            page,
            "portal-web-bbbbbbbbbbbbbbbb.js",
            "portal-web-bbbbbbbbbbbbbbbb_bg.wasm",
        );
        assert!(!out.contains("aaaaaaaaaaaaaaaa"), "{out}");
        assert!(
            out.contains("<meta content=portal-web-bbbbbbbbbbbbbbbb.js name=portal-js>"),
            "{out}"
        );
        assert!(
            out.contains("href=./portal-web-bbbbbbbbbbbbbbbb.js rel=modulepreload>"),
            "{out}"
        );
        assert!(
            out.contains("href=./portal-web-bbbbbbbbbbbbbbbb_bg.wasm rel=preload"),
            "{out}"
        );
        assert!(
            out.contains("integrity=sha384-keep"),
            "the stylesheet keeps its own: {out}"
        );
        assert!(!out.contains("sha384-old"), "{out}");
    }
}
