//! One departure from the document, and how strictly it reads the document.

use serde::{Deserialize, Serialize};

/// How strictly a finding reads the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Exactly as the document is written.
    Document,
    /// What a robust client needs; breaking it breaks clients.
    ClientSafe,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Document => "document",
            Level::ClientSafe => "client-safe",
        }
    }
}

/// One way a server's answer departs from the document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub level: Level,
    /// Where in the answer: `status`, or a JSON path such as `$.message`.
    pub path: String,
    pub expected: String,
    pub actual: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "[{}] {}: expected {}, got {}",
            self.level.name(),
            self.path,
            self.expected,
            self.actual
        )
    }
}
