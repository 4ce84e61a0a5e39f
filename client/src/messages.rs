//! What the widget says in each situation, as plain text.

use crate::error::ApiError;
use crate::widget_state::{CancelFlow, WidgetState};
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
            notice(
                Tone::Error,
                format!("Cannot cancel: {message}.{suffix}").replace("..", "."),
            )
        }
        CancelFlow::Failed(ApiError::NotFound { .. }) => notice(
            Tone::Error,
            format!(
                "Task not found: no task has ID {} on this server.",
                state.task_id
            ),
        ),
        CancelFlow::Failed(error) => {
            notice(Tone::Error, format!("The cancel request failed. {error}"))
        }
    }
}

/// What a failed status read has to say, if anything.
pub fn status_notice(state: &WidgetState) -> Option<Notice> {
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
/// something a listener cares about changes, not with every progress tick.
pub fn announcement(state: &WidgetState) -> String {
    match &state.cancel {
        CancelFlow::Requesting => "Requesting cancellation".to_owned(),
        CancelFlow::Cancelling { .. } => format!(
            "Cancelling. The task is still {}.",
            state_name(state.task_state())
        ),
        CancelFlow::Idle | CancelFlow::Confirming => match state.task_state() {
            Some(task_state) => format!("Task {task_state}"),
            None if state.status_error.is_some() => "Task status unavailable".to_owned(),
            None => "Loading task status".to_owned(),
        },
        _ => cancel_notice(state).map(|n| n.text).unwrap_or_default(),
    }
}

fn state_name(state: Option<TaskState>) -> &'static str {
    state.map(TaskState::as_str).unwrap_or("UNKNOWN")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::polling::PollPolicy;

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
    fn refused_cancel_shows_the_server_message_once() {
        let refused = CancelFlow::Refused {
            message: "Task has already finished (state: COMPLETED)".into(),
            state: Some(TaskState::Completed),
        };
        assert_eq!(
            cancel_notice(&widget(refused)).unwrap().text,
            "Cannot cancel: Task has already finished (state: COMPLETED). The task is COMPLETED."
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
}
