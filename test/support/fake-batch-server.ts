// A scriptable batch API server on 127.0.0.1 (ephemeral port): OpenAI Files + Batches and Mistral files + batch jobs,
// for the real openai and Mistral SDKs. Both share the files endpoints (/v1/files, /v1/files/{id}/content).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeUsage } from './fake-llm-server';

/** What happens to one request line of a batch. */
export type BatchLineReply =
  | { kind: 'content'; content: string; usage?: FakeUsage }
  /** An HTTP error inside the output file's line (response.status_code ≠ 200). */
  | { kind: 'line-error'; status: number; message: string }
  /** An entry in the batch's error file (response null, error {code, message}). */
  | { kind: 'error-file'; code: string; message: string }
  /** Never processed (the batch expires or is cancelled before this line). */
  | { kind: 'never' };

export const batchReply = {
  content: (content: string, usage?: FakeUsage): BatchLineReply => ({ kind: 'content', content, usage }),
  lineError: (status: number, message = `fake line error ${status}`): BatchLineReply => ({ kind: 'line-error', status, message }),
  errorFile: (code = 'server_error', message = 'fake error-file entry'): BatchLineReply => ({ kind: 'error-file', code, message }),
  never: (): BatchLineReply => ({ kind: 'never' }),
};

export interface BatchInputLine {
  custom_id: string;
  /** OpenAI lines carry method and url; Mistral lines only custom_id and body. */
  method?: string;
  url?: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface LineContext {
  batchId: string;
  dialect: 'openai' | 'mistral';
  /** How many batches (this one included) have contained this custom_id so far. */
  submission: number;
}

export interface BatchScript {
  /** Answers one line (default: a 500 line error saying nothing was scripted). */
  answer?: (line: BatchInputLine, context: LineContext) => BatchLineReply;
  /** Lines finished per status poll (default: all on the first poll). */
  linesPerPoll?: number;
  /** The batch expires at this poll (1-based), keeping whatever was finished (OpenAI `expired`, Mistral `TIMEOUT_EXCEEDED`). */
  expireAtPoll?: number | ((batchId: string, index: number) => number | undefined);
  /** Output and error files list lines in a shuffled order (deterministic per batch). */
  shuffle?: boolean;
  /** Status polls answered with HTTP 503 (the provider's API is down) before any poll succeeds. */
  failPolls?: number;
}

export interface FakeBatch {
  id: string;
  dialect: 'openai' | 'mistral';
  inputFileIds: string[];
  model: string | null;
  lines: BatchInputLine[];
  status: 'queued' | 'running' | 'done' | 'expired' | 'cancelling' | 'cancelled';
  polls: number;
  /** Lines processed so far, in input order. */
  processed: number;
  results: Map<string, BatchLineReply>;
  outputFileId: string | null;
  errorFileId: string | null;
  /** Order of creation among all batches (0-based). */
  index: number;
}

export interface BatchRequestLog {
  method: string;
  path: string;
  dialect: 'openai' | 'mistral' | 'unknown';
  headers: Record<string, string>;
}

export interface FakeBatchServer {
  url: string;
  /** For the openai SDK's baseURL. */
  baseUrlOpenAI: string;
  /** For the Mistral SDK's serverURL. */
  serverUrlMistral: string;
  requests: BatchRequestLog[];
  batches: FakeBatch[];
  /** Uploaded files by id (content as text). */
  files: Map<string, { filename: string; purpose: string; content: string }>;
  script: BatchScript;
  close(): Promise<void>;
}

export async function startFakeBatchServer(script: BatchScript = {}): Promise<FakeBatchServer> {
  const requests: BatchRequestLog[] = [];
  const batches: FakeBatch[] = [];
  const files = new Map<string, { filename: string; purpose: string; content: string }>();
  const submissions = new Map<string, number>();
  const state = { script };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(`fake-batch-server crashed: ${String(error)}`));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '').split('?')[0];
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : (value ?? '');
    const agent = headers['user-agent'] ?? '';
    const dialect = /mistral/i.test(agent) ? 'mistral' : /openai/i.test(agent) ? 'openai' : 'unknown';
    requests.push({ method: req.method ?? '', path, dialect, headers });
    const method = req.method ?? '';
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/files') return upload(req, raw, headers, res);
    if (method === 'GET' && (m = /^\/v1\/files\/([^/]+)\/content$/.exec(path))) {
      const file = files.get(decodeURIComponent(m[1]));
      if (!file) return sendJson(res, 404, errorBody(`no file ${m[1]}`));
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end(file.content);
    }
    if (method === 'POST' && path === '/v1/batches') return createBatch(res, 'openai', JSON.parse(raw.toString('utf8')));
    if (method === 'POST' && path === '/v1/batch/jobs') return createBatch(res, 'mistral', JSON.parse(raw.toString('utf8')));
    if (method === 'GET' && (path === '/v1/batches' || path === '/v1/batch/jobs')) {
      const dialect = path === '/v1/batches' ? 'openai' : 'mistral';
      const data = batches
        .filter((b) => b.dialect === dialect)
        .reverse()
        .map(view);
      return sendJson(
        res,
        200,
        dialect === 'openai'
          ? { object: 'list', data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null }
          : { object: 'list', data, total: data.length },
      );
    }
    if ((m = /^\/v1\/(batches|batch\/jobs)\/([^/]+)(\/cancel)?$/.exec(path))) {
      const batch = batches.find((b) => b.id === decodeURIComponent(m![2]));
      if (!batch) return sendJson(res, 404, errorBody(`no batch ${m[2]}`));
      if (method === 'POST' && m[3]) {
        if (batch.status === 'queued' || batch.status === 'running') batch.status = 'cancelling';
        return sendJson(res, 200, view(batch));
      }
      if (method === 'GET' && !m[3]) {
        if ((state.script.failPolls ?? 0) > 0) {
          state.script.failPolls = (state.script.failPolls ?? 0) - 1;
          return sendJson(res, 503, errorBody('the batch API is temporarily unavailable'));
        }
        advance(batch);
        return sendJson(res, 200, view(batch));
      }
    }
    sendJson(res, 404, errorBody(`fake-batch-server: no route ${method} ${path}`));
  }

  async function upload(req: IncomingMessage, raw: Buffer, headers: Record<string, string>, res: ServerResponse): Promise<void> {
    const form = await new Request('http://fake/upload', {
      method: 'POST',
      headers: { 'content-type': headers['content-type'] ?? '' },
      body: raw,
    }).formData();
    const file = form.get('file');
    const purpose = String(form.get('purpose') ?? '');
    if (!(file instanceof Blob) || purpose !== 'batch')
      return sendJson(res, 400, errorBody(`upload needs a file and purpose=batch, got purpose=${purpose}`));
    const content = await file.text();
    const id = `file-${randomUUID()}`;
    const filename = (file as File).name ?? 'upload.jsonl';
    files.set(id, { filename, purpose, content });
    sendJson(res, 200, fileObject(id, filename, Buffer.byteLength(content), 'batch_request'));
    void req;
  }

  function createBatch(res: ServerResponse, dialect: 'openai' | 'mistral', body: Record<string, unknown>): void {
    const inputFileIds = dialect === 'openai' ? [String(body.input_file_id)] : ((body.input_files as string[] | undefined) ?? []);
    const lines: BatchInputLine[] = [];
    for (const id of inputFileIds) {
      const file = files.get(id);
      if (!file) return sendJson(res, 404, errorBody(`no file ${id}`));
      for (const text of file.content.split('\n')) if (text.trim() !== '') lines.push(JSON.parse(text) as BatchInputLine);
    }
    if (body.endpoint !== '/v1/chat/completions') return sendJson(res, 400, errorBody(`unsupported endpoint ${String(body.endpoint)}`));
    const batch: FakeBatch = {
      id: `${dialect === 'openai' ? 'batch' : 'job'}-${randomUUID()}`,
      dialect,
      inputFileIds,
      model: typeof body.model === 'string' ? body.model : null,
      lines,
      status: 'queued',
      polls: 0,
      processed: 0,
      results: new Map(),
      outputFileId: null,
      errorFileId: null,
      index: batches.length,
    };
    batches.push(batch);
    sendJson(res, 200, view(batch));
  }

  /** One status poll: the batch starts, finishes linesPerPoll more lines, and may expire, finish or end a cancel. */
  function advance(batch: FakeBatch): void {
    if (batch.status === 'done' || batch.status === 'expired' || batch.status === 'cancelled') return;
    batch.polls++;
    if (batch.status === 'cancelling') return finish(batch, 'cancelled');
    batch.status = 'running';
    const expireAt =
      typeof state.script.expireAtPoll === 'function' ? state.script.expireAtPoll(batch.id, batch.index) : state.script.expireAtPoll;
    if (expireAt !== undefined && batch.polls >= expireAt) return finish(batch, 'expired');
    const step = state.script.linesPerPoll ?? Number.POSITIVE_INFINITY;
    const until = Math.min(batch.lines.length, batch.processed + step);
    for (; batch.processed < until; batch.processed++) {
      const line = batch.lines[batch.processed];
      const submission = (submissions.get(line.custom_id) ?? 0) + 1;
      submissions.set(line.custom_id, submission);
      const answer =
        state.script.answer?.(line, { batchId: batch.id, dialect: batch.dialect, submission }) ??
        batchReply.lineError(500, 'fake-batch-server: no answer scripted');
      batch.results.set(line.custom_id, answer);
    }
    if (batch.processed >= batch.lines.length && [...batch.results.values()].every((r) => r.kind !== 'never')) finish(batch, 'done');
    else if (batch.processed >= batch.lines.length && expireAt === undefined) finish(batch, 'expired'); // lines that never run: the window ends
  }

  function finish(batch: FakeBatch, status: 'done' | 'expired' | 'cancelled'): void {
    batch.status = status;
    const output: string[] = [];
    const errors: string[] = [];
    for (const line of batch.lines) {
      const result = batch.results.get(line.custom_id);
      if (!result || result.kind === 'never') continue;
      if (result.kind === 'error-file')
        errors.push(
          JSON.stringify({
            id: `req-${randomUUID()}`,
            custom_id: line.custom_id,
            response: null,
            error: { code: result.code, message: result.message },
          }),
        );
      else output.push(JSON.stringify(outputLine(line, result)));
    }
    if (state.script.shuffle) {
      shuffle(output, batch.index + 1);
      shuffle(errors, batch.index + 7);
    }
    if (output.length > 0) batch.outputFileId = storeResult(`${batch.id}_output.jsonl`, output, 'batch_result');
    if (errors.length > 0) batch.errorFileId = storeResult(`${batch.id}_error.jsonl`, errors, 'batch_error');
  }

  function storeResult(filename: string, lines: string[], _sampleType: string): string {
    const id = `file-${randomUUID()}`;
    files.set(id, { filename, purpose: 'batch_output', content: `${lines.join('\n')}\n` });
    return id;
  }

  function view(batch: FakeBatch): Record<string, unknown> {
    const failed = [...batch.results.values()].filter((r) => r.kind === 'line-error' || r.kind === 'error-file').length;
    const completed = [...batch.results.values()].filter((r) => r.kind === 'content').length;
    const created = 1_700_000_000 + batch.index;
    if (batch.dialect === 'openai') {
      const status = {
        queued: 'validating',
        running: 'in_progress',
        done: 'completed',
        expired: 'expired',
        cancelling: 'cancelling',
        cancelled: 'cancelled',
      }[batch.status];
      return {
        id: batch.id,
        object: 'batch',
        endpoint: '/v1/chat/completions',
        input_file_id: batch.inputFileIds[0],
        completion_window: '24h',
        status,
        created_at: created,
        output_file_id: batch.outputFileId ?? undefined,
        error_file_id: batch.errorFileId ?? undefined,
        request_counts: { total: batch.lines.length, completed, failed },
      };
    }
    const status = {
      queued: 'QUEUED',
      running: 'RUNNING',
      done: 'SUCCESS',
      expired: 'TIMEOUT_EXCEEDED',
      cancelling: 'CANCELLATION_REQUESTED',
      cancelled: 'CANCELLED',
    }[batch.status];
    return {
      id: batch.id,
      object: 'batch',
      input_files: batch.inputFileIds,
      endpoint: '/v1/chat/completions',
      model: batch.model,
      output_file: batch.outputFileId,
      error_file: batch.errorFileId,
      errors: [],
      status,
      created_at: created,
      total_requests: batch.lines.length,
      completed_requests: completed + failed,
      succeeded_requests: completed,
      failed_requests: failed,
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrlOpenAI: `${url}/v1`,
    serverUrlMistral: url,
    requests,
    batches,
    files,
    get script() {
      return state.script;
    },
    set script(next: BatchScript) {
      state.script = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function outputLine(line: BatchInputLine, result: BatchLineReply) {
  const id = `req-${randomUUID()}`;
  if (result.kind === 'line-error') {
    return {
      id,
      custom_id: line.custom_id,
      response: { status_code: result.status, request_id: id, body: errorBody(result.message) },
      error: null,
    };
  }
  const content = result.kind === 'content' ? result.content : '';
  const usage = result.kind === 'content' && result.usage ? result.usage : { prompt: 10, completion: Math.ceil(content.length / 4) };
  const body = {
    id: `chatcmpl-${id}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: line.body?.model ?? 'fake-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
  };
  return { id, custom_id: line.custom_id, response: { status_code: 200, request_id: id, body }, error: null };
}

/** Fields both SDKs read: OpenAI's FileObject and Mistral's UploadFileOut (zod drops the extras). */
function fileObject(id: string, filename: string, bytes: number, sampleType: string) {
  return {
    id,
    object: 'file',
    bytes,
    created_at: 1_700_000_000,
    filename,
    purpose: 'batch',
    status: 'processed',
    sample_type: sampleType,
    source: 'upload',
  };
}

function errorBody(message: string) {
  return { object: 'error', message, error: { message, type: 'invalid_request_error', code: null } };
}

function shuffle<T>(items: T[], seed: number): void {
  let s = seed * 2654435761;
  for (let i = items.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
