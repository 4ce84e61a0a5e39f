//! Injected faults for the task API, in the manner of WireMock's.
//!
//! A rule names a route (`status`, `cancel` or `all`), a kind (an error
//! status, a delay, a dropped connection, a request that is never answered,
//! or a malformed body), and how often
//! it fires: with a `probability`, for a number of `times`, or both.

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// The longest delay a rule may ask for.
pub const MAX_DELAY_MS: u64 = 120_000;
/// The most rules active at once.
pub const MAX_FAULTS: usize = 1_000;

/// The task API route a request went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiRoute {
    Status,
    Cancel,
}

/// Which routes a rule applies to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FaultRoute {
    Status,
    Cancel,
    #[default]
    All,
}

impl FaultRoute {
    fn matches(self, route: ApiRoute) -> bool {
        matches!(
            (self, route),
            (FaultRoute::All, _)
                | (FaultRoute::Status, ApiRoute::Status)
                | (FaultRoute::Cancel, ApiRoute::Cancel)
        )
    }
}

/// What a fault does to the response; listed by `GET /__mock/faults` as
/// `"kind"` and its parameter (`code`, `ms`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FaultKind {
    /// Answers with this status and the documented error body.
    Status { code: ErrorStatus },
    /// Waits this long (wall time), then answers normally.
    Delay { ms: u64 },
    /// Closes the connection without an answer.
    Drop,
    /// Accepts the request and never answers, until the client closes the
    /// connection or the server stops.
    Hang,
    /// Carries out the request, then answers 200 with a body that is not
    /// valid JSON.
    Malformed,
}

/// An HTTP error status a rule answers with (400 to 599), written as its
/// number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ErrorStatus(u16);

impl ErrorStatus {
    /// `code` when it is an HTTP error status, 400 to 599.
    pub fn new(code: u16) -> Option<ErrorStatus> {
        (400..=599).contains(&code).then_some(ErrorStatus(code))
    }

    pub fn as_u16(self) -> u16 {
        self.0
    }
}

impl FaultKind {
    pub fn name(self) -> &'static str {
        match self {
            FaultKind::Status { .. } => "status",
            FaultKind::Delay { .. } => "delay",
            FaultKind::Drop => "drop",
            FaultKind::Hang => "hang",
            FaultKind::Malformed => "malformed",
        }
    }
}

/// The JSON body of `POST /__mock/faults`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    #[serde(default)]
    pub route: FaultRoute,
    pub kind: FaultKindName,
    /// For `status`: the code to answer with (default 500).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<u16>,
    /// For `delay`: how long to wait.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ms: Option<u64>,
    /// Chance that a matching request is hit, 0 to 1 (default 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    /// Hit this many requests, then remove the rule (default: forever).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FaultKindName {
    Status,
    Delay,
    Drop,
    Hang,
    Malformed,
}

/// A rule as stored and listed by `GET /__mock/faults`.
#[derive(Clone, Debug, Serialize)]
pub struct Fault {
    pub id: u64,
    pub route: FaultRoute,
    #[serde(flatten)]
    pub effect: FaultKind,
    pub probability: f64,
    /// Hits left before the rule is removed; absent for a rule that stays.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub times_left: Option<u32>,
    pub hits: u64,
}

/// Why a rule was not added.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AddFaultError {
    #[error(transparent)]
    Invalid(#[from] InvalidFault),
    #[error("at most {limit} fault rules may be active")]
    Full { limit: usize },
}

/// A fault spec that cannot be used, and the field at fault.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{message}")]
pub struct InvalidFault {
    pub field: &'static str,
    pub message: String,
}

fn invalid(field: &'static str, message: impl Into<String>) -> InvalidFault {
    InvalidFault {
        field,
        message: message.into(),
    }
}

