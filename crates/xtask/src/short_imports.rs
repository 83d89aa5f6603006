//! Short names for what the app's wasm imports from its JS glue. wasm-bindgen names each
//! import after its function plus a 16-digit hash (`__wbg_stringify_0a0fbf2ef722380a`), and
//! both the wasm and the glue carry every name: hundreds of hashes that no compressor can
//! shrink. Renaming them `a`, `b`, … in both files, as Emscripten's import minifier does,
//! measured 5.2 KB brotli off the initial load. Nothing else reads these names: the glue
//! hands the wasm one object of functions, and a name is only renamed where it is one key
//! of that object.

use crate::wasm_module::{edit_section, write_leb, Reader};

/// The glue's module name for its own functions, as wasm-bindgen writes it.
const GLUE_MODULE: &str = "./portal-web_bg.js";
/// The glue's module name for them afterwards.
const SHORT_MODULE: &str = "a";

/// `wasm` and `glue` with the glue's imports renamed; imports from other modules (the
/// splitter's loader) keep their names.
pub(crate) fn shorten(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String), String> {
    let mut glue = glue.to_owned();
    let mut next = 0;
    let out = edit_section(wasm, IMPORT_SECTION, |body| {
        rename_imports(body, &mut glue, &mut next)
    })?;
    let quoted = format!("\"{GLUE_MODULE}\"");
    if glue.matches(&quoted).count() != 1 {
        return Err(format!("the glue does not name {quoted} once"));
    }
    Ok((out, glue.replace(&quoted, &format!("\"{SHORT_MODULE}\""))))
}

const IMPORT_SECTION: u8 = 2;

fn rename_imports(body: &[u8], glue: &mut String, next: &mut usize) -> Result<Vec<u8>, String> {
    let mut r = Reader { bytes: body, at: 0 };
    let count = r.leb()?;
    let mut out = Vec::new();
    write_leb(&mut out, count);
    for _ in 0..count {
        let module = r.name()?;
        let field = r.name()?;
        let desc_start = r.at;
        r.import_desc()?;
        let desc = &body[desc_start..r.at];
        let (module, field) = match module == GLUE_MODULE {
            true => {
                let short = short_name(*next);
                *next += 1;
                *glue = rename_key(glue, field, &short)?;
                (SHORT_MODULE.to_owned(), short)
            }
            false => (module.to_owned(), field.to_owned()),
        };
        for name in [&module, &field] {
            write_leb(&mut out, name.len() as u64);
            out.extend(name.as_bytes());
        }
        out.extend(desc);
    }
    if r.at != body.len() {
        return Err("the import section has bytes after its last import".into());
    }
    Ok(out)
}

/// `a` … `Z`, then `aa` …: a name never taken by two imports.
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
        n -= 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The glue with `name`, which must be exactly one key of its imports object (`name:`),
/// renamed `short`.
fn rename_key(glue: &str, name: &str, short: &str) -> Result<String, String> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let places: Vec<usize> = glue
        .match_indices(name)
        .map(|(at, _)| at)
        .filter(|&at| !glue[..at].ends_with(ident) && !glue[at + name.len()..].starts_with(ident))
        .collect();
    match places[..] {
        [at] if glue[at + name.len()..].trim_start().starts_with(':') => {
            Ok(format!("{}{short}{}", &glue[..at], &glue[at + name.len()..]))
        }
        _ => Err(format!(
            "the glue names the import {name} {} times, not once as a key",
            places.len()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm_module::sections;

    /// A module importing two glue functions, the loader's function and a memory.
    fn module() -> Vec<u8> {
        let mut imports = Vec::new();
        write_leb(&mut imports, 4);
        for (module, field, desc) in [
            (GLUE_MODULE, "__wbg_log_0123456789abcdef", &[0u8, 0][..]),
            ("./__wasm_split.js", "__wasm_split_load_x", &[0, 0][..]),
            (GLUE_MODULE, "__wbindgen_throw_fedcba9876543210", &[0, 1][..]),
            ("env", "memory", &[2, 1, 17, 200, 1][..]),
        ] {
            for name in [module, field] {
                write_leb(&mut imports, name.len() as u64);
                imports.extend(name.as_bytes());
            }
            imports.extend(desc);
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        // A type section before, a custom section after: both kept as they are.
        wasm.extend([1, 4, 1, 0x60, 0, 0]);
        wasm.push(IMPORT_SECTION);
        write_leb(&mut wasm, imports.len() as u64);
        wasm.extend(imports);
        wasm.extend([0, 3, 2, b'h', b'i']);
        wasm
    }

    const GLUE: &str = r#"const i={__wbg_log_0123456789abcdef:function(n){console.log(n)},__wbindgen_throw_fedcba9876543210 :function(n){throw n}};
return {"./portal-web_bg.js":i,"./__wasm_split.js":s};"#;

    #[test]
    fn the_glue_imports_get_short_names_in_both_files() {
        let (wasm, glue) = shorten(&module(), GLUE).unwrap();
        assert_eq!(
            glue,
            r#"const i={a:function(n){console.log(n)},b :function(n){throw n}};
return {"a":i,"./__wasm_split.js":s};"#
        );
        let sections = sections(&wasm).unwrap();
        assert_eq!(sections.len(), 3);
        assert_eq!(sections[0], (1, &[1, 0x60, 0, 0][..]));
        assert_eq!(sections[2], (0, &[2, b'h', b'i'][..]));
        let text = String::from_utf8_lossy(sections[1].1);
        assert!(!text.contains("__wbg_log"), "{text}");
        assert!(
            text.contains("__wasm_split_load_x") && text.contains("memory"),
            "{text}"
        );
        // Shortened twice: the glue no longer names its module the long way.
        assert!(shorten(&wasm, &glue).is_err());
    }

    #[test]
    fn a_name_the_glue_uses_elsewhere_stops_the_build() {
        let glue = GLUE.replace("console.log(n)", "__wbg_log_0123456789abcdef(n)");
        let error = shorten(&module(), &glue).unwrap_err();
        assert!(error.contains("__wbg_log_0123456789abcdef 2 times"), "{error}");
    }

    #[test]
    fn short_names_are_all_different() {
        let names: std::collections::HashSet<String> = (0..3000).map(short_name).collect();
        assert_eq!(names.len(), 3000);
        assert_eq!(
            (short_name(0), short_name(51), short_name(52)),
            ("a".into(), "Z".into(), "aa".into())
        );
    }
}
