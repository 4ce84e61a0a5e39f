//! Reads an options object a host page passed, key by key
//! (`Reflect::get`), so every error names the option at fault and a typo
//! in a key is refused rather than silently ignored.

use wasm_bindgen::{JsCast, JsValue};

/// An options object, its keys checked against the ones understood.
pub struct JsOptions<'a> {
    value: &'a JsValue,
}

impl<'a> JsOptions<'a> {
    /// `example` shows the shape in the error for something not an object.
    pub fn new(value: &'a JsValue, known: &[&str], example: &str) -> Result<Self, String> {
        let object = value
            .dyn_ref::<js_sys::Object>()
            .filter(|_| !value.is_function())
            .ok_or_else(|| format!("options must be an object such as {example}"))?;
        for key in js_sys::Object::keys(object)
            .iter()
            .filter_map(|key| key.as_string())
        {
            check_key(&key, known)?;
        }
        Ok(JsOptions { value })
    }

    fn get(&self, key: &str) -> Option<JsValue> {
        js_sys::Reflect::get(self.value, &JsValue::from_str(key))
            .ok()
            .filter(|value| !value.is_undefined())
    }

    pub fn text(&self, key: &str) -> Result<Option<String>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => well_formed(key, &value)?
                .map(Some)
                .ok_or_else(|| format!("{key} must be a string")),
        }
    }

    pub fn whole(&self, key: &str) -> Result<Option<u32>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => match value.as_f64() {
                Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => {
                    Ok(Some(n as u32))
                }
                _ => Err(format!(
                    "{key} must be a whole number from 0 to {}",
                    u32::MAX
                )),
            },
        }
    }

    #[cfg(feature = "embed-widget")]
    pub fn flag(&self, key: &str) -> Result<Option<bool>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => value
                .as_bool()
                .map(Some)
                .ok_or_else(|| format!("{key} must be true or false")),
        }
    }

    /// An array of strings.
    #[cfg(feature = "embed")]
    pub fn strings(&self, key: &str) -> Result<Option<Vec<String>>, String> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        let wrong = || format!("{key} must be an array of strings");
        let array = value.dyn_into::<js_sys::Array>().map_err(|_| wrong())?;
        array
            .iter()
            .map(|item| well_formed(key, &item)?.ok_or_else(wrong))
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }
}

/// `value` as text if it is a string, refusing one that is not well-formed
/// UTF-16 (a lone surrogate would otherwise arrive as U+FFFD, another id).
fn well_formed(key: &str, value: &JsValue) -> Result<Option<String>, String> {
    match value.dyn_ref::<js_sys::JsString>() {
        Some(text) if !text.is_valid_utf16() => Err(format!(
            "{key} is not well-formed text: it holds half of a UTF-16 surrogate pair"
        )),
        _ => Ok(value.as_string()),
    }
}

/// Refuses a key not in `known`, naming the ones that are.
pub fn check_key(key: &str, known: &[&str]) -> Result<(), String> {
    if known.contains(&key) {
        return Ok(());
    }
    // Not `join`: see `format::result_summary`.
    let mut error = format!("unknown option `{key}`; the options are ");
    for (index, name) in known.iter().enumerate() {
        if index > 0 {
            error.push_str(", ");
        }
        error.push_str(name);
    }
    Err(error)
}
