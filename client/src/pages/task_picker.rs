//! Choosing a task on the widget page: type an id, or, when the API is the
//! mock server, create a demo task on it.

use crate::pages::mock_control::{create_task, is_mock};
use std::cell::Cell;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct TaskPickerProps {
    pub api_base: AttrValue,
    pub selected: Option<AttrValue>,
    pub on_select: Callback<String>,
}

#[component]
pub fn TaskPicker(props: &TaskPickerProps) -> Html {
    let input = use_node_ref();
    let creating_error = use_state(|| None::<String>);
    let mock = use_state(|| false);
    {
        let mock = mock.clone();
        use_effect_with(props.api_base.clone(), move |base| {
            let base = base.trim_end_matches('/').to_owned();
            let alive = Rc::new(Cell::new(true));
            let still = alive.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let answers = is_mock(&base).await;
                if still.get() {
                    mock.set(answers);
                }
            });
            move || alive.set(false)
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
        let creating_error = creating_error.clone();
        Callback::from(move |_: MouseEvent| {
            let base = base.clone();
            let on_select = on_select.clone();
            let creating_error = creating_error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match create_task(&base, "{}").await {
                    Ok(task) => {
                        creating_error.set(None);
                        on_select.emit(task.task_id);
                    }
                    Err(error) => creating_error.set(Some(error.to_string())),
                }
            });
        })
    };
    html! {
        <div class="qtc-picker">
            <form class="qtc-id-form" onsubmit={on_submit}>
                <label for="qtc-task-id">{ "Task ID" }</label>
                <input id="qtc-task-id" ref={input} type="text" autocomplete="off" spellcheck="false"
                    placeholder="a7f8c9d1-e234-56b7-8901-23c45de67f89"
                    value={props.selected.clone().unwrap_or_default()} />
                <button type="submit" class="qtc-button">{ "Show task" }</button>
                if *mock {
                    <button type="button" class="qtc-button" onclick={on_new}
                        title="Creates a task on the mock server">{ "New demo task" }</button>
                }
            </form>
            if let Some(error) = &*creating_error {
                <p class="qtc-notice qtc-notice--error">{ format!("Could not create a demo task. {error}") }</p>
            }
        </div>
    }
}
