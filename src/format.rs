//! Showing API values to people.

use wasm_bindgen::JsValue;

/// An RFC 3339 time in the reader's time zone, e.g. "24 Nov 2026, 20:04".
pub fn date_time(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_string("en-GB", &options).into()
}

/// A byte count for people: "512 bytes", "84 KB", "1.9 MB".
pub fn file_size(bytes: u64) -> String {
    // Whole numbers only: formatting floats adds kilobytes of code to the wasm.
    const KB: u64 = 1024;
    const MB: u64 = KB * KB;
    if bytes < KB {
        format!("{bytes} bytes")
    } else if bytes < MB {
        format!("{} KB", (bytes + KB / 2) / KB)
    } else {
        let tenths = (bytes * 10 + MB / 2) / MB;
        match tenths % 10 {
            0 => format!("{} MB", tenths / 10),
            t => format!("{}.{t} MB", tenths / 10),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_as_people_say_them() {
        for (bytes, text) in [
            (0, "0 bytes"),
            (1023, "1023 bytes"),
            (1024, "1 KB"),
            (86_000, "84 KB"),
            (2 * 1024 * 1024, "2 MB"),
            (2_000_000, "1.9 MB"),
            (1_572_864, "1.5 MB"),
        ] {
            assert_eq!(super::file_size(bytes), text, "{bytes}");
        }
    }
}
