//! Carries out the requests the task list's state hands out: starts them,
//! reports their answers back, wakes up when the next read falls due, and
//! pauses reads while the page is hidden.

use crate::api::client::ApiClient;
use crate::api::polling::PollPolicy;
use crate::list::state::{Request, TaskListState};
use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::AbortController;
use yew::prelude::*;

/// A list's state with the machinery that drives it. Changes go through
/// [`ListDriver::update`], which then starts whatever is due and re-renders.
pub struct ListDriver {
    state: RefCell<TaskListState>,
    client: Rc<ApiClient>,
    timer: RefCell<Option<Timeout>>,
    /// Status reads in flight (row, sequence number), so unmounting or an
    /// abandoned read aborts them.
    reads: RefCell<Vec<(usize, u64, AbortController)>>,
    alive: Cell<bool>,
    changed: Callback<()>,
    /// A render is planned: answers arriving meanwhile share it.
    render_planned: Cell<bool>,
    render_timer: RefCell<Option<Timeout>>,
}

/// Answers that arrive within this long are rendered together: with 200
/// tasks, a render per answer would keep the page busy.
const RENDER_BATCH_MS: u32 = 16;

impl PartialEq for ListDriver {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl ListDriver {
    /// The state as it is now, for rendering.
    pub fn state(&self) -> std::cell::Ref<'_, TaskListState> {
        self.state.borrow()
    }

    /// Applies `change` at the current time, then starts what is due.
    pub fn update(self: &Rc<Self>, change: impl FnOnce(&mut TaskListState, f64)) {
        if !self.alive.get() {
            return;
        }
        change(&mut self.state.borrow_mut(), js_sys::Date::now());
        self.pump();
        self.render_soon();
    }

    /// Re-renders within [`RENDER_BATCH_MS`], once for every change made
    /// meanwhile.
    fn render_soon(self: &Rc<Self>) {
        if self.render_planned.replace(true) {
            return;
        }
        let driver = self.clone();
        *self.render_timer.borrow_mut() = Some(Timeout::new(RENDER_BATCH_MS, move || {
            driver.render_planned.set(false);
            if driver.alive.get() {
                driver.changed.emit(());
            }
        }));
    }

    /// Starts every request the state hands out, and sets the timer for
    /// the next read that falls due.
    fn pump(self: &Rc<Self>) {
        if !self.alive.get() {
            return;
        }
        let now = js_sys::Date::now();
        let requests = self.state.borrow_mut().next_requests(now);
        for request in requests {
            self.start(request);
        }
        let next_due = self.state.borrow().next_due();
        let timer = next_due.map(|due| {
            let driver = self.clone();
            let wait = (due - now).clamp(0.0, f64::from(u32::MAX)) as u32;
            Timeout::new(wait, move || {
                driver.pump();
                driver.render_soon();
            })
        });
        // Dropping the previous timer cancels it.
        *self.timer.borrow_mut() = timer;
    }

    fn start(self: &Rc<Self>, request: Request) {
        let driver = self.clone();
        match request {
            Request::Read { row, task_id, seq } => {
                let abort = AbortController::new().ok();
                if let Some(abort) = &abort {
                    self.reads.borrow_mut().push((row, seq, abort.clone()));
                }
                wasm_bindgen_futures::spawn_local(async move {
                    let result = driver.client.status(&task_id, abort).await;
                    driver
                        .reads
                        .borrow_mut()
                        .retain(|(reading, read_seq, _)| (*reading, *read_seq) != (row, seq));
                    driver.update(|state, now| state.read_answered(row, seq, result, now));
                });
            }
            Request::Cancel { row, task_id, seq } => {
                wasm_bindgen_futures::spawn_local(async move {
                    let result = driver.client.cancel(&task_id).await;
                    driver.update(|state, now| state.cancel_answered(row, seq, result, now));
                });
            }
            Request::Abandon { row, seq } => {
                for (reading, read_seq, abort) in self.reads.borrow().iter() {
                    if (*reading, *read_seq) == (row, seq) {
                        abort.abort();
                    }
                }
            }
        }
    }

    /// Stops for good: no timer, reads in flight aborted, answers ignored.
    fn stop(&self) {
        self.alive.set(false);
        self.timer.borrow_mut().take();
        self.render_timer.borrow_mut().take();
        for (_, _, abort) in self.reads.borrow_mut().drain(..) {
            abort.abort();
        }
    }
}

/// Drives a list of `task_ids` for as long as the component lives; new ids
/// or settings start a new list.
#[hook]
pub fn use_task_list(
    task_ids: Vec<String>,
    client: Rc<ApiClient>,
    policy: PollPolicy,
    max_in_flight: usize,
) -> Rc<ListDriver> {
    let rerender = use_force_update();
    let driver = use_memo(
        (task_ids, ClientKey(client), policy, max_in_flight),
        move |(task_ids, client, policy, max_in_flight)| {
            let seed = (js_sys::Math::random() * u64::MAX as f64) as u64;
            let now = js_sys::Date::now();
            ListDriver {
                state: RefCell::new(TaskListState::new(
                    task_ids,
                    *policy,
                    *max_in_flight,
                    seed,
                    now,
                )),
                client: client.0.clone(),
                timer: RefCell::new(None),
                reads: RefCell::new(Vec::new()),
                alive: Cell::new(true),
                changed: Callback::from(move |()| rerender.force_update()),
                render_planned: Cell::new(false),
                render_timer: RefCell::new(None),
            }
        },
    );
    {
        let driver = driver.clone();
        use_effect_with(driver, |driver| {
            let driver = driver.clone();
            let document = gloo_utils::document();
            driver.update(|state, _| state.set_hidden(document.hidden()));
            let on_visibility = {
                let driver = driver.clone();
                let document = document.clone();
                Closure::<dyn Fn()>::new(move || {
                    let hidden = document.hidden();
                    driver.update(|state, _| state.set_hidden(hidden));
                })
            };
            let listener = on_visibility
                .as_ref()
                .unchecked_ref::<js_sys::Function>()
                .clone();
            let _ = document.add_event_listener_with_callback("visibilitychange", &listener);
            move || {
                let _ = document.remove_event_listener_with_callback("visibilitychange", &listener);
                drop(on_visibility);
                driver.stop();
            }
        });
    }
    driver
}

/// An API client compared by identity, so the list restarts only when the
/// component makes a new one (a new base URL or timeout).
#[derive(Clone)]
struct ClientKey(Rc<ApiClient>);

impl PartialEq for ClientKey {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
