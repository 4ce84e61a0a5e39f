//! A language as the widget speaks it: the messages it reads a key from
//! (the most specific first; English, built into each key, last) and the
//! rules it counts and writes numbers and dates by.

use super::intl;
#[cfg(i18n_runtime)]
use super::key::{Key, RECENT_TIME};
#[cfg(i18n_runtime)]
use super::template::{around, fill};
#[cfg(i18n_runtime)]
use std::rc::Rc;
#[cfg(i18n_runtime)]
use yew::AttrValue;

/// Languages written right to left, by their primary subtag.
#[cfg(i18n_runtime)]
const RIGHT_TO_LEFT: [&str; 9] = ["ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur"];

/// What the widget says, in one language. (Without the `i18n` runtime it
/// holds nothing: every text is the built-in English.)
#[derive(Clone, Debug, PartialEq)]
pub struct Language {
    /// The page's tag, as `Intl` takes it (`de-AT`): numbers and dates
    /// follow it.
    #[cfg(i18n_runtime)]
    pub(super) tag: Rc<str>,
    /// `(tag, messages)` of the page's language and its parents (`de-at`,
    /// `de`) that the page has, the most specific first.
    #[cfg(i18n_runtime)]
    pub(super) messages: Vec<(Rc<str>, js_sys::Object)>,
    /// Changes with every language registered, so a widget re-renders.
    #[cfg(i18n_runtime)]
    pub(super) version: u32,
}

impl Language {
    /// English, as built in.
    pub fn english() -> Language {
        Language {
            #[cfg(i18n_runtime)]
            tag: "en".into(),
            #[cfg(i18n_runtime)]
            messages: Vec::new(),
            #[cfg(i18n_runtime)]
            version: 0,
        }
    }

    fn tag(&self) -> &str {
        #[cfg(i18n_runtime)]
        return &self.tag;
        #[cfg(not(i18n_runtime))]
        "en"
    }

    /// The language the widget's texts are in, for its `lang` attribute:
    /// the most specific messages' (`en` until a translation is in).
    pub fn shown(&self) -> &str {
        #[cfg(i18n_runtime)]
        if let Some((tag, _)) = self.messages.first() {
            return tag;
        }
        "en"
    }

    /// `rtl` for a language written right to left (its text's, `shown`).
    #[cfg(i18n_runtime)]
    pub fn dir(&self) -> Option<&'static str> {
        let shown = self.shown();
        let primary = &shown[..shown.find('-').unwrap_or(shown.len())];
        RIGHT_TO_LEFT.contains(&primary).then_some("rtl")
    }

    #[cfg(i18n_runtime)]
    /// `key`'s form for `count` (or, with none, its text), from the most
    /// specific messages that have it, else English.
    fn form(&self, key: Key, count: Option<usize>) -> AttrValue {
        #[cfg(i18n_runtime)]
        for (tag, messages) in &self.messages {
            let message = js_sys::Reflect::get(messages, &key.name.into()).unwrap_or_default();
            if let Some(text) = message.as_string() {
                return text.into();
            }
            if message.is_object() {
                let category = count.map(|n| intl::plural_category(tag, n));
                let form = |category: &str| {
                    js_sys::Reflect::get(&message, &category.into())
                        .ok()
                        .and_then(|form| form.as_string())
                };
                if let Some(text) = category.as_deref().and_then(form).or_else(|| form("other")) {
                    return text.into();
                }
            }
        }
        AttrValue::Static(if count == Some(1) { key.one } else { key.other })
    }

    #[cfg(i18n_runtime)]
    /// `key`'s text (a counting message's form for many).
    pub fn text(&self, key: Key) -> AttrValue {
        self.form(key, None)
    }

    #[cfg(i18n_runtime)]
    /// `key`'s text with its placeholders filled.
    pub fn fill(&self, key: Key, args: &[(&str, &str)]) -> String {
        fill(&self.text(key), args)
    }

    #[cfg(i18n_runtime)]
    /// `key`'s text before and after its `{name}` (a placeholder that is
    /// markup).
    pub fn around(&self, key: Key, name: &str) -> (AttrValue, AttrValue) {
        match self.text(key) {
            AttrValue::Static(text) => {
                let (before, after) = around(text, name);
                (AttrValue::Static(before), AttrValue::Static(after))
            }
            text => {
                let (before, after) = around(&text, name);
                (before.to_owned().into(), after.to_owned().into())
            }
        }
    }

    #[cfg(i18n_runtime)]
    /// `key`'s form for `n` by its language's plural rules, with `{count}`
    /// as this language writes `n`, and `args`.
    pub fn count(&self, key: Key, n: usize, args: &[(&str, &str)]) -> String {
        let count = self.number(n);
        let mut all = vec![("count", count.as_str())];
        all.extend_from_slice(args);
        fill(&self.form(key, Some(n)), &all)
    }

    /// `n` as this language writes numbers.
    pub fn number(&self, n: usize) -> String {
        intl::count(self.tag(), n)
    }

    /// `ms` as seconds, as this language writes numbers (`1,5`).
    pub fn seconds(&self, ms: u32) -> String {
        intl::seconds(self.tag(), ms)
    }

    #[cfg(i18n_runtime)]
    /// `iso` in the reader's time zone and this language, with how long ago
    /// it was when recent (then `true`); `None` for text that is no instant.
    pub fn date_time(&self, iso: &str, now_ms: f64) -> Option<(String, bool)> {
        let (at, relative) = intl::date_time(self.tag(), iso, now_ms)?;
        Some(match relative {
            Some(relative) => (
                self.fill(RECENT_TIME, &[("time", &at), ("relative", &relative)]),
                true,
            ),
            None => (at, false),
        })
    }
}

#[cfg(not(i18n_runtime))]
impl Language {
    /// Without `Intl`, a time is shown in UTC (`widget::format::timestamp`).
    pub fn date_time(&self, _iso: &str, _now_ms: f64) -> Option<(String, bool)> {
        None
    }
}
