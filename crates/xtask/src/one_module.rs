//! The splitter's chunk loader joined to wasm-bindgen's glue: one JavaScript module in the
//! initial load instead of two that import each other. Every request the first screen
//! makes shares the phone's connection with the wasm it waits for; measured with
//! Lighthouse's simulated mobile network, the loader's own request held the sign-in form
//! back about 150 ms.
//!
//! The glue imports the loader's `__wasm_split_load_*` functions (as the main module's
//! imports from `./__wasm_split.js`, one namespace per function) and the loader imports
//! the glue's `initSync`. Joined, both sides name each other's functions directly. The
//! loader then starts a page's chunks a few at a time (see [`IN_TURNS_FN`]).

/// Where the loader imports the glue from, and what the glue imports the loader as.
const LOADER_IMPORT: &str = "import { initSync } from \"./portal-web.js\";";
const GLUE_IMPORT_PREFIX: &str = "import * as ";
const LOADER_MODULE: &str = "\"./__wasm_split.js\"";
/// The namespace object that stands in for the loader module in the glue.
const NAMESPACE: &str = "__wasm_split_module";
/// Where the loader starts every chunk a page needs at once, and what starts them in turns.
const ALL_AT_ONCE: &str = "const parallelStuff = deps.map(d => d());";
const IN_TURNS: &str = "const parallelStuff = await __wasm_split_in_turns(deps);";
/// Starting a chunk (its request and its compilation) costs the main thread about a
/// millisecond or two on a fast machine, four times that on a phone: a page of 31 chunks
/// started at once held it for 40 ms, and a reader's key waited behind it. Four at a time,
/// each four in a task of their own (six made tasks of 12 ms on a busy machine); the next
/// pages' code is fetched this way while the sign-in form is read. The next task is asked
/// for by a message, not a timer: nested timers wait at least 4 ms each.
const IN_TURNS_FN: &str = "function __wasm_split_next_task() {
    return new Promise((next) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => next();
        channel.port2.postMessage(null);
    });
}
async function __wasm_split_in_turns(deps) {
    const started = [];
    for (let i = 0; i < deps.length; i += 4) {
        if (i > 0) await __wasm_split_next_task();
        for (const d of deps.slice(i, i + 4)) started.push(d());
    }
    return started;
}
";

/// The glue with the loader inside it. Refuses text it does not recognise (a new
/// wasm-bindgen or splitter that writes its imports differently) rather than emit a
/// module that fails in the browser.
pub(crate) fn join(glue: &str, loader: &str) -> Result<String, String> {
    let loader = loader
        .strip_prefix(LOADER_IMPORT)
        .ok_or("the splitter's loader no longer starts by importing the glue's initSync")?;

    // The glue's namespace imports of the loader, out; each namespace name, remembered.
    let mut namespaces = Vec::new();
    let mut glue_out = String::with_capacity(glue.len() + loader.len());
    for line in glue.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r', ';']);
        match trimmed
            .strip_prefix(GLUE_IMPORT_PREFIX)
            .and_then(|rest| rest.strip_suffix(LOADER_MODULE))
            .and_then(|rest| rest.strip_suffix(" from "))
        {
            Some(name) => namespaces.push(name.to_owned()),
            None => glue_out.push_str(line),
        }
    }
    if namespaces.is_empty() {
        return Err("the glue no longer imports the splitter's loader".into());
    }
    for name in &namespaces {
        let entry = format!("{LOADER_MODULE}: {name},");
        if !glue_out.contains(&entry) {
            return Err(format!("the glue imports the loader as {name} but never uses it"));
        }
        glue_out = glue_out.replace(&entry, &format!("{LOADER_MODULE}: {NAMESPACE},"));
    }

    // The loader's exports become names of the module they join, gathered in the namespace.
    let mut exported = Vec::new();
    let mut loader_out = String::with_capacity(loader.len());
    for line in loader.split_inclusive('\n') {
        match line.strip_prefix("export const ") {
            Some(rest) => {
                exported.push(leading_name(rest));
                loader_out.push_str("const ");
                loader_out.push_str(rest);
            }
            None if line.starts_with("export ") || line.starts_with("import ") => {
                return Err(format!(
                    "the splitter's loader has an unexpected line: {}",
                    line.trim()
                ));
            }
            None => loader_out.push_str(line),
        }
    }
    if loader_out.matches(ALL_AT_ONCE).count() != 1 {
        return Err("the splitter's loader no longer starts a page's chunks in one place".into());
    }
    let loader_out = format!("{IN_TURNS_FN}{}", loader_out.replace(ALL_AT_ONCE, IN_TURNS));
    let glue_names = declared_names(&glue_out);
    for name in declared_names(&loader_out) {
        if glue_names.contains(&name) {
            return Err(format!("the glue and the loader both declare {name}"));
        }
    }

    Ok(format!(
        "{glue_out}\n// The splitter's chunk loader.\n{loader_out}\nconst {NAMESPACE} = {{ {} }};\n",
        exported.join(", ")
    ))
}

