//! The task list's state: one single-task reducer ([`WidgetState`]) per row,
//! the selection, the bulk cancel, and a scheduler that keeps the list
//! polite to the server however long it is.
//!
//! Every row follows its task exactly as the single widget does; this
//! module only decides *when* each row's requests go out: at most
//! `max_in_flight` status reads at once and as many cancels, a read only
//! when the row's own plan says it is due (so no task is read more often
//! than the interval), none while the page is hidden, none once finished.
//! The component carries out the [`Request`]s it hands out and reports the
//! answers back; time is passed in, so all of it is tested without a clock.

use crate::api::error::ApiError;
use crate::api::polling::PollPolicy;
use crate::widget::state::{Action, CancelFlow, WidgetState};
use task_api::TaskStatus;

/// How many status reads (and, separately, cancels) may be in flight at
/// once unless the host says otherwise.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 4;

/// A request the list wants made now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    Read {
        row: usize,
        task_id: String,
        seq: u64,
    },
    Cancel {
        row: usize,
        task_id: String,
        seq: u64,
    },
    /// End the read `seq` of `row`: its answer no longer matters (a cancel
    /// was accepted and the row reads again at once), and it must not hold
    /// the row's next read back until it times out.
    Abandon { row: usize, seq: u64 },
}

/// One task of the list.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub widget: WidgetState,
    pub selected: bool,
    /// Taken into the bulk cancel that was confirmed last.
    pub in_bulk: bool,
    /// In that bulk cancel, but already finished when it was confirmed.
    pub skipped: bool,
    /// When the row's planned status read is due (ms since the epoch).
    due_at: Option<f64>,
    /// The plan `due_at` was computed for.
    planned_seq: Option<u64>,
    read_in_flight: Option<u64>,
    /// A read in flight that is no longer wanted, to be ended.
    abandoned_read: Option<u64>,
    /// The last cancel request handed out (in flight or answered).
    cancel_started: Option<u64>,
    cancel_in_flight: bool,
}

/// Where one task of a bulk cancel ended up, as the summary groups them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Sent or being followed.
    InProgress,
    /// The server said `CANCELLED`.
    Cancelled,
    /// `COMPLETED` or `FAILED` before the cancel took effect.
    FinishedFirst,
    /// 400: it had already finished.
    Refused,
    /// 404, or gone while the cancel was followed.
    NotFound,
    /// The cancel request failed (5xx, network, timeout, bad answer).
    Failed,
    /// Still not finished after every attempt.
    StillRunning,
    /// Selected, but finished before the cancel was confirmed.
    Skipped,
}

impl Outcome {
    /// Every outcome, in the order the summary lists them.
    pub const ALL: [Outcome; 8] = [
        Outcome::Cancelled,
        Outcome::FinishedFirst,
        Outcome::Refused,
        Outcome::NotFound,
        Outcome::Failed,
        Outcome::StillRunning,
        Outcome::InProgress,
        Outcome::Skipped,
    ];

    /// The name hosts see in event details.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::InProgress => "in-progress",
            Outcome::Cancelled => "cancelled",
            Outcome::FinishedFirst => "finished-first",
            Outcome::Refused => "refused",
            Outcome::NotFound => "not-found",
            Outcome::Failed => "failed",
            Outcome::StillRunning => "still-running",
            Outcome::Skipped => "skipped",
        }
    }

    fn of(flow: &CancelFlow) -> Outcome {
        match flow {
            CancelFlow::Idle | CancelFlow::Confirming => Outcome::InProgress,
            CancelFlow::Requesting | CancelFlow::Cancelling { .. } => Outcome::InProgress,
            CancelFlow::Cancelled => Outcome::Cancelled,
            CancelFlow::FinishedFirst(_) => Outcome::FinishedFirst,
            CancelFlow::GaveUp { .. } => Outcome::StillRunning,
            CancelFlow::Refused { .. } => Outcome::Refused,
            CancelFlow::Failed(ApiError::NotFound { .. }) | CancelFlow::Gone => Outcome::NotFound,
            CancelFlow::Failed(_) => Outcome::Failed,
        }
    }
}

