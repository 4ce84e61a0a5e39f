//! The Cancel button, its confirmation, and what the cancellation says.

use crate::messages::cancel_notice;
use crate::widget_state::{Action, CancelFlow, WidgetState};
use std::rc::Rc;
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct CancelPanelProps {
    pub state: Rc<WidgetState>,
    pub on_action: Callback<Action>,
}

#[component]
pub fn CancelPanel(props: &CancelPanelProps) -> Html {
    let state = &props.state;
    let send = |action: Action| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(action.clone()))
    };
    let confirm_ref = use_node_ref();
    {
        // Move focus to the confirmation so a keyboard user lands on it.
        let confirm_ref = confirm_ref.clone();
        let confirming = state.cancel == CancelFlow::Confirming;
        use_effect_with(confirming, move |confirming| {
            if *confirming && let Some(button) = confirm_ref.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let notice = cancel_notice(state);
    let busy = state.cancel == CancelFlow::Requesting;
    html! {
        <div class="qtc-cancel">
            if state.cancel == CancelFlow::Confirming {
                <div class="qtc-confirm" role="group" aria-label="Confirm cancellation">
                    <p>{ "Cancel this task? It stops the work on the server and cannot be undone." }</p>
                    <button type="button" class="qtc-button qtc-button--danger" ref={confirm_ref}
                        onclick={send(Action::ConfirmCancel)}>
                        { "Yes, cancel task" }
                    </button>
                    <button type="button" class="qtc-button" onclick={send(Action::DismissConfirm)}>
                        { "Keep running" }
                    </button>
                </div>
            } else {
                <button type="button" class="qtc-button qtc-button--danger qtc-cancel-button"
                    disabled={!state.can_cancel()} aria-busy={busy.to_string()}
                    onclick={send(Action::CancelPressed)}>
                    { if busy { "Cancelling…" } else { "Cancel task" } }
                </button>
            }
            if let Some(notice) = notice {
                <p class={notice.tone.class()}>{ notice.text }</p>
            }
            if matches!(state.cancel, CancelFlow::GaveUp { .. }) {
                <button type="button" class="qtc-button" onclick={send(Action::KeepWaiting)}>
                    { "Keep waiting" }
                </button>
            }
            if matches!(&state.cancel, CancelFlow::Failed(error) if error.is_transient()) {
                <button type="button" class="qtc-button" disabled={!state.can_cancel()}
                    onclick={send(Action::RetryCancel)}>
                    { "Retry" }
                </button>
            }
        </div>
    }
}
