//! The task list page: the mock server's tasks, to watch and cancel in bulk,
//! and demo tasks to fill it.

use crate::list::TaskList;
use crate::pages::address::{go_to, page_link};
use crate::pages::mock_control::{create_task, list_tasks};
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct TaskListPageProps {
    pub api_base: AttrValue,
}

/// The mock's task ids: unknown until asked, then there or not.
#[derive(Clone, PartialEq)]
enum MockTasks {
    Loading,
    Loaded(Vec<String>),
    /// The control API did not answer: a real QMail server, most likely.
    Unavailable,
}

#[component]
pub fn TaskListPage(props: &TaskListPageProps) -> Html {
    let tasks = use_state(|| MockTasks::Loading);
    let reload = use_state(|| 0u32);
    let creating_error = use_state(|| None::<String>);
    {
        let tasks = tasks.clone();
        let base = props.api_base.to_string();
        use_effect_with(*reload, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                tasks.set(match list_tasks(&base).await {
                    Ok(list) => {
                        MockTasks::Loaded(list.into_iter().map(|task| task.task_id).collect())
                    }
                    Err(_) => MockTasks::Unavailable,
                });
            });
        });
    }
    let on_refresh = {
        let reload = reload.clone();
        Callback::from(move |_: MouseEvent| reload.set(*reload + 1))
    };
    let on_new_ten = {
        let base = props.api_base.to_string();
        let reload = reload.clone();
        let creating_error = creating_error.clone();
        Callback::from(move |_: MouseEvent| {
            let base = base.clone();
            let reload = reload.clone();
            let creating_error = creating_error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                creating_error.set(None);
                for script in DEMO_SCRIPTS {
                    if let Err(error) = create_task(&base, script).await {
                        creating_error.set(Some(error.to_string()));
                        break;
                    }
                }
                reload.set(*reload + 1);
            });
        })
    };
    // A task's id opens its own widget, on the widget page.
    let on_open = Callback::from(|id: String| go_to(&page_link("", &[("task", &id)])));
    let list = match &*tasks {
        MockTasks::Loading => {
            html! { <p class="qtc-hint">{ "Looking for the mock server's tasks…" }</p> }
        }
        MockTasks::Unavailable => html! {
            <p class="qtc-hint">
                { "This server has no mock control API, so its tasks cannot be listed. " }
                <a href={page_link("", &[])}>{ "Open a task by its ID." }</a>
            </p>
        },
        MockTasks::Loaded(task_ids) => html! {
            <>
                <div class="qtc-picker-actions">
                    <button type="button" class="qtc-button" onclick={on_new_ten}>{ "New demo tasks (10)" }</button>
                    <button type="button" class="qtc-button" onclick={on_refresh}>{ "Refresh list" }</button>
                </div>
                if let Some(error) = &*creating_error {
                    <p class="qtc-notice qtc-notice--error">{ format!("Could not create a demo task. {error}") }</p>
                }
                <TaskList task_ids={task_ids.clone()} api_base={props.api_base.clone()}
                    on_open={Some(on_open)} />
            </>
        },
    };
    html! { <div class="qtc-picker">{ list }</div> }
}

/// Ten tasks that show the list at work: long ones to cancel, queued ones,
/// two that finish before a cancel takes effect, one the server cancels at
/// once, and two that are already over. The control API's request bodies.
const DEMO_SCRIPTS: [&str; 10] = [
    r#"{"pending_ms": 0, "duration_ms": 600000, "message": "Exporting mailbox"}"#,
    r#"{"pending_ms": 0, "duration_ms": 900000, "message": "Re-indexing folders"}"#,
    r#"{"pending_ms": 0, "duration_ms": 1200000, "check_interval_ms": 3000}"#,
    r#"{"pending_ms": 600000, "duration_ms": 60000}"#,
    r#"{"pending_ms": 300000, "duration_ms": 60000}"#,
    r#"{"pending_ms": 0, "duration_ms": 20000, "check_interval_ms": 60000}"#,
    r#"{"pending_ms": 0, "duration_ms": 30000, "check_interval_ms": 60000}"#,
    r#"{"pending_ms": 0, "duration_ms": 600000, "cancel_mode": "immediate"}"#,
    r#"{"pending_ms": 0, "duration_ms": 0}"#,
    r#"{"pending_ms": 0, "duration_ms": 0, "outcome": "FAILED", "error": "Mailbox locked"}"#,
];

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_scripts_are_json_objects() {
        for script in super::DEMO_SCRIPTS {
            let parsed: serde_json::Value = serde_json::from_str(script).unwrap();
            assert!(parsed.is_object(), "{script}");
        }
    }
}
