//! The Cancel button, its confirmation, and what the cancellation says.
//!
//! Keyboard use: the confirmation opens with focus on the safe choice
//! ("Keep running"), Escape dismisses it, and when it closes focus returns
//! to the Cancel button. The button is never `disabled` while it holds
//! focus: it is `aria-disabled`, so focus does not fall to the page. Once
//! the task has finished the button goes (nothing is left to cancel), and if
//! it held focus, focus moves to what the cancellation says.
//!
//! The widget's live region is here too, because what it announces depends
//! on where focus goes: an outcome that focus moves to is read out there, so
//! the region leaves it out and a screen reader says it once.

use crate::i18n::{Language, text};
use crate::widget::messages::{announcement, cancel_notice};
use crate::widget::state::{Action, CancelFlow, WidgetState};
use std::rc::Rc;
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct CancelPanelProps {
    pub state: Rc<WidgetState>,
    pub on_action: Callback<Action>,
    pub lang: Language,
}

#[component]
pub fn CancelPanel(props: &CancelPanelProps) -> Html {
    let (state, lang) = (&props.state, &props.lang);
    let send = |action: Action| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(action.clone()))
    };
    let keep_running_ref = use_node_ref();
    let cancel_ref = use_node_ref();
    let notice_ref = use_node_ref();
    let panel_ref = use_node_ref();
    // Whether the Cancel button holds focus (a removed element fires no
    // blur, so this still says so once it is gone).
    let cancel_focused = use_mut_ref(|| false);
    let finished = state.is_finished();
    {
        let (notice_ref, panel_ref) = (notice_ref.clone(), panel_ref.clone());
        let cancel_focused = cancel_focused.clone();
        use_effect_with(finished, move |finished| {
            // To what the cancellation says, or (a task that finished on its
            // own says nothing here) to the panel itself.
            if *finished
                && std::mem::take(&mut *cancel_focused.borrow_mut())
                && let Some(target) = notice_ref
                    .cast::<web_sys::HtmlElement>()
                    .or_else(|| panel_ref.cast::<web_sys::HtmlElement>())
            {
                let _ = target.focus();
            }
        });
    }
    let on_cancel_focus = {
        let cancel_focused = cancel_focused.clone();
        Callback::from(move |_: FocusEvent| *cancel_focused.borrow_mut() = true)
    };
    let on_cancel_blur = {
        let cancel_focused = cancel_focused.clone();
        Callback::from(move |_: FocusEvent| *cancel_focused.borrow_mut() = false)
    };
    let confirming = state.cancel == CancelFlow::Confirming;
    // Whether the confirmation was open at the last render, to tell its
    // closing from the first render.
    let was_confirming = use_mut_ref(|| false);
    {
        let keep_running_ref = keep_running_ref.clone();
        let cancel_ref = cancel_ref.clone();
        use_effect_with(confirming, move |confirming| {
            let target = if *confirming {
                Some(keep_running_ref)
            } else if *was_confirming.borrow() {
                Some(cancel_ref)
            } else {
                None
            };
            *was_confirming.borrow_mut() = *confirming;
            if let Some(button) = target.and_then(|r| r.cast::<web_sys::HtmlElement>()) {
                let _ = button.focus();
            }
        });
    }
    let on_confirm_key = {
        let on_action = props.on_action.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                on_action.emit(Action::DismissConfirm);
            }
        })
    };
    let notice = cancel_notice(lang, state);
    // Whether focus reads the outcome out (the effect above moves it to the
    // notice); the live region then leaves it out. A finished task's outcome
    // does not change.
    let spoken_by_focus = use_mut_ref(|| false);
    let focus_takes_notice = finished && *cancel_focused.borrow() && notice.is_some();
    let spoken = finished && (*spoken_by_focus.borrow() || focus_takes_notice);
    *spoken_by_focus.borrow_mut() = spoken;
    let busy = state.cancel == CancelFlow::Requesting;
    let can_cancel = state.can_cancel();
    let on_cancel = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            if can_cancel {
                on_action.emit(Action::CancelPressed);
            }
        })
    };
    html! {
        <>
        <div class="qtc-cancel" ref={panel_ref} tabindex="-1">
            if confirming {
                <div class="qtc-confirm" part="confirm" role="group" aria-label={text!(lang, CONFIRM_LABEL)}
                    onkeydown={on_confirm_key}>
                    <p>
                        { text!(lang, CONFIRM_QUESTION) }
                    </p>
                    <button type="button" class="qtc-button" ref={keep_running_ref}
                        onclick={send(Action::DismissConfirm)}>
                        { text!(lang, KEEP_RUNNING) }
                    </button>
                    <button type="button" class="qtc-button qtc-button--danger"
                        onclick={send(Action::ConfirmCancel)}>
                        { text!(lang, CONFIRM_CANCEL) }
                    </button>
                </div>
            } else if !finished {
                <button type="button" class="qtc-button qtc-button--danger qtc-cancel-button"
                    part="cancel-button"
                    ref={cancel_ref} aria-disabled={(!can_cancel).to_string()} onclick={on_cancel}
                    onfocus={on_cancel_focus} onblur={on_cancel_blur}>
                    { if busy { text!(lang, CANCELLING_BUTTON) } else { text!(lang, CANCEL_TASK) } }
                </button>
            }
            if let Some(notice) = notice {
                <p class={notice.tone.class()} part="notice" ref={notice_ref} tabindex="-1">{ notice.text }</p>
            }
            if matches!(state.cancel, CancelFlow::GaveUp { .. }) {
                <button type="button" class="qtc-button" onclick={send(Action::KeepWaiting)}>
                    { text!(lang, KEEP_WAITING) }
                </button>
            }
            if matches!(&state.cancel, CancelFlow::Failed(error) if error.is_transient()) {
                <button type="button" class="qtc-button" disabled={!can_cancel}
                    onclick={send(Action::RetryCancel)}>
                    { text!(lang, RETRY) }
                </button>
            }
        </div>
        <div class="qtc-visually-hidden" aria-live="polite" aria-atomic="true">
            if !spoken { { announcement(lang, state) } }
        </div>
        </>
    }
}