/// What the confirmation asks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Confirmation {
    /// Selected tasks that will be cancelled.
    pub cancel: usize,
    /// Selected tasks that finished since and will be skipped.
    pub skipped: usize,
}

/// How many tasks of the bulk cancel are in each group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// `(outcome, count)` for every outcome, in [`Outcome::ALL`] order.
    pub counts: Vec<(Outcome, usize)>,
    pub total: usize,
}

impl Summary {
    pub fn count(&self, outcome: Outcome) -> usize {
        self.counts
            .iter()
            .find(|(o, _)| *o == outcome)
            .map_or(0, |(_, n)| *n)
    }

    /// Whether every task of the bulk cancel has an outcome.
    pub fn is_done(&self) -> bool {
        self.total > 0 && self.count(Outcome::InProgress) == 0
    }
}

/// The whole list.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskListState {
    pub rows: Vec<Row>,
    pub max_in_flight: usize,
    /// The page is hidden: status reads wait until it is shown again.
    pub hidden: bool,
    /// The bulk cancel waiting for the person to confirm.
    pub confirming: Option<Confirmation>,
}

impl TaskListState {
    /// A list of `task_ids` (duplicates and blanks dropped) whose first reads
    /// are due at `now`. `seed` spreads the rows' retry delays.
    pub fn new(
        task_ids: &[String],
        policy: PollPolicy,
        max_in_flight: usize,
        seed: u64,
        now: f64,
    ) -> TaskListState {
        // Sorted, to find repeats without a hash table (smaller wasm).
        let mut seen: Vec<&str> = Vec::with_capacity(task_ids.len());
        let rows = task_ids
            .iter()
            .map(|id| id.trim())
            .filter(|id| {
                !id.is_empty()
                    && match seen.binary_search(id) {
                        Ok(_) => false,
                        Err(at) => {
                            seen.insert(at, id);
                            true
                        }
                    }
            })
            .enumerate()
            .map(|(n, id)| {
                let widget = WidgetState::new(id, policy, false)
                    .with_jitter_seed(seed.wrapping_add(n as u64).wrapping_mul(0x9E37_79B9));
                let mut row = Row {
                    widget,
                    selected: false,
                    in_bulk: false,
                    skipped: false,
                    due_at: None,
                    planned_seq: None,
                    read_in_flight: None,
                    abandoned_read: None,
                    cancel_started: None,
                    cancel_in_flight: false,
                };
                row.sync(now);
                row
            })
            .collect();
        TaskListState {
            rows,
            max_in_flight: max_in_flight.max(1),
            hidden: false,
            confirming: None,
        }
    }

    /// The requests to make now, within the limits; each is marked in
    /// flight until its answer is reported.
    pub fn next_requests(&mut self, now: f64) -> Vec<Request> {
        let mut requests: Vec<Request> = self
            .rows
            .iter_mut()
            .enumerate()
            .filter_map(|(row, r)| {
                Some(Request::Abandon {
                    row,
                    seq: r.abandoned_read.take()?,
                })
            })
            .collect();
        let mut cancels = self.rows.iter().filter(|r| r.cancel_in_flight).count();
        for (n, row) in self.rows.iter_mut().enumerate() {
            if cancels >= self.max_in_flight {
                break;
            }
            if let Some(seq) = row.widget.cancel_request
                && row.cancel_started != Some(seq)
            {
                row.cancel_started = Some(seq);
                row.cancel_in_flight = true;
                cancels += 1;
                requests.push(Request::Cancel {
                    row: n,
                    task_id: row.widget.task_id.clone(),
                    seq,
                });
            }
        }
        if self.hidden {
            return requests;
        }
        let reads = self
            .rows
            .iter()
            .filter(|r| r.read_in_flight.is_some())
            .count();
        for _ in reads..self.max_in_flight {
            // The read due longest ago first (the first row of equals).
            let oldest = self
                .rows
                .iter()
                .enumerate()
                .filter(|(_, row)| row.read_in_flight.is_none())
                .filter_map(|(n, row)| Some((row.due_at.filter(|at| *at <= now)?, n)))
                .min_by(|a, b| a.0.total_cmp(&b.0));
            let Some((_, n)) = oldest else {
                break;
            };
            let row = &mut self.rows[n];
            if let Some(plan) = row.widget.poll {
                row.read_in_flight = Some(plan.seq);
                row.due_at = None;
                requests.push(Request::Read {
                    row: n,
                    task_id: row.widget.task_id.clone(),
                    seq: plan.seq,
                });
            }
        }
        requests
    }

