//! The request journal: what the mock was asked and what it answered.
//!
//! Tests read it to prove a client's behaviour, e.g. that it stopped polling
//! after unmounting or never had two polls in flight.

use crate::clock::{Millis, iso8601};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};

/// How many entries are kept; the oldest are dropped first.
pub const JOURNAL_CAPACITY: usize = 10_000;
/// How many bytes of paths and origins are kept at most; past it the oldest
/// entries are dropped first.
pub const JOURNAL_MAX_BYTES: usize = 4 * 1024 * 1024;
/// A path or origin longer than this is kept cut off, ending in `…`.
pub const JOURNAL_MAX_FIELD_BYTES: usize = 1_024;

/// One request, as `GET /__mock/requests` lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// Increases by one per request, never reused (also across clears).
    pub seq: u64,
    pub method: String,
    /// The path as sent, still percent-encoded.
    pub path: String,
    pub status: u16,
    /// Mock-clock time the answer was made, ISO 8601.
    pub time: String,
    /// The same time in milliseconds since the Unix epoch.
    pub at_ms: Millis,
    /// The injected fault, if one was applied: `status`, `delay`, `drop`, `hang` or `malformed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// Which entries `GET /__mock/requests` returns.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalQuery {
    /// Only this method, e.g. `GET`.
    pub method: Option<String>,
    /// Only this exact path, e.g. `/api/task/status/abc`.
    pub path: Option<String>,
    /// Only entries with a larger `seq`.
    pub since: Option<u64>,
}

/// A request about to be recorded.
pub struct Record<'a> {
    pub method: &'a warp::http::Method,
    pub path: &'a str,
    pub status: u16,
    pub at_ms: Millis,
    pub fault: Option<&'static str>,
    pub origin: Option<&'a str>,
}

#[derive(Debug, Default)]
pub struct Journal {
    inner: Mutex<Entries>,
}

#[derive(Debug, Default)]
struct Entries {
    /// Oldest first. When full, the oldest slot is reused for the newest
    /// entry, strings and all, so recording allocates nothing in the steady
    /// state.
    kept: VecDeque<Kept>,
    /// Bytes held by the paths and origins in `kept` (their capacity).
    bytes: usize,
    next_seq: u64,
}

/// An entry as kept: its time is formatted only when the journal is read,
/// so recording stays cheap on the hot path.
#[derive(Debug)]
struct Kept {
    seq: u64,
    method: warp::http::Method,
    path: String,
    status: u16,
    at_ms: Millis,
    fault: Option<&'static str>,
    /// Empty when the request had no `Origin`.
    origin: String,
    has_origin: bool,
}

/// Sets `target` to `text`, cut at [`JOURNAL_MAX_FIELD_BYTES`] on a
/// character boundary and marked with `…`, reusing `target`'s memory.
fn set_bounded(target: &mut String, text: &str) {
    target.clear();
    if text.len() <= JOURNAL_MAX_FIELD_BYTES {
        target.push_str(text);
        return;
    }
    let mut end = JOURNAL_MAX_FIELD_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    target.push_str(&text[..end]);
    target.push('…');
}

impl Kept {
    fn empty() -> Kept {
        Kept {
            seq: 0,
            method: warp::http::Method::GET,
            path: String::new(),
            status: 0,
            at_ms: 0,
            fault: None,
            origin: String::new(),
            has_origin: false,
        }
    }

    fn bytes(&self) -> usize {
        self.path.capacity() + self.origin.capacity()
    }

    fn entry(&self) -> JournalEntry {
        JournalEntry {
            seq: self.seq,
            method: self.method.as_str().to_owned(),
            path: self.path.clone(),
            status: self.status,
            time: iso8601(self.at_ms),
            at_ms: self.at_ms,
            fault: self.fault.map(str::to_owned),
            origin: self.has_origin.then(|| self.origin.clone()),
        }
    }

    /// A copy for reading, made under the lock without formatting.
    fn snapshot(&self) -> Kept {
        Kept {
            seq: self.seq,
            method: self.method.clone(),
            path: self.path.clone(),
            status: self.status,
            at_ms: self.at_ms,
            fault: self.fault,
            origin: self.origin.clone(),
            has_origin: self.has_origin,
        }
    }
}