/// The names a module declares at its top level (lines that start with a declaration).
fn declared_names(module: &str) -> Vec<String> {
    module
        .lines()
        .filter_map(|line| {
            let rest = ["function ", "async function ", "const ", "let ", "var ", "class "]
                .iter()
                .find_map(|keyword| line.strip_prefix(keyword))?;
            let name = leading_name(rest);
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

/// The JS identifier `text` starts with (empty if none).
fn leading_name(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '$')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = "import * as import1 from \"./__wasm_split.js\"\n\
        import * as import2 from \"./__wasm_split.js\"\n\
        let wasm;\n\
        function __wbg_get_imports() {\n    return {\n        \"a\": import0,\n        \"./__wasm_split.js\": import1,\n        \"./__wasm_split.js\": import2,\n    };\n}\n\
        function initSync(module) { return wasm; }\n\
        export { initSync, __wbg_init as default };\n";
    const LOADER: &str = "import { initSync } from \"./portal-web.js\";\n\
        let sharedImports = undefined;\n\
        function makeLoad(fetcher, deps) {\n    const loader = async () => {\n        const parallelStuff = deps.map(d => d());\n    };\n}\n\
        const __chunk_1 = makeLoad(() => fetch(new URL(\"./chunk_1.wasm\", import.meta.url)), []);\n\
        export const __wasm_split_load_a_1 = makeLoad(() => 1, [__chunk_1]);\n\
        export const __wasm_split_load_b_2 = makeLoad(() => 2, []);\n";

    #[test]
    fn the_loader_joins_the_glue_and_the_imports_between_them_go() {
        let out = join(GLUE, LOADER).unwrap();
        assert!(!out.contains("from \"./__wasm_split.js\""), "{out}");
        assert!(!out.contains("from \"./portal-web.js\""), "{out}");
        assert!(!out.contains("import1") && !out.contains("import2"), "{out}");
        assert_eq!(
            out.matches("\"./__wasm_split.js\": __wasm_split_module,").count(),
            2,
            "{out}"
        );
        assert!(out.contains("const __wasm_split_load_a_1 = makeLoad"), "{out}");
        assert!(!out.contains("export const"), "{out}");
        assert!(
            out.ends_with("const __wasm_split_module = { __wasm_split_load_a_1, __wasm_split_load_b_2 };\n"),
            "{out}"
        );
        // The glue's own exports stay; the chunks are still found beside the module.
        assert!(
            out.contains("export { initSync, __wbg_init as default };"),
            "{out}"
        );
        assert!(
            out.contains("new URL(\"./chunk_1.wasm\", import.meta.url)"),
            "{out}"
        );
        // A page's chunks are started a few at a time.
        assert!(
            out.contains("const parallelStuff = await __wasm_split_in_turns(deps);"),
            "{out}"
        );
        assert!(
            out.contains("async function __wasm_split_in_turns(deps) {"),
            "{out}"
        );
        assert!(!out.contains("deps.map(d => d())"), "{out}");
    }

    #[test]
    fn text_it_does_not_recognise_stops_the_build() {
        let no_import = LOADER.replacen("import { initSync } from \"./portal-web.js\";\n", "", 1);
        assert!(join(GLUE, &no_import).unwrap_err().contains("initSync"));
        let unused = GLUE.replace("\"./__wasm_split.js\": import2,", "");
        assert!(join(&unused, LOADER).unwrap_err().contains("import2"));
        let no_imports = "let wasm;\n";
        assert!(join(no_imports, LOADER)
            .unwrap_err()
            .contains("no longer imports"));
        let clash = format!("{GLUE}function makeLoad() {{}}\n");
        assert!(join(&clash, LOADER).unwrap_err().contains("makeLoad"));
        let at_once = LOADER.replace("deps.map(d => d())", "deps.map((d) => d())");
        assert!(join(GLUE, &at_once).unwrap_err().contains("in one place"));
        let odd = format!("{LOADER}export default 1;\n");
        assert!(join(GLUE, &odd).unwrap_err().contains("unexpected line"));
    }
}
