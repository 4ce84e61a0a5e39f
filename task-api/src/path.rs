//! Task ids in URL paths.

/// The path of a task's status: `/api/task/status/{id}`, id encoded.
pub fn status_path(task_id: &str) -> String {
    format!("/api/task/status/{}", encode_path_segment(task_id))
}

/// The path that cancels a task: `/api/task/cancel/{id}`, id encoded.
pub fn cancel_path(task_id: &str) -> String {
    format!("/api/task/cancel/{}", encode_path_segment(task_id))
}

/// Percent-encodes `id` as one URL path segment: everything but ASCII letters,
/// digits and `-._~` is escaped, so `a/b` stays one segment (`a%2Fb`).
pub fn encode_path_segment(id: &str) -> String {
    let mut encoded = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_and_unicode_characters_are_escaped() {
        assert_eq!(encode_path_segment("a7f8-c9d1_x.y~z"), "a7f8-c9d1_x.y~z");
        assert_eq!(encode_path_segment("a/b c?#%"), "a%2Fb%20c%3F%23%25");
        assert_eq!(encode_path_segment("é"), "%C3%A9");
        assert_eq!(status_path("../x"), "/api/task/status/..%2Fx");
        assert_eq!(cancel_path("t 1"), "/api/task/cancel/t%201");
    }
}
