//! Filters that read a request the same way for every route: the method, a
//! task id from the path, a size-limited JSON body.

use crate::http::errors::ApiError;
use bytes::{Buf, BufMut, BytesMut};
use futures_util::{Stream, StreamExt};
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::convert::Infallible;
use std::str::FromStr;
use warp::http::{HeaderMap, Method, header};
use warp::{Filter, Rejection};

/// The largest request body the control API reads.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Passes requests made with `expected`; others get a 405 listing `allow`.
pub fn method(
    expected: Method,
    allow: &'static str,
) -> impl Filter<Extract = (), Error = Rejection> + Clone {
    warp::method()
        .and_then(move |method: Method| {
            let outcome = if method == expected {
                Ok(())
            } else {
                Err(warp::reject::custom(ApiError::MethodNotAllowed {
                    method: method.to_string(),
                    allow,
                }))
            };
            std::future::ready(outcome)
        })
        .untuple_one()
}

/// A path segment exactly as sent, still percent-encoded.
#[derive(Clone, Debug)]
pub struct RawSegment(String);

impl FromStr for RawSegment {
    type Err = Infallible;

    fn from_str(segment: &str) -> Result<Self, Self::Err> {
        Ok(RawSegment(segment.to_owned()))
    }
}

impl RawSegment {
    /// A segment taken from a path by hand, as sent.
    pub fn from_raw(segment: &str) -> Self {
        RawSegment(segment.to_owned())
    }

    /// The segment as sent.
    pub fn raw(&self) -> &str {
        &self.0
    }

    /// The segment percent-decoded, e.g. `a%2Fb` as `a/b`. An id that is not
    /// UTF-8 once decoded names no task (ids are text), so it is not found.
    pub fn decode(&self) -> Result<String, ApiError> {
        self.decoded().map(Cow::into_owned)
    }

    /// As [`RawSegment::decode`], borrowing when nothing was escaped.
    pub fn decoded(&self) -> Result<Cow<'_, str>, ApiError> {
        percent_encoding::percent_decode_str(&self.0)
            .decode_utf8()
            .map_err(|_| ApiError::TaskNotFound(self.lossy()))
    }
}

impl RawSegment {
    /// The segment decoded with each byte that is not UTF-8 shown as U+FFFD:
    /// the id an answer names when the id is not text.
    pub fn lossy(&self) -> String {
        percent_encoding::percent_decode_str(&self.0)
            .decode_utf8_lossy()
            .into_owned()
    }
}

/// Reads a JSON body of at most [`BODY_LIMIT`] bytes into `T`; an empty
/// body reads as `{}`. The error, if any, goes to the handler rather than
/// becoming a rejection, so it cannot be mistaken for a route that did not match.
pub fn json_body<T>() -> impl Filter<Extract = (Result<T, ApiError>,), Error = Rejection> + Clone
where
    T: DeserializeOwned + Send + 'static,
{
    warp::header::headers_cloned()
        .and(warp::body::stream())
        .then(|headers: HeaderMap, body| async move {
            require_json(&headers)?;
            let bytes = read_limited(&headers, body).await?;
            parse_json(&bytes)
        })
}

fn require_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
    if is_json {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType)
    }
}

async fn read_limited<S, B>(headers: &HeaderMap, body: S) -> Result<BytesMut, ApiError>
where
    S: Stream<Item = Result<B, warp::Error>>,
    B: Buf,
{
    let too_large = || ApiError::PayloadTooLarge { limit: BODY_LIMIT };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > BODY_LIMIT as u64) {
        return Err(too_large());
    }
    let mut bytes = BytesMut::new();
    let mut body = std::pin::pin!(body);
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|error| {
            ApiError::InvalidJson(format!("the body could not be read ({error})"))
        })?;
        if bytes.len() + chunk.remaining() > BODY_LIMIT {
            return Err(too_large());
        }
        bytes.put(chunk);
    }
    Ok(bytes)
}

/// Reads the query string into `T`. Like [`json_body`], a bad query goes to
/// the handler as an error instead of becoming a rejection that another
/// route's "method not allowed" could outrank.
pub fn query<T>() -> impl Filter<Extract = (Result<T, ApiError>,), Error = Infallible> + Clone
where
    T: DeserializeOwned + Send + 'static,
{
    warp::query::raw()
        .or(warp::any().map(String::new))
        .unify()
        .map(|raw: String| {
            serde_urlencoded::from_str::<T>(&raw)
                .map_err(|error| ApiError::InvalidQuery(error.to_string()))
        })
}

/// Parses `bytes` as `T`, naming the field at fault in the error.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let text = if bytes.iter().all(u8::is_ascii_whitespace) {
        &b"{}"[..]
    } else {
        bytes
    };
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.classify() != serde_json::error::Category::Data {
            return ApiError::InvalidJson(inner.to_string());
        }
        let message = inner.to_string();
        let field = if path == "." {
            unknown_field_name(&message).unwrap_or("body").to_owned()
        } else {
            path
        };
        ApiError::invalid_field(field, message)
    })?;
    deserializer
        .end()
        .map_err(|error| ApiError::InvalidJson(error.to_string()))?;
    Ok(value)
}

/// `unknown field `foo`, expected ...` names `foo`.
fn unknown_field_name(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        #[allow(dead_code)]
        ms: Option<u64>,
    }

    fn field_of(json: &str) -> Option<String> {
        match parse_json::<Sample>(json.as_bytes()) {
            Err(ApiError::InvalidField { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn bad_values_and_unknown_fields_name_the_field() {
        assert_eq!(field_of(r#"{"ms": -1}"#).as_deref(), Some("ms"));
        assert_eq!(field_of(r#"{"ms": "soon"}"#).as_deref(), Some("ms"));
        assert_eq!(field_of(r#"{"msx": 1}"#).as_deref(), Some("msx"));
    }

    #[test]
    fn empty_body_reads_as_an_empty_object() {
        assert!(parse_json::<Sample>(b"  ").is_ok());
    }

    #[test]
    fn broken_json_and_trailing_text_are_invalid_json() {
        assert!(matches!(
            parse_json::<Sample>(b"{\"ms\": "),
            Err(ApiError::InvalidJson(_))
        ));
        assert!(matches!(
            parse_json::<Sample>(b"{} {}"),
            Err(ApiError::InvalidJson(_))
        ));
    }

    #[test]
    fn task_ids_are_percent_decoded() {
        let segment: RawSegment = "a%2Fb%20c".parse().unwrap();
        assert_eq!(segment.decode().unwrap(), "a/b c");
        let bad: RawSegment = "%FF".parse().unwrap();
        assert!(matches!(bad.decode(), Err(ApiError::TaskNotFound(_))));
    }
}
