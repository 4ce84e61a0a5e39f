//! One raw request and everything about its answer, for showing as is.

use gloo_net::http::Request;

/// A request that got an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    pub method: &'static str,
    pub url: String,
    pub status: u16,
    pub body: String,
    pub elapsed_ms: u32,
}

/// A request that got no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendError {
    pub method: &'static str,
    pub url: String,
    pub detail: String,
    pub elapsed_ms: u32,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Sends `method url` with no body and returns the answer unparsed.
pub async fn send(method: &'static str, url: String) -> Result<Exchange, SendError> {
    let started = now_ms();
    let elapsed = move || (now_ms() - started).max(0.0) as u32;
    let request = match method {
        "POST" => Request::post(&url),
        _ => Request::get(&url),
    };
    let response = match request.send().await {
        Ok(response) => response,
        Err(error) => {
            return Err(SendError {
                method,
                url,
                detail: error.to_string(),
                elapsed_ms: elapsed(),
            });
        }
    };
    let status = response.status();
    let body = match response.text().await {
        Ok(body) => body,
        Err(error) => {
            return Err(SendError {
                method,
                url,
                detail: format!("the answer (HTTP {status}) was cut off: {error}"),
                elapsed_ms: elapsed(),
            });
        }
    };
    Ok(Exchange {
        method,
        url,
        status,
        body,
        elapsed_ms: elapsed(),
    })
}
