//! The request journal: what the mock was asked and what it answered.
//!
//! Tests read it to prove a client's behaviour, e.g. that it stopped polling
//! after unmounting or never had two polls in flight.

use crate::engine::clock::{Millis, iso8601};
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
    /// The HTTP status the client got; `null` when it got no answer (the
    /// `drop` and `hang` faults close the connection without one).
    pub status: Option<u16>,
    /// Mock-clock time the answer was made, ISO 8601.
    pub time: String,
    /// The same time in milliseconds since the Unix epoch.
    pub at_ms: Millis,
    /// The injected fault, if one was applied: `status`, `delay`, `drop`, `hang` or `malformed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// For a request forwarded by `--proxy-to`: where the upstream answer
    /// departed from the document (empty when it did not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub violations: Option<Vec<String>>,
    /// For a request forwarded by `--proxy-to`: the request headers passed
    /// on, as `name: value`, with the values of `authorization`,
    /// `proxy-authorization` and `cookie` shown as `[redacted]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forwarded_headers: Option<Vec<String>>,
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
    /// As the request line spelled it, e.g. `GET`.
    pub method: &'a str,
    pub path: &'a str,
    /// `None` when the client got no answer.
    pub status: Option<u16>,
    pub at_ms: Millis,
    pub fault: Option<&'static str>,
    pub origin: Option<&'a str>,
    /// Set for a request forwarded to the upstream server.
    pub violations: Option<&'a [String]>,
    /// The request headers forwarded with it, values already redacted.
    pub forwarded_headers: Option<&'a [String]>,
}

#[derive(Debug)]
pub struct Journal {
    inner: Mutex<Entries>,
}

#[derive(Debug, Default)]
struct Entries {
    /// Oldest first. When full, the oldest entry is reused for the newest,
    /// so recording short texts allocates nothing in the steady state.
    kept: VecDeque<Kept>,
    /// Bytes of the paths and origins in `kept`.
    bytes: usize,
    next_seq: u64,
}

/// An entry as kept: its time is formatted only when the journal is read,
/// so recording stays cheap on the hot path.
#[derive(Debug)]
struct Kept {
    seq: u64,
    method: KeptText<METHOD_INLINE_BYTES>,
    path: KeptText<PATH_INLINE_BYTES>,
    status: Option<u16>,
    at_ms: Millis,
    fault: Option<&'static str>,
    origin: Option<KeptText<ORIGIN_INLINE_BYTES>>,
    /// Only forwarded requests have them, so they cost the others nothing.
    violations: Option<Box<[String]>>,
    forwarded_headers: Option<Box<[String]>>,
}

/// Methods, paths and origins up to these lengths are kept inside the entry.
const METHOD_INLINE_BYTES: usize = 8;
const PATH_INLINE_BYTES: usize = 96;
const ORIGIN_INLINE_BYTES: usize = 48;

/// A method, path or origin as kept. A short one (nearly all of them) lives inside
/// the entry, so recording writes one run of memory instead of touching two
/// cold heap strings per request; that was the journal's whole cost on the
/// hot path. A longer one goes to the heap, cut at
/// [`JOURNAL_MAX_FIELD_BYTES`] on a character boundary and marked with `…`.
#[derive(Debug)]
struct KeptText<const N: usize> {
    len: usize,
    inline: [u8; N],
    spilled: Option<Box<str>>,
}

impl<const N: usize> KeptText<N> {
    fn new(text: &str) -> Self {
        let mut kept = KeptText {
            len: 0,
            inline: [0; N],
            spilled: None,
        };
        kept.set(text);
        kept
    }

    fn set(&mut self, text: &str) {
        if text.len() <= N {
            self.inline[..text.len()].copy_from_slice(text.as_bytes());
            self.spilled = None;
            self.len = text.len();
            return;
        }
        let mut end = text.len().min(JOURNAL_MAX_FIELD_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let cut = end < text.len();
        let mut spilled = String::with_capacity(end + if cut { '…'.len_utf8() } else { 0 });
        spilled.push_str(&text[..end]);
        if cut {
            spilled.push('…');
        }
        self.len = spilled.len();
        self.spilled = Some(spilled.into_boxed_str());
    }

    fn as_str(&self) -> &str {
        match &self.spilled {
            Some(text) => text,
            // Copied from a `&str` whole, so always UTF-8.
            None => std::str::from_utf8(&self.inline[..self.len]).unwrap_or_default(),
        }
    }
}

impl Kept {
    fn bytes(&self) -> usize {
        let violations = self
            .violations
            .iter()
            .chain(self.forwarded_headers.iter())
            .flat_map(|list| list.iter())
            .map(String::len)
            .sum::<usize>();
        self.method.len
            + self.path.len
            + self.origin.as_ref().map_or(0, |origin| origin.len)
            + violations
    }

