//! A task's state as a labelled badge: the text says it, the colour helps.

use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct StateBadgeProps {
    /// The state as the server named it (`RUNNING`, or a name the document
    /// does not know), or `LOADING` / `NOT FOUND`.
    pub label: AttrValue,
}

#[component]
pub fn StateBadge(props: &StateBadgeProps) -> Html {
    let modifier = match props.label.as_str() {
        "PENDING" => "pending",
        "RUNNING" => "running",
        "COMPLETED" => "completed",
        "FAILED" => "failed",
        "CANCELLED" => "cancelled",
        "LOADING" => "loading",
        "NOT FOUND" => "missing",
        _ => "unknown",
    };
    html! {
        <span class={format!("qtc-badge qtc-badge--{modifier}")} part="badge">
            <span class="qtc-visually-hidden">{ "State: " }</span>
            { &props.label }
        </span>
    }
}
