//! The same request as code: cURL, JavaScript and Go, each with Copy.

use crate::try_it_out::{Language, snippet};
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct CodeSnippetsProps {
    pub api_host: AttrValue,
    pub task_id: AttrValue,
}

#[component]
pub fn CodeSnippets(props: &CodeSnippetsProps) -> Html {
    let copied = use_state(|| None::<Language>);
    let blocks = Language::ALL.into_iter().map(|language| {
        let code = snippet(language, &props.api_host, &props.task_id);
        let onclick = {
            let code = code.clone();
            let copied = copied.clone();
            Callback::from(move |_: MouseEvent| {
                let Some(window) = web_sys::window() else {
                    return;
                };
                let promise = window.navigator().clipboard().write_text(&code);
                let copied = copied.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                        copied.set(Some(language));
                    }
                });
            })
        };
        let label = if *copied == Some(language) {
            "Copied"
        } else {
            "Copy"
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
                <pre class="qtc-code"><code>{ code }</code></pre>
            </div>
        }
    });
    html! {
        <section class="qtc-section" aria-labelledby="qtc-snippets-title">
            <h2 id="qtc-snippets-title">{ "The same request in code" }</h2>
            { for blocks }
        </section>
    }
}
