//! Many tasks at once: live status per row, selection, one confirmation,
//! a bulk cancel with bounded concurrency, and a summary that says what
//! happened to each task.

use super::use_task_list::use_task_list;
use crate::api::client::{ApiClient, DEFAULT_REQUEST_TIMEOUT_MS};
use crate::api::polling::PollPolicy;
#[cfg(i18n_runtime)]
use crate::i18n::use_language;
use crate::i18n::{Language, count, fill, number, text};
use crate::list::state::{DEFAULT_MAX_IN_FLIGHT, Outcome, Summary, TaskListState};
use crate::widget::StateBadge;
use crate::widget::messages::{badge, error_text, state_word};
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
    /// The language to speak (`de`, `de-AT`); empty: the page's, from the
    /// nearest `lang` around the list, followed when it changes.
    #[prop_or_default]
    pub lang: AttrValue,
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
    // Without the `i18n` runtime the language is the built-in English, and
    // the page around the widget is never asked.
    #[cfg(i18n_runtime)]
    let root = use_node_ref();
    #[cfg(i18n_runtime)]
    let lang = use_language(&props.lang, &root);
    #[cfg(not(i18n_runtime))]
    let (root, lang) = (NodeRef::default(), crate::i18n::Language::english());
    // The summary changes with every batch of answers; a screen reader
    // hears its start, a change at most every few seconds, and its end.
    let announced = use_paced_announcement(
        if summary.total > 0 {
            spoken_summary(&lang, &summary)
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
                        <button type="button" class="qtc-link" title={text!(lang, SHOW_TASK)}
                            onclick={Callback::from(move |_: MouseEvent| on_open.emit(open_id.clone()))}>
                            <code>{ &id }</code>
                        </button>
                    }
                }
                None => html! { <code>{ &id }</code> },
            };
            let status = row.widget.status.as_ref();
            let (modifier, state_text) = badge(&lang, &row.widget);
            html! {
                <tr key={id.clone()} class={row.selected.then_some("qtc-list-row--selected")} part="row">
                    <td>
                        <input type="checkbox" checked={row.selected}
                            disabled={!state.selectable(n)}
                            aria-label={fill!(lang, SELECT_TASK, id = id)}
                            onchange={toggle} />
                    </td>
                    <td class="qtc-list-id">{ id_cell }</td>
                    <td><StateBadge {modifier} text={state_text} lang={lang.clone()} /></td>
                    <td class="qtc-list-progress">
                        if let Some(progress) = status.and_then(|s| s.progress) {
                            <progress part="progress" max="100" value={progress.to_string()}
                                aria-label={fill!(lang, PROGRESS_OF_TASK, id = id)} />
                            <span aria-hidden="true">
                                { " " }{ fill!(lang, PERCENT, percent = number!(lang, usize::from(progress))) }
                            </span>
                        }
                    </td>
                    <td class="qtc-list-message">{ status.map(|s| s.message.clone()).unwrap_or_default() }</td>
                    <td class="qtc-list-outcome">{ outcome_text(&lang, &state, n) }</td>
                </tr>
            }
        })
        .collect::<Html>();
    html! {
        <section class="qtc-list" aria-label={text!(lang, LIST_LABEL)} ref={root}>
            <div class="qtc-list-toolbar">
                <label class="qtc-list-select-all">
                    <input type="checkbox" checked={all_selected} disabled={selectable == 0}
                        onchange={toggle_all} />
                    { " " }{ fill!(lang, SELECT_ALL, count = number!(lang, selectable)) }
                </label>
                <span class="qtc-list-count" aria-live="polite">{ count!(lang, SELECTED_COUNT, selected) }</span>
                <button type="button" class="qtc-button qtc-button--danger" part="cancel-button" ref={opener_ref}
                    aria-disabled={(!can_ask).to_string()} onclick={on_ask}>
                    if selected == 0 {
                        { text!(lang, CANCEL_SELECTED) }
                    } else {
                        { count!(lang, CANCEL_TASKS, selected) }
                    }
                </button>
            </div>
            if let Some(confirm) = state.confirming {
                <div class="qtc-confirm" part="confirm" role="alertdialog" aria-labelledby="qtc-list-confirm-text"
                    onkeydown={on_confirm_key}>
                    <p id="qtc-list-confirm-text">
                        { count!(lang, CONFIRM_TASKS, confirm.cancel) }
                        if confirm.skipped > 0 {
                            { " " }{ count!(lang, SKIPPED_TASKS, confirm.skipped) }
                        }
                    </p>
                    <button type="button" class="qtc-button qtc-button--danger"
                        onclick={act(TaskListState::confirm_bulk_cancel)}>
                        { count!(lang, CONFIRM_YES, confirm.cancel) }
                    </button>
                    { " " }
                    <button type="button" class="qtc-button" ref={keep_ref}
                        onclick={act(|state, _| state.dismiss_bulk_cancel())}>
                        { text!(lang, KEEP_THEM_RUNNING) }
                    </button>
                </div>
            }
            // Always in the page, so what it comes to hold is announced.
            <p class="qtc-visually-hidden qtc-list-announcement" aria-live="polite">{ announced }</p>
            if summary.total > 0 {
                <div class="qtc-list-summary">
                    <p>{ summary_text(&lang, &summary) }</p>
                    <div class="qtc-list-filters" role="group" aria-label={text!(lang, FILTER_LABEL)}>
                        <button type="button" class="qtc-button qtc-button--small"
                            aria-pressed={shown.is_none().to_string()}
                            onclick={{ let filter = filter.clone(); Callback::from(move |_: MouseEvent| filter.set(None)) }}>
                            { count!(lang, FILTER_ALL, state.rows.len()) }
                        </button>
                        { for summary.counts.iter().filter(|(_, n)| *n > 0).map(|(outcome, n)| {
                            let (outcome, filter) = (*outcome, filter.clone());
                            let title = outcome_title(&lang, outcome);
                            html! {
                                <button type="button" class="qtc-button qtc-button--small"
                                    aria-pressed={(shown == Some(outcome)).to_string()}
                                    onclick={Callback::from(move |_: MouseEvent| filter.set(Some(outcome)))}>
                                    { count!(lang, FILTER_OUTCOME, *n, outcome = title) }
                                </button>
                            }
                        }) }
                    </div>
                    if summary.count(Outcome::Failed) > 0 {
                        <button type="button" class="qtc-button" onclick={act(TaskListState::retry_failed)}>
                            { count!(lang, RETRY_FAILED, summary.count(Outcome::Failed)) }
                        </button>
                    }
                    { " " }
                    if summary.count(Outcome::StillRunning) > 0 {
                        <button type="button" class="qtc-button" onclick={act(TaskListState::keep_waiting)}>
                            { count!(lang, KEEP_WAITING_COUNT, summary.count(Outcome::StillRunning)) }
                        </button>
                    }
                </div>
            }
            if state.rows.is_empty() {
                <p class="qtc-message">{ text!(lang, NO_TASKS) }</p>
            } else {
                <table class="qtc-list-table">
                    <thead>
                        <tr>
                            <th scope="col"><span class="qtc-visually-hidden">{ text!(lang, COLUMN_SELECTED) }</span></th>
                            <th scope="col">{ text!(lang, COLUMN_TASK) }</th>
                            <th scope="col">{ text!(lang, COLUMN_STATE) }</th>
                            <th scope="col">{ text!(lang, COLUMN_PROGRESS) }</th>
                            <th scope="col">{ text!(lang, COLUMN_MESSAGE) }</th>
                            <th scope="col">{ text!(lang, COLUMN_CANCELLATION) }</th>
                        </tr>
                    </thead>
                    <tbody>{ rows }</tbody>
                </table>
            }
        </section>
    }
}

