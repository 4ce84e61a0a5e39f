//! What the document says each answer looks like, as findings against one
//! answer. Pure functions: `verify` and the proxy make the requests.

use super::{Finding, Level};
use crate::outbound::Answer;
use serde_json::Value;
use task_api::TaskState;

/// Collects findings about one answer.
#[derive(Debug, Default)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    pub fn add(
        &mut self,
        level: Level,
        path: impl Into<String>,
        expected: impl Into<String>,
        actual: impl Into<String>,
    ) {
        self.0.push(Finding {
            level,
            path: path.into(),
            expected: expected.into(),
            actual: actual.into(),
        });
    }

    /// The answer's status must be `expected`; a robust client depends on it.
    pub fn status(&mut self, answer: &Answer, expected: u16) -> bool {
        let ok = answer.status.as_u16() == expected;
        if !ok {
            self.add(
                Level::ClientSafe,
                "status",
                expected.to_string(),
                answer.status.as_u16().to_string(),
            );
        }
        ok
    }

    /// The answer's body as a JSON object, or a finding at `level`.
    pub fn object(
        &mut self,
        answer: &Answer,
        level: Level,
    ) -> Option<serde_json::Map<String, Value>> {
        match answer.json() {
            Ok(Value::Object(object)) => Some(object),
            Ok(other) => {
                self.add(level, "$", "a JSON object", describe(Some(&other)));
                None
            }
            Err(error) => {
                self.add(level, "$", "a JSON object", error);
                None
            }
        }
    }

    /// `$.{name}` must be the string `expected`, as the document has it.
    fn equals(&mut self, object: &serde_json::Map<String, Value>, name: &str, expected: &str) {
        self.field(
            object,
            name,
            Level::Document,
            &format!("{expected:?}"),
            |value| value == expected,
        );
    }

    /// `$.{name}` must satisfy `ok`, described as `expected`.
    fn field(
        &mut self,
        object: &serde_json::Map<String, Value>,
        name: &str,
        level: Level,
        expected: &str,
        ok: impl FnOnce(&Value) -> bool,
    ) {
        let value = object.get(name);
        if !value.is_some_and(ok) {
            self.add(level, format!("$.{name}"), expected, describe(value));
        }
    }
}

/// A value as a report shows it: its JSON, cut short, or "nothing".
pub fn describe(value: Option<&Value>) -> String {
    match value {
        None => "nothing".to_owned(),
        Some(value) => {
            let text = value.to_string();
            match text.char_indices().nth(80) {
                Some((cut, _)) => format!("{}…", &text[..cut]),
                None => text,
            }
        }
    }
}

fn is_string(value: &Value) -> bool {
    value.is_string()
}

/// An error answer (400, 404): `{"error", "message", "task_id"}`. A robust
/// client needs the status and an `error` string; the document also gives
/// `message` and `task_id`. `message` must satisfy `message_ok`.
pub fn error_answer(
    answer: &Answer,
    status: u16,
    error_text: &str,
    task_id: &str,
    message: (&str, &dyn Fn(&str) -> bool),
) -> Findings {
    let mut findings = Findings::default();
    if !findings.status(answer, status) {
        return findings;
    }
    let Some(body) = findings.object(answer, Level::ClientSafe) else {
        return findings;
    };
    findings.field(&body, "error", Level::ClientSafe, "a string", is_string);
    findings.equals(&body, "error", error_text);
    let (expected, message_ok) = message;
    findings.field(&body, "message", Level::Document, expected, |message| {
        message.as_str().is_some_and(message_ok)
    });
    findings.equals(&body, "task_id", task_id);
    findings
}

/// The 404 of an unknown task on the cancel endpoint, as the document shows it.
pub fn not_found(answer: &Answer, task_id: &str) -> Findings {
    let message = format!("No task exists with ID: {task_id}");
    error_answer(
        answer,
        404,
        "Task not found",
        task_id,
        (&format!("{message:?}"), &|text| text == message),
    )
}

/// The 404 of an unknown task on the status endpoint. The document shows the
/// cancel endpoint's 404 body; of the status endpoint's it says only that the
/// task does not exist. So this holds what a client needs, a 404 with an
/// `error`, and a `task_id`, when there is one, to the id asked for.
pub fn status_not_found(answer: &Answer, task_id: &str) -> Findings {
    let (mut findings, body) = with_an_error(answer, 404);
    let Some(body) = body else {
        return findings;
    };
    if body.contains_key("task_id") {
        findings.equals(&body, "task_id", task_id);
    }
    findings
}

