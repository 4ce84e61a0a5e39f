//! The page trunk serves: the mock's tasks as a list to watch and cancel in
//! bulk, one task's widget, or the Try It Out page.

use crate::components::{TaskCancel, TaskPicker, TryItOutPage};
use yew::prelude::*;

/// The URL's query: `?task=<id>` and `?api=<base URL>`.
fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name).filter(|value| !value.trim().is_empty())
}

/// Puts the chosen task in the address bar, so the page can be shared or reloaded.
fn remember_task(id: &str) {
    edit_query(|params| params.set("task", id));
}

/// Takes the task out of the address bar: back to the list.
fn forget_task() {
    edit_query(|params| params.delete("task"));
}

/// Changes the address bar's query in place, without a new history entry.
fn edit_query(edit: impl FnOnce(&web_sys::UrlSearchParams)) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(search) = window.location().search() else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    edit(&params);
    let query = String::from(params.to_string());
    let url = if query.is_empty() {
        window.location().pathname().unwrap_or_default()
    } else {
        format!("?{query}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The widget page: the mock's tasks as a list, or one task's widget.
#[component]
pub fn App() -> Html {
    html! { <WidgetPage /> }
}

/// The Try It Out page, with `?api=` and `?task=` from the address. A
/// program of its own (`qmail-try-it-out`), so the widget page does not
/// download it.
#[component]
pub fn TryItOutApp() -> Html {
    let api_host: AttrValue = query_param("api").unwrap_or_default().into();
    let task_id: AttrValue = query_param("task").unwrap_or_default().into();
    html! { <TryItOutPage {api_host} {task_id} /> }
}

/// The main page: pick a task, watch it, cancel it.
#[component]
fn WidgetPage() -> Html {
    let api_base: AttrValue = query_param("api").unwrap_or_default().into();
    let selected = use_state(|| query_param("task"));
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |id: String| {
            remember_task(&id);
            selected.set(Some(id));
        })
    };
    let back = {
        let selected = selected.clone();
        Callback::from(move |_: MouseEvent| {
            forget_task();
            selected.set(None);
        })
    };
    let widget = match (*selected).clone() {
        Some(id) => {
            let key = id.clone();
            html! {
                <>
                    <p><button type="button" class="qtc-link" onclick={back}>{ "← All tasks" }</button></p>
                    <TaskCancel {key} task_id={id} api_base={api_base.clone()} />
                </>
            }
        }
        None => html! {},
    };
    html! {
        <main class="qtc-app">
            <header class="qtc-app-header">
                <h1>{ "QMail task cancel" }</h1>
                <nav class="qtc-nav"><a href="try-it-out">{ "Try It Out: send a cancel request by hand →" }</a></nav>
                <p class="qtc-hint">
                    { "Watch a task's live status and cancel it. " }
                    if api_base.is_empty() {
                        { "Talking to this page's server." }
                    } else {
                        { format!("Talking to {api_base}.") }
                    }
                </p>
            </header>
            <TaskPicker api_base={api_base.clone()}
                selected={(*selected).clone().map(AttrValue::from)} {on_select}
                show_list={selected.is_none()} />
            { widget }
        </main>
    }
}
