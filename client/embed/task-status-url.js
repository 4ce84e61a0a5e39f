// The address of a task's status, written exactly as the Rust client writes
// it (task_api's path segment encoding): the API base with spaces and
// trailing slashes trimmed, then the id as one path segment. The one
// JavaScript definition, shared by the page loader (client/app-loader.js)
// and the embed module; the end-to-end tests hold both to the Rust one on
// the same awkward ids.

/** The status URL of `taskId` under `apiBase`; null for an id that is not well-formed text (a lone surrogate), which has none. */
export function taskStatusUrl(apiBase, taskId) {
  let segment;
  try {
    segment = encodeURIComponent(taskId);
  } catch {
    return null;
  }
  segment = segment.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${apiBase.trim().replace(/\/+$/, '')}/api/task/status/${segment}`;
}
