//! "Try It Out": send a real cancel request and see exactly what happened.

use super::{CodeSnippets, FollowTimeline};
use super::{Exchange, Follow, SendError, meaning_of, pretty_body, send};
use crate::api::client::ApiClient;
use crate::pages::address::page_link;
use crate::pages::mock_control::{create_task, is_mock};
use gloo_timers::future::TimeoutFuture;
use std::cell::Cell;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// How long the API host field stays unchanged before the host counts as
/// typed out and the page asks whether it is the mock.
const HOST_SETTLES_AFTER_MS: u32 = 800;

/// The host the documentation uses throughout.
pub const DOCUMENTED_HOST: &str = "http://localhost:8080";

#[derive(PartialEq, Properties)]
pub struct TryItOutPageProps {
    /// The API host to start with; empty: this page's origin.
    #[prop_or_default]
    pub api_host: AttrValue,
    #[prop_or_default]
    pub task_id: AttrValue,
    #[prop_or(1_000)]
    pub poll_interval_ms: u32,
    #[prop_or(30)]
    pub max_attempts: u32,
}

/// What the last send produced.
#[derive(Clone, PartialEq)]
enum Sent {
    Answered(Exchange),
    NoAnswer {
        error: SendError,
        server_reachable: bool,
    },
}

fn page_origin() -> String {
    web_sys::window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_default()
}

fn clock_time() -> String {
    String::from(js_sys::Date::new_0().to_locale_time_string("en-GB"))
}

fn input_value(event: &InputEvent) -> String {
    event.target_unchecked_into::<HtmlInputElement>().value()
}

/// Whether `origin` is a page on this machine (`localhost`, `127.x.x.x`,
/// `[::1]`), which the mock server always allows.
fn is_loopback_origin(origin: &str) -> bool {
    let host = origin
        .split_once("://")
        .map_or(origin, |(_, rest)| rest)
        .trim_start_matches('[');
    host.starts_with("localhost") || host.starts_with("127.") || host.starts_with("::1]")
}

/// After a fetch with no answer: does the server answer a request the page
/// may not read? If so, it is up. (A browser that blocks opaque JSON answers,
/// as Chromium's ORB does, fails this probe too: it proves "up", never "down".)
async fn answers_opaquely(url: &str) -> bool {
    gloo_net::http::Request::get(url)
        .mode(web_sys::RequestMode::NoCors)
        .send()
        .await
        .is_ok()
}

