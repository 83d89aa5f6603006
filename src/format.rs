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
    date.to_locale_string(crate::i18n::current().tag(), &options)
        .into()
}

/// A day given as `YYYY-MM-DD` (UTC), short, in the reader's language: "28 Nov", "11月28日".
pub fn day(yyyy_mm_dd: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(yyyy_mm_dd));
    if date.get_time().is_nan() {
        return yyyy_mm_dd.to_owned();
    }
    let options = js_sys::Object::new();
    for (key, value) in [("month", "short"), ("day", "numeric"), ("timeZone", "UTC")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_date_string(crate::i18n::current().tag(), &options)
        .into()
}

/// Whether an RFC 3339 time has passed (an unreadable one has not).
pub fn is_past(rfc3339: &str) -> bool {
    js_sys::Date::new(&JsValue::from_str(rfc3339)).get_time() <= js_sys::Date::now()
}

/// How far an RFC 3339 time is from now, in the reader's language: "in 23 hours", "5 minutes
/// ago", "3天后"; minutes under an hour, hours under two days, days beyond.
pub fn relative(rfc3339: &str) -> String {
    let then = js_sys::Date::new(&JsValue::from_str(rfc3339)).get_time();
    if then.is_nan() {
        return rfc3339.to_owned();
    }
    let minutes = ((then - js_sys::Date::now()) / 60_000.0).round();
    let (value, unit) = if minutes.abs() < 60.0 {
        (minutes, "minute")
    } else if minutes.abs() < 48.0 * 60.0 {
        ((minutes / 60.0).round(), "hour")
    } else {
        ((minutes / 1440.0).round(), "day")
    };
    let locales = js_sys::Array::of1(&crate::i18n::current().tag().into());
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"numeric".into(), &"auto".into());
    js_sys::Intl::RelativeTimeFormat::new(&locales, &options)
        .format(value, unit)
        .into()
}

/// A count with the reader's digit grouping: "5,000", "5.000".
pub fn count(n: u64) -> String {
    let locales = js_sys::Array::of1(&crate::i18n::current().tag().into());
    js_sys::Intl::NumberFormat::new(&locales, &js_sys::Object::new())
        .format()
        .call1(&JsValue::NULL, &JsValue::from_f64(n as f64))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A byte count for people in the reader's language: "512 byte", "84 kB", "1.9 MB",
/// "1.9 MB" or "1,9 MB", by the browser's `Intl`.
#[cfg(target_arch = "wasm32")]
pub fn file_size(bytes: u64) -> String {
    let (unit, tenths) = scaled(bytes);
    let options = js_sys::Object::new();
    // "67 bytes" in full; "84 kB", "1.9 MB" short.
    let display = if unit == "byte" { "long" } else { "short" };
    for (key, value) in [("style", "unit"), ("unit", unit), ("unitDisplay", display)] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let _ = js_sys::Reflect::set(&options, &"maximumFractionDigits".into(), &1.into());
    let locales = js_sys::Array::of1(&crate::i18n::current().tag().into());
    let format = js_sys::Intl::NumberFormat::new(&locales, &options).format();
    // Intl formats the number: no float formatting code in the wasm.
    let value = JsValue::from_f64(tenths as f64 / 10.0);
    format
        .call1(&JsValue::NULL, &value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// The same in English for the native unit tests.
#[cfg(not(target_arch = "wasm32"))]
pub fn file_size(bytes: u64) -> String {
    let (unit, tenths) = scaled(bytes);
    let unit = match unit {
        "byte" => "bytes",
        "kilobyte" => "KB",
        _ => "MB",
    };
    match tenths % 10 {
        0 => format!("{} {unit}", tenths / 10),
        t => format!("{}.{t} {unit}", tenths / 10),
    }
}

/// The `Intl` unit for a byte count, and the count in tenths of it: bytes and kilobytes
/// whole, megabytes to one decimal.
fn scaled(bytes: u64) -> (&'static str, u64) {
    const KB: u64 = 1024;
    const MB: u64 = KB * KB;
    if bytes < KB {
        ("byte", bytes * 10)
    } else if bytes < MB {
        ("kilobyte", (bytes + KB / 2) / KB * 10)
    } else {
        ("megabyte", (bytes * 10 + MB / 2) / MB)
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
