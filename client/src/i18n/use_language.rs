//! `use_language`: the language a component speaks, from its `lang` prop or
//! else the page around it, re-rendering when either changes or a language
//! arrives. Only with the `i18n` runtime; without it a component speaks the
//! built-in English.

use super::language::Language;
use yew::prelude::*;

/// The language for `lang` (a prop: empty follows the page around `root`,
/// the component's root element).
#[hook]
pub fn use_language(lang: &AttrValue, root: &NodeRef) -> Language {
    use super::{page_lang, registry};
    let update = use_force_update();
    {
        let update = update.clone();
        use_effect_with((), move |_| {
            let id = registry::subscribe(Callback::from(move |_| update.force_update()));
            page_lang::watch(registry::changed);
            move || registry::unsubscribe(id)
        });
    }
    let around = |root: &NodeRef| page_lang::around(root.cast::<web_sys::Element>());
    let tag = if lang.is_empty() {
        around(root)
    } else {
        lang.to_string()
    };
    let language = registry::language(&tag);
    {
        // The root says what language its text is in, and which way it
        // runs (set here, not in the markup, so an English-only build
        // carries none of it). The first render has no element to start
        // from (it used `<html lang>`): once it has one, render again if
        // its `lang` differs.
        let (root, follows, rendered) = (root.clone(), lang.is_empty(), tag.clone());
        // Its text's direction, whatever the page's (Spanish on an Arabic
        // page reads left to right, English in place of a missing Hebrew
        // too); with no `lang` anywhere, the page's `dir` decides.
        let dir = language
            .dir()
            .or_else(|| (!tag.trim().is_empty()).then_some("ltr"));
        let shown = language.shown().to_owned();
        use_effect(move || {
            // Only a change is written: every write is a mutation the page's
            // watch of `lang` hears, and re-renders for.
            if let Some(element) = root.cast::<web_sys::Element>() {
                for (name, value) in [("lang", Some(shown.as_str())), ("dir", dir)] {
                    if element.get_attribute(name).as_deref() != value {
                        let _ = match value {
                            Some(value) => element.set_attribute(name, value),
                            None => element.remove_attribute(name),
                        };
                    }
                }
            }
            if follows && around(&root) != rendered {
                update.force_update();
            }
        });
    }
    use_effect_with(tag.clone(), |tag| registry::request(tag));
    language
}
