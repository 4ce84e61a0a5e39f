//! Many tasks at once: live status per row, selection, one confirmation,
//! a bulk cancel with bounded concurrency, and a summary that says what
//! happened to each task.

use super::use_task_list::use_task_list;
use crate::api::client::{ApiClient, DEFAULT_REQUEST_TIMEOUT_MS};
use crate::api::polling::PollPolicy;
use crate::list::state::{DEFAULT_MAX_IN_FLIGHT, Outcome, Summary, TaskListState};
use crate::widget::StateBadge;
use crate::widget::messages::state_label;
use crate::widget::state::CancelFlow;
use crate::widget::use_paced_announcement;
use yew::prelude::*;

/// What a host sets on the list.
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct TaskListProps {
    pub task_ids: Vec<String>,
    /// Where the task API lives; empty: this page's origin.
    #[prop_or_default]
    pub api_base: AttrValue,
    /// Time between a task's status answer and its next read.
    #[prop_or(1_000)]
    pub poll_interval_ms: u32,
    /// Status reads after an accepted cancel before giving up on a task.
    #[prop_or(30)]
    pub max_attempts: u32,
    #[prop_or(DEFAULT_REQUEST_TIMEOUT_MS)]
    pub request_timeout_ms: u32,
    /// Status reads (and, separately, cancels) in flight at most.
    #[prop_or(DEFAULT_MAX_IN_FLIGHT)]
    pub max_in_flight: usize,
    /// While a bulk cancel runs: the counts after every change.
    #[prop_or_default]
    pub on_progress: Callback<Summary>,
    /// When every task of a bulk cancel has an outcome: each task's.
    #[prop_or_default]
    pub on_done: Callback<Vec<(String, Outcome)>>,
    /// Shows a task's own widget; without it, ids are plain text.
    #[prop_or_default]
    pub on_open: Option<Callback<String>>,
}

