//! Reading a body's JSON text into a [`Json`] value: in the browser with the
//! browser's own `JSON.parse`, so the wasm carries no JSON parser of its own;
//! natively (the unit tests) with serde_json, because outside a browser there
//! is no `JSON.parse` to call. The browser path has its own suite,
//! `client/tests/json.rs`, run in Chromium and Firefox: every kind of value, a
//! status object read as the native reader reads it, broken and hostile
//! bodies (nesting 100,000 deep).
//!
//! What the browser reads differs from the text in two ways that only show in
//! a result or an extra field: integers beyond 2^53 lose precision (as in any
//! JavaScript), and an object's integer-like keys come first.

use task_api::Json;

/// Nesting deeper than this is refused, not followed, as serde_json refuses
/// it: a hostile body could otherwise exhaust the stack.
#[cfg(target_arch = "wasm32")]
const MAX_DEPTH: usize = 128;

/// Parses `text`; the error says what is wrong with it.
#[cfg(target_arch = "wasm32")]
pub fn parse(text: &str) -> Result<Json, String> {
    use wasm_bindgen::JsCast;
    let value =
        js_sys::JSON::parse(text).map_err(|error| match error.dyn_ref::<js_sys::Error>() {
            Some(error) => String::from(error.message()),
            None => "not JSON".to_owned(),
        })?;
    from_js(&value, 0)
}

#[cfg(target_arch = "wasm32")]
fn from_js(value: &wasm_bindgen::JsValue, depth: usize) -> Result<Json, String> {
    use wasm_bindgen::JsCast;
    if depth > MAX_DEPTH {
        return Err(format!("nested more than {MAX_DEPTH} levels deep"));
    }
    if value.is_null() || value.is_undefined() {
        return Ok(Json::Null);
    }
    if let Some(flag) = value.as_bool() {
        return Ok(Json::Bool(flag));
    }
    if let Some(number) = value.as_f64() {
        // The browser prints the number (no float printing in the wasm).
        let text = js_sys::Number::from(number)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_else(|_| "null".to_owned());
        return Ok(Json::Number(task_api::JsonNumber::new(number, text)));
    }
    if let Some(text) = value.as_string() {
        return Ok(Json::String(text));
    }
    if js_sys::Array::is_array(value) {
        let items: &js_sys::Array = value.unchecked_ref();
        return items
            .iter()
            .map(|item| from_js(&item, depth + 1))
            .collect::<Result<_, _>>()
            .map(Json::Array);
    }
    js_sys::Object::entries(value.unchecked_ref())
        .iter()
        .map(|entry| {
            let entry: js_sys::Array = entry.unchecked_into();
            let key = entry.get(0).as_string().unwrap_or_default();
            Ok((key, from_js(&entry.get(1), depth + 1)?))
        })
        .collect::<Result<_, _>>()
        .map(Json::Object)
}

/// Parses `text`; the error says what is wrong with it.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> Result<Json, String> {
    serde_json::from_str(text).map_err(|error| error.to_string())
}
