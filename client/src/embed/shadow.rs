//! The shadow root a mounted widget or list lives in, styled without an
//! inline `<style>` where the browser allows it, and taken down again.

use std::cell::OnceCell;
use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The stylesheet, carried inside the wasm so a host needs no CSS file;
/// `client/style.css`, minified by the build script.
#[cfg(feature = "embed")]
const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/style.min.css"));
/// The widget's own core: the stylesheet without the task list's rules.
#[cfg(not(feature = "embed"))]
const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.min.css"));

/// What a mount added to a host element's shadow root.
pub struct ShadowMount {
    /// The element to render into.
    pub root: Element,
    /// What was added to the shadow root, removed again by `remove`.
    added: Vec<Element>,
    /// The stylesheet adopted by the shadow root, and that root, when the
    /// browser has constructable stylesheets.
    adopted: Option<(ShadowRoot, CssStyleSheet)>,
}

impl ShadowMount {
    /// Opens (or reuses) `element`'s shadow root and adds a styled root
    /// element with class `class`. `what` names the thing in errors.
    pub fn attach(element: &Element, class: &str, what: &str) -> Result<ShadowMount, String> {
        let shadow = shadow_root_of(element, what)?;
        let document = gloo_utils::document();
        let adopted = adopt_stylesheet(&shadow);
        let mut added = Vec::new();
        if adopted.is_none() {
            let style = document
                .create_element("style")
                .map_err(|_| format!("{what}: could not create a style element"))?;
            style.set_text_content(Some(STYLESHEET));
            added.push(style);
        }
        let root = document
            .create_element("div")
            .map_err(|_| format!("{what}: could not create the root element"))?;
        root.set_class_name(class);
        added.push(root.clone());
        for child in &added {
            shadow
                .append_child(child)
                .map_err(|_| format!("{what}: could not attach to the page"))?;
        }
        Ok(ShadowMount {
            root,
            added,
            adopted,
        })
    }

    /// Removes everything `attach` added. Calling it twice does nothing.
    pub fn remove(&mut self) {
        for element in self.added.drain(..) {
            element.remove();
        }
        if let Some((shadow, sheet)) = self.adopted.take() {
            // Every mount adopts the same sheet, and two may share a shadow
            // root: take back one entry, this mount's, and leave the rest.
            let mut taken = false;
            let others: js_sys::Array = shadow
                .adopted_style_sheets()
                .iter()
                .filter(|adopted| {
                    let ours = !taken && adopted == AsRef::<JsValue>::as_ref(&sheet);
                    taken |= ours;
                    !ours
                })
                .collect();
            shadow.set_adopted_style_sheets(&others);
        }
    }
}

/// Styles `shadow` with a constructable stylesheet: no `<style>` element, so
/// a host page whose Content-Security-Policy has no `'unsafe-inline'` for
/// styles still shows it styled. `None` where the browser has no
/// constructable stylesheets; the caller then adds a `<style>` element.
fn adopt_stylesheet(shadow: &ShadowRoot) -> Option<(ShadowRoot, CssStyleSheet)> {
    let sheet = shared_stylesheet()?;
    let sheets = shadow.adopted_style_sheets();
    sheets.push(&sheet);
    shadow.set_adopted_style_sheets(&sheets);
    Some((shadow.clone(), sheet))
}

/// The one stylesheet every mount adopts: parsed once, however many widgets
/// and lists a page shows.
fn shared_stylesheet() -> Option<CssStyleSheet> {
    thread_local! {
        static SHEET: OnceCell<Option<CssStyleSheet>> = const { OnceCell::new() };
    }
    SHEET
        .try_with(|sheet| {
            sheet
                .get_or_init(|| {
                    CssStyleSheet::new()
                        .ok()
                        .filter(|sheet| sheet.replace_sync(STYLESHEET).is_ok())
                })
                .clone()
        })
        .ok()
        .flatten()
}

/// `element`'s shadow root, opened if it has none; an error naming `what`
/// for an element that cannot hold one.
pub fn shadow_root_of(element: &Element, what: &str) -> Result<ShadowRoot, String> {
    if let Some(existing) = element.shadow_root() {
        return Ok(existing);
    }
    element
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .map_err(|_| {
            format!(
                "{what}: cannot mount into <{}>: it cannot hold a shadow root (use a <div> or <section>)",
                element.tag_name().to_ascii_lowercase()
            )
        })
}
