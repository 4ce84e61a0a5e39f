//! The timeline of status reads after an accepted cancel.

use super::Follow;
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct FollowTimelineProps {
    pub follow: Follow,
}

#[component]
pub fn FollowTimeline(props: &FollowTimelineProps) -> Html {
    let follow = &props.follow;
    let rows = follow.attempts.iter().map(|attempt| {
        let (state, progress) = match &attempt.outcome {
            Ok(reading) => (
                reading.label.clone(),
                reading
                    .progress
                    .map(|p| format!("{p}%"))
                    .unwrap_or_default(),
            ),
            Err(error) => (format!("no answer: {error}"), String::new()),
        };
        html! {
            <tr key={attempt.number}>
                <td>{ attempt.number }</td>
                <td>{ &attempt.time }</td>
                <td>{ state }</td>
                <td>{ progress }</td>
            </tr>
        }
    });
    html! {
        <div class="qtc-follow">
            <table class="qtc-timeline">
                <caption>{ format!("Status reads (at most {})", follow.max_attempts) }</caption>
                <thead>
                    <tr><th scope="col">{ "Attempt" }</th><th scope="col">{ "Time" }</th>
                        <th scope="col">{ "State" }</th><th scope="col">{ "Progress" }</th></tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
            if let Some(verdict) = &follow.verdict {
                <p class="qtc-verdict" role="status"><strong>{ "Verdict: " }</strong>{ verdict.text() }</p>
            }
        </div>
    }
}
