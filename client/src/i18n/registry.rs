//! The languages this page's widgets know besides English (built into
//! each key): those a host registers, key by key over what is shipped, and
//! those the loader fetches when a widget first needs them. A change
//! re-renders every widget. Only with the `i18n` runtime (`mod.rs`).

use super::language::Language;
use yew::Callback;

#[derive(Default)]
struct Registry {
    /// Messages objects by lowercase tag.
    languages: Vec<(String, js_sys::Object)>,
    /// Languages already asked of the loader (each is asked once).
    asked: Vec<String>,
    loader: Option<js_sys::Function>,
    listeners: Vec<(u32, Callback<()>)>,
    /// Counts changes; listeners are told of each.
    version: u32,
}

thread_local! {
    static REGISTRY: std::cell::RefCell<Registry> = std::cell::RefCell::new(Registry::default());
}

/// `de-AT`'s candidates, the most specific first: `de-at`, `de`.
fn candidates(tag: &str) -> Vec<String> {
    let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
    let mut candidates = Vec::new();
    let mut rest = tag.as_str();
    while !rest.is_empty() {
        candidates.push(rest.to_owned());
        rest = &rest[..rest.rfind('-').unwrap_or(0)];
    }
    candidates
}

/// The language for `tag` (a page's `lang`): its own messages, then its
/// parents' (`de-AT`, `de`), then English. An empty or unknown tag is English.
pub fn language(tag: &str) -> Language {
    let mut language = Language::english();
    language.tag = super::intl::checked_tag(tag).into();
    REGISTRY.with(|registry| {
        let registry = registry.borrow();
        language.version = registry.version;
        for candidate in candidates(tag) {
            if let Some((_, messages)) = registry
                .languages
                .iter()
                .find(|(known, _)| *known == candidate)
            {
                language.messages.push((candidate.into(), messages.clone()));
            }
        }
    });
    language
}

/// Adds `messages` (an object of keys and texts) to language `tag`: over
/// what it has when `over` (a host's), else under it (a shipped file that
/// loaded late); then tells every widget.
pub fn register(tag: &str, messages: &js_sys::Object, over: bool) {
    let Some(tag) = candidates(tag).into_iter().next() else {
        return;
    };
    REGISTRY.with(|registry| {
        let mut registry = registry.borrow_mut();
        // A copy: later changes to the host's object change nothing.
        let merged = js_sys::Object::assign(&js_sys::Object::new(), messages);
        match registry
            .languages
            .iter_mut()
            .find(|(known, _)| *known == tag)
        {
            Some((_, known)) if over => {
                js_sys::Object::assign(known, &merged);
            }
            Some((_, known)) => *known = js_sys::Object::assign(&merged, known),
            None => registry.languages.push((tag, merged)),
        }
    });
    changed();
}

/// Calls `listener` after each change of what a widget may say.
pub fn subscribe(listener: Callback<()>) -> u32 {
    REGISTRY.with(|registry| {
        let mut registry = registry.borrow_mut();
        let id = registry.listeners.last().map_or(0, |(id, _)| id + 1);
        registry.listeners.push((id, listener));
        id
    })
}

pub fn unsubscribe(id: u32) {
    REGISTRY.with(|registry| {
        registry
            .borrow_mut()
            .listeners
            .retain(|(known, _)| *known != id)
    });
}

/// Tells every listener that what a widget says may have changed (a
/// registration, or a page's `lang`).
pub fn changed() {
    let listeners = REGISTRY.with(|registry| {
        let mut registry = registry.borrow_mut();
        registry.version += 1;
        registry.listeners.clone()
    });
    for (_, listener) in listeners {
        listener.emit(());
    }
}

/// Sets the function that fetches a language's messages: given a tag
/// (`de`), a promise of its messages object, or `undefined` for a language
/// it does not have.
pub fn set_loader(loader: js_sys::Function) {
    REGISTRY.with(|registry| registry.borrow_mut().loader = Some(loader));
}

/// Asks the loader, once each, for `tag`'s candidates (English is built
/// in); each registers under what the host registered when it arrives.
pub fn request(tag: &str) {
    use wasm_bindgen::JsCast;
    for candidate in candidates(tag) {
        let promise = REGISTRY.with(|registry| {
            let mut registry = registry.borrow_mut();
            // A language the host registered keys of is still asked for:
            // what it did not register comes from the shipped file.
            if candidate == "en" || registry.asked.contains(&candidate) {
                return None;
            }
            let answer = registry
                .loader
                .as_ref()?
                .call1(&wasm_bindgen::JsValue::NULL, &candidate.as_str().into());
            // Asked once: a language the loader does not have (no promise)
            // is not asked again; one whose file failed is, by the next widget.
            registry.asked.push(candidate.clone());
            answer.ok()?.dyn_into::<js_sys::Promise>().ok()
        });
        let Some(promise) = promise else { continue };
        wasm_bindgen_futures::spawn_local(async move {
            // A file that failed leaves English in its place until a widget
            // asks again; the loader reports its own failures.
            match wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .map(|messages| messages.dyn_into::<js_sys::Object>())
            {
                Ok(Ok(messages)) => register(&candidate, &messages, false),
                _ => REGISTRY.with(|registry| {
                    registry
                        .borrow_mut()
                        .asked
                        .retain(|asked| *asked != candidate)
                }),
            }
        });
    }
}
