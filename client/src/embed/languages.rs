//! `registerLanguage(lang, messages)` and the module's language loader:
//! how a host adds a language or changes single texts, and how the core
//! gets the language files the package ships.

use crate::i18n::{register, set_loader};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Adds `messages` (keys and texts, or plural forms) to language `lang`,
/// over what it has (`en` changes English). Every widget and list of this
/// core shows them at once. The module checks the tag and the messages' shape
/// first (`client/embed/qmail-task-languages.js`).
#[wasm_bindgen(js_name = registerLanguage)]
pub fn register_language(lang: &str, messages: JsValue) -> Result<(), JsError> {
    match messages.dyn_into::<js_sys::Object>() {
        Ok(messages) if !lang.trim().is_empty() => {
            register(lang, &messages, true);
            Ok(())
        }
        _ => Err(JsError::new(
            "qmail-task-widget: registerLanguage() needs a language tag and an object of messages",
        )),
    }
}

/// The module's loader: `lang => Promise<messages> | undefined`, asked
/// once per language a widget needs and the page has not registered.
#[wasm_bindgen(js_name = setLanguageLoader)]
pub fn set_language_loader(loader: js_sys::Function) {
    set_loader(loader);
}