impl FaultSpec {
    fn into_fault(self, id: u64) -> Result<Fault, InvalidFault> {
        let not_for = |field: &'static str| {
            invalid(
                field,
                format!("`{field}` does not apply to kind \"{}\"", self.kind_name()),
            )
        };
        let effect = match self.kind {
            FaultKindName::Status => {
                if self.ms.is_some() {
                    return Err(not_for("ms"));
                }
                let code = self.code.unwrap_or(500);
                match ErrorStatus::new(code) {
                    Some(code) => FaultKind::Status { code },
                    None => {
                        return Err(invalid(
                            "code",
                            format!(
                                "code must be an HTTP error status from 400 to 599, not {code}"
                            ),
                        ));
                    }
                }
            }
            FaultKindName::Delay => {
                if self.code.is_some() {
                    return Err(not_for("code"));
                }
                match self.ms {
                    Some(ms) if ms <= MAX_DELAY_MS => FaultKind::Delay { ms },
                    Some(ms) => {
                        return Err(invalid(
                            "ms",
                            format!("ms must be at most {MAX_DELAY_MS}, not {ms}"),
                        ));
                    }
                    None => return Err(invalid("ms", "kind \"delay\" needs `ms`")),
                }
            }
            FaultKindName::Drop | FaultKindName::Hang | FaultKindName::Malformed => {
                if self.code.is_some() {
                    return Err(not_for("code"));
                }
                if self.ms.is_some() {
                    return Err(not_for("ms"));
                }
                match self.kind {
                    FaultKindName::Drop => FaultKind::Drop,
                    FaultKindName::Hang => FaultKind::Hang,
                    _ => FaultKind::Malformed,
                }
            }
        };
        let probability = self.probability.unwrap_or(1.0);
        if !(0.0..=1.0).contains(&probability) {
            return Err(invalid(
                "probability",
                format!("probability must be between 0 and 1, not {probability}"),
            ));
        }
        if self.times == Some(0) {
            return Err(invalid("times", "times must be at least 1"));
        }
        Ok(Fault {
            id,
            route: self.route,
            effect,
            probability,
            times_left: self.times,
            hits: 0,
        })
    }

    fn kind_name(&self) -> &'static str {
        match self.kind {
            FaultKindName::Status => "status",
            FaultKindName::Delay => "delay",
            FaultKindName::Drop => "drop",
            FaultKindName::Hang => "hang",
            FaultKindName::Malformed => "malformed",
        }
    }
}

/// The active fault rules, in the order they were added.
#[derive(Debug, Default)]
pub struct Faults {
    rules: Mutex<Rules>,
    /// How many rules are active, read without the lock: with none (the
    /// usual case) a request never touches the mutex.
    active: AtomicUsize,
}

#[derive(Debug, Default)]
struct Rules {
    active: Vec<Fault>,
    next_id: u64,
}

impl Faults {
    pub fn new() -> Self {
        Faults::default()
    }

    fn rules(&self) -> std::sync::MutexGuard<'_, Rules> {
        self.rules.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds a rule and returns it as listed.
    pub fn add(&self, spec: FaultSpec) -> Result<Fault, AddFaultError> {
        let mut rules = self.rules();
        if rules.active.len() >= MAX_FAULTS {
            return Err(AddFaultError::Full { limit: MAX_FAULTS });
        }
        let fault = spec.into_fault(rules.next_id + 1)?;
        rules.next_id += 1;
        rules.active.push(fault.clone());
        self.active.store(rules.active.len(), Ordering::Release);
        Ok(fault)
    }

    pub fn list(&self) -> Vec<Fault> {
        self.rules().active.clone()
    }

    /// Removes every rule and returns how many there were.
    pub fn clear(&self) -> usize {
        let mut rules = self.rules();
        let count = rules.active.len();
        rules.active.clear();
        self.active.store(0, Ordering::Release);
        count
    }

    /// Removes rule `id`; false if there was none.
    pub fn remove(&self, id: u64) -> bool {
        let mut rules = self.rules();
        let before = rules.active.len();
        rules.active.retain(|fault| fault.id != id);
        self.active.store(rules.active.len(), Ordering::Release);
        rules.active.len() != before
    }