#[component]
pub fn TryItOutPage(props: &TryItOutPageProps) -> Html {
    let host = use_state(|| props.api_host.to_string());
    let task_id = use_state(|| props.task_id.to_string());
    let interval_ms = use_state(|| props.poll_interval_ms);
    let max_attempts = use_state(|| props.max_attempts);
    let sending = use_state(|| false);
    let sent = use_state(|| None::<Sent>);
    let follow = use_state(|| None::<Follow>);
    let demo_available = use_state(|| false);
    // The host as last completed (on leaving the field, or after a pause in
    // typing): what the mock check reads, so half-typed hosts are not asked.
    let settled_host = use_state(|| props.api_host.to_string());
    let settle_timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    let demo_error = use_state(|| None::<String>);
    // Bumped to stop a follow loop (Stop, a new send, or leaving the page).
    let run = use_memo((), |_| Rc::new(Cell::new(0u64)));

    {
        let run = run.clone();
        use_effect_with((), move |_| move || run.set(run.get() + 1));
    }
    {
        // "New demo task" only where the mock's control API answers; asked
        // once per completed host.
        let demo_available = demo_available.clone();
        use_effect_with((*settled_host).clone(), move |host| {
            let base = host.trim().trim_end_matches('/').to_owned();
            let alive = Rc::new(Cell::new(true));
            let still = alive.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let answers = is_mock(&base).await;
                if still.get() {
                    demo_available.set(answers);
                }
            });
            move || alive.set(false)
        });
    }

    let client = ApiClient::new((*host).clone());
    let shown_host = if client.base().is_empty() {
        page_origin()
    } else {
        client.base().to_owned()
    };

    let on_send = {
        let (client, task_id, sending, sent, follow, run) = (
            client.clone(),
            task_id.clone(),
            sending.clone(),
            sent.clone(),
            follow.clone(),
            run.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let id = task_id.trim().to_owned();
            if id.is_empty() || *sending {
                return;
            }
            run.set(run.get() + 1);
            follow.set(None);
            sending.set(true);
            let url = client.cancel_url(&id);
            let probe_url = client.status_url(&id);
            let (sending, sent) = (sending.clone(), sent.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = match send("POST", url).await {
                    Ok(exchange) => Sent::Answered(exchange),
                    Err(error) => Sent::NoAnswer {
                        error,
                        server_reachable: answers_opaquely(&probe_url).await,
                    },
                };
                sent.set(Some(outcome));
                sending.set(false);
            });
        })
    };

    let on_follow = {
        let (client, task_id, follow, run) =
            (client.clone(), task_id.clone(), follow.clone(), run.clone());
        let (interval, attempts) = (*interval_ms, *max_attempts);
        Callback::from(move |_: MouseEvent| {
            let id = task_id.trim().to_owned();
            let this_run = run.get() + 1;
            run.set(this_run);
            let (client, follow, run) = (client.clone(), follow.clone(), run.clone());
            let mut timeline = Follow::new(attempts);
            follow.set(Some(timeline.clone()));
            wasm_bindgen_futures::spawn_local(async move {
                while !timeline.is_over() {
                    let answer = client.status(&id, None).await.map_err(|e| e.to_string());
                    if run.get() != this_run {
                        return;
                    }
                    timeline.record(clock_time(), answer);
                    follow.set(Some(timeline.clone()));
                    if timeline.is_over() {
                        return;
                    }
                    TimeoutFuture::new(interval).await;
                    if run.get() != this_run {
                        return;
                    }
                }
            });
        })
    };

    let on_stop = {
        let (follow, run) = (follow.clone(), run.clone());
        Callback::from(move |_: MouseEvent| {
            run.set(run.get() + 1);
            if let Some(mut timeline) = (*follow).clone() {
                timeline.stop();
                follow.set(Some(timeline));
            }
        })
    };

    let on_demo = {
        let (client, task_id, demo_error) = (client.clone(), task_id.clone(), demo_error.clone());
        Callback::from(move |_: MouseEvent| {
            let base = client.base().to_owned();
            let (task_id, demo_error) = (task_id.clone(), demo_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match create_task(&base, r#"{"pending_ms": 0}"#).await {
                    Ok(task) => {
                        demo_error.set(None);
                        task_id.set(task.task_id);
                    }
                    Err(error) => demo_error.set(Some(error.to_string())),
                }
            });
        })
    };

    let on_host = {
        let (host, settled_host, settle_timer) =
            (host.clone(), settled_host.clone(), settle_timer.clone());
        Callback::from(move |event: InputEvent| {
            let value = input_value(&event);
            host.set(value.clone());
            let settled_host = settled_host.clone();
            *settle_timer.borrow_mut() = Some(gloo_timers::callback::Timeout::new(
                HOST_SETTLES_AFTER_MS,
                move || settled_host.set(value),
            ));
        })
    };
    let on_host_done = {
        let (host, settled_host, settle_timer) =
            (host.clone(), settled_host.clone(), settle_timer.clone());
        Callback::from(move |_: FocusEvent| {
            settle_timer.borrow_mut().take();
            settled_host.set((*host).clone());
        })
    };
    let use_documented_host = {
        let (host, settled_host, settle_timer) =
            (host.clone(), settled_host.clone(), settle_timer.clone());
        Callback::from(move |_: MouseEvent| {
            settle_timer.borrow_mut().take();
            host.set(DOCUMENTED_HOST.to_owned());
            settled_host.set(DOCUMENTED_HOST.to_owned());
        })
    };
    let on_task_id = {
        let task_id = task_id.clone();
        Callback::from(move |event: InputEvent| task_id.set(input_value(&event)))
    };
    let on_interval = {
        let interval_ms = interval_ms.clone();
        Callback::from(move |event: InputEvent| {
            if let Ok(ms) = input_value(&event).parse::<u32>() {
                interval_ms.set(ms.max(10));
            }
        })
    };
    let on_attempts = {
        let max_attempts = max_attempts.clone();
        Callback::from(move |event: InputEvent| {
            if let Ok(n) = input_value(&event).parse::<u32>() {
                max_attempts.set(n.max(1));
            }
        })
    };

    let following = follow.as_ref().is_some_and(|f| !f.is_over());
    let result = match &*sent {
        None => html! {},
        Some(Sent::Answered(exchange)) => {
            let pretty = pretty_body(&exchange.body);
            html! {
                <section class="qtc-section qtc-exchange" aria-labelledby="qtc-response-title">
                    <h2 id="qtc-response-title">{ "Response" }</h2>
                    <p class="qtc-request-line"><code>{ format!("{} {}", exchange.method, exchange.url) }</code></p>
                    <p class="qtc-status-line">
                        <strong class="qtc-status-code">{ format!("HTTP {}", exchange.status) }</strong>
                        { " — " }{ meaning_of(exchange.status) }
                        <span class="qtc-elapsed">{ format!(" ({} ms)", exchange.elapsed_ms) }</span>
                    </p>
                    if let Some(pretty) = pretty {
                        <pre class="qtc-code qtc-body" tabindex="0" role="region" aria-label="Response body"><code>{ pretty }</code></pre>
                    } else {
                        <p class="qtc-notice qtc-notice--warning">
                            { "The answer is not JSON, so this is probably not the task API: check the host (a web page, proxy or other service answered)." }
                        </p>
                        <pre class="qtc-code qtc-body" tabindex="0" role="region" aria-label="Response body"><code>{ &exchange.body }</code></pre>
                    }
                    if exchange.status == 200 {
                        <div class="qtc-follow-controls">
                            <p>{ "Cancellation is not instantaneous: the task stops at its next check. Follow it as the documentation's examples do:" }</p>
                            <label>{ "Every " }
                                <input type="number" min="10" value={interval_ms.to_string()} oninput={on_interval} aria-label="Interval in milliseconds" />
                                { " ms, at most " }
                                <input type="number" min="1" value={max_attempts.to_string()} oninput={on_attempts} aria-label="Maximum attempts" />
                                { " times" }
                            </label>
                            <button type="button" class="qtc-button" onclick={on_follow} disabled={following}>{ "Follow until cancelled" }</button>
                            <button type="button" class="qtc-button" onclick={on_stop} disabled={!following}>{ "Stop following" }</button>
                        </div>
                    }
                    if let Some(timeline) = (*follow).clone() {
                        <FollowTimeline follow={timeline} />
                    }
                </section>
            }
        }
        Some(Sent::NoAnswer {
            error,
            server_reachable,
        }) => {
            let origin = page_origin();
            let explanation = if *server_reachable {
                // The mock allows every loopback page; only name the flag
                // where it could be the reason.
                let flag = if is_loopback_origin(&origin) {
                    String::new()
                } else {
                    format!(
                        " The mock server allows loopback origins, and any other with --cors-origin {origin}."
                    )
                };
                format!(
                    "The server is up (a plain read reached it), but this request got no usable answer: the connection was closed or the answer cut off, or the server does not allow this page's origin ({origin}) through CORS, so the browser hid its answer.{flag}"
                )
            } else {
                "The server could not be reached: the request got no answer, nor did a second one sent to see whether the server is up, so it is most likely down or the host is wrong (or the browser blocked both, as an https page does for an http:// host). Check that it runs and that the host is right.".to_owned()
            };
            html! {
                <section class="qtc-section qtc-exchange" aria-labelledby="qtc-response-title">
                    <h2 id="qtc-response-title">{ "No response" }</h2>
                    <p class="qtc-request-line"><code>{ format!("{} {}", error.method, error.url) }</code></p>
                    <p class="qtc-notice qtc-notice--error">{ explanation }</p>
                    <p class="qtc-hint">{ format!("The browser said: {} (after {} ms)", error.detail, error.elapsed_ms) }</p>
                </section>
            }
        }
    };

    html! {
        <main class="qtc-app qtc-try">
            <nav class="qtc-nav">
                <a href={page_link("", &[])}>{ "← One task" }</a>
                <a href={page_link("tasks", &[])}>{ "All tasks" }</a>
            </nav>
            <h1>{ "Try It Out: " }<code>{ "POST /api/task/cancel/{id}" }</code></h1>
            <p class="qtc-notice qtc-notice--warning">
                { "This really cancels the task on that server. Use the ID of a running or pending task; already finished tasks return 400." }
            </p>
            <form class="qtc-try-form" onsubmit={on_send}>
                <label for="qtc-host">{ "API host" }</label>
                <div class="qtc-row">
                    <input id="qtc-host" type="url" value={(*host).clone()} oninput={on_host} onblur={on_host_done}
                        placeholder={format!("{} (this page's origin)", page_origin())} />
                    <button type="button" class="qtc-button" onclick={use_documented_host}>
                        { format!("Use {DOCUMENTED_HOST}") }
                    </button>
                </div>
                <label for="qtc-try-task">{ "Task ID" }</label>
                <div class="qtc-row">
                    <input id="qtc-try-task" type="text" value={(*task_id).clone()} oninput={on_task_id}
                        autocomplete="off" spellcheck="false" placeholder="a7f8c9d1-e234-56b7-8901-23c45de67f89" />
                    if *demo_available {
                        <button type="button" class="qtc-button" onclick={on_demo}>{ "New demo task" }</button>
                    }
                </div>
                if let Some(error) = &*demo_error {
                    <p class="qtc-notice qtc-notice--error">{ format!("Could not create a demo task. {error}") }</p>
                }
                <div class="qtc-row">
                    <button type="submit" class="qtc-button qtc-button--danger"
                        disabled={*sending || task_id.trim().is_empty()}>
                        { if *sending { "Sending…" } else { "Send cancel request" } }
                    </button>
                </div>
            </form>
            { result }
            if !task_id.trim().is_empty() {
                <CodeSnippets api_host={shown_host} task_id={(*task_id).clone()} />
            }
        </main>
    }
}
