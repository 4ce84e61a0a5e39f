//! Choosing a task: type an id, or pick one of the mock server's tasks.

use crate::components::TaskList;
use crate::mock_control::{create_task, list_tasks};
use task_api::TaskStatus;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct TaskPickerProps {
    pub api_base: AttrValue,
    pub selected: Option<AttrValue>,
    pub on_select: Callback<String>,
    /// Show the mock's tasks as a list (the page's start); with a task
    /// open, only the id form.
    #[prop_or(true)]
    pub show_list: bool,
}

/// The mock's task list: unknown until asked, then there or not.
#[derive(Clone, PartialEq)]
enum MockTasks {
    Loading,
    Loaded(Vec<TaskStatus>),
    /// The control API did not answer: a real QMail server, most likely.
    Unavailable,
}

#[component]
pub fn TaskPicker(props: &TaskPickerProps) -> Html {
    let input = use_node_ref();
    let tasks = use_state(|| MockTasks::Loading);
    let reload = use_state(|| 0u32);
    let creating_error = use_state(|| None::<String>);
    {
        let tasks = tasks.clone();
        let base = props.api_base.to_string();
        // Only when the list shows: with a task open, the page's first
        // request is that task's status.
        use_effect_with((*reload, props.show_list), move |(_, show_list)| {
            if !show_list {
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                tasks.set(match list_tasks(&base).await {
                    Ok(list) => MockTasks::Loaded(list),
                    Err(_) => MockTasks::Unavailable,
                });
            });
        });
    }
    let on_submit = {
        let input = input.clone();
        let on_select = props.on_select.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if let Some(field) = input.cast::<HtmlInputElement>() {
                let id = field.value().trim().to_owned();
                if !id.is_empty() {
                    on_select.emit(id);
                }
            }
        })
    };
    let on_new = {
        let base = props.api_base.to_string();
        let on_select = props.on_select.clone();
        let reload = reload.clone();
        let creating_error = creating_error.clone();
        Callback::from(move |_: MouseEvent| {
            let base = base.clone();
            let on_select = on_select.clone();
            let reload = reload.clone();
            let creating_error = creating_error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match create_task(&base, &serde_json::json!({})).await {
                    Ok(task) => {
                        creating_error.set(None);
                        on_select.emit(task.task_id);
                        reload.set(*reload + 1);
                    }
                    Err(error) => creating_error.set(Some(error.to_string())),
                }
            });
        })
    };
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
                for script in demo_scripts() {
                    if let Err(error) = create_task(&base, &script).await {
                        creating_error.set(Some(error.to_string()));
                        break;
                    }
                }
                reload.set(*reload + 1);
            });
        })
    };
    let list = match &*tasks {
        MockTasks::Loading => {
            html! { <p class="qtc-hint">{ "Looking for the mock server's tasks…" }</p> }
        }
        MockTasks::Unavailable => html! {
            <p class="qtc-hint">{ "This server has no mock control API: type a task ID." }</p>
        },
        MockTasks::Loaded(list) => {
            let task_ids: Vec<String> = list.iter().map(|task| task.task_id.clone()).collect();
            html! {
                <>
                    <div class="qtc-picker-actions">
                        <button type="button" class="qtc-button" onclick={on_new_ten}>{ "New demo tasks (10)" }</button>
                        <button type="button" class="qtc-button" onclick={on_new}>{ "New demo task" }</button>
                        <button type="button" class="qtc-button" onclick={on_refresh}>{ "Refresh list" }</button>
                    </div>
                    if let Some(error) = &*creating_error {
                        <p class="qtc-notice qtc-notice--error">{ format!("Could not create a demo task. {error}") }</p>
                    }
                    <TaskList {task_ids} api_base={props.api_base.clone()}
                        on_open={Some(props.on_select.clone())} />
                </>
            }
        }
    };
    html! {
        <div class="qtc-picker">
            <form class="qtc-id-form" onsubmit={on_submit}>
                <label for="qtc-task-id">{ "Task ID" }</label>
                <input id="qtc-task-id" ref={input} type="text" autocomplete="off" spellcheck="false"
                    placeholder="a7f8c9d1-e234-56b7-8901-23c45de67f89"
                    value={props.selected.clone().unwrap_or_default()} />
                <button type="submit" class="qtc-button">{ "Show task" }</button>
            </form>
            if props.show_list {
                { list }
            }
        </div>
    }
}

/// Ten tasks that show the list at work: long ones to cancel, queued ones,
/// two that finish before a cancel takes effect, one the server cancels at
/// once, and two that are already over. Text, not `json!`: smaller wasm.
const DEMO_SCRIPTS: &str = r#"[
    {"pending_ms": 0, "duration_ms": 600000, "message": "Exporting mailbox"},
    {"pending_ms": 0, "duration_ms": 900000, "message": "Re-indexing folders"},
    {"pending_ms": 0, "duration_ms": 1200000, "check_interval_ms": 3000},
    {"pending_ms": 600000, "duration_ms": 60000},
    {"pending_ms": 300000, "duration_ms": 60000},
    {"pending_ms": 0, "duration_ms": 20000, "check_interval_ms": 60000},
    {"pending_ms": 0, "duration_ms": 30000, "check_interval_ms": 60000},
    {"pending_ms": 0, "duration_ms": 600000, "cancel_mode": "immediate"},
    {"pending_ms": 0, "duration_ms": 0},
    {"pending_ms": 0, "duration_ms": 0, "outcome": "FAILED", "error": "Mailbox locked"}
]"#;

fn demo_scripts() -> Vec<serde_json::Value> {
    serde_json::from_str(DEMO_SCRIPTS).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_scripts_are_ten_tasks() {
        assert_eq!(super::demo_scripts().len(), 10);
    }
}
