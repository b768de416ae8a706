// A loopback OpenAI-compatible server with a fixed latency, run as its own process (as a real model server is), so its
// CPU does not share the measured client's event loop. Prints its base URL on stdout; exits when stdin closes.
import { reply, startFakeLlmServer } from '../test/support/fake-llm-server';

async function main(): Promise<void> {
  const latencyMs = Number(process.argv[2] ?? 50);
  const answer = JSON.stringify({ is_hateful: false, targets_group: false, dehumanizing: false, calls_for_harm: false, intensity: 0 });
  const server = await startFakeLlmServer();
  server.setResponder(() => {
    server.requests.length = 0; // nothing here reads them; keep the server's memory flat
    return reply.content(answer, { delayMs: latencyMs, usage: { prompt: 50, completion: 12 } });
  });
  process.stdout.write(`${server.baseUrlOpenAI}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
}

void main();
