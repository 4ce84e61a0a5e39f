//! The browser's `Intl`: a page's language tag checked, plural categories,
//! numbers, dates and relative times by a language's rules, so the wasm
//! carries no tables of its own. Natively (the unit tests) English's rules
//! stand in.

#[cfg(i18n_runtime)]
mod browser {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(catch, js_namespace = Intl, js_name = getCanonicalLocales)]
        pub fn canonical(tag: &str) -> Result<js_sys::Array, JsValue>;

        #[wasm_bindgen(js_namespace = Intl)]
        pub type PluralRules;
        #[wasm_bindgen(constructor, catch, js_namespace = Intl)]
        pub fn new(tag: &str) -> Result<PluralRules, JsValue>;
        #[wasm_bindgen(method)]
        pub fn select(this: &PluralRules, n: f64) -> String;

        #[wasm_bindgen(js_namespace = Intl)]
        pub type RelativeTimeFormat;
        #[wasm_bindgen(constructor, js_namespace = Intl)]
        pub fn new(tag: &str, options: &JsValue) -> RelativeTimeFormat;
        #[wasm_bindgen(method)]
        pub fn format(this: &RelativeTimeFormat, value: f64, unit: &str) -> String;

        #[wasm_bindgen(js_name = Number)]
        pub type Num;
        #[wasm_bindgen(constructor, js_class = "Number")]
        pub fn new(n: f64) -> Num;
        #[wasm_bindgen(method, js_class = "Number", js_name = toLocaleString)]
        pub fn to_locale_string(this: &Num, tag: &str) -> String;
    }
}

/// `tag` as `Intl` writes it (`de-AT` for `de-at`, `de-AT` for `de_AT`),
/// or `en` for a tag it refuses or an empty one: every other function here
/// takes only a tag from this one, since `Intl` throws on a malformed tag.
#[cfg(i18n_runtime)]
pub fn checked_tag(tag: &str) -> String {
    let tag = tag.trim().replace('_', "-");
    browser::canonical(&tag)
        .ok()
        .and_then(|tags| tags.get(0).as_string())
        .unwrap_or_else(|| "en".to_owned())
}

/// The plural category (`one`, `few`, …) of `n` in language `tag` (a
/// host's own tag `Intl` refuses, `x-pirate`, counts as English does).
#[cfg(i18n_runtime)]
pub fn plural_category(tag: &str, n: usize) -> String {
    browser::PluralRules::new(tag)
        .or_else(|_| browser::PluralRules::new("en"))
        .map_or_else(|_| "other".to_owned(), |rules| rules.select(n as f64))
}

/// `n` written as language `tag` writes numbers (`1.234`, `١٢`).
#[cfg(i18n_runtime)]
pub fn count(tag: &str, n: usize) -> String {
    browser::Num::new(n as f64).to_locale_string(tag)
}

#[cfg(not(i18n_runtime))]
pub fn count(_tag: &str, n: usize) -> String {
    n.to_string()
}

/// `ms` as seconds, as language `tag` writes numbers (`1,5`).
#[cfg(i18n_runtime)]
pub fn seconds(tag: &str, ms: u32) -> String {
    browser::Num::new(f64::from(ms) / 1_000.0).to_locale_string(tag)
}

/// `ms` as seconds in English (`1.5`), without `Intl`.
#[cfg(not(i18n_runtime))]
pub fn seconds(_tag: &str, ms: u32) -> String {
    crate::api::error::seconds(ms)
}

/// `iso`'s date and time in language `tag` and the reader's time zone, and
/// how long before `now_ms` it was when that is under an hour (`"2 minutes
/// ago"`). `None` for text that is no instant, and without `Intl` (the time
/// then shows in UTC).
#[cfg(i18n_runtime)]
pub fn date_time(tag: &str, iso: &str, now_ms: f64) -> Option<(String, Option<String>)> {
    let date = js_sys::Date::new(&iso.into());
    let at = date.get_time();
    if at.is_nan() {
        return None;
    }
    let options = js_sys::JSON::parse(r#"{"dateStyle":"medium","timeStyle":"medium"}"#).ok()?;
    let shown = String::from(date.to_locale_string(tag, &options));
    let seconds_ago = ((now_ms - at) / 1_000.0).round();
    let relative = (0.0..3_600.0).contains(&seconds_ago).then(|| {
        let (value, unit) = if seconds_ago < 60.0 {
            (-seconds_ago, "second")
        } else {
            (-(seconds_ago / 60.0).floor(), "minute")
        };
        let options = js_sys::JSON::parse(r#"{"numeric":"auto"}"#).unwrap_or_default();
        browser::RelativeTimeFormat::new(tag, &options).format(value, unit)
    });
    Some((shown, relative))
}
