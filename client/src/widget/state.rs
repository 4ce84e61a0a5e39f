//! The task widget's state and every way it changes, as a pure reducer.
//!
//! The component only renders this state and carries out the two requests it
//! asks for: [`WidgetState::poll`] (read the status after a delay) and
//! [`WidgetState::cancel_request`] (send the cancel). Each request carries a
//! sequence number; an answer to a request that is no longer wanted is
//! ignored, so answers can never arrive out of order or twice.

use crate::api::error::ApiError;
use crate::api::polling::PollPolicy;
use std::rc::Rc;
use task_api::{TaskState, TaskStatus};
use yew::Reducible;

/// The retry jitter's seed when none is given.
const JITTER_SEED: u64 = 0x9E37_79B9_7F4A_7C15;

/// A status read the widget wants made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollPlan {
    pub seq: u64,
    pub delay_ms: u32,
}

/// Where the cancellation of this task stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CancelFlow {
    /// No cancel asked for.
    Idle,
    /// Waiting for the person to confirm.
    Confirming,
    /// The cancel request is in flight.
    Requesting,
    /// The server accepted the cancel; reading the status until it says
    /// `CANCELLED`. `attempts` reads so far.
    Cancelling { attempts: u32 },
    /// The server said `CANCELLED` after our cancel.
    Cancelled,
    /// The task ended `COMPLETED` or `FAILED` before the cancel took effect.
    FinishedFirst(TaskState),
    /// Still not `CANCELLED` after every attempt.
    GaveUp { state: TaskState, attempts: u32 },
    /// 400: the task had already finished.
    Refused {
        message: String,
        state: Option<TaskState>,
    },
    /// The cancel request failed (404, 5xx, network, timeout, bad answer).
    Failed(ApiError),
    /// A cancel was in play (accepted, refused, unanswered) and then the
    /// server said the task does not exist: it may have been cancelled and
    /// cleaned up, but nobody can tell any more.
    Gone,
}

/// Everything that happens to the widget.
// One action per answer or click: its size does not matter, boxing would.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A status read answered.
    Polled {
        seq: u64,
        result: Result<TaskStatus, ApiError>,
    },
    /// Cancel pressed.
    CancelPressed,
    /// "Yes, cancel" pressed in the confirmation.
    ConfirmCancel,
    /// "Keep running" pressed in the confirmation.
    DismissConfirm,
    /// The cancel request answered.
    CancelAnswered {
        seq: u64,
        result: Result<(), ApiError>,
    },
    /// After giving up: wait for another round of attempts.
    KeepWaiting,
    /// After a failed cancel request: send it again.
    RetryCancel,
    /// Read the status now instead of after the back-off.
    RefreshNow,
    /// New settings for the same task on the same server: the cancel in
    /// play (one the server may already have accepted) and the status stay.
    Configure { policy: PollPolicy, confirm: bool },
    /// Show another task, or the same one on another server, from scratch.
    Reset {
        task_id: String,
        policy: PollPolicy,
        confirm: bool,
    },
}

/// The widget's whole state.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetState {
    pub task_id: String,
    pub policy: PollPolicy,
    pub confirm: bool,
    /// The last status the server sent.
    pub status: Option<TaskStatus>,
    /// Why the last status read failed, until one succeeds.
    pub status_error: Option<ApiError>,
    /// Status reads failed in a row.
    pub failures: u32,
    pub cancel: CancelFlow,
    /// The next status read to make, if any.
    pub poll: Option<PollPlan>,
    /// The cancel request to make, if any (its sequence number).
    pub cancel_request: Option<u64>,
    seq: u64,
    /// The state of the generator that spreads retry delays, so widgets
    /// on one page do not retry in lock-step after an outage.
    jitter: u64,
}

impl WidgetState {
    /// A widget for `task_id` that reads the status at once.
    pub fn new(task_id: impl Into<String>, policy: PollPolicy, confirm: bool) -> Self {
        WidgetState {
            task_id: task_id.into(),
            policy,
            confirm,
            status: None,
            status_error: None,
            failures: 0,
            cancel: CancelFlow::Idle,
            poll: Some(PollPlan {
                seq: 1,
                delay_ms: 0,
            }),
            cancel_request: None,
            seq: 1,
            jitter: JITTER_SEED,
        }
    }

