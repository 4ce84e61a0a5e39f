//! The task widget: live status, a Cancel button, and the documented
//! cancel-then-poll protocol.

use super::{CancelPanel, StateBadge, TaskDetails};
use super::{use_cancel_request, use_status_polling};
use crate::api::client::{ApiClient, DEFAULT_REQUEST_TIMEOUT_MS};
use crate::api::polling::PollPolicy;
#[cfg(i18n_runtime)]
use crate::i18n::use_language;
use crate::i18n::{around, text};
use crate::widget::first_answer::FirstAnswer;
use crate::widget::messages::{badge, status_notice};
use crate::widget::state::{Action, WidgetState};
use std::rc::Rc;
use task_api::TaskStatus;
use yew::prelude::*;

/// What a host page sets on the widget.
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct TaskCancelProps {
    /// The task to show.
    pub task_id: AttrValue,
    /// Where the task API lives, e.g. `http://localhost:8080`; empty: this page's origin.
    #[prop_or_default]
    pub api_base: AttrValue,
    /// Time between a status answer and the next read.
    #[prop_or(1_000)]
    pub poll_interval_ms: u32,
    /// Status reads after an accepted cancel before giving up.
    #[prop_or(30)]
    pub max_attempts: u32,
    /// How long a status read or the cancel request may go unanswered
    /// before it is abandoned (a read then counts as failed).
    #[prop_or(DEFAULT_REQUEST_TIMEOUT_MS)]
    pub request_timeout_ms: u32,
    /// Ask "Cancel this task?" before sending the cancel.
    #[prop_or(true)]
    pub confirm: bool,
    /// The level of the widget's heading, 1 to 6, to fit the host page's
    /// outline (the region is labelled by it).
    #[prop_or(2)]
    pub heading_level: u8,
    /// The language to speak (`de`, `de-AT`); empty: the page's, from the
    /// nearest `lang` around the widget, followed when it changes.
    #[prop_or_default]
    pub lang: AttrValue,
    /// Called with the status whenever the task's state changes.
    #[prop_or_default]
    pub on_state_change: Callback<TaskStatus>,
    /// The answer to a read of this task's status from `api_base`, sent
    /// before the widget was created; its first render shows it (when it is
    /// for this task's address and names this task).
    #[prop_or_default]
    pub first_answer: Option<Rc<FirstAnswer>>,
}

/// An id for a widget's heading, unique in the page.
fn next_heading_id() -> String {
    thread_local! {
        static WIDGETS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    let n = WIDGETS.with(|count| {
        count.set(count.get() + 1);
        count.get()
    });
    format!("qtc-title-{n}")
}

#[component]
pub fn TaskCancel(props: &TaskCancelProps) -> Html {
    let policy = PollPolicy::new(props.poll_interval_ms, props.max_attempts);
    let state = {
        let task_id = props.task_id.to_string();
        let confirm = props.confirm;
        let api_base = props.api_base.clone();
        let first_answer = props.first_answer.clone();
        use_reducer_eq(move || {
            // A random seed per widget: ten widgets on a page retry at ten times.
            let seed = (js_sys::Math::random() * u64::MAX as f64) as u64;
            let state = WidgetState::new(task_id, policy, confirm).with_jitter_seed(seed);
            match first_answer {
                Some(answer) => {
                    let url = crate::api::client::ApiClient::new(api_base.to_string())
                        .status_url(&state.task_id);
                    answer.apply(state, &url)
                }
                #[cfg(feature = "first-read")]
                None => crate::widget::first_read::with_answer_in(state, &api_base),
                #[cfg(not(feature = "first-read"))]
                None => state,
            }
        })
    };
    {
        // Another task or another server starts afresh: a cancel accepted by
        // one server must never end on another's answer. Other settings
        // keep the cancel in play.
        let dispatcher = state.dispatcher();
        let source = (props.task_id.to_string(), props.api_base.clone());
        let first_source = use_mut_ref(|| source.clone());
        let settings = (policy, props.confirm);
        let current = (state.policy, state.confirm);
        use_effect_with(
            (source, settings),
            move |((task_id, api_base), (policy, confirm))| {
                let mut shown = first_source.borrow_mut();
                if (task_id, api_base) != (&shown.0, &shown.1) {
                    *shown = (task_id.clone(), api_base.clone());
                    dispatcher.dispatch(Action::Reset {
                        task_id: task_id.clone(),
                        policy: *policy,
                        confirm: *confirm,
                    });
                } else if (*policy, *confirm) != current {
                    dispatcher.dispatch(Action::Configure {
                        policy: *policy,
                        confirm: *confirm,
                    });
                }
            },
        );
    }
    let client = use_memo(
        (props.api_base.clone(), props.request_timeout_ms),
        |(base, timeout_ms)| ApiClient::new(base.to_string()).with_timeout(*timeout_ms),
    );
    use_status_polling(
        client.clone(),
        state.task_id.clone(),
        state.poll,
        state.dispatcher(),
    );
    use_cancel_request(
        client,
        state.task_id.clone(),
        state.cancel_request,
        state.dispatcher(),
    );

    {
        let on_state_change = props.on_state_change.clone();
        let status = state.status.clone();
        use_effect_with((state.task_id.clone(), state.task_state()), move |_| {
            if let Some(status) = status {
                on_state_change.emit(status);
            }
        });
    }
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action: Action| dispatcher.dispatch(action))
    };
    let refresh = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::RefreshNow))
    };
    // Without the `i18n` runtime the language is the built-in English, and
    // the page around the widget is never asked.
    #[cfg(i18n_runtime)]
    let root = use_node_ref();
    #[cfg(i18n_runtime)]
    let lang = use_language(&props.lang, &root);
    #[cfg(not(i18n_runtime))]
    let (root, lang) = (NodeRef::default(), crate::i18n::Language::english());
    let snapshot: Rc<WidgetState> = Rc::new((*state).clone());
    let heading_id = use_memo((), |_| next_heading_id());
    let heading = format!("h{}", props.heading_level.clamp(1, 6));
    let (title_before, title_after) = around!(lang, TASK_TITLE, "id");
    let (modifier, state_text) = badge(&lang, &state);
    html! {
        <section class="qtc-widget" aria-labelledby={(*heading_id).clone()} ref={root}>
            <header class="qtc-header">
                <@{heading} id={(*heading_id).clone()} class="qtc-title">
                    { title_before }<code class="qtc-id">{ &state.task_id }</code>{ title_after }
                </@>
                <StateBadge {modifier} text={state_text} lang={lang.clone()} />
            </header>
            if let Some(status) = state.status.clone() {
                <TaskDetails {status} lang={lang.clone()} />
            } else if state.status_error.is_none() {
                <p class="qtc-message">{ text!(lang, LOADING_STATUS) }</p>
            }
            if let Some(notice) = status_notice(&lang, &state) {
                <p class={notice.tone.class()} part="notice">
                    { notice.text }
                    { " " }
                    <button type="button" class="qtc-button qtc-button--small" onclick={refresh}>
                        { text!(lang, RETRY_NOW) }
                    </button>
                </p>
            }
            <CancelPanel state={snapshot} {on_action} {lang} />
        </section>
    }
}
