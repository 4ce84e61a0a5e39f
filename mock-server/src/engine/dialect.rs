//! Which server the mock answers as: the API document's (the default), or the
//! shipping QMail server's, with the differences `task-status-facts.md`
//! reports of it, so a client team can test against what production does as
//! well as against what the document says.
//!
//! In the shipping dialect a cancel takes effect at once (a task created
//! without a `cancel_mode` is `immediate`), and the task API's error bodies
//! are `{"error", "task_id", "status": "error", "details"}`, with no `message`
//! (and no `details` on a 404). The HTTP layer writes the bodies; the engine
//! only keeps which dialect is in force.

use super::task::CancelMode;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};

/// The server the mock answers as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// Exactly as the API document describes.
    #[default]
    Document,
    /// As the shipping server is reported to answer.
    Shipping,
}

impl Dialect {
    /// How a task answers a cancel when its script does not say.
    pub fn default_cancel_mode(self) -> CancelMode {
        match self {
            Dialect::Document => CancelMode::Cooperative,
            Dialect::Shipping => CancelMode::Immediate,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Dialect::Document => "document",
            Dialect::Shipping => "shipping",
        }
    }
}

impl std::str::FromStr for Dialect {
    type Err = String;

    /// `document` or `shipping`, as `--dialect` takes it.
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "document" => Ok(Dialect::Document),
            "shipping" => Ok(Dialect::Shipping),
            other => Err(format!(
                "unknown dialect {other:?}: use document or shipping"
            )),
        }
    }
}

/// The dialect in force: the one the mock started with, or the one a
/// scenario file in force names. Read on every task API error, so flags.
#[derive(Debug, Default)]
pub struct DialectInForce {
    shipping: AtomicBool,
    shipping_at_start: AtomicBool,
}

impl DialectInForce {
    pub fn get(&self) -> Dialect {
        dialect(self.shipping.load(Ordering::Relaxed))
    }

    /// The dialect the mock started with (`--dialect`).
    pub fn at_start(&self) -> Dialect {
        dialect(self.shipping_at_start.load(Ordering::Relaxed))
    }

    /// Starts in `dialect`.
    pub fn start(&self, dialect: Dialect) {
        self.shipping_at_start
            .store(dialect == Dialect::Shipping, Ordering::Relaxed);
        self.set(dialect);
    }

    pub fn set(&self, dialect: Dialect) {
        self.shipping
            .store(dialect == Dialect::Shipping, Ordering::Relaxed);
    }
}

fn dialect(shipping: bool) -> Dialect {
    if shipping {
        Dialect::Shipping
    } else {
        Dialect::Document
    }
}
