//! What the API document requires of an answer, in one place: the checks
//! that `verify` holds a server to, that the validating proxy applies to
//! every answer it forwards, and that the mock's own tests read. Pure
//! functions over one answer; they make no requests.

pub mod checks;
mod finding;
pub mod lifecycle;

pub use finding::{Finding, Level};
