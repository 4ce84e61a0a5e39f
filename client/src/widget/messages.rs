//! What the widget says in each situation, as plain text in the widget's
//! language (every text from the catalogue, `crate::i18n`).

use crate::api::error::ApiError;
use crate::i18n::{Language, count, fill, number, text};
use crate::widget::state::{CancelFlow, WidgetState};
use task_api::TaskState;
use yew::AttrValue;

/// How a notice is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Warning,
    Error,
}

impl Tone {
    pub fn class(self) -> &'static str {
        match self {
            Tone::Info => "qtc-notice qtc-notice--info",
            Tone::Success => "qtc-notice qtc-notice--success",
            Tone::Warning => "qtc-notice qtc-notice--warning",
            Tone::Error => "qtc-notice qtc-notice--error",
        }
    }
}

/// A line of text and its tone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub tone: Tone,
    pub text: AttrValue,
}

fn notice(tone: Tone, text: impl Into<AttrValue>) -> Option<Notice> {
    Some(Notice {
        tone,
        text: text.into(),
    })
}

/// A server's message as a clause: without its own full stop, which the
/// sentence around it supplies.
fn clause(message: &str) -> &str {
    message.trim_end_matches('.')
}

/// `notice`, then " The task is STATE." when a state is known.
fn with_state(lang: &Language, notice: String, state: Option<TaskState>) -> String {
    match state {
        Some(state) => {
            let now = fill!(lang, TASK_IS, state = state_word(lang, state));
            format!("{notice}{now}")
        }
        None => notice,
    }
}

/// What the cancellation flow has to say, if anything.
pub fn cancel_notice(lang: &Language, state: &WidgetState) -> Option<Notice> {
    match &state.cancel {
        CancelFlow::Idle | CancelFlow::Confirming => None,
        CancelFlow::Requesting => notice(Tone::Info, text!(lang, REQUESTING_CANCEL)),
        CancelFlow::Cancelling { attempts } => notice(
            Tone::Info,
            fill!(
                lang,
                CANCELLING,
                state = state_name(lang, state.task_state()),
                attempt = number!(lang, *attempts as usize),
                max = number!(lang, state.policy.max_attempts as usize)
            ),
        ),
        CancelFlow::Cancelled => notice(Tone::Success, text!(lang, CANCELLED)),
        CancelFlow::FinishedFirst(TaskState::Failed) => {
            notice(Tone::Warning, text!(lang, FAILED_FIRST))
        }
        CancelFlow::FinishedFirst(finished) => notice(
            Tone::Warning,
            fill!(lang, FINISHED_FIRST, state = state_word(lang, *finished)),
        ),
        CancelFlow::GaveUp {
            state: task_state,
            attempts,
        } => notice(
            Tone::Warning,
            count!(
                lang,
                GAVE_UP,
                *attempts as usize,
                state = state_word(lang, *task_state)
            ),
        ),
        CancelFlow::Refused {
            message,
            state: named,
        } => {
            let now = named.or(state.task_state().filter(|s| s.is_finished()));
            let refused = fill!(lang, CANNOT_CANCEL, message = clause(message));
            notice(Tone::Error, with_state(lang, refused, now))
        }
        CancelFlow::Gone => notice(Tone::Warning, text!(lang, GONE)),
        CancelFlow::Failed(ApiError::TimedOut { after_ms }) => notice(
            Tone::Error,
            fill!(lang, CANCEL_TIMED_OUT, seconds = lang.seconds(*after_ms)),
        ),
        CancelFlow::Failed(ApiError::NotFound { .. }) => {
            notice(Tone::Error, fill!(lang, TASK_NOT_FOUND, id = state.task_id))
        }
        CancelFlow::Failed(ApiError::Rejected { status, message }) => {
            let refused = fill!(
                lang,
                CANCEL_REFUSED,
                status = usize::from(*status).to_string(),
                message = clause(message)
            );
            notice(Tone::Error, with_state(lang, refused, state.task_state()))
        }
        CancelFlow::Failed(error) => notice(
            Tone::Error,
            fill!(lang, CANCEL_FAILED, error = error_text(lang, error)),
        ),
    }
}

/// What a failed status read has to say, if anything (a task that vanished
/// mid-cancel, or that the cancel found missing, is the cancel notice's to
/// explain, once).
pub fn status_notice(lang: &Language, state: &WidgetState) -> Option<Notice> {
    if matches!(
        state.cancel,
        CancelFlow::Gone | CancelFlow::Failed(ApiError::NotFound { .. })
    ) {
        return None;
    }
    match state.status_error.as_ref()? {
        ApiError::NotFound { .. } => {
            notice(Tone::Error, fill!(lang, TASK_NOT_FOUND, id = state.task_id))
        }
        error => {
            let failed = fill!(
                lang,
                REFRESH_FAILED,
                error = clause(&error_text(lang, error))
            );
            let text = match state.poll {
                Some(plan) => {
                    let seconds = number!(lang, plan.delay_ms.div_ceil(1_000) as usize);
                    let retry = fill!(lang, RETRY_IN, seconds = seconds);
                    format!("{failed}{retry}")
                }
                None => failed,
            };
            notice(Tone::Warning, text)
        }
    }
}

