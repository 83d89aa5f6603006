//! Reading JSON: the configuration, the words, the API's answers, what the browser keeps.
//!
//! In the browser the browser's own parser (`JSON.parse`) reads the text and [`reader`]
//! turns its value into ours, so the first download carries no JSON parser. Measured on the
//! initial load, brotli: serde-wasm-bindgen instead of serde_json's parser saved 3 KB, and
//! [`reader`] instead of serde-wasm-bindgen 5.7 KB more (that crate's type errors print
//! floats with the standard library's `f64` formatting, and it caches field names in a hash
//! map); copying the parsed value into a `serde_json::Value` and reading from that saved
//! 0.4 KB less than serde-wasm-bindgen. Native builds (the unit tests) parse with serde_json
//! and read through the same [`reader`]. Writing JSON stays with serde_json: its writer is
//! small.

mod reader;

use serde::de::DeserializeOwned;

/// `text` as a `T`, or why it is not one (shown to operators for a broken configuration).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    #[cfg(target_arch = "wasm32")]
    let value = js_sys::JSON::parse(text).map_err(|e| {
        use wasm_bindgen::JsCast;
        e.dyn_ref::<js_sys::Error>()
            .map_or_else(|| "not JSON".to_owned(), |e| String::from(e.message()))
    })?;
    #[cfg(not(target_arch = "wasm32"))]
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    T::deserialize(reader::Reader::new(value)).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests;
