//! The logic of the "Try It Out" page: send a real cancel request, show what
//! the server answered, follow the task until it is cancelled, and hand out
//! code for the same request. The page itself is
//! [`TryItOutPage`](crate::components::TryItOutPage).

mod exchange;
mod follow;
mod indent;
mod meaning;
mod snippets;

pub use exchange::{Exchange, SendError, send};
pub use follow::{Attempt, Follow, Reading, Verdict};
pub use meaning::{meaning_of, pretty_body};
pub use snippets::{Language, snippet};
