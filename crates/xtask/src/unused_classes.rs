//! JS classes the app never makes, out of its wasm and its glue. leptos depends on its
//! server functions, and they on wasm-streams, whose three stream adapters are
//! `#[wasm_bindgen]` classes: wasm-bindgen exports every class's methods and writes a JS
//! class for each, so neither the linker nor wasm-opt may drop them. This app makes no
//! streams (it talks to its API with fetch); dropping the exports before wasm-opt lets it
//! remove their code. Measured 1.1 KB brotli off the wasm, plus the classes' glue.
//!
//! The glue is edited where wasm-bindgen writes a class (`export class X {` … the line that
//! gives it `Symbol.dispose`) and its finaliser (`const XFinalization = …;`); a glue that
//! still names the class or its exports afterwards stops the build, so a wasm-bindgen that
//! writes classes another way cannot leave a class calling a missing export.

use crate::wasm_module::{edit_section, write_leb, Reader};

/// wasm-streams' classes, as wasm-bindgen names them in the glue.
pub(crate) const STREAM_CLASSES: [&str; 3] = [
    "IntoUnderlyingByteSource",
    "IntoUnderlyingSink",
    "IntoUnderlyingSource",
];

const EXPORT_SECTION: u8 = 7;

/// `wasm` and `glue` without `classes`: their exports and their JS.
pub(crate) fn remove(wasm: &[u8], glue: &str, classes: &[&str]) -> Result<(Vec<u8>, String), String> {
    let mut dropped = Vec::new();
    let wasm = edit_section(wasm, EXPORT_SECTION, |body| {
        without_exports(body, classes, &mut dropped)
    })?;
    let mut glue = glue.to_owned();
    for class in classes {
        if !dropped.iter().any(|name| of_classes(name, &[class])) {
            return Err(format!("the wasm exports nothing of {class}"));
        }
        glue = cut(
            &glue,
            &format!("export class {class} {{"),
            &format!("\nif (Symbol.dispose) {class}.prototype[Symbol.dispose] = {class}.prototype.free;\n"),
        )?;
        glue = cut(&glue, &format!("const {class}Finalization = "), ";\n")?;
        let lower = class.to_lowercase();
        if glue.contains(class) || glue.contains(&format!("{lower}_")) {
            return Err(format!("the glue still uses {class} after its class was removed"));
        }
    }
    Ok((wasm, glue))
}

/// Whether the export `name` belongs to one of `classes`: its methods are `<class>_<method>`
/// and its destructor `__wbg_<class>_free`, the class in lower case.
fn of_classes(name: &str, classes: &[&str]) -> bool {
    classes.iter().any(|class| {
        let lower = class.to_lowercase();
        name.strip_prefix("__wbg_")
            .unwrap_or(name)
            .starts_with(&format!("{lower}_"))
    })
}

/// The export section's `body` without the exports of `classes`, whose names go to `dropped`.
fn without_exports(body: &[u8], classes: &[&str], dropped: &mut Vec<String>) -> Result<Vec<u8>, String> {
    let mut r = Reader { bytes: body, at: 0 };
    let count = r.leb()?;
    let mut kept = 0;
    let mut entries: Vec<u8> = Vec::new();
    for _ in 0..count {
        let start = r.at;
        let name = r.name()?;
        r.byte()?;
        r.leb()?;
        if of_classes(name, classes) {
            dropped.push(name.to_owned());
        } else {
            kept += 1;
            entries.extend(&body[start..r.at]);
        }
    }
    if r.at != body.len() {
        return Err("the export section has bytes after its last export".into());
    }
    let mut out = Vec::new();
    write_leb(&mut out, kept);
    out.extend(entries);
    Ok(out)
}

/// `text` without the one stretch from `start` to the first `end` after it (both included).
fn cut(text: &str, start: &str, end: &str) -> Result<String, String> {
    let from = match text.match_indices(start).map(|(at, _)| at).collect::<Vec<_>>()[..] {
        [at] => at,
        ref found => return Err(format!("the glue has {} of `{start}`, not one", found.len())),
    };
    let to = text[from..]
        .find(end)
        .map(|at| from + at + end.len())
        .ok_or_else(|| format!("the glue's `{start}` has no `{}` after it", end.trim()))?;
    Ok(format!("{}{}", &text[..from], &text[to..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm_module::{assemble, sections};

    /// A module exporting a memory, one class's destructor and method, and a function.
    fn module() -> Vec<u8> {
        let mut exports = Vec::new();
        write_leb(&mut exports, 4);
        for (name, kind, index) in [
            ("memory", 2u8, 0u8),
            ("__wbg_intounderlyingsink_free", 0, 1),
            ("intounderlyingsink_write", 0, 2),
            ("mount", 0, 3),
        ] {
            write_leb(&mut exports, name.len() as u64);
            exports.extend(name.as_bytes());
            exports.extend([kind, index]);
        }
        assemble(
            b"\0asm\x01\0\0\0",
            [
                (1, vec![1, 0x60, 0, 0]),
                (EXPORT_SECTION, exports),
                (0, vec![2, b'h', b'i']),
            ],
        )
    }

    const GLUE: &str = "export class IntoUnderlyingSink {
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_intounderlyingsink_free(ptr, 0);
    }
    write(chunk) {
        return wasm.intounderlyingsink_write(this.__wbg_ptr, chunk);
    }
}
if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;

export function mount(e) { return wasm.mount(e); }
const IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr, 1));
const MountedFinalization = 1;
";

    #[test]
    fn a_class_leaves_the_wasm_and_the_glue() {
        let (wasm, glue) = remove(&module(), GLUE, &["IntoUnderlyingSink"]).unwrap();
        assert_eq!(
            glue,
            "\nexport function mount(e) { return wasm.mount(e); }\nconst MountedFinalization = 1;\n"
        );
        let sections = sections(&wasm).unwrap();
        assert_eq!(sections.len(), 3);
        assert_eq!(sections[0], (1, &[1, 0x60, 0, 0][..]));
        assert_eq!(sections[2], (0, &[2, b'h', b'i'][..]));
        let exports = String::from_utf8_lossy(sections[1].1);
        assert_eq!(sections[1].1[0], 2, "two exports kept: {exports}");
        assert!(
            exports.contains("memory") && exports.contains("mount"),
            "{exports}"
        );
        assert!(!exports.contains("intounderlying"), "{exports}");
    }

    #[test]
    fn a_glue_that_still_uses_the_class_stops_the_build() {
        let glue = GLUE.replace("const MountedFinalization = 1;", "new IntoUnderlyingSink();");
        let error = remove(&module(), &glue, &["IntoUnderlyingSink"]).unwrap_err();
        assert!(error.contains("still uses IntoUnderlyingSink"), "{error}");
    }

    #[test]
    fn a_class_the_app_does_not_have_stops_the_build() {
        let error = remove(&module(), GLUE, &["IntoUnderlyingSource"]).unwrap_err();
        assert!(
            error.contains("exports nothing of IntoUnderlyingSource"),
            "{error}"
        );
    }

    #[test]
    fn only_the_class_exports_match() {
        let classes = ["IntoUnderlyingSink"];
        assert!(of_classes("__wbg_intounderlyingsink_free", &classes));
        assert!(of_classes("intounderlyingsink_abort", &classes));
        assert!(!of_classes("intounderlyingsinkextra", &classes));
        assert!(!of_classes("__wbg_mounted_free", &classes));
        assert!(!of_classes("intounderlyingsource_pull", &classes));
    }
}
