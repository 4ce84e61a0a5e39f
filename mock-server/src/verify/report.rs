//! What `verify` found, as a test runner prints it, and as JUnit XML and
//! JSON for CI systems.

use super::coverage::Coverage;
use crate::contract::{Finding, Level};
use crate::outbound::Exchange;
use serde::Serialize;
use std::fmt::Write as _;
use std::time::Duration;

/// How a check ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "outcome", content = "reason")]
pub enum Outcome {
    Ok,
    Fail,
    /// Failed only on findings the `--baseline` file accepts.
    Known,
    /// Not run, and why.
    Skip(String),
}

/// One check of the report.
#[derive(Clone, Debug, Serialize)]
pub struct Check {
    pub name: String,
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The level the check failed at (the strictest finding), if it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_level: Option<Level>,
    #[serde(rename = "elapsed_ms", serialize_with = "millis")]
    pub elapsed: Duration,
    /// The request to repeat by hand, as a `curl` line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Every answer a failed check saw, for `--json`: the evidence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<SeenAnswer>,
}

/// One answer a check saw, as `--json` lists it.
#[derive(Clone, Debug, Serialize)]
pub struct SeenAnswer {
    /// The request, as a `curl` line.
    pub request: String,
    /// `None` when no answer came (`error` says why).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The body as JSON, or as text when it is not JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

fn millis<S: serde::Serializer>(elapsed: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u128(elapsed.as_millis())
}

/// Everything `verify` checked.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub target: String,
    /// Findings at this level or stricter fail a check.
    pub level: Level,
    pub checks: Vec<Check>,
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    /// Failed checks the `--baseline` accepts (not counted in `failed`).
    pub known: usize,
    /// The baseline's findings this run no longer shows, so it can shrink.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub baseline_gone: Vec<String>,
    /// What the run was asked to exercise and could not (a `--cancel-task`
    /// already finished), so a green report does not claim it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_exercised: Vec<String>,
    /// What the run exercised of the document.
    pub coverage: Coverage,
    /// The least coverage, in percent, the run passes with (`--min-coverage`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_coverage: Option<u32>,
    /// The whole run, from the first request to the last.
    #[serde(rename = "elapsed_ms", serialize_with = "millis")]
    pub elapsed: Duration,
}

impl Report {
    pub fn new(target: String, level: Level) -> Report {
        Report {
            target,
            level,
            checks: Vec::new(),
            passed: 0,
            failed: 0,
            skipped: 0,
            known: 0,
            baseline_gone: Vec::new(),
            not_exercised: Vec::new(),
            coverage: Coverage::default(),
            min_coverage: None,
            elapsed: Duration::ZERO,
        }
    }

    /// Adds a check that ran; it fails when a finding is at the report's
    /// level or stricter.
    pub fn ran(
        &mut self,
        name: impl Into<String>,
        elapsed: Duration,
        request: Option<String>,
        findings: Vec<Finding>,
        notes: Vec<String>,
    ) {
        let failed_level = findings
            .iter()
            .map(|finding| finding.level)
            .filter(|level| *level >= self.level)
            .max();
        let outcome = if failed_level.is_some() {
            self.failed += 1;
            Outcome::Fail
        } else {
            self.passed += 1;
            Outcome::Ok
        };
        self.checks.push(Check {
            name: name.into(),
            outcome,
            failed_level,
            elapsed,
            request,
            findings,
            notes,
            answers: Vec::new(),
        });
    }

