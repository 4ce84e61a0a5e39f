//! The "Try It Out" page: send a real cancel request, show what the server
//! answered, follow the task until it is cancelled, and hand out code for the
//! same request. [`TryItOutPage`] renders it; the other modules are its logic.

mod code_snippets;
mod exchange;
mod follow;
mod follow_timeline;
mod indent;
mod meaning;
mod page;
mod snippets;

use code_snippets::CodeSnippets;
use exchange::{Exchange, SendError, send};
use follow::Follow;
use follow_timeline::FollowTimeline;
use meaning::meaning_of;
pub use meaning::pretty_body;
pub use page::{TryItOutPage, TryItOutPageProps};
use snippets::{Language, snippet};