    fn entry(&self) -> JournalEntry {
        JournalEntry {
            seq: self.seq,
            method: self.method.as_str().to_owned(),
            path: self.path.as_str().to_owned(),
            status: self.status,
            // Filled in by `list` once the lock is released.
            time: String::new(),
            at_ms: self.at_ms,
            fault: self.fault.map(str::to_owned),
            origin: self
                .origin
                .as_ref()
                .map(|origin| origin.as_str().to_owned()),
            violations: self.violations.as_ref().map(|list| list.to_vec()),
            forwarded_headers: self.forwarded_headers.as_ref().map(|list| list.to_vec()),
        }
    }
}

impl Entries {
    /// Overwrites the oldest entry in place and makes it the newest.
    fn reuse_oldest(&mut self, seq: u64, record: &Record<'_>) {
        let Some(entry) = self.kept.front_mut() else {
            return;
        };
        let before = entry.bytes();
        entry.seq = seq;
        entry.method.set(record.method);
        entry.path.set(record.path);
        entry.status = record.status;
        entry.at_ms = record.at_ms;
        entry.fault = record.fault;
        match (&mut entry.origin, record.origin) {
            (Some(kept), Some(origin)) => kept.set(origin),
            (kept, origin) => *kept = origin.map(KeptText::new),
        }
        entry.violations = record.violations.map(Into::into);
        entry.forwarded_headers = record.forwarded_headers.map(Into::into);
        let after = entry.bytes();
        self.bytes = self.bytes - self.bytes.min(before) + after;
        // Full, so the ring only moves its start (see `Journal::new`).
        self.kept.rotate_left(1);
    }
}

impl Default for Journal {
    fn default() -> Self {
        // Exactly the capacity, so a full ring moves only its start.
        let kept = VecDeque::with_capacity(JOURNAL_CAPACITY);
        Journal {
            inner: Mutex::new(Entries {
                kept,
                ..Entries::default()
            }),
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
        if entries.kept.len() >= JOURNAL_CAPACITY {
            entries.reuse_oldest(seq, &record);
        } else {
            let entry = Kept {
                seq,
                method: KeptText::new(record.method),
                path: KeptText::new(record.path),
                status: record.status,
                at_ms: record.at_ms,
                fault: record.fault,
                origin: record.origin.map(KeptText::new),
                violations: record.violations.map(Into::into),
                forwarded_headers: record.forwarded_headers.map(Into::into),
            };
            entries.bytes += entry.bytes();
            entries.kept.push_back(entry);
        }
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
        let mut picked: Vec<JournalEntry> = self
            .entries()
            .kept
            .iter()
            .filter(|e| {
                query
                    .method
                    .as_ref()
                    .is_none_or(|m| e.method.as_str().eq_ignore_ascii_case(m))
            })
            .filter(|e| query.path.as_ref().is_none_or(|p| e.path.as_str() == p))
            .filter(|e| query.since.is_none_or(|since| e.seq > since))
            .map(Kept::entry)
            .collect();
        for entry in &mut picked {
            entry.time = iso8601(entry.at_ms);
        }
        picked
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
        journal.record(Record {
            method,
            path,
            status: Some(200),
            at_ms: 0,
            fault: None,
            origin: None,
            violations: None,
            forwarded_headers: None,
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
        let method = "GET";
        let long = format!("/api/task/status/{}", "é".repeat(40_000));
        for _ in 0..JOURNAL_CAPACITY {
            journal.record(Record {
                method,
                path: &long,
                status: Some(404),
                at_ms: 0,
                fault: None,
                origin: Some(&long),
                violations: None,
                forwarded_headers: None,
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
