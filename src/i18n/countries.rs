//! The names of the countries and regions the core accepts (`country.<code>`), and their
//! order in the reader's language.

use super::*;

/// A country's or region's name in the active language.
pub fn country_name(code: &str) -> &'static str {
    text_opt(&format!("country.{code}")).unwrap_or_else(|| text("country.unknown"))
}

/// Sorts (code, name) pairs by name as the reader's language orders words (pinyin for
/// Chinese, accents for Spanish), with the browser's collator.
pub fn sort_by_name(options: &mut [(String, String)]) {
    #[cfg(target_arch = "wasm32")]
    {
        let locales = js_sys::Array::of1(&current().tag().into());
        let collator = js_sys::Intl::Collator::new(&locales, &js_sys::Object::new());
        let compare = collator.compare();
        options.sort_by(|a, b| {
            let order = compare
                .call2(
                    &wasm_bindgen::JsValue::NULL,
                    &a.1.as_str().into(),
                    &b.1.as_str().into(),
                )
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
            order.partial_cmp(&0.0).unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    options.sort_by(|a, b| a.1.cmp(&b.1));
}
