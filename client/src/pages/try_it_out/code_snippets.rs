//! The same request as code: cURL, JavaScript and Go, each with Copy.
//!
//! Copy uses the Clipboard API where the page may (a secure context). Where
//! it may not (plain `http://` on a LAN address) or the browser refuses, the
//! code is selected instead and the person is told to press Ctrl+C. Either
//! outcome is announced, then the announcement clears.

use super::{Language, snippet};
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsValue;
use web_sys::{Element, MouseEvent};
use yew::prelude::*;

/// How long "Copied" stays before the button says "Copy" again.
const COPIED_FOR_MS: u32 = 3_000;

#[derive(PartialEq, Properties)]
pub struct CodeSnippetsProps {
    pub api_host: AttrValue,
    pub task_id: AttrValue,
}

/// What the last Copy did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CopyOutcome {
    Copied(Language),
    /// The clipboard was out of reach: the code is selected for Ctrl+C.
    Selected(Language),
}

impl CopyOutcome {
    fn announcement(self) -> String {
        match self {
            CopyOutcome::Copied(language) => {
                format!("Copied the {} code to the clipboard.", language.label())
            }
            CopyOutcome::Selected(language) => format!(
                "The {} code is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
                language.label()
            ),
        }
    }
}

#[component]
pub fn CodeSnippets(props: &CodeSnippetsProps) -> Html {
    let outcome = use_state(|| None::<CopyOutcome>);
    {
        let outcome = outcome.clone();
        use_effect_with(*outcome, move |current| {
            let reset = current.map(|_| Timeout::new(COPIED_FOR_MS, move || outcome.set(None)));
            move || drop(reset)
        });
    }
    let blocks = Language::ALL.into_iter().map(|language| {
        let code = snippet(language, &props.api_host, &props.task_id);
        let onclick = {
            let code = code.clone();
            let outcome = outcome.clone();
            Callback::from(move |event: MouseEvent| {
                let code_element = event
                    .target_dyn_into::<Element>()
                    .and_then(|button| button.closest(".qtc-snippet").ok().flatten())
                    .and_then(|block| block.query_selector("code").ok().flatten());
                copy(&code, code_element, language, outcome.setter());
            })
        };
        let label = match *outcome {
            Some(CopyOutcome::Copied(copied)) if copied == language => "Copied",
            _ => "Copy",
        };
        html! {
            <div class="qtc-snippet" key={language.label()}>
                <div class="qtc-snippet-head">
                    <h3>{ language.label() }</h3>
                    <button type="button" class="qtc-button qtc-button--small"
                        aria-label={format!("Copy the {} code", language.label())} {onclick}>
                        { label }
                    </button>
                </div>
                // Focusable, so a keyboard can scroll a long line into view.
                <pre class="qtc-code" tabindex="0" role="region"
                    aria-label={format!("{} code", language.label())}><code>{ code }</code></pre>
            </div>
        }
    });
    let said = outcome.map(CopyOutcome::announcement).unwrap_or_default();
    html! {
        <section class="qtc-section" aria-labelledby="qtc-snippets-title">
            <h2 id="qtc-snippets-title">{ "The same request in code" }</h2>
            <p class="qtc-copy-status" role="status">{ said }</p>
            { for blocks }
        </section>
    }
}

/// Writes `code` to the clipboard, or selects `element` when the page may not.
fn copy(
    code: &str,
    element: Option<Element>,
    language: Language,
    outcome: UseStateSetter<Option<CopyOutcome>>,
) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|clipboard| !clipboard.is_undefined() && !clipboard.is_null());
    let select = move || {
        let selected = element
            .zip(window.get_selection().ok().flatten())
            .is_some_and(|(element, selection)| selection.select_all_children(&element).is_ok());
        selected.then_some(CopyOutcome::Selected(language))
    };
    if !has_clipboard {
        outcome.set(select());
        return;
    }
    let promise = navigator.clipboard().write_text(code);
    wasm_bindgen_futures::spawn_local(async move {
        let written = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        outcome.set(if written {
            Some(CopyOutcome::Copied(language))
        } else {
            select()
        });
    });
}