/// The 400 of a cancel of a finished task, naming its state.
pub fn already_finished(answer: &Answer, task_id: &str, state: &str) -> Findings {
    let message = format!("Task has already finished (state: {state})");
    error_answer(
        answer,
        400,
        "Cannot cancel task",
        task_id,
        (&format!("{message:?}"), &|text| text == message),
    )
}

/// A 400 to a cancel whose task's state the checker does not know: it must
/// name a terminal state, and be the documented 400 for that state. Returns
/// the findings and the state it named.
pub fn refused(answer: &Answer, task_id: &str) -> (Findings, Option<TaskState>) {
    let state = answer
        .json()
        .ok()
        .and_then(|body| serde_json::from_value::<task_api::ErrorBody>(body).ok())
        .and_then(|body| body.finished_state());
    let named = state.map_or("COMPLETED, FAILED or CANCELLED", TaskState::as_str);
    (already_finished(answer, task_id, named), state)
}

/// Whether an answer about an unknown task could have come from the task
/// API at all: a JSON object that names a `task_id`, or whose text speaks of
/// a task (the document's 404, the shipping server's, or a wrong one of the
/// API's own). A router's 404 page, HTML, `{"error": "Not found"}`, or a
/// framework's 404 that only repeats the path does not.
pub fn looks_like_task_api(answer: &Answer) -> bool {
    let Ok(Value::Object(body)) = answer.json() else {
        return false;
    };
    // A router's 404 often repeats the path, which has `/api/task/` in it.
    body.contains_key("task_id")
        || body
            .iter()
            .filter(|(key, _)| key.as_str() != "path")
            .filter_map(|(_, value)| value.as_str())
            .filter(|text| !text.contains("/api/task/"))
            .any(|text| text.to_ascii_lowercase().contains("task"))
}

/// A 400 to a cancel, held to the status read right after it (`shown`, the
/// state that read named, if it could be read): the document refuses a cancel
/// only for a finished task, so a 400 for a task that is still PENDING or
/// RUNNING is a refusal no client can work with; and the state the 400's body
/// names (`named`) must be the state the status shows.
pub fn refusal_agrees_with_status(named: Option<TaskState>, shown: Option<&str>) -> Findings {
    let mut findings = Findings::default();
    let Some(shown) = shown else {
        findings.0.push(Finding {
            level: Level::ClientSafe,
            path: "status after the 400".to_owned(),
            expected: "a status object that shows the task finished".to_owned(),
            actual: "no status object could be read".to_owned(),
        });
        return findings;
    };
    if !TaskState::from_wire(shown).is_some_and(TaskState::is_finished) {
        findings.0.push(Finding {
            level: Level::ClientSafe,
            path: "status".to_owned(),
            expected: format!(
                "200: the task is not finished (the status read after the 400 shows {shown})"
            ),
            actual: format!("400: refused the cancel of a {shown} task"),
        });
    } else if let Some(named) = named.filter(|named| named.as_str() != shown) {
        findings.0.push(Finding {
            level: Level::Document,
            path: "$.message".to_owned(),
            expected: format!("the state the status shows (state: {shown})"),
            actual: format!("(state: {})", named.as_str()),
        });
    }
    findings
}

/// A 500 to a cancel ("a server error occurred while processing the
/// cancellation request"). The document shows no body for it, so only what
/// a client needs is held: an error body with an `error` it can show.
pub fn server_error(answer: &Answer) -> Findings {
    with_an_error(answer, 500).0
}

/// What a client needs of an error the document shows no body for: status
/// `code`, and a JSON object with an `error` string. Returns the object, when
/// the answer has one, for the checks a caller adds.
fn with_an_error(answer: &Answer, code: u16) -> (Findings, Option<serde_json::Map<String, Value>>) {
    let mut findings = Findings::default();
    if !findings.status(answer, code) {
        return (findings, None);
    }
    let body = findings.object(answer, Level::ClientSafe);
    if let Some(body) = &body {
        findings.field(body, "error", Level::ClientSafe, "a string", is_string);
    }
    (findings, body)
}