    /// When the next planned read falls due, for the component's timer.
    pub fn next_due(&self) -> Option<f64> {
        if self.hidden {
            return None;
        }
        self.rows
            .iter()
            .filter(|row| row.read_in_flight.is_none())
            .filter_map(|row| row.due_at)
            .min_by(f64::total_cmp)
    }

    pub fn read_answered(
        &mut self,
        row: usize,
        seq: u64,
        result: Result<TaskStatus, ApiError>,
        now: f64,
    ) {
        let Some(row) = self.rows.get_mut(row) else {
            return;
        };
        if row.read_in_flight == Some(seq) {
            row.read_in_flight = None;
        }
        row.widget.apply(Action::Polled { seq, result });
        row.sync(now);
    }

    pub fn cancel_answered(
        &mut self,
        row: usize,
        seq: u64,
        result: Result<(), ApiError>,
        now: f64,
    ) {
        let Some(row) = self.rows.get_mut(row) else {
            return;
        };
        if row.cancel_started == Some(seq) {
            row.cancel_in_flight = false;
        }
        row.widget.apply(Action::CancelAnswered { seq, result });
        // The widget reads again now; a read still under way is stale.
        if let (Some(in_flight), Some(plan)) = (row.read_in_flight, row.widget.poll)
            && plan.seq != in_flight
            && plan.delay_ms == 0
        {
            row.read_in_flight = None;
            row.abandoned_read = Some(in_flight);
        }
        row.sync(now);
    }

    /// Reads pause while the page is hidden and resume when it is shown.
    pub fn set_hidden(&mut self, hidden: bool) {
        self.hidden = hidden;
    }

    /// Whether row `n` may be selected: its task is known and can still be
    /// cancelled, and no cancel of it is under way.
    pub fn selectable(&self, n: usize) -> bool {
        self.rows.get(n).is_some_and(|row| {
            row.widget.can_cancel()
                && !(row.in_bulk && self.outcome(n) == Some(Outcome::InProgress))
        })
    }

    pub fn toggle(&mut self, n: usize) {
        let selectable = self.selectable(n);
        if let Some(row) = self.rows.get_mut(n) {
            row.selected = !row.selected && selectable;
        }
    }

    /// Selects every row that can be cancelled, or clears the selection
    /// when they all are selected already.
    pub fn toggle_all(&mut self) {
        let selectable: Vec<usize> = (0..self.rows.len())
            .filter(|n| self.selectable(*n))
            .collect();
        let all = !selectable.is_empty() && selectable.iter().all(|n| self.rows[*n].selected);
        for row in &mut self.rows {
            row.selected = false;
        }
        if !all {
            for n in selectable {
                self.rows[n].selected = true;
            }
        }
    }

    pub fn selected_count(&self) -> usize {
        self.rows.iter().filter(|row| row.selected).count()
    }

    pub fn selectable_count(&self) -> usize {
        (0..self.rows.len()).filter(|n| self.selectable(*n)).count()
    }

