//! What the widget says in each situation, as plain text.

use crate::api::error::{ApiError, seconds};
use crate::widget::state::{CancelFlow, WidgetState};
use task_api::TaskState;

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
    pub text: String,
}

fn notice(tone: Tone, text: impl Into<String>) -> Option<Notice> {
    Some(Notice {
        tone,
        text: text.into(),
    })
}

/// What the cancellation flow has to say, if anything.
pub fn cancel_notice(state: &WidgetState) -> Option<Notice> {
    match &state.cancel {
        CancelFlow::Idle | CancelFlow::Confirming => None,
        CancelFlow::Requesting => notice(Tone::Info, "Requesting cancellation…"),
        CancelFlow::Cancelling { attempts } => notice(
            Tone::Info,
            format!(
                "Cancelling… the server accepted the request; the task is still {} until it stops (check {} of {}).",
                state_name(state.task_state()),
                attempts,
                state.policy.max_attempts
            ),
        ),
        CancelFlow::Cancelled => notice(Tone::Success, "Task cancelled"),
        CancelFlow::FinishedFirst(TaskState::Failed) => notice(
            Tone::Warning,
            "The task failed before the cancellation took effect. It was not cancelled.",
        ),
        CancelFlow::FinishedFirst(finished) => notice(
            Tone::Warning,
            format!(
                "The task finished ({finished}) before the cancellation took effect. It was not cancelled."
            ),
        ),
        CancelFlow::GaveUp {
            state: task_state,
            attempts,
        } => notice(
            Tone::Warning,
            format!(
                "The task is still {task_state} after {attempts} checks. The cancellation was requested but has not taken effect yet."
            ),
        ),
        CancelFlow::Refused {
            message,
            state: named,
        } => {
            let now = named.or(state.task_state().filter(|s| s.is_finished()));
            let suffix = now
                .map(|s| format!(" The task is {s}."))
                .unwrap_or_default();
            let message = message.trim_end_matches('.');
            notice(Tone::Error, format!("Cannot cancel: {message}.{suffix}"))
        }
        CancelFlow::Gone => notice(
            Tone::Warning,
            "The task no longer exists on the server. It may have been cancelled and then cleaned up, but the server can no longer say how it ended.",
        ),
        CancelFlow::Failed(ApiError::TimedOut { after_ms }) => notice(
            Tone::Error,
            format!(
                "The server did not answer the cancel request within {}. It may or may not have received it; the status above shows what the task does. Retry to ask again.",
                seconds(*after_ms)
            ),
        ),
        CancelFlow::Failed(ApiError::NotFound { .. }) => notice(
            Tone::Error,
            format!(
                "Task not found: no task has ID {} on this server.",
                state.task_id
            ),
        ),
        CancelFlow::Failed(ApiError::Rejected { status, message }) => {
            let now = state
                .task_state()
                .map(|s| format!(" The task is {s}."))
                .unwrap_or_default();
            let message = message.trim_end_matches('.');
            notice(
                Tone::Error,
                format!("The server refused the cancel (HTTP {status}): {message}.{now}"),
            )
        }
        CancelFlow::Failed(error) => {
            notice(Tone::Error, format!("The cancel request failed. {error}"))
        }
    }
}

/// What a failed status read has to say, if anything (a task that vanished
/// mid-cancel, or that the cancel found missing, is the cancel notice's to
/// explain, once).
pub fn status_notice(state: &WidgetState) -> Option<Notice> {
    if matches!(
        state.cancel,
        CancelFlow::Gone | CancelFlow::Failed(ApiError::NotFound { .. })
    ) {
        return None;
    }
    match state.status_error.as_ref()? {
        ApiError::NotFound { .. } => notice(
            Tone::Error,
            format!(
                "Task not found: no task has ID {} on this server.",
                state.task_id
            ),
        ),
        error => {
            let retry = match state.poll {
                Some(plan) => format!(" Trying again in {} s.", plan.delay_ms.div_ceil(1_000)),
                None => String::new(),
            };
            notice(
                Tone::Warning,
                format!("Could not refresh the status. {error}.{retry}"),
            )
        }
    }
}

/// The short text the live region announces; it changes only when
/// something a listener cares about changes: not with every progress tick,
/// and not with every retry of the same failing read.
pub fn announcement(state: &WidgetState) -> String {
    let cancel = cancel_announcement(state);
    match (&state.status_error, &state.cancel) {
        (_, CancelFlow::Gone) | (None, _) => cancel,
        (Some(ApiError::NotFound { .. }), _) => {
            format!("{cancel}. Task not found on the server.")
        }
        (Some(error), _) => format!("{cancel}. Could not refresh the status: {error}."),
    }
}