#[component]
pub fn TaskList(props: &TaskListProps) -> Html {
    let client = use_memo(
        (props.api_base.clone(), props.request_timeout_ms),
        |(base, timeout_ms)| ApiClient::new(base.to_string()).with_timeout(*timeout_ms),
    );
    let policy = PollPolicy::new(props.poll_interval_ms, props.max_attempts);
    let driver = use_task_list(props.task_ids.clone(), client, policy, props.max_in_flight);
    let filter = use_state(|| None::<Outcome>);
    let state = driver.state();
    let summary = state.summary();
    // The summary changes with every batch of answers; a screen reader
    // hears its start, a change at most every few seconds, and its end.
    let announced = use_paced_announcement(
        if summary.total > 0 {
            spoken_summary(&summary)
        } else {
            String::new()
        },
        summary.is_done(),
    );
    {
        let (on_progress, on_done) = (props.on_progress.clone(), props.on_done.clone());
        let outcomes: Vec<(String, Outcome)> = state
            .outcomes()
            .into_iter()
            .map(|(id, outcome)| (id.to_owned(), outcome))
            .collect();
        use_effect_with((summary.clone(), outcomes), move |(summary, outcomes)| {
            if summary.total > 0 {
                on_progress.emit(summary.clone());
                if summary.is_done() {
                    on_done.emit(outcomes.clone());
                }
            }
        });
    }
    let act = |change: fn(&mut TaskListState, f64)| {
        let driver = driver.clone();
        Callback::from(move |_: MouseEvent| driver.update(change))
    };
    // The confirmation, as the single widget's: it opens on the safe
    // choice, Escape dismisses it, and when it closes focus goes back to
    // the button that opened it, which is never `disabled` (focus would
    // fall to the page) but `aria-disabled`.
    let opener_ref = use_node_ref();
    let keep_ref = use_node_ref();
    let confirming = state.confirming.is_some();
    let was_confirming = use_mut_ref(|| false);
    {
        let (opener_ref, keep_ref) = (opener_ref.clone(), keep_ref.clone());
        use_effect_with(confirming, move |confirming| {
            let target = if *confirming {
                Some(keep_ref)
            } else if *was_confirming.borrow() {
                Some(opener_ref)
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
        let driver = driver.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                driver.update(|state, _| state.dismiss_bulk_cancel());
            }
        })
    };
    let selected = state.selected_count();
    let can_ask = selected > 0 && !confirming;
    let on_ask = {
        let driver = driver.clone();
        Callback::from(move |_: MouseEvent| {
            if can_ask {
                driver.update(|state, _| state.ask_bulk_cancel());
            }
        })
    };
    let selectable = state.selectable_count();
    let all_selected =
        selectable > 0 && state.rows.iter().filter(|r| r.selected).count() == selectable;
    let toggle_all = {
        let driver = driver.clone();
        Callback::from(move |_: Event| driver.update(|state, _| state.toggle_all()))
    };
    // A group that empties (its tasks retried, say) shows everything again.
    let shown = filter.filter(|group| summary.count(*group) > 0);
    let rows = state
        .rows
        .iter()
        .enumerate()
        .filter(|(n, _)| shown.is_none_or(|wanted| state.outcome(*n) == Some(wanted)))
        .map(|(n, row)| {
            let toggle = {
                let driver = driver.clone();
                Callback::from(move |_: Event| driver.update(|state, _| state.toggle(n)))
            };
            let id = row.widget.task_id.clone();
            let id_cell = match &props.on_open {
                Some(on_open) => {
                    let on_open = on_open.clone();
                    let open_id = id.clone();
                    html! {
                        <button type="button" class="qtc-link" title="Show this task"
                            onclick={Callback::from(move |_: MouseEvent| on_open.emit(open_id.clone()))}>
                            <code>{ &id }</code>
                        </button>
                    }
                }
                None => html! { <code>{ &id }</code> },
            };
            let status = row.widget.status.as_ref();
            html! {
                <tr key={id.clone()} class={row.selected.then_some("qtc-list-row--selected")} part="row">
                    <td>
                        <input type="checkbox" checked={row.selected}
                            disabled={!state.selectable(n)}
                            aria-label={format!("Select task {id}")}
                            onchange={toggle} />
                    </td>
                    <td class="qtc-list-id">{ id_cell }</td>
                    <td><StateBadge label={state_label(&row.widget).to_owned()} /></td>
                    <td class="qtc-list-progress">
                        if let Some(progress) = status.and_then(|s| s.progress) {
                            <progress part="progress" max="100" value={progress.to_string()}
                                aria-label={format!("Progress of task {id}")}>
                                { format!("{progress}%") }
                            </progress>
                            <span aria-hidden="true">{ format!(" {progress}%") }</span>
                        }
                    </td>
                    <td class="qtc-list-message">{ status.map(|s| s.message.clone()).unwrap_or_default() }</td>
                    <td class="qtc-list-outcome">{ outcome_text(&state, n) }</td>
                </tr>
            }
        })
        .collect::<Html>();
    html! {
        <section class="qtc-list" aria-label="Tasks">
            <div class="qtc-list-toolbar">
                <label class="qtc-list-select-all">
                    <input type="checkbox" checked={all_selected} disabled={selectable == 0}
                        onchange={toggle_all} />
                    { format!(" Select all cancellable ({selectable})") }
                </label>
                <span class="qtc-list-count" aria-live="polite">{ format!("{selected} selected") }</span>
                <button type="button" class="qtc-button qtc-button--danger" part="cancel-button" ref={opener_ref}
                    aria-disabled={(!can_ask).to_string()} onclick={on_ask}>
                    if selected == 0 {
                        { "Cancel selected tasks" }
                    } else {
                        { format!("Cancel {}", tasks(selected)) }
                    }
                </button>
            </div>
            if let Some(confirm) = state.confirming {
                <div class="qtc-confirm" part="confirm" role="alertdialog" aria-labelledby="qtc-list-confirm-text"
                    onkeydown={on_confirm_key}>
                    <p id="qtc-list-confirm-text">
                        { format!("Cancel {}?", tasks(confirm.cancel)) }
                        if confirm.skipped > 0 {
                            { format!(" {} already finished and will be skipped.", selected_tasks(confirm.skipped)) }
                        }
                    </p>
                    <button type="button" class="qtc-button qtc-button--danger"
                        onclick={act(TaskListState::confirm_bulk_cancel)}>
                        { format!("Yes, cancel {}", tasks(confirm.cancel)) }
                    </button>
                    { " " }
                    <button type="button" class="qtc-button" ref={keep_ref}
                        onclick={act(|state, _| state.dismiss_bulk_cancel())}>
                        { "Keep them running" }
                    </button>
                </div>
            }
            // Always in the page, so what it comes to hold is announced.
            <p class="qtc-visually-hidden qtc-list-announcement" aria-live="polite">{ announced }</p>
            if summary.total > 0 {
                <div class="qtc-list-summary">
                    <p>{ summary_text(&summary) }</p>
                    <div class="qtc-list-filters" role="group" aria-label="Show">
                        <button type="button" class="qtc-button qtc-button--small"
                            aria-pressed={shown.is_none().to_string()}
                            onclick={{ let filter = filter.clone(); Callback::from(move |_: MouseEvent| filter.set(None)) }}>
                            { format!("All ({})", state.rows.len()) }
                        </button>
                        { for summary.counts.iter().filter(|(_, n)| *n > 0).map(|(outcome, n)| {
                            let (outcome, filter) = (*outcome, filter.clone());
                            html! {
                                <button type="button" class="qtc-button qtc-button--small"
                                    aria-pressed={(shown == Some(outcome)).to_string()}
                                    onclick={Callback::from(move |_: MouseEvent| filter.set(Some(outcome)))}>
                                    { format!("{} ({n})", outcome_title(outcome)) }
                                </button>
                            }
                        }) }
                    </div>
                    if summary.count(Outcome::Failed) > 0 {
                        <button type="button" class="qtc-button" onclick={act(TaskListState::retry_failed)}>
                            { format!("Retry failed ({})", summary.count(Outcome::Failed)) }
                        </button>
                    }
                    { " " }
                    if summary.count(Outcome::StillRunning) > 0 {
                        <button type="button" class="qtc-button" onclick={act(TaskListState::keep_waiting)}>
                            { format!("Keep waiting ({})", summary.count(Outcome::StillRunning)) }
                        </button>
                    }
                </div>
            }
            if state.rows.is_empty() {
                <p class="qtc-message">{ "No tasks to show." }</p>
            } else {
                <table class="qtc-list-table">
                    <thead>
                        <tr>
                            <th scope="col"><span class="qtc-visually-hidden">{ "Selected" }</span></th>
                            <th scope="col">{ "Task" }</th>
                            <th scope="col">{ "State" }</th>
                            <th scope="col">{ "Progress" }</th>
                            <th scope="col">{ "Message" }</th>
                            <th scope="col">{ "Cancellation" }</th>
                        </tr>
                    </thead>
                    <tbody>{ rows }</tbody>
                </table>
            }
        </section>
    }
}

