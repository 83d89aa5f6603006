//! Precompressed copies of the built SPA (`.br`, `.gz` beside each file), so that the
//! reference server, nginx and CDNs send compressed bytes without compressing per request.

use std::{io::Write, path::Path};

/// The files worth compressing: what a browser downloads as text or wasm.
const COMPRESSIBLE: [&str; 6] = ["wasm", "js", "css", "html", "json", "svg"];

/// Brotli at its best quality, as CDNs serve precompressed files.
pub(crate) fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Whether `file` is one of the built files (not a compressed copy) worth compressing.
/// Never `config.json`: operators edit it after the build, and a stale compressed copy
/// would be served instead.
pub(crate) fn is_compressible(file: &Path) -> bool {
    file.file_name().is_some_and(|n| n != "config.json")
        && file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e))
}

/// Writes `name.br` and `name.gz` beside every compressible file of `dist`.
pub(crate) fn precompress(dist: &Path) -> Result<(), String> {
    for entry in std::fs::read_dir(dist).map_err(|e| e.to_string())?.flatten() {
        let file = entry.path();
        if !is_compressible(&file) {
            continue;
        }
        let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        for (suffix, packed) in [("br", brotli(&bytes)), ("gz", gzip(&bytes))] {
            let mut name = file.clone().into_os_string();
            name.push(".");
            name.push(suffix);
            std::fs::write(&name, packed).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