    /// The same widget, its retry delays spread by `seed` (any number; the
    /// component passes a random one).
    pub fn with_jitter_seed(mut self, seed: u64) -> Self {
        // xorshift never leaves zero.
        self.jitter = if seed == 0 { JITTER_SEED } else { seed };
        self
    }

    /// The state the task was last seen in.
    pub fn task_state(&self) -> Option<TaskState> {
        self.status.as_ref().map(|status| status.state)
    }

    /// Whether the server last said the task is in a terminal state.
    pub fn is_finished(&self) -> bool {
        self.task_state().is_some_and(TaskState::is_finished)
    }

    /// Whether the Cancel button may be pressed now.
    pub fn can_cancel(&self) -> bool {
        self.status.is_some()
            && !self.is_finished()
            && !self.task_not_found()
            && matches!(self.cancel, CancelFlow::Idle | CancelFlow::Failed(_))
            && !matches!(self.cancel, CancelFlow::Failed(ApiError::NotFound { .. }))
    }

    /// Whether the server last said that the task does not exist.
    pub fn task_not_found(&self) -> bool {
        matches!(self.status_error, Some(ApiError::NotFound { .. }))
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    fn schedule_poll(&mut self, delay_ms: u32) {
        let seq = self.next_seq();
        self.poll = Some(PollPlan { seq, delay_ms });
    }

    fn send_cancel(&mut self) {
        // Status reads pause while the cancel is in flight: one request at a time.
        self.poll = None;
        let seq = self.next_seq();
        self.cancel_request = Some(seq);
        self.cancel = CancelFlow::Requesting;
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Polled { seq, result } => {
                if self.poll.map(|plan| plan.seq) != Some(seq) {
                    return;
                }
                self.poll = None;
                match result {
                    Ok(status) => self.status_arrived(status),
                    Err(error) => self.status_failed(error),
                }
            }
            Action::CancelPressed => {
                if !self.can_cancel() {
                    return;
                }
                if self.confirm {
                    self.cancel = CancelFlow::Confirming;
                } else {
                    self.send_cancel();
                }
            }
            Action::ConfirmCancel => {
                if self.cancel == CancelFlow::Confirming && !self.is_finished() {
                    self.send_cancel();
                }
            }
            Action::DismissConfirm => {
                if self.cancel == CancelFlow::Confirming {
                    self.cancel = CancelFlow::Idle;
                }
            }
            Action::CancelAnswered { seq, result } => {
                if self.cancel_request != Some(seq) {
                    return;
                }
                self.cancel_request = None;
                self.cancel_answered(result);
            }
            Action::KeepWaiting => {
                if matches!(self.cancel, CancelFlow::GaveUp { .. }) {
                    self.cancel = CancelFlow::Cancelling { attempts: 0 };
                    self.schedule_poll(0);
                }
            }
            Action::RetryCancel => {
                if matches!(self.cancel, CancelFlow::Failed(_)) && self.can_cancel() {
                    self.send_cancel();
                }
            }
            Action::RefreshNow => {
                if self.cancel_request.is_none() {
                    self.schedule_poll(0);
                }
            }
            Action::Configure { policy, confirm } => {
                self.policy = policy;
                self.confirm = confirm;
            }
            Action::Reset {
                task_id,
                policy,
                confirm,
            } => {
                // Sequence numbers keep rising, so answers meant for the old
                // task can never be taken for the new one's.
                let (seq, jitter) = (self.seq, self.jitter);
                *self = WidgetState::new(task_id, policy, confirm).with_jitter_seed(jitter);
                self.seq = seq;
                self.schedule_poll(0);
            }
        }
    }

