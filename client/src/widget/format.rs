//! Text shown for times and results.

use crate::i18n::{Language, count, text};
use std::fmt::Write;
use task_api::Json;

/// `2026-11-28T20:41:02.592Z` as `2026-11-28 20:41:02 UTC` (the exact
/// instant, in a time's `title`); other text as is.
pub fn timestamp(iso: &str) -> String {
    let Some((date, time)) = iso.split_once('T') else {
        return iso.to_owned();
    };
    let utc = time.ends_with('Z');
    let clock: String = time.chars().take(8).collect();
    if utc && clock.len() == 8 {
        format!("{date} {clock} UTC")
    } else {
        format!("{date} {time}")
    }
}

/// A one-line summary of a task's result, e.g. `messages_archived: 1284, mailbox: archive-2026`.
pub fn result_summary(lang: &Language, result: &Json) -> String {
    const MAX_FIELDS: usize = 4;
    match result {
        Json::Object(fields) if fields.is_empty() => text!(lang, RESULT_EMPTY).to_string(),
        Json::Object(fields) => {
            // Written out rather than `join`ed: the embed's wasm then has no
            // copy of `join` (its size budget is tight).
            let mut summary = String::new();
            for (key, value) in fields.iter().take(MAX_FIELDS) {
                let comma = if summary.is_empty() { "" } else { ", " };
                let _ = write!(summary, "{comma}{key}: {}", scalar(lang, value));
            }
            if fields.len() > MAX_FIELDS {
                let more = count!(lang, RESULT_MORE, fields.len() - MAX_FIELDS);
                let _ = write!(summary, ", {more}");
            }
            summary
        }
        other => scalar(lang, other),
    }
}

/// One JSON value as short text: strings bare, collections counted.
pub fn scalar(lang: &Language, value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        Json::Array(items) => count!(lang, RESULT_ITEMS, items.len()),
        Json::Object(fields) => count!(lang, RESULT_FIELDS, fields.len()),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Language {
        crate::i18n::language("")
    }

    fn json(text: &str) -> Json {
        crate::api::json::parse(text).unwrap()
    }

    #[test]
    fn utc_timestamps_drop_milliseconds() {
        assert_eq!(
            timestamp("2026-11-28T20:41:02.592Z"),
            "2026-11-28 20:41:02 UTC"
        );
        assert_eq!(
            timestamp("2026-11-28T20:41:02+02:00"),
            "2026-11-28 20:41:02+02:00"
        );
        assert_eq!(timestamp("1732800000"), "1732800000");
    }

    #[test]
    fn results_are_summarised() {
        assert_eq!(
            result_summary(
                &en(),
                &json(r#"{"archived": 12, "mailbox": "inbox", "ids": [1, 2]}"#)
            ),
            "archived: 12, mailbox: inbox, ids: [2 items]"
        );
        assert_eq!(
            result_summary(&en(), &json(r#"{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6}"#)),
            "a: 1, b: 2, c: 3, d: 4, and 2 more"
        );
        assert_eq!(result_summary(&en(), &json(r#""done""#)), "done");
    }
}