fn cancel_announcement(state: &WidgetState) -> String {
    match &state.cancel {
        CancelFlow::Requesting => "Requesting cancellation".to_owned(),
        CancelFlow::Cancelling { .. } => format!(
            "Cancelling. The task is still {}.",
            state_name(state.task_state())
        ),
        CancelFlow::Idle | CancelFlow::Confirming => match state.task_state() {
            Some(_) => format!("Task {}", state_label(state)),
            None if state.status_error.is_some() => "Task status unavailable".to_owned(),
            None => "Loading task status".to_owned(),
        },
        _ => cancel_notice(state).map(|n| n.text).unwrap_or_default(),
    }
}

fn state_name(state: Option<TaskState>) -> &'static str {
    state.map(TaskState::as_str).unwrap_or("UNKNOWN")
}

/// The task's state as the server named it, or what stands in its place.
pub fn state_label(state: &WidgetState) -> &str {
    if state.task_not_found() {
        return "NOT FOUND";
    }
    match &state.status {
        Some(status) => status.state_label(),
        None => "LOADING",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::polling::PollPolicy;

    fn widget(cancel: CancelFlow) -> WidgetState {
        let mut w = WidgetState::new("t-1", PollPolicy::default(), false);
        w.cancel = cancel;
        w
    }

    #[test]
    fn only_cancelled_says_task_cancelled() {
        assert_eq!(
            cancel_notice(&widget(CancelFlow::Cancelled)).unwrap().text,
            "Task cancelled"
        );
        let finished_first =
            cancel_notice(&widget(CancelFlow::FinishedFirst(TaskState::Completed)))
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
        let text = cancel_notice(&w).unwrap().text;
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
            cancel_notice(&widget(refused)).unwrap().text,
            "Cannot cancel: Task has already finished (state: COMPLETED). The task is COMPLETED."
        );
        let ends_with_a_full_stop = CancelFlow::Refused {
            message: "Task is not running.".into(),
            state: None,
        };
        assert_eq!(
            cancel_notice(&widget(ends_with_a_full_stop)).unwrap().text,
            "Cannot cancel: Task is not running."
        );
    }

    #[test]
    fn gave_up_names_the_state_and_attempts() {
        let gave_up = CancelFlow::GaveUp {
            state: TaskState::Running,
            attempts: 30,
        };
        let text = cancel_notice(&widget(gave_up)).unwrap().text;
        assert!(text.starts_with("The task is still RUNNING after 30 checks"));
    }

    #[test]
    fn announcement_ignores_attempt_counts() {
        let one = announcement(&widget(CancelFlow::Cancelling { attempts: 1 }));
        let two = announcement(&widget(CancelFlow::Cancelling { attempts: 2 }));
        assert_eq!(one, two);
    }

    #[test]
    fn a_vanished_task_is_explained_once_and_never_called_cancelled() {
        let mut gone = widget(CancelFlow::Gone);
        gone.status_error = Some(ApiError::NotFound {
            message: "No task exists with ID: t-1".into(),
        });
        let text = cancel_notice(&gone).unwrap().text;
        assert!(text.contains("no longer exists"), "{text}");
        assert!(text.contains("may have been cancelled"), "{text}");
        assert!(!text.contains("Task cancelled") && !text.contains("Cancelling"));
        assert_eq!(
            status_notice(&gone),
            None,
            "said once, by the cancel notice"
        );
        assert_eq!(state_label(&gone), "NOT FOUND");
    }

    #[test]
    fn a_timed_out_cancel_says_it_may_have_arrived() {
        let text = cancel_notice(&widget(CancelFlow::Failed(ApiError::TimedOut {
            after_ms: 10_000,
        })))
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
        let first = announcement(&w);
        w.poll = Some(crate::widget::state::PollPlan {
            seq: 3,
            delay_ms: 4_000,
        });
        assert_eq!(announcement(&w), first, "the countdown is not announced");
        assert!(first.contains("Could not refresh the status"), "{first}");
        assert_ne!(
            status_notice(&w).unwrap().text,
            {
                w.poll = Some(crate::widget::state::PollPlan {
                    seq: 4,
                    delay_ms: 2_000,
                });
                status_notice(&w).unwrap().text
            },
            "the visible notice does show the countdown"
        );
    }
}
