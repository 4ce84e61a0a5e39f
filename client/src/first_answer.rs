//! A status answer read before the widget existed, which the widget starts
//! from: its first render shows the status, rather than LOADING, then a read
//! of its own, then the status (the page laid out twice; BENCHMARKS.md).
//!
//! Two readers send such a read of the widget's very address: the widget
//! page's loader, while the program downloads (`first_read`), and the embed's
//! module, while the widget's core loads (`client/embed/qmail-task-widget.js`).

use crate::response::read_status;
use crate::widget_state::{Action, WidgetState};

/// A status read's answer: the status code and the whole body.
#[derive(Clone, Debug, PartialEq)]
pub struct FirstAnswer {
    pub status: u16,
    pub body: String,
}

impl FirstAnswer {
    /// `state` with this answer as its first status read.
    pub fn apply(&self, mut state: WidgetState) -> WidgetState {
        if let Some(plan) = state.poll {
            state.apply(Action::Polled {
                seq: plan.seq,
                result: read_status(self.status, &self.body),
            });
        }
        state
    }
}
