//! What a run exercised of the document: which of its answers were seen
//! (status 200 and 404; cancel 200, 400, 404 and 500) and which of its
//! transitions (PENDING → RUNNING, RUNNING → COMPLETED, FAILED or CANCELLED,
//! PENDING → CANCELLED). A run that saw little proves little; the report says
//! how much, and `--min-coverage` fails a run below a share.

use crate::outbound::Exchange;
use serde::Serialize;
use std::collections::BTreeSet;
use warp::http::Method;

/// The answers the document describes, as `endpoint status`.
pub const ANSWERS: [&str; 6] = [
    "status 200",
    "status 404",
    "cancel 200",
    "cancel 400",
    "cancel 404",
    "cancel 500",
];

/// The transitions the document describes, as `FROM → TO`.
pub const TRANSITIONS: [&str; 5] = [
    "PENDING → RUNNING",
    "PENDING → CANCELLED",
    "RUNNING → COMPLETED",
    "RUNNING → FAILED",
    "RUNNING → CANCELLED",
];

/// What a run has seen so far.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Coverage {
    pub answers: BTreeSet<&'static str>,
    pub transitions: BTreeSet<&'static str>,
}

impl Coverage {
    /// Notes the answer of `exchange`, if it is one the document describes.
    pub fn saw(&mut self, exchange: &Exchange) {
        let Ok(answer) = &exchange.answer else {
            return;
        };
        let endpoint = match exchange.method {
            Method::GET if exchange.url.contains("/api/task/status/") => "status",
            Method::POST if exchange.url.contains("/api/task/cancel/") => "cancel",
            _ => return,
        };
        let seen = format!("{endpoint} {}", answer.status.as_u16());
        if let Some(answer) = ANSWERS.iter().find(|answer| **answer == seen) {
            self.answers.insert(answer);
        }
    }

    /// Notes a read of `to` right after a read of `from`, if the document
    /// describes that step.
    pub fn stepped(&mut self, from: &str, to: &str) {
        let seen = format!("{from} → {to}");
        if let Some(step) = TRANSITIONS.iter().find(|step| **step == seen) {
            self.transitions.insert(step);
        }
    }

    /// The share of the document's answers and transitions seen, 0 to 100.
    pub fn percent(&self) -> u32 {
        let seen = self.answers.len() + self.transitions.len();
        let all = ANSWERS.len() + TRANSITIONS.len();
        u32::try_from(seen * 100 / all).unwrap_or(100)
    }

    /// One line for the report.
    pub fn line(&self) -> String {
        let list = |seen: &BTreeSet<&str>| match seen.is_empty() {
            true => "none".to_owned(),
            false => seen.iter().copied().collect::<Vec<_>>().join(", "),
        };
        format!(
            "coverage {}%: answers {} of {} ({}); transitions {} of {} ({})",
            self.percent(),
            self.answers.len(),
            ANSWERS.len(),
            list(&self.answers),
            self.transitions.len(),
            TRANSITIONS.len(),
            list(&self.transitions)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_documents_answers_and_steps_count() {
        let mut coverage = Coverage::default();
        coverage.stepped("PENDING", "RUNNING");
        coverage.stepped("RUNNING", "RUNNING");
        coverage.stepped("PENDING", "COMPLETED");
        assert_eq!(coverage.percent(), 9);
        assert_eq!(
            coverage.line(),
            "coverage 9%: answers 0 of 6 (none); transitions 1 of 5 (PENDING → RUNNING)"
        );
    }
}