/// The name of a summary group.
pub fn outcome_title(lang: &Language, outcome: Outcome) -> AttrValue {
    match outcome {
        Outcome::InProgress => text!(lang, OUTCOME_IN_PROGRESS),
        Outcome::Cancelled => text!(lang, OUTCOME_CANCELLED),
        Outcome::FinishedFirst => text!(lang, OUTCOME_FINISHED_FIRST),
        Outcome::Refused => text!(lang, OUTCOME_REFUSED),
        Outcome::NotFound => text!(lang, OUTCOME_NOT_FOUND),
        Outcome::Failed => text!(lang, OUTCOME_FAILED),
        Outcome::StillRunning => text!(lang, OUTCOME_STILL_RUNNING),
        Outcome::Skipped => text!(lang, OUTCOME_SKIPPED),
    }
}

/// A finished group counted: "2 cancelled".
fn counted_outcome(lang: &Language, outcome: Outcome, n: usize) -> String {
    match outcome {
        Outcome::InProgress => String::new(),
        Outcome::Cancelled => count!(lang, COUNT_CANCELLED, n),
        Outcome::FinishedFirst => count!(lang, COUNT_FINISHED_FIRST, n),
        Outcome::Refused => count!(lang, COUNT_REFUSED, n),
        Outcome::NotFound => count!(lang, COUNT_NOT_FOUND, n),
        Outcome::Failed => count!(lang, COUNT_FAILED, n),
        Outcome::StillRunning => count!(lang, COUNT_STILL_RUNNING, n),
        Outcome::Skipped => count!(lang, COUNT_SKIPPED, n),
    }
}

