// Entry point of the audit panel webview: validates every host message, then hands it to the panel.
import './elements';
import { isHostMessage } from '../../src/shared/protocol';
import { Host } from './vscode-api';
import { Panel } from './panel';

const host = new Host();
const panel = new Panel(host);
panel.mount(document.getElementById('app') ?? document.body);

window.addEventListener('message', (event: MessageEvent) => {
  if (isHostMessage(event.data)) panel.receive(event.data);
});

// Messages the host baked into the page (HTML-escaped JSON in a meta tag), replayed before anything arrives.
const bootstrap = document.querySelector('meta[name="herdscope-initial-state"]')?.getAttribute('content');
if (bootstrap) {
  try {
    const messages: unknown = JSON.parse(bootstrap);
    if (Array.isArray(messages)) for (const m of messages) if (isHostMessage(m)) panel.receive(m);
  } catch {
    // A malformed bootstrap is ignored; the host re-sends the run after 'ready'.
  }
}

host.post({ type: 'ready' });