/// The 200 of an accepted cancel: `{"task_id", "status": "cancelled",
/// "message"}`. A robust client needs only the status.
pub fn cancel_accepted(answer: &Answer, task_id: &str) -> Findings {
    let mut findings = Findings::default();
    if !findings.status(answer, 200) {
        return findings;
    }
    let Some(body) = findings.object(answer, Level::Document) else {
        return findings;
    };
    findings.equals(&body, "task_id", task_id);
    findings.field(
        &body,
        "status",
        Level::Document,
        "\"cancelled\"",
        |status| status == "cancelled",
    );
    findings.field(&body, "message", Level::Document, "a string", is_string);
    findings
}

/// A status object read with 200: the 11 documented fields, their types
/// and how they agree with the state. Returns the state it names, if any.
pub fn status_object(answer: &Answer, task_id: &str) -> (Findings, Option<String>) {
    let mut findings = Findings::default();
    if !findings.status(answer, 200) {
        return (findings, None);
    }
    let Some(body) = findings.object(answer, Level::ClientSafe) else {
        return (findings, None);
    };
    findings.field(&body, "task_id", Level::ClientSafe, "a string", is_string);
    findings.equals(&body, "task_id", task_id);
    findings.field(&body, "state", Level::ClientSafe, "a string", is_string);
    let state_name = body.get("state").and_then(Value::as_str).map(str::to_owned);
    let state = state_name.as_deref().and_then(TaskState::from_wire);
    if state_name.is_some() && state.is_none() {
        findings.add(
            Level::Document,
            "$.state",
            "PENDING, RUNNING, COMPLETED, FAILED or CANCELLED",
            describe(body.get("state")),
        );
    }
    findings.field(
        &body,
        "progress",
        Level::Document,
        "an integer from 0 to 100",
        |progress| progress.as_u64().is_some_and(|p| p <= 100),
    );
    findings.field(&body, "message", Level::Document, "a string", is_string);
    let timestamp = |value: &Value| {
        value.as_str().is_some_and(|text| {
            humantime::parse_rfc3339_weak(text).is_ok() || iso_with_offset(text)
        })
    };
    findings.field(
        &body,
        "created_at",
        Level::Document,
        "an ISO 8601 time",
        timestamp,
    );
    let Some(state) = state else {
        return (findings, state_name);
    };
    let finished = state.is_finished();
    let either = |set: bool, what: &str| {
        let what = if set { what } else { "null" };
        format!("{what} (state is {})", state.as_str())
    };
    let result_set = state == TaskState::Completed;
    findings.field(
        &body,
        "result",
        Level::Document,
        &either(result_set, "an object or null"),
        |result| result.is_null() || (result_set && result.is_object()),
    );
    let error_set = state == TaskState::Failed;
    findings.field(
        &body,
        "error",
        Level::Document,
        &either(error_set, "a string"),
        |error| {
            if error_set {
                error.is_string()
            } else {
                error.is_null()
            }
        },
    );
    // A task that ran has a start time; one cancelled while PENDING may not.
    let ran = matches!(
        state,
        TaskState::Running | TaskState::Completed | TaskState::Failed
    );
    let started_expected = match state {
        TaskState::Pending => "null (state is PENDING)".to_owned(),
        TaskState::Cancelled => {
            "an ISO 8601 time, or null if cancelled while PENDING (state is CANCELLED)".to_owned()
        }
        _ => format!("an ISO 8601 time (state is {})", state.as_str()),
    };
    findings.field(
        &body,
        "started_at",
        Level::Document,
        &started_expected,
        |at| match state {
            TaskState::Pending => at.is_null(),
            TaskState::Cancelled => at.is_null() || timestamp(at),
            _ if ran => timestamp(at),
            _ => true,
        },
    );
    findings.field(
        &body,
        "completed_at",
        Level::Document,
        &either(finished, "an ISO 8601 time"),
        |at| {
            if finished {
                timestamp(at)
            } else {
                at.is_null()
            }
        },
    );
    findings.field(
        &body,
        "is_finished",
        Level::Document,
        &format!("{finished} (state is {})", state.as_str()),
        |flag| flag.as_bool() == Some(finished),
    );
    let successful = state == TaskState::Completed;
    findings.field(
        &body,
        "is_successful",
        Level::Document,
        &format!("{successful} (state is {})", state.as_str()),
        |flag| flag.as_bool() == Some(successful),
    );
    in_order(&body, &mut findings);
    (findings, state_name)
}