/// A failed request in words (the server's own message and the browser's
/// detail as they came).
pub fn error_text(lang: &Language, error: &ApiError) -> String {
    match error {
        ApiError::AlreadyFinished { message, .. } => message.clone(),
        ApiError::NotFound { message } => fill!(lang, ERROR_NOT_FOUND, message = message),
        ApiError::Rejected { status, message } => fill!(
            lang,
            ERROR_REJECTED,
            status = usize::from(*status).to_string(),
            message = message
        ),
        ApiError::Server { status, message } => fill!(
            lang,
            ERROR_SERVER,
            status = usize::from(*status).to_string(),
            message = message
        ),
        ApiError::Network(detail) => fill!(lang, ERROR_NETWORK, detail = detail),
        ApiError::TimedOut { after_ms } => {
            fill!(lang, ERROR_TIMED_OUT, seconds = lang.seconds(*after_ms))
        }
        ApiError::BadBody { status, detail } => fill!(
            lang,
            ERROR_BAD_BODY,
            status = usize::from(*status).to_string(),
            detail = detail
        ),
    }
}

/// The short text the live region announces; it changes only when
/// something a listener cares about changes: not with every progress tick,
/// and not with every retry of the same failing read.
pub fn announcement(lang: &Language, state: &WidgetState) -> String {
    let cancel = cancel_announcement(lang, state);
    match (&state.status_error, &state.cancel) {
        (_, CancelFlow::Gone) | (None, _) => cancel,
        (Some(ApiError::NotFound { .. }), _) => {
            fill!(lang, ANNOUNCE_NOT_FOUND, announcement = cancel)
        }
        (Some(error), _) => fill!(
            lang,
            ANNOUNCE_REFRESH_FAILED,
            announcement = cancel,
            error = clause(&error_text(lang, error))
        ),
    }
}

fn cancel_announcement(lang: &Language, state: &WidgetState) -> String {
    match &state.cancel {
        CancelFlow::Requesting => text!(lang, ANNOUNCE_REQUESTING).to_string(),
        CancelFlow::Cancelling { .. } => fill!(
            lang,
            ANNOUNCE_CANCELLING,
            state = state_name(lang, state.task_state())
        ),
        CancelFlow::Idle | CancelFlow::Confirming => match state.task_state() {
            Some(_) => fill!(lang, ANNOUNCE_TASK, state = badge(lang, state).1),
            None if state.status_error.is_some() => text!(lang, ANNOUNCE_UNAVAILABLE).to_string(),
            None => text!(lang, ANNOUNCE_LOADING).to_string(),
        },
        _ => cancel_notice(lang, state)
            .map(|n| n.text.to_string())
            .unwrap_or_default(),
    }
}

fn state_name(lang: &Language, state: Option<TaskState>) -> AttrValue {
    state.map_or(AttrValue::Static("UNKNOWN"), |state| {
        state_word(lang, state)
    })
}

/// A documented state in this language's words; one the document does not
/// know as the server named it.
pub fn state_word(lang: &Language, state: TaskState) -> AttrValue {
    match state {
        TaskState::Pending => text!(lang, STATE_PENDING),
        TaskState::Running => text!(lang, STATE_RUNNING),
        TaskState::Completed => text!(lang, STATE_COMPLETED),
        TaskState::Failed => text!(lang, STATE_FAILED),
        TaskState::Cancelled => text!(lang, STATE_CANCELLED),
        other => AttrValue::Static(other.as_str()),
    }
}

