//! What the widget and the list say, in the page's language: one message
//! catalogue with named keys and `{placeholders}`. English is built in, a
//! constant per key ([`key`], from `client/lang/en.json`); another language
//! is a messages object that the page's loader fetches when a widget first
//! needs it, or that the host registers. Plurals, numbers and times follow
//! the browser's `Intl`.

mod intl;
pub mod key;
mod language;
mod macros;
#[cfg(i18n_runtime)]
mod page_lang;
#[cfg(i18n_runtime)]
mod registry;
mod template;
#[cfg(i18n_runtime)]
mod use_language;

pub use key::Key;
pub use language::Language;
pub(crate) use macros::{around, count, fill, number, text};
#[cfg(i18n_runtime)]
pub use registry::{language, register, set_loader};
pub use template::{around, fill};
#[cfg(i18n_runtime)]
pub(crate) use use_language::use_language;

/// The language for a page's `lang`: without the `i18n` runtime, always
/// the built-in English.
#[cfg(not(i18n_runtime))]
pub fn language(_tag: &str) -> Language {
    Language::english()
}
