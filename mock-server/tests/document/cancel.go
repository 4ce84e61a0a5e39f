// The Go example of the API document, verbatim.
package main
import (
"encoding/json"
"fmt"
"io"
"net/http"
"time"
)
const apiHost = "http://localhost:8080"
type CancelResponse struct {
TaskID string `json:"task_id"`
Status string `json:"status"`
Message string `json:"message"`
}
type ErrorResponse struct {
Error string `json:"error"`
Message string `json:"message"`
TaskID string `json:"task_id"`
}
type TaskStatus struct {
TaskID string `json:"task_id"`
State string `json:"state"`
IsFinished bool `json:"is_finished"`
}
func cancelTask(taskID string) error {
// Send cancellation request
url := fmt.Sprintf("%s/api/task/cancel/%s", apiHost, taskID)
resp, err := http.Post(url, "application/json", nil)
if err != nil {
return err
}
defer resp.Body.Close()
body, err := io.ReadAll(resp.Body)
if err != nil {
return err
}
if resp.StatusCode == http.StatusOK {
var result CancelResponse
if err := json.Unmarshal(body, &result); err != nil {
return err
}
fmt.Printf("Cancellation requested: %s\n", result.Message)
// Wait for cancellation to complete
return waitForCancellation(taskID)
} else {
var errResp ErrorResponse
if err := json.Unmarshal(body, &errResp); err != nil {
return err
}
return fmt.Errorf("%s: %s", errResp.Error, errResp.Message)
}
}
func waitForCancellation(taskID string) error {
maxAttempts := 30 // 30 seconds
for i := 0; i < maxAttempts; i++ {
statusURL := fmt.Sprintf("%s/api/task/status/%s", apiHost, taskID)
resp, err := http.Get(statusURL)
if err != nil {
return err
}
body, err := io.ReadAll(resp.Body)
resp.Body.Close()
if err != nil {
return err
}
var task TaskStatus
if err := json.Unmarshal(body, &task); err != nil {
return err
}
fmt.Printf("Task state: %s\n", task.State)
if task.State == "CANCELLED" {
fmt.Println("Task successfully cancelled")
return nil
}
if task.IsFinished && task.State != "CANCELLED" {
fmt.Println("Task finished before cancellation took effect")
return nil
}
time.Sleep(1 * time.Second)
}
return fmt.Errorf("timeout waiting for cancellation")
}
func main() {
taskID := "a7f8c9d1-e234-56b7-8901-23c45de67f89"
if err := cancelTask(taskID); err != nil {
fmt.Printf("Error: %v\n", err)
return
}
fmt.Println("Task cancelled successfully")
}
