// The least a page can do to show a task's status: one module that reads
// GET /api/task/status/{id} and writes the status into the page. No checks,
// no polling, no cancel: a reference for scripts/bench-client.mjs, not a client.
const query = new URLSearchParams(location.search);
const response = await fetch(`${query.get('api')}/api/task/status/${encodeURIComponent(query.get('task'))}`);
const badge = document.createElement('span');
badge.className = 'qtc-badge';
badge.textContent = (await response.json()).status;
document.body.append(badge);