/// `created_at ≤ started_at ≤ completed_at`, for the times that are set and
/// written in UTC (`Z`); a time with an offset is left alone.
fn in_order(body: &serde_json::Map<String, Value>, findings: &mut Findings) {
    let time = |name: &'static str| {
        let text = body.get(name)?.as_str()?;
        Some((name, text, humantime::parse_rfc3339_weak(text).ok()?))
    };
    let times: Vec<_> = ["created_at", "started_at", "completed_at"]
        .into_iter()
        .filter_map(time)
        .collect();
    for pair in times.windows(2) {
        let ((earlier, earlier_text, earlier_at), (later, later_text, later_at)) =
            (pair[0], pair[1]);
        if later_at < earlier_at {
            findings.add(
                Level::Document,
                format!("$.{later}"),
                format!("a time not before {earlier} ({earlier_text})"),
                later_text.to_owned(),
            );
        }
    }
}

/// ISO 8601 with a numeric offset (`+02:00`), which RFC 3339 parsers that
/// want `Z` refuse: the offset is replaced by `Z` and the rest parsed.
fn iso_with_offset(text: &str) -> bool {
    let Some(at) = text.rfind(['+', '-']).filter(|at| *at > 10) else {
        return false;
    };
    let offset = &text[at + 1..];
    offset.len() == 5
        && offset.as_bytes()[2] == b':'
        && offset
            .bytes()
            .enumerate()
            .all(|(n, b)| n == 2 || b.is_ascii_digit())
        && humantime::parse_rfc3339_weak(&format!("{}Z", &text[..at])).is_ok()
}

