//! Code for the same request, in the spirit of the API document's examples.

use task_api::encode_path_segment;

/// The languages of the document's examples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    Curl,
    JavaScript,
    Go,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Curl, Language::JavaScript, Language::Go];

    pub fn label(self) -> &'static str {
        match self {
            Language::Curl => "cURL",
            Language::JavaScript => "JavaScript",
            Language::Go => "Go",
        }
    }
}

/// A program that cancels `task_id` on `api_host` and waits until it is
/// cancelled. Values are quoted for each language, so any id is safe to paste.
pub fn snippet(language: Language, api_host: &str, task_id: &str) -> String {
    let host = api_host.trim_end_matches('/');
    let segment = encode_path_segment(task_id);
    match language {
        Language::Curl => curl(host, &segment),
        Language::JavaScript => javascript(host, &segment),
        Language::Go => go(host, &segment),
    }
}

/// Single-quotes `text` for a POSIX shell.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// A double-quoted string literal valid in both JavaScript and Go.
fn string_literal(text: &str) -> String {
    let mut literal = String::new();
    task_api::write_json_string(&mut literal, text);
    literal
}

fn curl(host: &str, segment: &str) -> String {
    format!(
        r#"API_HOST={host}
TASK_ID={id}   # percent-encoded for the URL path

# Request cancellation
RESPONSE=$(curl -s -w "\n%{{http_code}}" -X POST "$API_HOST/api/task/cancel/$TASK_ID")
HTTP_CODE=$(echo "$RESPONSE" | tail -n 1)
echo "HTTP Status: $HTTP_CODE"
echo "$RESPONSE" | head -n -1 | jq '.'

# Cancellation is not instantaneous: poll until the task is finished
if [ "$HTTP_CODE" = "200" ]; then
  for attempt in $(seq 30); do
    STATE=$(curl -s "$API_HOST/api/task/status/$TASK_ID" | jq -r '.state')
    echo "Current state: $STATE"
    case "$STATE" in
      CANCELLED) echo "Task cancelled successfully"; break ;;
      COMPLETED|FAILED) echo "Task finished before cancellation took effect"; break ;;
    esac
    sleep 1
  done
fi
"#,
        host = shell_quote(host),
        id = shell_quote(segment),
    )
}

fn javascript(host: &str, segment: &str) -> String {
    format!(
        r#"const apiHost = {host};
const taskId = {id}; // percent-encoded for the URL path

const response = await fetch(`${{apiHost}}/api/task/cancel/${{taskId}}`, {{ method: 'POST' }});
const result = await response.json();
console.log(`HTTP ${{response.status}}:`, result.message ?? result.error);

if (response.ok) {{
  // Cancellation is not instantaneous: poll until the task is finished.
  for (let attempt = 1; attempt <= 30; attempt++) {{
    const task = await (await fetch(`${{apiHost}}/api/task/status/${{taskId}}`)).json();
    console.log(`Task state: ${{task.state}}`);
    if (task.state === 'CANCELLED') {{ console.log('Task successfully cancelled'); break; }}
    if (task.is_finished) {{ console.log('Task finished before cancellation took effect'); break; }}
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }}
}}
"#,
        host = string_literal(host),
        id = string_literal(segment),
    )
}

fn go(host: &str, segment: &str) -> String {
    format!(
        r#"package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

const apiHost = {host}
const taskID = {id} // percent-encoded for the URL path

func main() {{
	resp, err := http.Post(apiHost+"/api/task/cancel/"+taskID, "application/json", nil)
	if err != nil {{
		fmt.Println("Error:", err)
		return
	}}
	var result map[string]any
	json.NewDecoder(resp.Body).Decode(&result)
	resp.Body.Close()
	fmt.Println("HTTP Status:", resp.StatusCode, result)
	if resp.StatusCode != http.StatusOK {{
		return
	}}
	// Cancellation is not instantaneous: poll until the task is finished.
	for attempt := 1; attempt <= 30; attempt++ {{
		resp, err := http.Get(apiHost + "/api/task/status/" + taskID)
		if err != nil {{
			fmt.Println("Error:", err)
			return
		}}
		var task struct {{
			State      string `json:"state"`
			IsFinished bool   `json:"is_finished"`
		}}
		json.NewDecoder(resp.Body).Decode(&task)
		resp.Body.Close()
		fmt.Println("Task state:", task.State)
		if task.State == "CANCELLED" {{
			fmt.Println("Task successfully cancelled")
			return
		}}
		if task.IsFinished {{
			fmt.Println("Task finished before cancellation took effect")
			return
		}}
		time.Sleep(1 * time.Second)
	}}
	fmt.Println("Timeout waiting for cancellation")
}}
"#,
        host = string_literal(host),
        id = string_literal(segment),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_name_the_host_and_the_encoded_id() {
        for language in Language::ALL {
            let code = snippet(language, "http://localhost:8080/", "a/b c");
            assert!(code.contains("http://localhost:8080"), "{language:?}");
            assert!(
                !code.contains("8080/\""),
                "trailing slash kept: {language:?}"
            );
            assert!(code.contains("a%2Fb%20c"), "{language:?}");
            assert!(code.contains("/api/task/cancel/"), "{language:?}");
            assert!(code.contains("/api/task/status/"), "{language:?}");
        }
    }

    #[test]
    fn hostile_values_stay_inside_their_quotes() {
        let curl = snippet(Language::Curl, "http://x'; rm -rf ~; '", "t");
        assert!(curl.contains(r"API_HOST='http://x'\''; rm -rf ~; '\'''"));
        let js = snippet(Language::JavaScript, "http://x\";alert(1);x", "t");
        assert!(js.contains(r#"const apiHost = "http://x\";alert(1);x";"#));
    }
}