    /// The fault to apply to a request on `route`, if a rule fires.
    pub fn pick(&self, route: ApiRoute) -> Option<FaultKind> {
        if self.active.load(Ordering::Acquire) == 0 {
            return None;
        }
        let mut rules = self.rules();
        let index = rules.active.iter().position(|fault| {
            fault.route.matches(route)
                && (fault.probability >= 1.0 || fastrand::f64() < fault.probability)
        })?;
        let fault = &mut rules.active[index];
        fault.hits += 1;
        let effect = Some(fault.effect);
        if let Some(left) = fault.times_left.as_mut() {
            *left -= 1;
            if *left == 0 {
                rules.active.remove(index);
                self.active.store(rules.active.len(), Ordering::Release);
            }
        }
        effect
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(json: &str) -> FaultSpec {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn times_rule_fires_that_often_then_goes() {
        let faults = Faults::new();
        faults
            .add(spec(
                r#"{"route":"cancel","kind":"status","code":503,"times":2}"#,
            ))
            .unwrap();
        assert_eq!(faults.pick(ApiRoute::Status), None);
        let unavailable = Some(FaultKind::Status {
            code: ErrorStatus(503),
        });
        assert_eq!(faults.pick(ApiRoute::Cancel), unavailable);
        assert_eq!(faults.pick(ApiRoute::Cancel), unavailable);
        assert_eq!(faults.pick(ApiRoute::Cancel), None);
        assert!(faults.list().is_empty());
    }

    #[test]
    fn zero_probability_never_fires_and_one_always_does() {
        let faults = Faults::new();
        faults
            .add(spec(r#"{"kind":"drop","probability":0}"#))
            .unwrap();
        assert_eq!(faults.pick(ApiRoute::Status), None);
        faults
            .add(spec(r#"{"kind":"malformed","probability":1}"#))
            .unwrap();
        assert_eq!(faults.pick(ApiRoute::Status), Some(FaultKind::Malformed));
        assert_eq!(faults.list()[1].hits, 1);
    }

    #[test]
    fn rules_are_capped_and_none_is_lost() {
        let faults = Faults::new();
        for _ in 0..MAX_FAULTS {
            faults
                .add(spec(r#"{"kind":"drop","probability":0}"#))
                .unwrap();
        }
        let over = faults.add(spec(r#"{"kind":"drop"}"#));
        assert_eq!(over.unwrap_err(), AddFaultError::Full { limit: MAX_FAULTS });
        assert_eq!(faults.list().len(), MAX_FAULTS);
        assert!(faults.remove(1));
        assert!(faults.add(spec(r#"{"kind":"drop"}"#)).is_ok());
    }

    #[test]
    fn status_kind_defaults_to_500() {
        let faults = Faults::new();
        let fault = faults.add(spec(r#"{"kind":"status"}"#)).unwrap();
        assert_eq!(
            serde_json::to_value(&fault).unwrap(),
            serde_json::json!({"id":1,"route":"all","kind":"status","code":500,"probability":1.0,"hits":0})
        );
    }

    #[test]
    fn bad_specs_name_their_field() {
        let faults = Faults::new();
        let cases = [
            (r#"{"kind":"status","code":200}"#, "code"),
            (r#"{"kind":"status","code":999}"#, "code"),
            (r#"{"kind":"delay"}"#, "ms"),
            (r#"{"kind":"delay","ms":999999999}"#, "ms"),
            (r#"{"kind":"drop","ms":5}"#, "ms"),
            (r#"{"kind":"hang","code":500}"#, "code"),
            (r#"{"kind":"drop","probability":1.5}"#, "probability"),
            (r#"{"kind":"drop","probability":-0.1}"#, "probability"),
            (r#"{"kind":"malformed","times":0}"#, "times"),
        ];
        for (json, field) in cases {
            match faults.add(spec(json)) {
                Err(AddFaultError::Invalid(error)) => assert_eq!(error.field, field, "{json}"),
                other => panic!("{json}: {other:?}"),
            }
        }
        assert!(faults.list().is_empty());
    }
}