    /// Keeps `exchanges` as the evidence of the check added last, if it
    /// failed.
    pub fn evidence<'a>(&mut self, exchanges: impl IntoIterator<Item = &'a Exchange>) {
        let Some(check) = self
            .checks
            .last_mut()
            .filter(|c| c.outcome == Outcome::Fail)
        else {
            return;
        };
        check.answers.extend(exchanges.into_iter().map(|exchange| {
            let (status, body, error) = match &exchange.answer {
                Ok(answer) => (
                    Some(answer.status.as_u16()),
                    Some(answer.json().unwrap_or_else(|_| {
                        serde_json::Value::String(
                            String::from_utf8_lossy(&answer.body).into_owned(),
                        )
                    })),
                    None,
                ),
                Err(reason) => (None, None, Some(reason.clone())),
            };
            SeenAnswer {
                request: exchange.curl().to_string(),
                status,
                body,
                error,
            }
        }));
    }

    pub fn skip(&mut self, name: impl Into<String>, reason: impl Into<String>) {
        self.skipped += 1;
        self.checks.push(Check {
            name: name.into(),
            outcome: Outcome::Skip(reason.into()),
            failed_level: None,
            elapsed: Duration::ZERO,
            request: None,
            findings: Vec::new(),
            notes: Vec::new(),
            answers: Vec::new(),
        });
    }

    /// A skip of something the run was asked to do, which the summary names.
    pub fn not_exercised(&mut self, name: impl Into<String>, reason: impl Into<String>) {
        let (name, reason) = (name.into(), reason.into());
        self.not_exercised.push(format!("{name} ({reason})"));
        self.skip(name, format!("not exercised: {reason}"));
    }

    /// No check failed, and the run covered at least `min_coverage`.
    pub fn all_passed(&self) -> bool {
        self.failed == 0 && !self.below_min_coverage()
    }

    fn below_min_coverage(&self) -> bool {
        self.min_coverage
            .is_some_and(|min| self.coverage.percent() < min)
    }

    /// The report as a person reads it: one line per check, the details of
    /// each failure under it, a summary line last.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "verify {} (strictness: {})",
            self.target,
            self.level.name()
        );
        for check in &self.checks {
            let ms = check.elapsed.as_millis();
            match &check.outcome {
                Outcome::Ok => {
                    let _ = writeln!(out, "ok    {} ({ms} ms)", check.name);
                }
                Outcome::Fail => {
                    let level = check.failed_level.map_or("", Level::name);
                    let _ = writeln!(out, "FAIL  {} ({ms} ms) [{level}]", check.name);
                }
                Outcome::Known => {
                    let _ = writeln!(out, "known {} ({ms} ms) [in the baseline]", check.name);
                }
                Outcome::Skip(reason) => {
                    let _ = writeln!(out, "skip  {}: {reason}", check.name);
                }
            }
            if let (Outcome::Fail, Some(request)) = (&check.outcome, &check.request) {
                let _ = writeln!(out, "        {request}");
            }
            for finding in &check.findings {
                let _ = writeln!(out, "        {finding}");
            }
            for note in &check.notes {
                let _ = writeln!(out, "        note: {note}");
            }
        }
        let failures: Vec<&Check> = self
            .checks
            .iter()
            .filter(|check| check.outcome == Outcome::Fail)
            .collect();
        if !failures.is_empty() {
            out.push_str("\nfailures:\n");
            for check in failures {
                let _ = writeln!(out, "    {}", check.name);
                if let Some(request) = &check.request {
                    let _ = writeln!(out, "        {request}");
                }
            }
        }
        for what in &self.not_exercised {
            let _ = writeln!(out, "not exercised: {what}");
        }
        for gone in &self.baseline_gone {
            let _ = writeln!(out, "gone from the baseline (fixed): {gone}");
        }
        let _ = writeln!(out, "{}", self.coverage.line());
        if let Some(min) = self.min_coverage.filter(|_| self.below_min_coverage()) {
            let _ = writeln!(out, "FAIL  coverage below --min-coverage {min}%");
        }
        let known = match self.known {
            0 => String::new(),
            n => format!("{n} known (baseline), "),
        };
        let _ = writeln!(
            out,
            "{} passed, {} failed, {known}{} skipped ({:.1} s)",
            self.passed,
            self.failed,
            self.skipped,
            self.elapsed.as_secs_f64()
        );
        out
    }

    /// The report as JUnit XML (one `testsuite`, one `testcase` per check).
    pub fn junit(&self) -> String {
        let total: f64 = self.checks.iter().map(|c| c.elapsed.as_secs_f64()).sum();
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<testsuites><testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" time=\"{total:.3}\">",
            xml(&format!("verify {}", self.target)),
            self.checks.len() + usize::from(self.min_coverage.is_some()),
            self.failed + usize::from(self.below_min_coverage()),
            self.skipped,
        );
        for check in &self.checks {
            let _ = write!(
                out,
                "  <testcase classname=\"verify\" name=\"{}\" time=\"{:.3}\">",
                xml(&check.name),
                check.elapsed.as_secs_f64()
            );
            let mut output = check.notes.clone();
            match &check.outcome {
                Outcome::Ok => {}
                // Passes the run; what the baseline let through stays readable.
                Outcome::Known => output.extend(
                    check
                        .findings
                        .iter()
                        .map(|finding| format!("known (baseline): {finding}")),
                ),
                Outcome::Skip(reason) => {
                    let _ = write!(out, "<skipped message=\"{}\"/>", xml(reason));
                }
                Outcome::Fail => {
                    let mut details = String::new();
                    if let Some(request) = &check.request {
                        let _ = writeln!(details, "{request}");
                    }
                    for finding in &check.findings {
                        let _ = writeln!(details, "{finding}");
                    }
                    let level = check.failed_level.map_or("", Level::name);
                    let _ = write!(
                        out,
                        "<failure message=\"fails the {level} level\">{}</failure>",
                        xml(&details)
                    );
                }
            }
            if !output.is_empty() {
                let _ = write!(out, "<system-out>{}</system-out>", xml(&output.join("\n")));
            }
            out.push_str("</testcase>\n");
        }
        // `--min-coverage` is a test case of its own, so CI sees it fail.
        if let Some(min) = self.min_coverage {
            let _ = write!(
                out,
                "  <testcase classname=\"verify\" name=\"coverage at least {min}%\" time=\"0.000\">"
            );
            if self.below_min_coverage() {
                let _ = write!(
                    out,
                    "<failure message=\"coverage below {min}%\">{}</failure>",
                    xml(&self.coverage.line())
                );
            }
            out.push_str("</testcase>\n");
        }
        out.push_str("</testsuite></testsuites>\n");
        out
    }
}

