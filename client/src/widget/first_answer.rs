//! A status answer read before the widget existed, which the widget starts
//! from: its first render shows the status, rather than LOADING, then a read
//! of its own, then the status (the page laid out twice; BENCHMARKS.md).
//!
//! Two readers send such a read of the widget's very address: the widget
//! page's loader, while the program downloads (`first_read`), and the embed's
//! module, while the widget's core loads (`client/embed/qmail-task-widget.js`).

use crate::api::response::read_status;
use crate::widget::state::{Action, WidgetState};

/// A status read's answer: the address read, the status code and the whole
/// body.
#[derive(Clone, Debug, PartialEq)]
pub struct FirstAnswer {
    /// The URL the reader sent the read to.
    pub url: String,
    pub status: u16,
    pub body: String,
}

impl FirstAnswer {
    /// `state` with this answer as its first status read, when it is the
    /// answer for that widget: read from `status_url`, the widget's own
    /// address, and (a status object) about the widget's task. Any other
    /// answer is left out, and the widget reads for itself.
    pub fn apply(&self, mut state: WidgetState, status_url: &str) -> WidgetState {
        if self.url != status_url {
            return state;
        }
        let result = read_status(self.status, &self.body);
        if result
            .as_ref()
            .is_ok_and(|status| status.task_id != state.task_id)
        {
            return state;
        }
        if let Some(plan) = state.poll {
            state.apply(Action::Polled {
                seq: plan.seq,
                result,
            });
        }
        state
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::polling::PollPolicy;
    use task_api::TaskState;

    const URL: &str = "http://api/api/task/status/t";

    fn answer(url: &str, task_id: &str) -> FirstAnswer {
        FirstAnswer {
            url: url.into(),
            status: 200,
            body: format!(
                r#"{{"task_id":"{task_id}","state":"RUNNING","progress":5,"message":"m","result":null,"error":null,"created_at":"2026-01-01T00:00:00Z","started_at":"2026-01-01T00:00:00Z","completed_at":null,"is_finished":false,"is_successful":false}}"#
            ),
        }
    }

    fn widget() -> WidgetState {
        WidgetState::new("t", PollPolicy::default(), true)
    }

    #[test]
    fn the_answer_for_this_widgets_address_and_task_is_its_first_read() {
        let state = answer(URL, "t").apply(widget(), URL);
        assert_eq!(state.task_state(), Some(TaskState::Running));
    }

    #[test]
    fn an_answer_for_another_address_or_task_is_left_out() {
        for (url, task_id) in [("http://api/api/task/status/other", "t"), (URL, "other")] {
            let state = answer(url, task_id).apply(widget(), URL);
            assert_eq!(state.task_state(), None, "{url} {task_id}");
            assert!(state.poll.is_some(), "the widget reads for itself");
        }
    }
}
