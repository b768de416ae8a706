// A scriptable chat-completions server on 127.0.0.1 (ephemeral port) for the real openai and Mistral SDKs to talk to.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUsage {
  prompt: number;
  completion: number;
}

/** What the server does with one request. Any reply may wait delayMs first (a slow model). */
export type FakeReply =
  | { kind: 'content'; content: string; usage?: FakeUsage | null; model?: string; delayMs?: number }
  | { kind: 'error'; status: number; message?: string; headers?: Record<string, string>; delayMs?: number }
  | { kind: 'raw'; status: number; body: string; headers?: Record<string, string>; delayMs?: number }
  /** Never answers; the connection stays open until the client gives up or the server closes. */
  | { kind: 'hang' };

export const reply = {
  content: (content: string, options: { usage?: FakeUsage | null; model?: string; delayMs?: number } = {}): FakeReply => ({
    kind: 'content',
    content,
    ...options,
  }),
  /** 429 with Retry-After (seconds as a number, or any header string such as an HTTP date). */
  rateLimited: (retryAfter?: number | string, extraHeaders: Record<string, string> = {}): FakeReply => ({
    kind: 'error',
    status: 429,
    message: 'Rate limit reached, slow down',
    headers: { ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }), ...extraHeaders },
  }),
  error: (status: number, message = `fake error ${status}`, headers: Record<string, string> = {}): FakeReply => ({
    kind: 'error',
    status,
    message,
    headers,
  }),
  raw: (status: number, body: string, headers: Record<string, string> = {}): FakeReply => ({ kind: 'raw', status, body, headers }),
  hang: (): FakeReply => ({ kind: 'hang' }),
};

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The parsed JSON body (undefined when it was not JSON). */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  rawBody: string;
  /** Which SDK sent it, from its User-Agent. */
  dialect: 'openai' | 'mistral' | 'unknown';
}

export type Responder = (request: RecordedRequest, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeLlmServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + /v1, for the openai SDK's baseURL. */
  baseUrlOpenAI: string;
  /** url, for the Mistral SDK's serverURL (it appends /v1/...). */
  serverUrlMistral: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Replies used first, in order, one per chat-completions request. */
  enqueue(...replies: FakeReply[]): void;
  /** Answers requests once the queue is empty (default: a 500 saying nothing was scripted). */
  setResponder(responder: Responder | null): void;
  close(): Promise<void>;
}

export async function startFakeLlmServer(script: FakeReply[] = []): Promise<FakeLlmServer> {
  const queue: FakeReply[] = [...script];
  const requests: RecordedRequest[] = [];
  let responder: Responder | null = null;
  let completions = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(`fake-llm-server crashed: ${String(error)}`, 500));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const recorded = record(req, rawBody);
    requests.push(recorded);
    if (req.method !== 'POST' || recorded.path !== '/v1/chat/completions') {
      return sendJson(res, 404, errorBody(`fake-llm-server: no route ${req.method} ${recorded.path}`, 404));
    }
    const index = completions++;
    const next = queue.shift() ?? (responder ? await responder(recorded, index) : reply.error(500, 'fake-llm-server: no reply scripted'));
    if (next.kind === 'hang') return; // leave the response open
    if (next.delayMs) await new Promise((r) => setTimeout(r, next.delayMs));
    if (res.destroyed) return;
    if (next.kind === 'error')
      return sendJson(res, next.status, errorBody(next.message ?? `fake error ${next.status}`, next.status), next.headers);
    if (next.kind === 'raw') {
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      return void res.end(next.body);
    }
    sendJson(res, 200, completionBody(recorded, next.content, next.usage, next.model));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrlOpenAI: `${url}/v1`,
    serverUrlMistral: url,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    setResponder: (fn) => void (responder = fn),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function record(req: IncomingMessage, rawBody: string): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : (value ?? '');
  let body: unknown;
  try {
    body = rawBody === '' ? undefined : JSON.parse(rawBody);
  } catch {
    body = undefined;
  }
  const agent = headers['user-agent'] ?? '';
  const dialect = /mistral/i.test(agent) ? 'mistral' : /openai/i.test(agent) ? 'openai' : 'unknown';
  return { method: req.method ?? '', path: (req.url ?? '').split('?')[0], headers, body, rawBody, dialect };
}

/** Both SDKs read this: OpenAI looks at error.message, Mistral at the top-level message. */
function errorBody(message: string, status: number) {
  return {
    object: 'error',
    message,
    type: status === 429 ? 'rate_limit_error' : 'invalid_request_error',
    error: { message, type: status === 429 ? 'rate_limit_error' : 'invalid_request_error', code: null },
  };
}

function completionBody(request: RecordedRequest, content: string, usage: FakeUsage | null | undefined, model?: string) {
  const promptChars = JSON.stringify(request.body?.messages ?? []).length;
  const counted = usage === undefined ? { prompt: Math.ceil(promptChars / 4), completion: Math.ceil(content.length / 4) } : usage;
  return {
    id: `chatcmpl-fake-${Math.random().toString(36).slice(2, 10)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: model ?? request.body?.model ?? 'fake-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    ...(counted === null
      ? {}
      : {
          usage: {
            prompt_tokens: counted.prompt,
            completion_tokens: counted.completion,
            total_tokens: counted.prompt + counted.completion,
          },
        }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
