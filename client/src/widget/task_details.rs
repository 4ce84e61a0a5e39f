//! The facts of a task's status: progress, message, times, error, result,
//! and any fields the server sent beyond the documented ones.

use crate::i18n::{Language, around, fill, number, text};
use crate::widget::format::{result_summary, scalar, timestamp};
use task_api::{TaskState, TaskStatus};
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct TaskDetailsProps {
    pub status: TaskStatus,
    pub lang: Language,
}

/// How often a time shown as "2 minutes ago" is brought up to date.
#[cfg(i18n_runtime)]
const RELATIVE_TIME_REFRESH_MS: u32 = 30_000;

#[component]
pub fn TaskDetails(props: &TaskDetailsProps) -> Html {
    let (status, lang) = (&props.status, &props.lang);
    #[cfg(i18n_runtime)]
    let now_ms = js_sys::Date::now();
    #[cfg(not(i18n_runtime))]
    let now_ms = 0.0;
    let mut recent = false;
    let mut time_row = |label: AttrValue, value: &Option<String>| match value {
        Some(value) => html! {
            <>
                <dt>{ label }</dt>
                <dd>{ time(lang, value, now_ms, &mut recent) }</dd>
            </>
        },
        None => html! {},
    };
    let rows = html! {
        <>
            { time_row(text!(lang, CREATED), &Some(status.created_at.clone())) }
            { time_row(text!(lang, STARTED), &status.started_at) }
            { time_row(text!(lang, FINISHED), &status.completed_at) }
        </>
    };
    // A recent time says how long ago it was: once the task stops changing,
    // nothing else renders the widget, so the clock does. (Without the
    // `i18n` runtime times are in UTC, and never recent.)
    #[cfg(i18n_runtime)]
    {
        let tick = use_force_update();
        use_effect_with(recent, move |recent| {
            let timer = recent.then(|| {
                gloo_timers::callback::Interval::new(RELATIVE_TIME_REFRESH_MS, move || {
                    tick.force_update()
                })
            });
            move || drop(timer)
        });
    }
    #[cfg(not(i18n_runtime))]
    let _ = recent;
    let (error_before, error_after) = around!(lang, TASK_ERROR, "error");
    let (result_before, result_after) = around!(lang, TASK_RESULT, "result");
    html! {
        <div class="qtc-details">
            if let Some(progress) = status.progress {
                <div class="qtc-progress">
                    <progress
                        class="qtc-progress-bar"
                        part="progress"
                        max="100"
                        value={progress.to_string()}
                        aria-label={text!(lang, PROGRESS)}
                    />
                    // The bar says its value to a screen reader; the figure is for the eye.
                    <span class="qtc-progress-value" aria-hidden="true">
                        { fill!(lang, PERCENT, percent = number!(lang, usize::from(progress))) }
                    </span>
                </div>
            }
            <p class="qtc-message">{ &status.message }</p>
            if status.state == TaskState::Failed {
                <p class="qtc-task-error">
                    <strong>{ error_before }</strong>
                    { status.error.clone().map_or_else(|| text!(lang, NO_ERROR_MESSAGE), AttrValue::from) }
                    { error_after }
                </p>
            }
            if let (TaskState::Completed, Some(result)) = (status.state, status.result.as_ref()) {
                <p class="qtc-result">
                    <strong>{ result_before }</strong>
                    { result_summary(lang, result) }
                    { result_after }
                </p>
            }
            <dl class="qtc-times">{ rows }</dl>
            if !status.extra.is_empty() {
                <dl class="qtc-extra">
                    { for status.extra.iter().map(|(key, value)| html! {
                        <>
                            <dt><code>{ key }</code></dt>
                            <dd>{ scalar(lang, value) }</dd>
                        </>
                    }) }
                </dl>
            }
        </div>
    }
}

/// `iso` in the reader's language and time zone, with the exact instant, in
/// UTC, as its title (and its `datetime`); `recent` becomes true for a time
/// shown as how long ago it was.
#[cfg(i18n_runtime)]
fn time(lang: &Language, iso: &str, now_ms: f64, recent: &mut bool) -> Html {
    let exact = timestamp(iso);
    match lang.date_time(iso, now_ms) {
        Some((shown, is_recent)) => {
            *recent |= is_recent;
            html! { <time datetime={iso.to_owned()} title={exact}>{ shown }</time> }
        }
        None => html! { <time datetime={iso.to_owned()}>{ exact }</time> },
    }
}

/// `iso` in UTC (without the `i18n` runtime there is no `Intl` to ask).
#[cfg(not(i18n_runtime))]
fn time(_lang: &Language, iso: &str, _now_ms: f64, _recent: &mut bool) -> Html {
    html! { <time datetime={iso.to_owned()}>{ timestamp(iso) }</time> }
}