/// Fields beyond the documented ones, for a note (never a failure).
pub fn undocumented_fields(answer: &Answer) -> Vec<String> {
    const DOCUMENTED: [&str; 11] = [
        "task_id",
        "state",
        "progress",
        "message",
        "result",
        "error",
        "created_at",
        "started_at",
        "completed_at",
        "is_finished",
        "is_successful",
    ];
    match answer.json() {
        Ok(Value::Object(body)) => body
            .keys()
            .filter(|key| !DOCUMENTED.contains(&key.as_str()))
            .cloned()
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_agrees_with_the_status_only_for_the_finished_state_it_names() {
        let completed = Some(TaskState::Completed);
        assert!(
            refusal_agrees_with_status(completed, Some("COMPLETED"))
                .0
                .is_empty()
        );
        assert!(
            refusal_agrees_with_status(None, Some("FAILED"))
                .0
                .is_empty()
        );
        let running = refusal_agrees_with_status(Some(TaskState::Running), Some("RUNNING")).0;
        assert_eq!(running.len(), 1);
        assert_eq!(running[0].level, Level::ClientSafe);
        assert_eq!(
            running[0].actual,
            "400: refused the cancel of a RUNNING task"
        );
        let other = refusal_agrees_with_status(completed, Some("CANCELLED")).0;
        assert_eq!(other.len(), 1);
        assert_eq!(
            (other[0].level, other[0].path.as_str()),
            (Level::Document, "$.message")
        );
        assert_eq!(other[0].actual, "(state: COMPLETED)");
        let unread = refusal_agrees_with_status(completed, None).0;
        assert_eq!(unread[0].path, "status after the 400");
    }
    use warp::http::StatusCode;

    fn answer(status: u16, body: &str) -> Answer {
        Answer {
            status: StatusCode::from_u16(status).unwrap(),
            headers: Default::default(),
            body: body.to_owned().into(),
        }
    }

    fn paths(findings: &Findings) -> Vec<(Level, &str)> {
        findings
            .0
            .iter()
            .map(|f| (f.level, f.path.as_str()))
            .collect()
    }

    #[test]
    fn the_documented_404_passes_and_the_shipping_one_breaks_only_the_document() {
        let documented =
            r#"{"error":"Task not found","message":"No task exists with ID: x","task_id":"x"}"#;
        assert!(not_found(&answer(404, documented), "x").0.is_empty());
        let shipping = r#"{"error":"Task not found","task_id":"x","status":"error"}"#;
        assert_eq!(
            paths(&not_found(&answer(404, shipping), "x")),
            [(Level::Document, "$.message")]
        );
        assert_eq!(
            paths(&not_found(&answer(200, shipping), "x")),
            [(Level::ClientSafe, "status")]
        );
        assert_eq!(
            paths(&not_found(&answer(404, "<html>"), "x")),
            [(Level::ClientSafe, "$")]
        );
    }

    #[test]
    fn a_400_must_name_the_state() {
        let named = r#"{"error":"Cannot cancel task","message":"Task has already finished (state: CANCELLED)","task_id":"x"}"#;
        assert!(
            already_finished(&answer(400, named), "x", "CANCELLED")
                .0
                .is_empty()
        );
        let unnamed =
            r#"{"error":"Cannot cancel task","message":"Task has already finished","task_id":"x"}"#;
        let findings = already_finished(&answer(400, unnamed), "x", "CANCELLED");
        assert_eq!(paths(&findings), [(Level::Document, "$.message")]);
        assert!(findings.0[0].expected.contains("(state: CANCELLED)"));
    }

    #[test]
    fn status_objects_are_checked_field_by_field() {
        let running = r#"{"task_id":"x","state":"RUNNING","progress":40,"message":"m","result":null,"error":null,"created_at":"2026-11-29T04:20:35.152Z","started_at":"2026-11-29T04:20:36+01:00","completed_at":null,"is_finished":false,"is_successful":false}"#;
        let (findings, state) = status_object(&answer(200, running), "x");
        assert!(findings.0.is_empty(), "{:?}", findings.0);
        assert_eq!(state.as_deref(), Some("RUNNING"));

        let wrong = r#"{"task_id":"x","state":"COMPLETED","progress":140,"message":"m","result":{"n":1},"error":null,"created_at":"yesterday","started_at":"2026-11-29T04:20:36Z","completed_at":null,"is_finished":false,"is_successful":true}"#;
        let (findings, _) = status_object(&answer(200, wrong), "x");
        assert_eq!(
            paths(&findings),
            [
                (Level::Document, "$.progress"),
                (Level::Document, "$.created_at"),
                (Level::Document, "$.completed_at"),
                (Level::Document, "$.is_finished"),
            ]
        );
        let (findings, _) = status_object(&answer(200, r#"{"task_id":"x"}"#), "x");
        assert_eq!(findings.0[0].level, Level::ClientSafe);
        assert_eq!(findings.0[0].path, "$.state");
    }

    #[test]
    fn a_task_that_ran_has_a_start_and_its_times_are_in_order() {
        let unstarted = r#"{"task_id":"x","state":"COMPLETED","progress":100,"message":"m","result":null,"error":null,"created_at":"2026-11-29T04:20:35Z","started_at":null,"completed_at":"2026-11-29T04:20:39Z","is_finished":true,"is_successful":true}"#;
        let (findings, _) = status_object(&answer(200, unstarted), "x");
        assert_eq!(paths(&findings), [(Level::Document, "$.started_at")]);
        assert_eq!(
            findings.0[0].expected,
            "an ISO 8601 time (state is COMPLETED)"
        );
        let cancelled_while_pending = unstarted
            .replace("COMPLETED", "CANCELLED")
            .replace(r#""is_successful":true"#, r#""is_successful":false"#);
        let (findings, _) = status_object(&answer(200, &cancelled_while_pending), "x");
        assert!(findings.0.is_empty(), "{:?}", findings.0);

        let backwards = r#"{"task_id":"x","state":"FAILED","progress":100,"message":"m","result":null,"error":"e","created_at":"2026-11-29T04:20:35Z","started_at":"2026-11-29T04:20:30Z","completed_at":"2026-11-29T04:20:31Z","is_finished":true,"is_successful":false}"#;
        let (findings, _) = status_object(&answer(200, backwards), "x");
        assert_eq!(paths(&findings), [(Level::Document, "$.started_at")]);
        assert_eq!(
            findings.0[0].expected,
            "a time not before created_at (2026-11-29T04:20:35Z)"
        );
    }

    #[test]
    fn a_router_404_that_repeats_the_path_does_not_look_like_the_task_api() {
        let spring = r#"{"status":404,"error":"Not Found","path":"/api/api/task/status/x"}"#;
        assert!(!looks_like_task_api(&answer(404, spring)));
        assert!(!looks_like_task_api(&answer(404, "<html>Not found</html>")));
        let shipping = r#"{"error":"Task not found","task_id":"x","status":"error"}"#;
        assert!(looks_like_task_api(&answer(404, shipping)));
        assert!(looks_like_task_api(&answer(
            404,
            r#"{"error":"Task not found"}"#
        )));
    }
}