/// The state badge's look (a CSS modifier, by the state, not its words)
/// and its text: the state in this language's words, the name a server
/// gave a state the document does not know, or what stands in its place.
pub fn badge(lang: &Language, state: &WidgetState) -> (&'static str, AttrValue) {
    if state.task_not_found() {
        return ("missing", text!(lang, STATE_NOT_FOUND));
    }
    let Some(status) = &state.status else {
        return ("loading", text!(lang, STATE_LOADING));
    };
    let modifier = match status.state {
        TaskState::Pending => "pending",
        TaskState::Running => "running",
        TaskState::Completed => "completed",
        TaskState::Failed => "failed",
        TaskState::Cancelled => "cancelled",
        _ => return ("unknown", status.state_label().to_owned().into()),
    };
    (modifier, state_word(lang, status.state))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::polling::PollPolicy;

    fn en() -> Language {
        crate::i18n::language("")
    }

    fn widget(cancel: CancelFlow) -> WidgetState {
        let mut w = WidgetState::new("t-1", PollPolicy::default(), false);
        w.cancel = cancel;
        w
    }

    #[test]
    fn only_cancelled_says_task_cancelled() {
        assert_eq!(
            cancel_notice(&en(), &widget(CancelFlow::Cancelled))
                .unwrap()
                .text,
            "Task cancelled"
        );
        let finished_first = cancel_notice(
            &en(),
            &widget(CancelFlow::FinishedFirst(TaskState::Completed)),
        )
        .unwrap()
        .text;
        assert!(finished_first.contains("before the cancellation took effect"));
        assert!(finished_first.contains("not cancelled"));
    }

    #[test]
    fn a_refusal_naming_a_live_state_does_not_say_finished_by_itself() {
        let mut w = widget(CancelFlow::Failed(ApiError::Rejected {
            status: 400,
            message: "Task has already finished (state: RUNNING)".into(),
        }));
        w.status = Some(task_api::TaskStatus::new("t-1", TaskState::Running));
        let text = cancel_notice(&en(), &w).unwrap().text;
        assert_eq!(
            text,
            "The server refused the cancel (HTTP 400): Task has already finished (state: RUNNING). The task is RUNNING."
        );
    }

    #[test]
    fn refused_cancel_shows_the_server_message_once() {
        let refused = CancelFlow::Refused {
            message: "Task has already finished (state: COMPLETED)".into(),
            state: Some(TaskState::Completed),
        };
        assert_eq!(
            cancel_notice(&en(), &widget(refused)).unwrap().text,
            "Cannot cancel: Task has already finished (state: COMPLETED). The task is COMPLETED."
        );
        let ends_with_a_full_stop = CancelFlow::Refused {
            message: "Task is not running.".into(),
            state: None,
        };
        assert_eq!(
            cancel_notice(&en(), &widget(ends_with_a_full_stop))
                .unwrap()
                .text,
            "Cannot cancel: Task is not running."
        );
    }

    #[test]
    fn gave_up_names_the_state_and_attempts() {
        let gave_up = CancelFlow::GaveUp {
            state: TaskState::Running,
            attempts: 30,
        };
        let text = cancel_notice(&en(), &widget(gave_up)).unwrap().text;
        assert!(text.starts_with("The task is still RUNNING after 30 checks"));
    }

    #[test]
    fn announcement_ignores_attempt_counts() {
        let one = announcement(&en(), &widget(CancelFlow::Cancelling { attempts: 1 }));
        let two = announcement(&en(), &widget(CancelFlow::Cancelling { attempts: 2 }));
        assert_eq!(one, two);
    }

    #[test]
    fn a_vanished_task_is_explained_once_and_never_called_cancelled() {
        let mut gone = widget(CancelFlow::Gone);
        gone.status_error = Some(ApiError::NotFound {
            message: "No task exists with ID: t-1".into(),
        });
        let text = cancel_notice(&en(), &gone).unwrap().text;
        assert!(text.contains("no longer exists"), "{text}");
        assert!(text.contains("may have been cancelled"), "{text}");
        assert!(!text.contains("Task cancelled") && !text.contains("Cancelling"));
        assert_eq!(
            status_notice(&en(), &gone),
            None,
            "said once, by the cancel notice"
        );
        assert_eq!(badge(&en(), &gone).1, "NOT FOUND");
    }

    #[test]
    fn a_timed_out_cancel_says_it_may_have_arrived() {
        let text = cancel_notice(
            &en(),
            &widget(CancelFlow::Failed(ApiError::TimedOut { after_ms: 10_000 })),
        )
        .unwrap()
        .text;
        assert!(
            text.contains("did not answer the cancel request within 10 s"),
            "{text}"
        );
        assert!(text.contains("may or may not have received it"), "{text}");
    }

    #[test]
    fn a_failing_read_is_announced_once_not_per_retry() {
        let mut w = widget(CancelFlow::Idle);
        w.status_error = Some(ApiError::Server {
            status: 503,
            message: "busy".into(),
        });
        w.poll = Some(crate::widget::state::PollPlan {
            seq: 2,
            delay_ms: 2_000,
        });
        let first = announcement(&en(), &w);
        w.poll = Some(crate::widget::state::PollPlan {
            seq: 3,
            delay_ms: 4_000,
        });
        assert_eq!(
            announcement(&en(), &w),
            first,
            "the countdown is not announced"
        );
        assert!(first.contains("Could not refresh the status"), "{first}");
        assert_ne!(
            status_notice(&en(), &w).unwrap().text,
            {
                w.poll = Some(crate::widget::state::PollPlan {
                    seq: 4,
                    delay_ms: 2_000,
                });
                status_notice(&en(), &w).unwrap().text
            },
            "the visible notice does show the countdown"
        );
    }
}
