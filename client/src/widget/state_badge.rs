//! A task's state as a labelled badge: the text says it, the colour helps.

use crate::i18n::{Language, around};
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct StateBadgeProps {
    /// The badge's look: `running`, `missing`, … (`widget::messages::badge`).
    pub modifier: &'static str,
    /// The state in the widget's language, or as the server named one the
    /// document does not know.
    pub text: AttrValue,
    pub lang: Language,
}

#[component]
pub fn StateBadge(props: &StateBadgeProps) -> Html {
    // "State: " is for a screen reader; the eye has the badge's place. (A
    // language that puts words after the state shows them.)
    let (before, after) = around!(props.lang, STATE_LABEL, "state");
    html! {
        <span class={format!("qtc-badge qtc-badge--{}", props.modifier)} part="badge">
            <span class="qtc-visually-hidden">{ before }</span>
            { &props.text }{ after }
        </span>
    }
}