    /// "Cancel N tasks" pressed: asks once, counting what will be skipped.
    pub fn ask_bulk_cancel(&mut self) {
        let (cancel, skipped) = self.split_selection();
        self.confirming = (cancel > 0).then_some(Confirmation { cancel, skipped });
    }

    pub fn dismiss_bulk_cancel(&mut self) {
        self.confirming = None;
    }

    fn split_selection(&self) -> (usize, usize) {
        let selected = (0..self.rows.len()).filter(|n| self.rows[*n].selected);
        selected.fold((0, 0), |(cancel, skipped), n| {
            if self.selectable(n) {
                (cancel + 1, skipped)
            } else {
                (cancel, skipped + 1)
            }
        })
    }

    /// "Yes, cancel" pressed: every selected task that can still be
    /// cancelled gets its cancel (sent as slots free up); the rest are
    /// skipped. Starts a new bulk cancel; the previous one's rows leave it.
    pub fn confirm_bulk_cancel(&mut self, now: f64) {
        if self.confirming.take().is_none() {
            return;
        }
        let cancellable: Vec<bool> = (0..self.rows.len()).map(|n| self.selectable(n)).collect();
        for (row, cancellable) in self.rows.iter_mut().zip(cancellable) {
            let selected = std::mem::take(&mut row.selected);
            row.in_bulk = selected;
            row.skipped = selected && !cancellable;
            if selected && cancellable {
                row.widget.apply(Action::CancelPressed);
                row.sync(now);
            }
        }
    }

    /// Sends again every cancel of the bulk that failed.
    pub fn retry_failed(&mut self, now: f64) {
        for n in 0..self.rows.len() {
            if self.outcome(n) == Some(Outcome::Failed) {
                let row = &mut self.rows[n];
                row.widget.apply(Action::RetryCancel);
                row.sync(now);
            }
        }
    }

    /// Follows again, for another round of attempts, every task of the bulk
    /// that was still running when the attempts ran out.
    pub fn keep_waiting(&mut self, now: f64) {
        for n in 0..self.rows.len() {
            if self.outcome(n) == Some(Outcome::StillRunning) {
                let row = &mut self.rows[n];
                row.widget.apply(Action::KeepWaiting);
                row.sync(now);
            }
        }
    }

    /// Where row `n` stands in the bulk cancel; `None` outside it.
    pub fn outcome(&self, n: usize) -> Option<Outcome> {
        let row = self.rows.get(n).filter(|row| row.in_bulk)?;
        if row.skipped {
            return Some(Outcome::Skipped);
        }
        Some(Outcome::of(&row.widget.cancel))
    }

    /// The bulk cancel's counts.
    pub fn summary(&self) -> Summary {
        let outcomes: Vec<Outcome> = (0..self.rows.len())
            .filter_map(|n| self.outcome(n))
            .collect();
        Summary {
            counts: Outcome::ALL
                .iter()
                .map(|o| (*o, outcomes.iter().filter(|x| *x == o).count()))
                .collect(),
            total: outcomes.len(),
        }
    }

    /// Every task of the bulk cancel with its outcome, in list order.
    pub fn outcomes(&self) -> Vec<(&str, Outcome)> {
        (0..self.rows.len())
            .filter_map(|n| Some((self.rows[n].widget.task_id.as_str(), self.outcome(n)?)))
            .collect()
    }
}