fn tasks(n: usize) -> String {
    if n == 1 {
        "1 task".to_owned()
    } else {
        format!("{n} tasks")
    }
}

fn selected_tasks(n: usize) -> String {
    if n == 1 {
        "1 selected task is".to_owned()
    } else {
        format!("{n} selected tasks are")
    }
}

/// The name of a summary group.
pub fn outcome_title(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::InProgress => "In progress",
        Outcome::Cancelled => "Cancelled",
        Outcome::FinishedFirst => "Finished first",
        Outcome::Refused => "Refused",
        Outcome::NotFound => "Not found",
        Outcome::Failed => "Failed",
        Outcome::StillRunning => "Still running",
        Outcome::Skipped => "Skipped",
    }
}

/// "3 of 12 done: 2 cancelled, 1 finished first; 9 in progress".
fn summary_text(summary: &Summary) -> String {
    counted(summary, "of")
}

/// "3 `of` 12 done: 2 cancelled, 1 finished first; 9 in progress".
fn counted(summary: &Summary, of: &str) -> String {
    let done = summary.total - summary.count(Outcome::InProgress);
    let parts: Vec<String> = summary
        .counts
        .iter()
        .filter(|(outcome, n)| *n > 0 && *outcome != Outcome::InProgress)
        .map(|(outcome, n)| format!("{n} {}", outcome_title(*outcome).to_ascii_lowercase()))
        .collect();
    let mut text = format!("{done} {of} {} done", summary.total);
    if !parts.is_empty() {
        text.push_str(": ");
        text.push_str(&parts.join(", "));
    }
    if summary.count(Outcome::InProgress) > 0 {
        text.push_str(&format!(
            "; {} in progress",
            summary.count(Outcome::InProgress)
        ));
    }
    text
}

/// The summary as the live region says it, worded apart from the visible
/// one ("out of" for "of"), so a page's search for the visible text finds
/// one element: "Bulk cancel: 3 out of 12 done: 2 cancelled; 9 in progress".
fn spoken_summary(summary: &Summary) -> String {
    format!("Bulk cancel: {}", counted(summary, "out of"))
}

/// What the cancellation column says for row `n`.
fn outcome_text(state: &TaskListState, n: usize) -> String {
    let Some(outcome) = state.outcome(n) else {
        return String::new();
    };
    let row = &state.rows[n];
    match (&row.widget.cancel, outcome) {
        (_, Outcome::Skipped) => "Skipped: already finished".to_owned(),
        (CancelFlow::Requesting, _) | (CancelFlow::Idle, _) => "Requesting…".to_owned(),
        (CancelFlow::Cancelling { .. }, _) => "Cancelling…".to_owned(),
        (CancelFlow::Cancelled, _) => "Cancelled".to_owned(),
        (CancelFlow::FinishedFirst(state), _) => {
            format!("Finished first ({})", state.as_str())
        }
        (CancelFlow::Refused { state, .. }, _) => match state {
            Some(state) => format!("Refused: already {}", state.as_str()),
            None => "Refused: already finished".to_owned(),
        },
        (CancelFlow::GaveUp { attempts, .. }, _) => {
            format!("Still running after {attempts} reads")
        }
        (CancelFlow::Failed(error), Outcome::Failed) => format!("Failed: {error}"),
        (_, Outcome::NotFound) => "Not found".to_owned(),
        (_, outcome) => outcome_title(outcome).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(counts: &[(Outcome, usize)]) -> Summary {
        Summary {
            counts: counts.to_vec(),
            total: counts.iter().map(|(_, n)| n).sum(),
        }
    }

    #[test]
    fn the_spoken_summary_is_worded_apart_from_the_visible_one() {
        for counts in [
            vec![(Outcome::InProgress, 2)],
            vec![(Outcome::InProgress, 1), (Outcome::Cancelled, 1)],
            vec![(Outcome::Cancelled, 2), (Outcome::Refused, 1)],
        ] {
            let summary = summary(&counts);
            let (spoken, shown) = (spoken_summary(&summary), summary_text(&summary));
            assert!(!spoken.contains(&shown), "{spoken:?} repeats {shown:?}");
        }
        assert_eq!(
            spoken_summary(&summary(&[(Outcome::Cancelled, 2), (Outcome::Refused, 1)])),
            "Bulk cancel: 3 out of 3 done: 2 cancelled, 1 refused"
        );
    }
}