/// "3 of 12 done: 2 cancelled, 1 finished first; 9 in progress".
fn summary_text(lang: &Language, summary: &Summary) -> String {
    counted(lang, summary, false)
}

/// "3 of 12 done" (worded apart when `spoken`), then the finished groups and what is in progress.
fn counted(lang: &Language, summary: &Summary, spoken: bool) -> String {
    let in_progress = summary.count(Outcome::InProgress);
    let (done, total) = (
        number!(lang, summary.total - in_progress),
        number!(lang, summary.total),
    );
    let mut text = if spoken {
        fill!(lang, SUMMARY_SPOKEN_DONE, done = done, total = total)
    } else {
        fill!(lang, SUMMARY_DONE, done = done, total = total)
    };
    let mut outcomes = String::new();
    for (outcome, n) in &summary.counts {
        if *n > 0 && *outcome != Outcome::InProgress {
            if !outcomes.is_empty() {
                outcomes.push_str(&text!(lang, SUMMARY_SEPARATOR));
            }
            outcomes.push_str(&counted_outcome(lang, *outcome, *n));
        }
    }
    if !outcomes.is_empty() {
        text = fill!(lang, SUMMARY_OUTCOMES, summary = text, outcomes = outcomes);
    }
    if in_progress > 0 {
        text = count!(lang, SUMMARY_IN_PROGRESS, in_progress, summary = text);
    }
    text
}

/// The summary as the live region says it, worded apart from the visible
/// one, so a page's search for the visible text finds one element:
/// "Bulk cancel: 3 out of 12 done: 2 cancelled; 9 in progress".
fn spoken_summary(lang: &Language, summary: &Summary) -> String {
    counted(lang, summary, true)
}

/// What the cancellation column says for row `n`.
fn outcome_text(lang: &Language, state: &TaskListState, n: usize) -> AttrValue {
    let Some(outcome) = state.outcome(n) else {
        return AttrValue::default();
    };
    let row = &state.rows[n];
    match (&row.widget.cancel, outcome) {
        (_, Outcome::Skipped) => text!(lang, ROW_SKIPPED),
        (CancelFlow::Requesting, _) | (CancelFlow::Idle, _) => text!(lang, ROW_REQUESTING),
        (CancelFlow::Cancelling { .. }, _) => text!(lang, CANCELLING_BUTTON),
        (CancelFlow::Cancelled, _) => text!(lang, ROW_CANCELLED),
        (CancelFlow::FinishedFirst(finished), _) => fill!(
            lang,
            ROW_FINISHED_FIRST,
            state = state_word(lang, *finished)
        )
        .into(),
        (
            CancelFlow::Refused {
                state: Some(finished),
                ..
            },
            _,
        ) => fill!(lang, ROW_REFUSED_STATE, state = state_word(lang, *finished)).into(),
        (CancelFlow::Refused { .. }, _) => text!(lang, ROW_REFUSED),
        (CancelFlow::GaveUp { attempts, .. }, _) => {
            count!(lang, ROW_STILL_RUNNING, *attempts as usize).into()
        }
        (CancelFlow::Failed(error), Outcome::Failed) => {
            fill!(lang, ROW_FAILED, error = error_text(lang, error)).into()
        }
        (_, Outcome::NotFound) => text!(lang, ROW_NOT_FOUND),
        (_, outcome) => outcome_title(lang, outcome),
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
            let en = crate::i18n::language("");
            let (spoken, shown) = (spoken_summary(&en, &summary), summary_text(&en, &summary));
            assert!(!spoken.contains(&shown), "{spoken:?} repeats {shown:?}");
        }
        assert_eq!(
            spoken_summary(
                &crate::i18n::language(""),
                &summary(&[(Outcome::Cancelled, 2), (Outcome::Refused, 1)])
            ),
            "Bulk cancel: 3 out of 3 done: 2 cancelled, 1 refused"
        );
    }
}