impl Journal {
    pub fn new() -> Self {
        Journal::default()
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn record(&self, record: Record<'_>) {
        let mut entries = self.entries();
        entries.next_seq += 1;
        let seq = entries.next_seq;
        let reused = if entries.kept.len() >= JOURNAL_CAPACITY {
            entries.kept.pop_front()
        } else {
            None
        };
        let mut entry = reused.unwrap_or_else(Kept::empty);
        entries.bytes -= entries.bytes.min(entry.bytes());
        entry.seq = seq;
        entry.method.clone_from(record.method);
        set_bounded(&mut entry.path, record.path);
        entry.status = record.status;
        entry.at_ms = record.at_ms;
        entry.fault = record.fault;
        entry.has_origin = record.origin.is_some();
        set_bounded(&mut entry.origin, record.origin.unwrap_or_default());
        entries.bytes += entry.bytes();
        entries.kept.push_back(entry);
        while entries.bytes > JOURNAL_MAX_BYTES && entries.kept.len() > 1 {
            if let Some(oldest) = entries.kept.pop_front() {
                entries.bytes -= entries.bytes.min(oldest.bytes());
            }
        }
    }

    /// The entries that match `query`, oldest first. The lock that every
    /// request's recording needs is held only to copy the matching entries;
    /// they are formatted after it is released.
    pub fn list(&self, query: &JournalQuery) -> Vec<JournalEntry> {
        let picked: Vec<Kept> = self
            .entries()
            .kept
            .iter()
            .filter(|e| {
                query
                    .method
                    .as_ref()
                    .is_none_or(|m| e.method.as_str().eq_ignore_ascii_case(m))
            })
            .filter(|e| query.path.as_ref().is_none_or(|p| &e.path == p))
            .filter(|e| query.since.is_none_or(|since| e.seq > since))
            .map(Kept::snapshot)
            .collect();
        picked.iter().map(Kept::entry).collect()
    }

    /// Forgets every entry and returns how many there were.
    pub fn clear(&self) -> usize {
        let mut entries = self.entries();
        let count = entries.kept.len();
        entries.kept.clear();
        entries.bytes = 0;
        count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(journal: &Journal, method: &str, path: &str) {
        let method: warp::http::Method = method.parse().unwrap();
        journal.record(Record {
            method: &method,
            path,
            status: 200,
            at_ms: 0,
            fault: None,
            origin: None,
        });
    }

    #[test]
    fn query_filters_by_method_path_and_seq() {
        let journal = Journal::new();
        record(&journal, "GET", "/a");
        record(&journal, "POST", "/a");
        record(&journal, "GET", "/b");
        let get_a = JournalQuery {
            method: Some("get".into()),
            path: Some("/a".into()),
            since: None,
        };
        assert_eq!(journal.list(&get_a).len(), 1);
        let after_first = JournalQuery {
            since: Some(1),
            ..JournalQuery::default()
        };
        assert_eq!(journal.list(&after_first).len(), 2);
    }

    #[test]
    fn oldest_entries_go_first_past_capacity() {
        let journal = Journal::new();
        for _ in 0..JOURNAL_CAPACITY + 5 {
            record(&journal, "GET", "/x");
        }
        let all = journal.list(&JournalQuery::default());
        assert_eq!(all.len(), JOURNAL_CAPACITY);
        assert_eq!(all[0].seq, 6);
    }

    #[test]
    fn long_paths_and_origins_are_cut_and_the_bytes_are_bounded() {
        let journal = Journal::new();
        let method = warp::http::Method::GET;
        let long = format!("/api/task/status/{}", "é".repeat(40_000));
        for _ in 0..JOURNAL_CAPACITY {
            journal.record(Record {
                method: &method,
                path: &long,
                status: 404,
                at_ms: 0,
                fault: None,
                origin: Some(&long),
            });
        }
        let all = journal.list(&JournalQuery::default());
        let first = &all[0];
        assert!(first.path.len() <= JOURNAL_MAX_FIELD_BYTES + '…'.len_utf8());
        assert!(first.path.ends_with('…') && first.path.starts_with("/api/task/status/é"));
        let kept: usize = all
            .iter()
            .map(|e| e.path.len() + e.origin.as_ref().map_or(0, String::len))
            .sum();
        assert!(kept <= JOURNAL_MAX_BYTES, "{kept} bytes kept");
        assert!(
            all.len() < JOURNAL_CAPACITY,
            "the byte bound dropped the oldest"
        );
        assert_eq!(all.last().map(|e| e.seq), Some(JOURNAL_CAPACITY as u64));
    }

    #[test]
    fn seq_keeps_counting_across_clears() {
        let journal = Journal::new();
        record(&journal, "GET", "/x");
        assert_eq!(journal.clear(), 1);
        record(&journal, "GET", "/x");
        assert_eq!(journal.list(&JournalQuery::default())[0].seq, 2);
    }
}
