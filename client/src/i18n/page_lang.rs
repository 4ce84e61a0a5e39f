//! The language a page gives an element: its nearest `lang`, across shadow
//! roots, and a watch on every `lang` of the page, so a widget follows a
//! change of it while mounted.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The `lang` in force at `element`'s parent (the widget's own root carries
/// the language it shows, not the one it is asked for): the nearest
/// ancestor's, crossing out of shadow roots, else `<html lang>` (for an
/// element outside the document too), else empty.
pub fn around(element: Option<web_sys::Element>) -> String {
    let mut node = element.and_then(|element| element.parent_node());
    while let Some(current) = node.take() {
        if let Some(element) = current.dyn_ref::<web_sys::Element>()
            && let Ok(Some(found)) = element.closest("[lang]")
        {
            return found.get_attribute("lang").unwrap_or_default();
        }
        // Out of a shadow root to its host; any other root is the top.
        node = current
            .get_root_node()
            .dyn_into::<web_sys::ShadowRoot>()
            .ok()
            .map(|root| root.host().into());
    }
    gloo_utils::document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .unwrap_or_default()
}

#[wasm_bindgen]
extern "C" {
    type MutationObserver;
    #[wasm_bindgen(constructor)]
    fn new(callback: &js_sys::Function) -> MutationObserver;
    #[wasm_bindgen(method)]
    fn observe(this: &MutationObserver, target: &web_sys::Node, options: &JsValue);
}

/// Calls `changed` after any change of a `lang` attribute in the document
/// (outside shadow roots, where hosts set it). Watches once per page.
pub fn watch(changed: fn()) {
    thread_local! {
        static WATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if WATCHING.with(|watching| watching.replace(true)) {
        return;
    }
    let Some(root) = gloo_utils::document().document_element() else {
        return;
    };
    let callback = Closure::<dyn Fn()>::new(changed);
    let observer = MutationObserver::new(callback.as_ref().unchecked_ref());
    let options = js_sys::JSON::parse(r#"{"subtree":true,"attributeFilter":["lang"]}"#)
        .unwrap_or(JsValue::UNDEFINED);
    observer.observe(&root, &options);
    // The watch lasts as long as the page.
    callback.forget();
}
