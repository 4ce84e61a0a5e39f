//! The pages' roots, each a program of its own so no page downloads another's
//! code: the widget page (`qmail-task-app`), the task list
//! (`qmail-task-list`, at `tasks`) and the Try It Out page
//! (`qmail-try-it-out`, at `try-it-out`).

use super::{TaskListPage, TaskPicker, TryItOutPage};
use crate::pages::address::{page_link, query_param, remember_task};
use crate::widget::TaskCancel;
use yew::prelude::*;

/// The widget page: one task's live status and its Cancel button, the task
/// named by `?task=` or picked on the page.
#[component]
pub fn App() -> Html {
    let api_base: AttrValue = query_param("api").unwrap_or_default().into();
    let selected = use_state(|| query_param("task"));
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |id: String| {
            remember_task(&id);
            selected.set(Some(id));
        })
    };
    let widget = match (*selected).clone() {
        Some(id) => {
            let key = id.clone();
            html! { <TaskCancel {key} task_id={id} api_base={api_base.clone()} /> }
        }
        None => html! {},
    };
    html! {
        <main class="qtc-app">
            <PageHeader api_base={api_base.clone()} current="" />
            <TaskPicker api_base={api_base.clone()}
                selected={(*selected).clone().map(AttrValue::from)} {on_select} />
            { widget }
        </main>
    }
}

/// The task list page: the mock's tasks, to watch and cancel in bulk.
#[component]
pub fn TaskListApp() -> Html {
    let api_base: AttrValue = query_param("api").unwrap_or_default().into();
    html! {
        <main class="qtc-app">
            <PageHeader api_base={api_base.clone()} current="tasks" />
            <TaskListPage {api_base} />
        </main>
    }
}

/// The Try It Out page, with `?api=` and `?task=` from the address.
#[component]
pub fn TryItOutApp() -> Html {
    let api_host: AttrValue = query_param("api").unwrap_or_default().into();
    let task_id: AttrValue = query_param("task").unwrap_or_default().into();
    html! { <TryItOutPage {api_host} {task_id} /> }
}

#[derive(PartialEq, Properties)]
struct PageHeaderProps {
    api_base: AttrValue,
    /// This page, as [`page_link`] names it.
    current: &'static str,
}

/// The title, the links to the other pages, and which server the page talks to.
#[component]
fn PageHeader(props: &PageHeaderProps) -> Html {
    let link = |page: &'static str, text: &'static str| {
        let current = (page == props.current).then_some("page");
        html! { <a href={page_link(page, &[])} aria-current={current}>{ text }</a> }
    };
    html! {
        <header class="qtc-app-header">
            <h1>{ "QMail task cancel" }</h1>
            <nav class="qtc-nav">
                { link("", "One task") }
                { link("tasks", "All tasks") }
                { link("try-it-out", "Try It Out: send a cancel request by hand →") }
            </nav>
            <p class="qtc-hint">
                if props.current == "tasks" {
                    { "Watch many tasks at once and cancel the ones you select. " }
                } else {
                    { "Watch a task's live status and cancel it. " }
                }
                if props.api_base.is_empty() {
                    { "Talking to this page's server." }
                } else {
                    { format!("Talking to {}.", props.api_base) }
                }
            </p>
        </header>
    }
}
