//! The facts of a task's status: progress, message, times, error, result,
//! and any fields the server sent beyond the documented ones.

use crate::widget::format::{result_summary, scalar, timestamp};
use task_api::{TaskState, TaskStatus};
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct TaskDetailsProps {
    pub status: TaskStatus,
}

#[component]
pub fn TaskDetails(props: &TaskDetailsProps) -> Html {
    let status = &props.status;
    let time_row = |label: &'static str, value: &Option<String>| match value {
        Some(value) => html! {
            <>
                <dt>{ label }</dt>
                <dd><time datetime={value.clone()}>{ timestamp(value) }</time></dd>
            </>
        },
        None => html! {},
    };
    html! {
        <div class="qtc-details">
            if let Some(progress) = status.progress {
                <div class="qtc-progress">
                    <progress
                        class="qtc-progress-bar"
                        part="progress"
                        max="100"
                        value={progress.to_string()}
                        aria-label="Progress"
                    />
                    // The bar says its value to a screen reader; the figure is for the eye.
                    <span class="qtc-progress-value" aria-hidden="true">{ format!("{progress}%") }</span>
                </div>
            }
            <p class="qtc-message">{ &status.message }</p>
            if status.state == TaskState::Failed {
                <p class="qtc-task-error">
                    <strong>{ "Error: " }</strong>
                    { status.error.clone().unwrap_or_else(|| "no error message given".to_owned()) }
                </p>
            }
            if let (TaskState::Completed, Some(result)) = (status.state, status.result.as_ref()) {
                <p class="qtc-result">
                    <strong>{ "Result: " }</strong>
                    { result_summary(result) }
                </p>
            }
            <dl class="qtc-times">
                { time_row("Created", &Some(status.created_at.clone())) }
                { time_row("Started", &status.started_at) }
                { time_row("Finished", &status.completed_at) }
            </dl>
            if !status.extra.is_empty() {
                <dl class="qtc-extra">
                    { for status.extra.iter().map(|(key, value)| html! {
                        <>
                            <dt><code>{ key }</code></dt>
                            <dd>{ scalar(value) }</dd>
                        </>
                    }) }
                </dl>
            }
        </div>
    }
}