/// Escapes text for an XML attribute or element.
fn xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // Control characters other than tab and newlines are not XML.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => escaped.push('\u{fffd}'),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(level: Level) -> Finding {
        Finding {
            level,
            path: "$.message".into(),
            expected: "a string".into(),
            actual: "nothing".into(),
        }
    }

    #[test]
    fn a_document_finding_fails_only_at_the_document_level() {
        for (level, failed) in [(Level::Document, 1), (Level::ClientSafe, 0)] {
            let mut report = Report::new("http://x".into(), level);
            report.ran(
                "c",
                Duration::ZERO,
                None,
                vec![finding(Level::Document)],
                vec![],
            );
            assert_eq!(report.failed, failed, "{level:?}");
        }
        let mut report = Report::new("http://x".into(), Level::ClientSafe);
        report.ran(
            "c",
            Duration::ZERO,
            None,
            vec![finding(Level::ClientSafe)],
            vec![],
        );
        assert_eq!(report.failed, 1);
    }

    #[test]
    fn junit_escapes_and_counts() {
        let mut report = Report::new("http://x".into(), Level::Document);
        report.ran(
            "a <b> & \"c\"",
            Duration::from_millis(5),
            Some("curl 'http://x/a'".into()),
            vec![finding(Level::Document)],
            vec![],
        );
        report.skip("d", "no --task");
        let xml = report.junit();
        assert!(
            xml.contains("tests=\"2\" failures=\"1\" skipped=\"1\""),
            "{xml}"
        );
        assert!(
            xml.contains("name=\"a &lt;b&gt; &amp; &quot;c&quot;\""),
            "{xml}"
        );
        assert!(xml.contains("curl &apos;http://x/a&apos;"), "{xml}");
    }
}
