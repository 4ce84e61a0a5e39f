// The widget on a host page whose Content-Security-Policy allows no inline
// script or style (client/e2e/embed.test.mjs serves the page with the policy
// as a header): ?api=<mock URL>&task=<id>.
import init, { mount } from '../dist/widget/qmail-task-widget.js';

const params = new URLSearchParams(location.search);
await init();
window.widget = mount(document.getElementById('task'), {
  taskId: params.get('task') ?? 'a7f8c9d1-e234-56b7-8901-23c45de67f89',
  apiBase: params.get('api') ?? 'http://localhost:8080',
  pollIntervalMs: 50,
  confirm: false,
});
