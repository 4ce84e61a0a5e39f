//! What an answer means, in the API document's own words.

/// The meaning the API document's table gives a status code of
/// `POST /api/task/cancel/{id}`.
pub fn meaning_of(status: u16) -> &'static str {
    match status {
        200 => "OK: cancellation request accepted successfully",
        400 => {
            "Bad Request: the task is already finished (COMPLETED, FAILED, or CANCELLED) and cannot be cancelled"
        }
        404 => "Not Found: no task exists with the specified ID",
        500 => {
            "Internal Server Error: a server error occurred while processing the cancellation request"
        }
        405 => "Method Not Allowed: the server does not accept POST here; is this the task API?",
        502..=504 => {
            "The server or a proxy in front of it failed; the document does not list this code"
        }
        _ => "The API document does not list this status code",
    }
}

/// The body indented when it is JSON, every token as the server sent it
/// (key order, number spellings, escapes); `None` when it is not JSON. The
/// browser's `JSON.parse` says whether it is; tested in the browser
/// (tests/try_it_out.rs) and, for the layout, in [`super::indent`].
pub fn pretty_body(body: &str) -> Option<String> {
    js_sys::JSON::parse(body).ok()?;
    Some(super::indent::indent_json(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_codes_have_the_documents_meaning() {
        assert!(meaning_of(200).starts_with("OK"));
        assert!(meaning_of(400).contains("already finished"));
        assert!(meaning_of(404).contains("no task exists"));
        assert!(meaning_of(500).contains("server error"));
        assert!(meaning_of(418).contains("does not list"));
    }
}