impl Row {
    /// Takes the row's new plans from its widget: a new status read plan is
    /// due `delay_ms` from `now`; a finished task plans none.
    fn sync(&mut self, now: f64) {
        match self.widget.poll {
            Some(plan) if self.planned_seq != Some(plan.seq) => {
                self.planned_seq = Some(plan.seq);
                self.due_at = Some(now + f64::from(plan.delay_ms));
            }
            Some(_) => {}
            None => {
                self.planned_seq = None;
                self.due_at = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use task_api::TaskState;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("t{i}")).collect()
    }

    fn list(n: usize, max_in_flight: usize) -> TaskListState {
        TaskListState::new(&ids(n), PollPolicy::new(1_000, 3), max_in_flight, 7, 0.0)
    }

    fn status(id: &str, state: TaskState) -> TaskStatus {
        TaskStatus {
            progress: Some(10),
            message: "m".into(),
            created_at: "2026-01-01T00:00:00.000Z".into(),
            ..TaskStatus::new(id, state)
        }
    }

    /// Answers every read handed out at `now` with `state_of(task)`.
    fn answer_reads(
        list: &mut TaskListState,
        now: f64,
        state_of: impl Fn(&str) -> Result<TaskState, ApiError>,
    ) -> usize {
        let requests = list.next_requests(now);
        let mut reads = 0;
        for request in requests {
            if let Request::Read { row, task_id, seq } = request {
                reads += 1;
                let result = state_of(&task_id).map(|state| status(&task_id, state));
                list.read_answered(row, seq, result, now);
            }
        }
        reads
    }

    fn cancels(requests: &[Request]) -> Vec<(usize, u64)> {
        requests
            .iter()
            .filter_map(|r| match r {
                Request::Cancel { row, seq, .. } => Some((*row, *seq)),
                Request::Read { .. } | Request::Abandon { .. } => None,
            })
            .collect()
    }

    #[test]
    fn ids_are_trimmed_and_duplicates_dropped() {
        let list = TaskListState::new(
            &[" a ".into(), "b".into(), "a".into(), "".into()],
            PollPolicy::default(),
            4,
            1,
            0.0,
        );
        let ids: Vec<&str> = list
            .rows
            .iter()
            .map(|r| r.widget.task_id.as_str())
            .collect();
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn reads_never_exceed_the_limit_and_each_task_waits_its_interval() {
        let mut list = list(200, 4);
        let mut in_flight: Vec<Request> = Vec::new();
        let mut reads_of = std::collections::HashMap::<String, Vec<f64>>::new();
        let mut now = 0.0;
        while now < 10_000.0 {
            let new = list.next_requests(now);
            in_flight.extend(new);
            assert!(in_flight.len() <= 4, "{} reads in flight", in_flight.len());
            // Answer the oldest request 5 ms later.
            now += 5.0;
            if !in_flight.is_empty()
                && let Request::Read { row, task_id, seq } = in_flight.remove(0)
            {
                reads_of.entry(task_id.clone()).or_default().push(now);
                list.read_answered(row, seq, Ok(status(&task_id, TaskState::Running)), now);
            }
        }
        for (task, times) in &reads_of {
            for pair in times.windows(2) {
                assert!(pair[1] - pair[0] >= 1_000.0, "{task} read at {pair:?}");
            }
        }
        assert_eq!(reads_of.len(), 200, "every task was read");
    }

    #[test]
    fn finished_tasks_are_read_no_more_and_hidden_pages_not_at_all() {
        let mut list = list(3, 4);
        let reads = answer_reads(&mut list, 0.0, |id| {
            Ok(if id == "t0" {
                TaskState::Completed
            } else {
                TaskState::Running
            })
        });
        assert_eq!(reads, 3);
        list.set_hidden(true);
        assert_eq!(list.next_due(), None);
        assert_eq!(
            answer_reads(&mut list, 5_000.0, |_| Ok(TaskState::Running)),
            0
        );
        list.set_hidden(false);
        assert_eq!(list.next_due(), Some(1_000.0));
        assert_eq!(
            answer_reads(&mut list, 5_000.0, |_| Ok(TaskState::Running)),
            2,
            "t0 is done"
        );
    }

    #[test]
    fn only_cancellable_tasks_can_be_selected() {
        let mut list = list(4, 4);
        // t3 not read yet: not selectable either.
        let requests = list.next_requests(0.0);
        for request in requests {
            if let Request::Read { row, task_id, seq } = request {
                let result = match task_id.as_str() {
                    "t0" => Ok(status("t0", TaskState::Completed)),
                    "t1" => Err(ApiError::NotFound {
                        message: "no".into(),
                    }),
                    "t2" => Ok(status("t2", TaskState::Pending)),
                    _ => continue,
                };
                list.read_answered(row, seq, result, 0.0);
            }
        }
        list.toggle(0);
        list.toggle(1);
        list.toggle(3);
        assert_eq!(list.selected_count(), 0);
        list.toggle_all();
        assert_eq!(list.selected_count(), 1);
        assert!(list.rows[2].selected);
        list.toggle_all();
        assert_eq!(list.selected_count(), 0, "all selected: the toggle clears");
    }

    /// A list of `states`, read once, every cancellable row selected.
    fn selected_list(states: &[TaskState]) -> TaskListState {
        let ids: Vec<String> = (0..states.len()).map(|i| format!("t{i}")).collect();
        let mut list = TaskListState::new(&ids, PollPolicy::new(1_000, 3), 2, 7, 0.0);
        while answer_reads(&mut list, 0.0, |id| {
            let n: usize = id[1..].parse().unwrap_or(0);
            Ok(states[n])
        }) > 0
        {}
        list.toggle_all();
        list
    }

    #[test]
    fn the_confirmation_counts_what_will_be_skipped() {
        let mut list = selected_list(&[TaskState::Running; 3]);
        assert_eq!(list.selected_count(), 3);
        // t2 finishes after it was selected.
        let plan = list.rows[2].widget.poll.map(|p| p.seq).unwrap_or_default();
        list.rows[2].read_in_flight = Some(plan);
        list.read_answered(2, plan, Ok(status("t2", TaskState::Completed)), 1_000.0);
        list.ask_bulk_cancel();
        assert_eq!(
            list.confirming,
            Some(Confirmation {
                cancel: 2,
                skipped: 1
            })
        );
        list.confirm_bulk_cancel(1_000.0);
        assert_eq!(list.outcome(2), Some(Outcome::Skipped));
        assert_eq!(list.selected_count(), 0);
    }

    #[test]
    fn an_accepted_cancel_abandons_a_read_in_flight_and_reads_at_once() {
        let mut list = selected_list(&[TaskState::Running]);
        // A status read of the row leaves, then its cancel, which the
        // server accepts while the read is still under way.
        let stale = list
            .next_requests(1_000.0)
            .into_iter()
            .find_map(|request| match request {
                Request::Read { row: 0, seq, .. } => Some(seq),
                _ => None,
            })
            .expect("a read of the row");
        list.ask_bulk_cancel();
        list.confirm_bulk_cancel(1_000.0);
        let cancel = cancels(&list.next_requests(1_000.0));
        list.cancel_answered(cancel[0].0, cancel[0].1, Ok(()), 1_010.0);
        let requests = list.next_requests(1_010.0);
        assert!(
            requests.contains(&Request::Abandon { row: 0, seq: stale }),
            "{requests:?}"
        );
        assert!(
            requests.iter().any(
                |request| matches!(request, Request::Read { row: 0, seq, .. } if *seq != stale)
            ),
            "the follow-up read waits behind the stale one: {requests:?}"
        );
    }

    #[test]
    fn cancels_go_out_with_bounded_concurrency_and_every_outcome_is_told() {
        let mut list = selected_list(&[TaskState::Running; 7]);
        list.ask_bulk_cancel();
        list.confirm_bulk_cancel(0.0);
        let first = cancels(&list.next_requests(0.0));
        assert_eq!(first.len(), 2, "max_in_flight 2");
        assert!(cancels(&list.next_requests(0.0)).is_empty(), "no slot free");
        let answers: Vec<Result<(), ApiError>> = vec![
            Ok(()),
            Ok(()),
            Err(ApiError::AlreadyFinished {
                message: "done".into(),
                state: Some(TaskState::Completed),
            }),
            Err(ApiError::NotFound {
                message: "no".into(),
            }),
            Err(ApiError::Server {
                status: 500,
                message: "boom".into(),
            }),
            Ok(()),
            Ok(()),
        ];
        let mut pending = first;
        let mut now = 0.0;
        while let Some((row, seq)) = pending.pop() {
            list.cancel_answered(row, seq, answers[row].clone(), now);
            now += 10.0;
            let requests = list.next_requests(now);
            pending.extend(cancels(&requests));
            assert!(list.rows.iter().filter(|r| r.cancel_in_flight).count() <= 2);
            for request in requests {
                if let Request::Read { row, task_id, seq } = request {
                    let read = Ok(status(&task_id, TaskState::Running));
                    list.read_answered(row, seq, read, now);
                }
            }
        }
        // Follow: t0 cancelled, t1 finished first, t5 still running, t6 gone.
        for _ in 0..20 {
            now += 1_000.0;
            answer_reads(&mut list, now, |id| match id {
                "t0" => Ok(TaskState::Cancelled),
                "t1" => Ok(TaskState::Completed),
                "t6" => Err(ApiError::NotFound {
                    message: "no".into(),
                }),
                "t2" => Ok(TaskState::Completed),
                _ => Ok(TaskState::Running),
            });
        }
        let outcomes: Vec<(&str, Outcome)> = list.outcomes();
        assert_eq!(
            outcomes,
            [
                ("t0", Outcome::Cancelled),
                ("t1", Outcome::FinishedFirst),
                ("t2", Outcome::Refused),
                ("t3", Outcome::NotFound),
                ("t4", Outcome::Failed),
                ("t5", Outcome::StillRunning),
                ("t6", Outcome::NotFound),
            ]
        );
        let summary = list.summary();
        assert!(summary.is_done());
        assert_eq!(summary.count(Outcome::NotFound), 2);
        assert_eq!(summary.total, 7);

        // Retry the failed one, keep waiting for the running one.
        list.retry_failed(now);
        list.keep_waiting(now);
        assert_eq!(list.outcome(4), Some(Outcome::InProgress));
        assert_eq!(list.outcome(5), Some(Outcome::InProgress));
        assert!(!list.summary().is_done());
        let requests = list.next_requests(now);
        let retried = cancels(&requests);
        assert_eq!(retried.len(), 1);
        list.cancel_answered(retried[0].0, retried[0].1, Ok(()), now);
        for request in requests {
            if let Request::Read { row, task_id, seq } = request {
                list.read_answered(row, seq, Ok(status(&task_id, TaskState::Running)), now);
            }
        }
        // Two reads at a time, oldest due first: a few rounds reach both.
        for _ in 0..3 {
            now += 1_000.0;
            answer_reads(&mut list, now, |id| match id {
                "t4" | "t5" => Ok(TaskState::Cancelled),
                _ => Ok(TaskState::Running),
            });
        }
        assert_eq!(list.outcome(4), Some(Outcome::Cancelled));
        assert_eq!(list.outcome(5), Some(Outcome::Cancelled));
    }

    #[test]
    fn cancelled_is_never_said_of_a_task_the_server_did_not_report_cancelled() {
        let mut list = selected_list(&[TaskState::Running]);
        list.ask_bulk_cancel();
        list.confirm_bulk_cancel(0.0);
        let sent = cancels(&list.next_requests(0.0));
        list.cancel_answered(sent[0].0, sent[0].1, Ok(()), 0.0);
        assert_eq!(
            list.outcome(0),
            Some(Outcome::InProgress),
            "accepted is not cancelled"
        );
        answer_reads(&mut list, 0.0, |_| Ok(TaskState::Running));
        assert_eq!(list.outcome(0), Some(Outcome::InProgress));
        assert!(!list.summary().is_done());
    }
}