    fn status_arrived(&mut self, status: TaskStatus) {
        let state = status.state;
        self.status = Some(status);
        self.status_error = None;
        self.failures = 0;
        let mut keep_polling = !state.is_finished();
        match self.cancel {
            CancelFlow::Cancelling { attempts } => {
                let attempts = attempts + 1;
                self.cancel = if state == TaskState::Cancelled {
                    CancelFlow::Cancelled
                } else if state.is_finished() {
                    CancelFlow::FinishedFirst(state)
                } else if attempts >= self.policy.max_attempts {
                    keep_polling = false;
                    CancelFlow::GaveUp { state, attempts }
                } else {
                    CancelFlow::Cancelling { attempts }
                };
            }
            CancelFlow::GaveUp { attempts, .. } => {
                if state == TaskState::Cancelled {
                    self.cancel = CancelFlow::Cancelled;
                } else if state.is_finished() {
                    self.cancel = CancelFlow::FinishedFirst(state);
                } else {
                    self.cancel = CancelFlow::GaveUp { state, attempts };
                    keep_polling = false;
                }
            }
            CancelFlow::Confirming if state.is_finished() => self.cancel = CancelFlow::Idle,
            // The cancel's fate was unknown; the task has ended since. Only
            // the server's CANCELLED makes it "cancelled".
            CancelFlow::Failed(_) if state == TaskState::Cancelled => {
                self.cancel = CancelFlow::Cancelled;
            }
            CancelFlow::Failed(_) if state.is_finished() => {
                self.cancel = CancelFlow::FinishedFirst(state);
            }
            CancelFlow::Gone => self.cancel = CancelFlow::Idle,
            _ => {}
        }
        if keep_polling {
            self.schedule_poll(self.policy.interval_ms);
        }
    }

    fn status_failed(&mut self, error: ApiError) {
        let not_found = matches!(error, ApiError::NotFound { .. });
        self.failures = self.failures.saturating_add(1);
        self.status_error = Some(error);
        if not_found {
            // Nothing more to read. A cancel that was in play ends here, in
            // the one state that tells the truth: the task is gone.
            self.cancel = match &self.cancel {
                CancelFlow::Idle | CancelFlow::Confirming => CancelFlow::Idle,
                CancelFlow::Failed(ApiError::NotFound { .. }) => self.cancel.clone(),
                _ => CancelFlow::Gone,
            };
            return;
        }
        if let CancelFlow::Cancelling { attempts } = self.cancel {
            // A failed read still counts, so the flow always ends.
            let attempts = attempts + 1;
            if attempts >= self.policy.max_attempts {
                let state = self.task_state().unwrap_or(TaskState::Unknown);
                self.cancel = CancelFlow::GaveUp { state, attempts };
                return;
            }
            self.cancel = CancelFlow::Cancelling { attempts };
        }
        let delay = self.jittered(self.policy.delay_after(self.failures));
        self.schedule_poll(delay);
    }

    /// `delay_ms` spread over its upper half, `[delay/2, delay]`: still
    /// backing off, never in step with another widget.
    fn jittered(&mut self, delay_ms: u32) -> u32 {
        // xorshift64: enough to spread timers, no dependency.
        let mut x = self.jitter;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.jitter = x;
        let half = delay_ms / 2;
        half + (x % (u64::from(delay_ms - half) + 1)) as u32
    }

    fn cancel_answered(&mut self, result: Result<(), ApiError>) {
        match result {
            Ok(_) => {
                self.cancel = CancelFlow::Cancelling { attempts: 0 };
                // Read at once, as the document's examples do.
                self.schedule_poll(0);
            }
            Err(ApiError::AlreadyFinished { message, state }) => {
                self.cancel = CancelFlow::Refused { message, state };
                self.schedule_poll(0);
            }
            Err(error) => {
                // An answer that refused the cancel (404, another 4xx): read
                // the status at once to show what the task really does.
                let refused =
                    matches!(error, ApiError::NotFound { .. } | ApiError::Rejected { .. });
                self.cancel = CancelFlow::Failed(error);
                if refused {
                    self.schedule_poll(0);
                } else {
                    self.schedule_poll(self.policy.interval_ms);
                }
            }
        }
    }
}

