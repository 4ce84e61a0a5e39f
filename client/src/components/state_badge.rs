//! A task's state as a labelled badge: the text says it, the colour helps.

use task_api::TaskState;
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct StateBadgeProps {
    /// `None` while the first status read is under way.
    pub state: Option<TaskState>,
}

#[component]
pub fn StateBadge(props: &StateBadgeProps) -> Html {
    let (label, modifier) = match props.state {
        Some(state) => (state.as_str(), state.as_str().to_ascii_lowercase()),
        None => ("LOADING", "loading".to_owned()),
    };
    html! {
        <span class={classes!("qtc-badge", format!("qtc-badge--{modifier}"))}>
            <span class="qtc-visually-hidden">{ "State: " }</span>
            { label }
        </span>
    }
}
