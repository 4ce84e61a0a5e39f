//! Known deviations, for a CI that lives with them: `--write-baseline FILE`
//! records the findings of a run; `--baseline FILE` lets a later run pass on
//! exactly those, fails it on anything new or stricter, and says which of
//! them are gone, so the file can shrink.
//!
//! A finding is known by its check's name, its JSON path and its level; what
//! it expected and got is left out, since it may carry a run's own ids.

use super::report::{Outcome, Report};
use crate::contract::Level;
use serde::{Deserialize, Serialize};

/// The findings of one run, as a baseline file holds them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The format's version; 1.
    pub version: u32,
    pub findings: Vec<KnownFinding>,
}

/// One finding a baseline accepts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownFinding {
    pub check: String,
    pub path: String,
    pub level: Level,
}

/// Why a baseline file cannot be used (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum BadBaseline {
    #[error("could not read the baseline {path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{path} is not a baseline file: {reason}")]
    NotABaseline { path: String, reason: String },
    #[error("{path} is a baseline of version {version}; this verify reads version 1")]
    Version { path: String, version: u32 },
}

impl Baseline {
    /// Every finding of `report`, at any level.
    pub fn of(report: &Report) -> Baseline {
        let mut findings: Vec<KnownFinding> = report
            .checks
            .iter()
            .flat_map(|check| {
                check.findings.iter().map(|finding| KnownFinding {
                    check: check.name.clone(),
                    path: finding.path.clone(),
                    level: finding.level,
                })
            })
            .collect();
        findings.sort();
        findings.dedup();
        Baseline {
            version: 1,
            findings,
        }
    }

    pub fn read(path: &str) -> Result<Baseline, BadBaseline> {
        let text = std::fs::read_to_string(path).map_err(|error| BadBaseline::Unreadable {
            path: path.to_owned(),
            reason: error.to_string(),
        })?;
        let baseline: Baseline =
            serde_json::from_str(&text).map_err(|error| BadBaseline::NotABaseline {
                path: path.to_owned(),
                reason: error.to_string(),
            })?;
        if baseline.version != 1 {
            return Err(BadBaseline::Version {
                path: path.to_owned(),
                version: baseline.version,
            });
        }
        Ok(baseline)
    }

    /// Whether the baseline accepts a finding of `check` at `path` and
    /// `level`: the same one, at the same level or a stricter one.
    fn accepts(&self, check: &str, path: &str, level: Level) -> bool {
        self.findings
            .iter()
            .any(|known| known.check == check && known.path == path && known.level >= level)
    }

    /// Marks each failed check of `report` whose failing findings the
    /// baseline all accepts as known, and lists in the report the baseline's
    /// findings the run no longer shows.
    pub fn apply(&self, report: &mut Report) {
        let level = report.level;
        let mut known = 0;
        for check in &mut report.checks {
            if check.outcome != Outcome::Fail {
                continue;
            }
            let all_known = check
                .findings
                .iter()
                .filter(|finding| finding.level >= level)
                .all(|finding| self.accepts(&check.name, &finding.path, finding.level));
            if all_known {
                check.outcome = Outcome::Known;
                known += 1;
            }
        }
        report.failed -= known;
        report.known += known;
        report.baseline_gone = self
            .findings
            .iter()
            .filter(|known| {
                // Gone only from a check that ran: a skipped one proves nothing.
                report.checks.iter().any(|check| {
                    check.name == known.check && !matches!(check.outcome, Outcome::Skip(_))
                }) && !report.checks.iter().any(|check| {
                    check.name == known.check
                        && check
                            .findings
                            .iter()
                            .any(|finding| finding.path == known.path)
                })
            })
            .map(|known| format!("{}: {} [{}]", known.check, known.path, known.level.name()))
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Finding;
    use std::time::Duration;

    fn finding(path: &str, level: Level) -> Finding {
        Finding {
            level,
            path: path.to_owned(),
            expected: "x".to_owned(),
            actual: "y".to_owned(),
        }
    }

    fn report(findings: Vec<Finding>) -> Report {
        let mut report = Report::new("http://x".to_owned(), Level::Document);
        report.ran("c", Duration::ZERO, None, findings, vec![]);
        report
    }

    #[test]
    fn a_baseline_accepts_exactly_what_it_recorded() {
        let today = report(vec![finding("$.message", Level::Document)]);
        let baseline = Baseline::of(&today);

        let mut same = report(vec![finding("$.message", Level::Document)]);
        baseline.apply(&mut same);
        assert_eq!((same.failed, same.known), (0, 1));
        assert!(same.all_passed());

        let mut new = report(vec![
            finding("$.message", Level::Document),
            finding("$.task_id", Level::Document),
        ]);
        baseline.apply(&mut new);
        assert_eq!((new.failed, new.known), (1, 0), "a new finding fails");

        let mut worse = report(vec![finding("$.message", Level::ClientSafe)]);
        baseline.apply(&mut worse);
        assert_eq!(worse.failed, 1, "a stricter level fails");

        let mut fixed = report(vec![]);
        baseline.apply(&mut fixed);
        assert_eq!(fixed.baseline_gone, ["c: $.message [document]"]);

        // A check skipped this time proves nothing fixed.
        let mut skipped = Report::new("http://x".into(), Level::Document);
        skipped.skip("c", "no --task given");
        baseline.apply(&mut skipped);
        assert!(skipped.baseline_gone.is_empty());
    }

    #[test]
    fn a_baseline_round_trips_and_refuses_other_versions() {
        let baseline = Baseline::of(&report(vec![finding("$.message", Level::Document)]));
        let text = serde_json::to_string(&baseline).expect("serializes");
        assert_eq!(
            text,
            r#"{"version":1,"findings":[{"check":"c","path":"$.message","level":"document"}]}"#
        );
        let path = std::env::temp_dir().join(format!("baseline-{}.json", std::process::id()));
        std::fs::write(&path, text.replace("\"version\":1", "\"version\":2")).expect("writes");
        let error = Baseline::read(&path.display().to_string()).expect_err("version 2");
        assert!(
            error.to_string().ends_with("this verify reads version 1"),
            "{error}"
        );
        let _ = std::fs::remove_file(path);
    }
}