impl Reducible for WidgetState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(state: TaskState) -> TaskStatus {
        TaskStatus {
            progress: Some(10),
            message: "m".into(),
            created_at: "2026-01-01T00:00:00.000Z".into(),
            ..TaskStatus::new("t", state)
        }
    }

    fn widget(confirm: bool) -> WidgetState {
        WidgetState::new("t", PollPolicy::new(1_000, 3), confirm)
    }

    /// Answers the pending status read with `state`.
    fn poll(w: &mut WidgetState, state: TaskState) {
        let seq = w.poll.expect("a poll is planned").seq;
        w.apply(Action::Polled {
            seq,
            result: Ok(status(state)),
        });
    }

    fn poll_fails(w: &mut WidgetState, error: ApiError) {
        let seq = w.poll.expect("a poll is planned").seq;
        w.apply(Action::Polled {
            seq,
            result: Err(error),
        });
    }

    fn answer_cancel(w: &mut WidgetState, result: Result<(), ApiError>) {
        let seq = w.cancel_request.expect("a cancel is in flight");
        w.apply(Action::CancelAnswered { seq, result });
    }

    fn server_error() -> ApiError {
        ApiError::Server {
            status: 500,
            message: "boom".into(),
        }
    }

    #[test]
    fn reads_at_once_then_every_interval_until_finished() {
        let mut w = widget(false);
        assert_eq!(w.poll.unwrap().delay_ms, 0);
        poll(&mut w, TaskState::Running);
        assert_eq!(w.poll.unwrap().delay_ms, 1_000);
        poll(&mut w, TaskState::Completed);
        assert_eq!(w.poll, None, "no polling once finished");
    }

    #[test]
    fn stale_answers_are_ignored() {
        let mut w = widget(false);
        let first = w.poll.unwrap().seq;
        poll(&mut w, TaskState::Running);
        w.apply(Action::Polled {
            seq: first,
            result: Ok(status(TaskState::Pending)),
        });
        assert_eq!(w.task_state(), Some(TaskState::Running));
    }

    #[test]
    fn cancel_then_poll_until_cancelled() {
        let mut w = widget(false);
        poll(&mut w, TaskState::Running);
        w.apply(Action::CancelPressed);
        assert_eq!(w.cancel, CancelFlow::Requesting);
        assert_eq!(
            w.poll, None,
            "status reads pause while the cancel is in flight"
        );
        assert!(!w.can_cancel(), "no second click while in flight");
        answer_cancel(&mut w, Ok(()));
        assert_eq!(w.cancel, CancelFlow::Cancelling { attempts: 0 });
        assert_eq!(w.poll.unwrap().delay_ms, 0);
        poll(&mut w, TaskState::Running);
        assert_eq!(w.cancel, CancelFlow::Cancelling { attempts: 1 });
        poll(&mut w, TaskState::Cancelled);
        assert_eq!(w.cancel, CancelFlow::Cancelled);
        assert_eq!(w.poll, None);
    }

    #[test]
    fn confirmation_comes_first_when_enabled() {
        let mut w = widget(true);
        poll(&mut w, TaskState::Running);
        w.apply(Action::CancelPressed);
        assert_eq!(w.cancel, CancelFlow::Confirming);
        assert_eq!(w.cancel_request, None);
        w.apply(Action::DismissConfirm);
        assert_eq!(w.cancel, CancelFlow::Idle);
        w.apply(Action::CancelPressed);
        w.apply(Action::ConfirmCancel);
        assert_eq!(w.cancel, CancelFlow::Requesting);
    }

    #[test]
    fn task_that_completes_first_is_reported_as_such() {
        let mut w = widget(false);
        poll(&mut w, TaskState::Running);
        w.apply(Action::CancelPressed);
        answer_cancel(&mut w, Ok(()));
        poll(&mut w, TaskState::Completed);
        assert_eq!(w.cancel, CancelFlow::FinishedFirst(TaskState::Completed));
    }

    #[test]
    fn gives_up_after_max_attempts_and_can_keep_waiting() {
        let mut w = widget(false);
        poll(&mut w, TaskState::Running);
        w.apply(Action::CancelPressed);
        answer_cancel(&mut w, Ok(()));
        for _ in 0..3 {
            poll(&mut w, TaskState::Running);
        }
        assert_eq!(
            w.cancel,
            CancelFlow::GaveUp {
                state: TaskState::Running,
                attempts: 3
            }
        );
        assert_eq!(w.poll, None, "never spins forever");
        w.apply(Action::KeepWaiting);
        assert_eq!(w.cancel, CancelFlow::Cancelling { attempts: 0 });
        poll(&mut w, TaskState::Cancelled);
        assert_eq!(w.cancel, CancelFlow::Cancelled);
    }

    #[test]
    fn refused_cancel_shows_the_message_and_rereads_the_state() {
        let mut w = widget(false);
        poll(&mut w, TaskState::Running);
        w.apply(Action::CancelPressed);
        answer_cancel(
            &mut w,
            Err(ApiError::AlreadyFinished {
                message: "Task has already finished (state: COMPLETED)".into(),
                state: Some(TaskState::Completed),
            }),
        );
        assert!(matches!(w.cancel, CancelFlow::Refused { .. }));
        assert_eq!(w.poll.unwrap().delay_ms, 0);
        poll(&mut w, TaskState::Completed);
        assert!(!w.can_cancel());
    }

    #[test]
    fn a_refusal_naming_a_live_state_keeps_following_the_task() {
        let mut w = widget(false);
        poll(&mut w, TaskState::Running);
        w.apply(Action::CancelPressed);
        let refusal = ApiError::Rejected {
            status: 400,
            message: "Task has already finished (state: RUNNING)".into(),
        };
        answer_cancel(&mut w, Err(refusal.clone()));
        assert_eq!(w.cancel, CancelFlow::Failed(refusal));
        assert_eq!(w.poll.unwrap().delay_ms, 0, "a fresh status read at once");
        poll(&mut w, TaskState::Running);
        assert!(w.poll.is_some(), "still following the task");
        assert!(w.can_cancel(), "the cancel can be asked again");
        poll(&mut w, TaskState::Completed);
        assert_eq!(w.cancel, CancelFlow::FinishedFirst(TaskState::Completed));
    }

    #[test]
    fn new_settings_keep_a_cancel_the_server_accepted() {
        let mut w = widget(true);
        poll(&mut w, TaskState::Running);
        w.apply(Action::CancelPressed);
        w.apply(Action::ConfirmCancel);
        answer_cancel(&mut w, Ok(()));
        poll(&mut w, TaskState::Running);
        let policy = PollPolicy::new(250, 3);
        w.apply(Action::Configure {
            policy,
            confirm: false,
        });
        assert_eq!(w.cancel, CancelFlow::Cancelling { attempts: 1 });
        assert_eq!((w.policy, w.confirm), (policy, false));
        poll(&mut w, TaskState::Cancelled);
        assert_eq!(w.cancel, CancelFlow::Cancelled);
    }

    #[test]
    fn failed_cancel_offers_retry_and_keeps_polling() {
        let mut w = widget(false);
        poll(&mut w, TaskState::Running);
        w.apply(Action::CancelPressed);
        answer_cancel(&mut w, Err(server_error()));
        assert_eq!(w.cancel, CancelFlow::Failed(server_error()));
        assert!(w.poll.is_some());
        assert!(w.can_cancel());
        w.apply(Action::RetryCancel);
        assert_eq!(w.cancel, CancelFlow::Requesting);
        answer_cancel(&mut w, Ok(()));
        assert_eq!(w.cancel, CancelFlow::Cancelling { attempts: 0 });
    }

    #[test]
    fn failed_reads_back_off_and_recover() {
        let mut w = widget(false);
        poll_fails(&mut w, ApiError::Network("offline".into()));
        assert!((1_000..=2_000).contains(&w.poll.unwrap().delay_ms));
        poll_fails(&mut w, ApiError::TimedOut { after_ms: 10_000 });
        assert!((2_000..=4_000).contains(&w.poll.unwrap().delay_ms));
        poll(&mut w, TaskState::Running);
        assert_eq!(w.status_error, None);
        assert_eq!(w.poll.unwrap().delay_ms, 1_000);
    }

    #[test]
    fn failed_reads_count_as_attempts_while_cancelling() {
        let mut w = widget(false);
        poll(&mut w, TaskState::Running);
        w.apply(Action::CancelPressed);
        answer_cancel(&mut w, Ok(()));
        for _ in 0..3 {
            poll_fails(&mut w, ApiError::Network("offline".into()));
        }
        assert!(matches!(w.cancel, CancelFlow::GaveUp { .. }));
        assert_eq!(w.poll, None);
    }

    #[test]
    fn unknown_task_stops_polling() {
        let mut w = widget(false);
        poll_fails(
            &mut w,
            ApiError::NotFound {
                message: "No task exists with ID: t".into(),
            },
        );
        assert_eq!(w.poll, None);
        assert!(!w.can_cancel());
        w.apply(Action::RefreshNow);
        assert_eq!(w.poll.unwrap().delay_ms, 0);
    }

    #[test]
    fn widgets_with_other_seeds_retry_at_other_times() {
        let delays = |seed: u64| {
            let mut w = widget(false).with_jitter_seed(seed);
            (0..6)
                .map(|_| {
                    poll_fails(&mut w, server_error());
                    w.poll.unwrap().delay_ms
                })
                .collect::<Vec<_>>()
        };
        let (one, two) = (delays(1), delays(0xDEAD_BEEF));
        assert_ne!(one, two);
        for (n, (a, b)) in one.iter().zip(&two).enumerate() {
            let full = PollPolicy::new(1_000, 3).delay_after(n as u32 + 1);
            for delay in [a, b] {
                assert!((full / 2..=full).contains(delay), "{delay} for {full}");
            }
        }
    }

    fn not_found() -> ApiError {
        ApiError::NotFound {
            message: "No task exists with ID: t".into(),
        }
    }

    /// A widget that saw the task RUNNING, sent a cancel and got `result`.
    fn after_cancel(result: Result<(), ApiError>) -> WidgetState {
        let mut w = widget(false);
        poll(&mut w, TaskState::Running);
        w.apply(Action::CancelPressed);
        answer_cancel(&mut w, result);
        w
    }

    /// A widget whose cancel the server accepted.
    fn cancelling() -> WidgetState {
        after_cancel(Ok(()))
    }

    #[test]
    fn a_task_that_vanishes_mid_cancel_is_gone_not_cancelled() {
        let mut w = cancelling();
        poll(&mut w, TaskState::Running);
        poll_fails(&mut w, not_found());
        assert_eq!(w.cancel, CancelFlow::Gone);
        assert_eq!(w.poll, None, "nothing more to read");
        assert!(!w.can_cancel());
    }

    #[test]
    fn a_task_that_vanishes_after_keep_waiting_is_gone() {
        let mut w = cancelling();
        for _ in 0..3 {
            poll(&mut w, TaskState::Running);
        }
        w.apply(Action::KeepWaiting);
        poll_fails(&mut w, not_found());
        assert_eq!(w.cancel, CancelFlow::Gone);
    }

    #[test]
    fn a_task_that_vanishes_after_a_refused_cancel_is_gone() {
        let mut w = after_cancel(Err(ApiError::AlreadyFinished {
            message: "Task has already finished".into(),
            state: None,
        }));
        poll_fails(&mut w, not_found());
        assert_eq!(w.cancel, CancelFlow::Gone);
    }

    #[test]
    fn a_timed_out_cancel_offers_retry_and_reads_resume() {
        let w = after_cancel(Err(ApiError::TimedOut { after_ms: 10_000 }));
        assert!(matches!(
            w.cancel,
            CancelFlow::Failed(ApiError::TimedOut { .. })
        ));
        assert_eq!(w.poll.unwrap().delay_ms, 1_000, "status reads resume");
        assert!(w.can_cancel(), "Retry is possible");
    }

    #[test]
    fn an_unanswered_cancel_ends_with_what_the_server_says_next() {
        for (seen, flow) in [
            (TaskState::Cancelled, CancelFlow::Cancelled),
            (
                TaskState::Completed,
                CancelFlow::FinishedFirst(TaskState::Completed),
            ),
        ] {
            let mut w = after_cancel(Err(ApiError::TimedOut { after_ms: 10_000 }));
            poll(&mut w, seen);
            assert_eq!(w.cancel, flow);
        }
    }

    #[test]
    fn reset_drops_answers_meant_for_the_old_task() {
        let mut w = widget(false);
        let old = w.poll.unwrap().seq;
        w.apply(Action::Reset {
            task_id: "other".into(),
            policy: PollPolicy::default(),
            confirm: true,
        });
        w.apply(Action::Polled {
            seq: old,
            result: Ok(status(TaskState::Running)),
        });
        assert_eq!(w.status, None);
        assert_eq!(w.task_id, "other");
        assert!(w.poll.unwrap().seq > old);
    }

    #[test]
    fn never_cancelled_unless_the_server_said_cancelled() {
        // Every answer but CANCELLED leaves the flow short of Cancelled.
        for state in [
            TaskState::Pending,
            TaskState::Running,
            TaskState::Completed,
            TaskState::Failed,
            TaskState::Unknown,
        ] {
            let mut w = widget(false);
            poll(&mut w, TaskState::Running);
            w.apply(Action::CancelPressed);
            answer_cancel(&mut w, Ok(()));
            poll(&mut w, state);
            assert_ne!(w.cancel, CancelFlow::Cancelled, "{state:?}");
        }
    }
}
