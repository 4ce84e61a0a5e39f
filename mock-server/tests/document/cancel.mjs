// The JavaScript example of the API document, verbatim.
const apiHost = 'http://localhost:8080';
// Cancel a task and verify cancellation
async function cancelTask(taskId) {
try {
// Request cancellation
const response = await fetch(`${apiHost}/api/task/cancel/${taskId}`, {
method: 'POST'
});
const result = await response.json();
if (response.ok) {
console.log('Cancellation requested:', result.message);
// Continue polling to confirm task reaches CANCELLED state
await waitForCancellation(taskId);
} else {
console.error('Cancellation failed:', result.message);
throw new Error(result.message);
}
} catch (error) {
console.error('Error cancelling task:', error);
throw error;
}
}
// Poll task status until it reaches CANCELLED state
async function waitForCancellation(taskId) {
const maxAttempts = 30; // 30 seconds
let attempts = 0;
while (attempts < maxAttempts) {
const statusResponse = await fetch(`${apiHost}/api/task/status/${taskId}`);
const task = await statusResponse.json();
console.log(`Task state: ${task.state}`);
if (task.state === 'CANCELLED') {
console.log('Task successfully cancelled');
return;
}
if (task.is_finished && task.state !== 'CANCELLED') {
console.log('Task finished before cancellation took effect');
return;
}
await new Promise(resolve => setTimeout(resolve, 1000));
attempts++;
}
console.warn('Timeout waiting for cancellation confirmation');
}
// Usage example
const taskId = 'a7f8c9d1-e234-56b7-8901-23c45de67f89';
cancelTask(taskId)
.then(() => console.log('Task cancelled successfully'))
.catch(error => console.error('Failed to cancel task:', error));
