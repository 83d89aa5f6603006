//! Short names for what the app's wasm imports from its JS glue. wasm-bindgen names each
//! import after its function plus a 16-digit hash (`__wbg_stringify_0a0fbf2ef722380a`), and
//! both the wasm and the glue carry every name: hundreds of hashes that no compressor can
//! shrink. Renaming them `a`, `b`, … in both files, as Emscripten's import minifier does,
//! measured 5.2 KB brotli off the initial load. Nothing else reads these names: the glue
//! hands the wasm one object of functions, and a name is only renamed where it is one key
//! of that object.

/// The glue's module name for its own functions, as wasm-bindgen writes it.
const GLUE_MODULE: &str = "./portal-web_bg.js";
/// The glue's module name for them afterwards.
const SHORT_MODULE: &str = "a";

/// `wasm` and `glue` with the glue's imports renamed; imports from other modules (the
/// splitter's loader) keep their names.
pub(crate) fn shorten(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String), String> {
    let sections = sections(wasm)?;
    let mut out = wasm[..8].to_vec();
    let mut glue = glue.to_owned();
    let mut next = 0;
    for (id, body) in sections {
        let body = match id {
            IMPORT_SECTION => rename_imports(body, &mut glue, &mut next)?,
            _ => body.to_vec(),
        };
        out.push(id);
        write_leb(&mut out, body.len() as u64);
        out.extend(body);
    }
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

fn sections(wasm: &[u8]) -> Result<Vec<(u8, &[u8])>, String> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut r = Reader { bytes: wasm, at: 8 };
    let mut out = Vec::new();
    while r.at < wasm.len() {
        let id = r.byte()?;
        let len = r.leb()? as usize;
        out.push((id, r.take(len)?));
    }
    Ok(out)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.bytes.get(self.at).ok_or("the wasm ends early")?;
        self.at += 1;
        Ok(b)
    }

    fn leb(&mut self) -> Result<u64, String> {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(value);
            }
            shift += 7;
            if shift > 63 {
                return Err("a number in the wasm is too long".into());
            }
        }
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(len).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or("the wasm ends early")?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn name(&mut self) -> Result<&'a str, String> {
        let len = self.leb()? as usize;
        std::str::from_utf8(self.take(len)?).map_err(|_| "an import name is not UTF-8".into())
    }

    /// Skips what an import is: a function's type, a table, a memory, a global or a tag.
    fn import_desc(&mut self) -> Result<(), String> {
        match self.byte()? {
            0 => self.leb().map(drop),
            1 => {
                self.byte()?;
                self.limits()
            }
            2 => self.limits(),
            3 => self.take(2).map(drop),
            4 => {
                self.byte()?;
                self.leb().map(drop)
            }
            kind => Err(format!("an import of unknown kind {kind}")),
        }
    }

    fn limits(&mut self) -> Result<(), String> {
        let flags = self.leb()?;
        self.leb()?;
        if flags & 1 == 1 {
            self.leb()?;
        }
        Ok(())
    }
}

fn write_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let b = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
