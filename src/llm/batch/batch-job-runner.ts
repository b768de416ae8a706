// Runs requests through a provider's batch API: JSONL inputs split at the limits, upload, create, poll, download,
// map custom_ids back, resubmit failed and expired lines until done or the retry budget is spent. State is on disk before
// polling starts, so a killed process resumes polling the same batches; an abort cancels the remote batches.
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { InputError } from '../../core/errors';
import { realClock, type Clock } from '../clock';
import type { CompletionRequest } from '../provider';
import { redactSecrets, redactUrl } from '../redact';
import { type BatchApiClient, type BatchLimits, type BatchView, TERMINAL_PHASES } from './batch-api';
import { type LineAnswer, type LineFailure, type LineOutcome, readOutputLine } from './batch-output';
import { type AnswerRecord, type BatchState, BatchStateFiles, type Submission } from './batch-state';
import { chunkLines } from './chunk-lines';

export interface BatchJobRequest {
  customId: string;
  /** The request's content key (requestKey); a stored answer is reused only for the same key. */
  key: string;
  /** One batch holds one model. */
  model: string;
  /** Builds the request when its line is written (not kept in memory for the whole job). */
  request: () => CompletionRequest;
}

export interface BatchJobProgress {
  /** The batches being polled, with the provider's own status and request counts. */
  batches: Array<{ id: string; status: string; total: number; completed: number; failed: number }>;
  /** Requests with an answer so far, of all requests. */
  answered: number;
  total: number;
}

export interface BatchJobInput {
  client: BatchApiClient;
  /** The run directory; state goes to <dir>/batch-api/. */
  dir: string;
  requests: readonly BatchJobRequest[];
  /** Seconds between status polls (default 30; fractions allowed). */
  pollSeconds?: number;
  /** Follow-up submissions allowed per failed line (default 4). */
  maxRetries?: number;
  /** Per-batch limits (default: the provider's). */
  limits?: BatchLimits;
  /** Strings to redact from anything stored (the API key). */
  secrets?: readonly (string | undefined)[];
  signal?: AbortSignal;
  onProgress?: (progress: BatchJobProgress) => void;
  /** One human-readable line per event (batch submitted, collected, resubmitting, cancelled). */
  onEvent?: (line: string) => void;
  clock?: Clock;
}

export type BatchJobAnswer = { ok: true; answer: LineAnswer } | { ok: false; failure: LineFailure; submissions: number };

export interface BatchJobResult {
  /** Per custom_id: the answer, or the last failure once the retry budget is spent. Absent when cancelled before an answer. */
  answers: Map<string, BatchJobAnswer>;
  cancelled: boolean;
}

/** Outer loop bound: every round either finishes lines or charges them a retry, so this is never reached in practice. */
const MAX_ROUNDS = 10_000;

export async function runBatchJob(input: BatchJobInput): Promise<BatchJobResult> {
  return new BatchJob(input).run();
}

class BatchJob {
  private readonly files: BatchStateFiles;
  private readonly byId: Map<string, BatchJobRequest>;
  private readonly clock: Clock;
  private readonly maxRetries: number;
  private state!: BatchState;
  /** Per custom_id, for the current request key only. */
  private readonly results = new Map<string, { answer?: LineAnswer; failure?: LineFailure; charged: number }>();

  constructor(private readonly input: BatchJobInput) {
    this.files = new BatchStateFiles(input.dir);
    this.byId = new Map(input.requests.map((r) => [r.customId, r]));
    this.clock = input.clock ?? realClock;
    this.maxRetries = input.maxRetries ?? 4;
  }

  async run(): Promise<BatchJobResult> {
    const { client } = this.input;
    const endpoint = redactUrl(client.endpoint);
    const stored = await this.files.read();
    if (stored && (stored.provider !== client.provider || stored.endpoint !== endpoint)) {
      throw new InputError(
        '--base-url',
        `this run's batches belong to ${stored.provider} at ${stored.endpoint}, not ${client.provider} at ${endpoint}; resume with the same --provider and --base-url`,
      );
    }
    this.state = stored ?? { version: 1, provider: client.provider, endpoint, submissions: [] };
    for (const record of await this.files.readAnswers()) this.remember(record);
    const pollMs = Math.max(0, (this.input.pollSeconds ?? 30) * 1000);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (this.input.signal?.aborted) return this.cancel();
      let active = this.state.submissions.filter((s) => !s.collected);
      if (active.length === 0) {
        const todo = this.todo();
        if (todo.length === 0) break;
        await this.prepare(todo);
        active = this.state.submissions.filter((s) => !s.collected);
      }
      try {
        for (const submission of active) await this.submit(submission);
        const views = await Promise.all(
          active.map(async (s) => ({ submission: s, view: await client.retrieve(s.batchId as string, this.input.signal) })),
        );
        this.report(views.map((v) => v.view));
        for (const { submission, view } of views) if (TERMINAL_PHASES.includes(view.phase)) await this.collect(submission, view);
        if (views.some((v) => !TERMINAL_PHASES.includes(v.view.phase))) await this.clock.sleep(pollMs, this.input.signal);
      } catch (error) {
        if (this.input.signal?.aborted) return this.cancel();
        throw error;
      }
    }
    return { answers: this.final(), cancelled: false };
  }

  private remember(record: AnswerRecord): void {
    const request = this.byId.get(record.customId);
    if (!request || record.key !== request.key) return;
    const entry = this.results.get(record.customId) ?? { charged: 0 };
    if (record.ok) {
      entry.answer = record.answer;
      entry.failure = undefined;
    } else if (!entry.answer) {
      entry.failure = record.failure;
      if (record.failure.kind !== 'cancelled') entry.charged++;
    }
    this.results.set(record.customId, entry);
  }

  /** Requests with no answer that may still get one: never sent, or failed retryably within the budget, and not in flight. */
  private todo(): BatchJobRequest[] {
    const inFlight = new Set(this.state.submissions.filter((s) => !s.collected).flatMap((s) => s.customIds));
    return this.input.requests.filter((r) => {
      if (inFlight.has(r.customId)) return false;
      const entry = this.results.get(r.customId);
      if (!entry) return true;
      if (entry.answer) return false;
      return entry.failure !== undefined && entry.failure.retryable && entry.charged <= this.maxRetries;
    });
  }

  /** Writes the input files for the requests (one model per batch, split at the limits) and records them before anything is sent. */
  private async prepare(todo: readonly BatchJobRequest[]): Promise<void> {
    const { client } = this.input;
    const byModel = new Map<string, Array<{ customId: string; line: string }>>();
    for (const r of todo) {
      const list = byModel.get(r.model) ?? [];
      list.push({ customId: r.customId, line: client.inputLine(r.customId, r.request()) });
      byModel.set(r.model, list);
    }
    const resubmitting = todo.some((r) => this.results.has(r.customId));
    for (const [model, lines] of byModel) {
      for (const chunk of chunkLines(lines, this.input.limits ?? client.limits)) {
        const seq = this.state.submissions.length + 1;
        const name = `input-${seq}.jsonl`;
        await this.files.writeInput(
          name,
          chunk.map((c) => c.line),
        );
        this.state.submissions.push({ seq, model, customIds: chunk.map((c) => c.customId), input: name });
      }
    }
    await this.files.write(this.state);
    if (resubmitting) this.input.onEvent?.(`resubmitting ${todo.length} request(s) that failed or did not run`);
  }

  /** Upload and create, each step recorded at once so a restart continues from where it stopped. */
  private async submit(submission: Submission): Promise<void> {
    const { client } = this.input;
    if (!submission.fileId) {
      submission.fileId = await client.upload(this.files.file(submission.input), `herdscope-${submission.input}`, this.input.signal);
      await this.files.write(this.state);
    }
    if (!submission.batchId && submission.createSent) {
      // The process died between create and saving its answer: adopt that batch rather than paying for a second one.
      const found = await client.findByInputFile(submission.fileId, this.input.signal);
      if (found) {
        submission.batchId = found.id;
        await this.files.write(this.state);
        this.input.onEvent?.(`found batch ${found.id} created before the restart`);
      }
    }
    if (!submission.batchId) {
      submission.createSent = true;
      await this.files.write(this.state);
      const view = await client.create(
        submission.fileId,
        submission.model,
        { herdscope: `submission ${submission.seq}` },
        this.input.signal,
      );
      submission.batchId = view.id;
      await this.files.write(this.state);
      this.input.onEvent?.(`submitted batch ${view.id}: ${submission.customIds.length} request(s), model ${submission.model}`);
    }
  }

  private report(views: BatchView[]): void {
    let answered = 0;
    for (const r of this.input.requests) if (this.results.get(r.customId)?.answer) answered++;
    this.input.onProgress?.({
      batches: views.map((v) => ({ id: v.id, status: v.status, ...v.counts })),
      answered,
      total: this.input.requests.length,
    });
  }

  /** Downloads a finished batch's output and error files and records a result for every line it held. */
  private async collect(submission: Submission, view: BatchView): Promise<void> {
    const outcomes = new Map<string, LineOutcome>();
    for (const [fileId, name] of [
      [view.outputFileId, `output-${submission.seq}.jsonl`],
      [view.errorFileId, `errors-${submission.seq}.jsonl`],
    ] as const) {
      if (!fileId) continue;
      const local = this.files.file(name);
      const download = `${local}.download`;
      await this.input.client.downloadTo(fileId, download, this.input.signal);
      // The provider's file may echo the key (in an answer or an error): only a redacted copy stays in the run directory.
      await copyRedacted(download, local, this.input.secrets ?? []);
      for await (const outcome of readOutcomes(local, this.input.secrets)) outcomes.set(outcome.customId, outcome);
    }
    const missing = missingFailure(submission, view);
    const records: AnswerRecord[] = submission.customIds.map((customId) => {
      const outcome = outcomes.get(customId);
      const key = this.byId.get(customId)?.key ?? null;
      if (outcome?.ok) return { seq: submission.seq, customId, key, ok: true, answer: outcome.answer };
      return { seq: submission.seq, customId, key, ok: false, failure: outcome && !outcome.ok ? outcome.failure : missing };
    });
    await this.files.appendAnswers(records);
    for (const record of records) this.remember(record);
    submission.collected = true;
    await this.files.write(this.state);
    const ok = records.filter((r) => r.ok).length;
    this.input.onEvent?.(`batch ${view.id} ${view.status}: ${ok} of ${records.length} answered`);
  }

  /** Asks the provider to cancel every batch still running; the state keeps them, so a resume collects their partial output. */
  private async cancel(): Promise<BatchJobResult> {
    const running = this.state.submissions.filter((s) => !s.collected && s.batchId && !s.cancelRequested);
    for (const submission of running) {
      try {
        await this.input.client.cancel(submission.batchId as string);
        submission.cancelRequested = true;
        this.input.onEvent?.(`cancel requested for batch ${submission.batchId}`);
      } catch (error) {
        this.input.onEvent?.(`could not cancel batch ${submission.batchId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await this.files.write(this.state);
    return { answers: this.final(), cancelled: true };
  }

  private final(): Map<string, BatchJobAnswer> {
    const answers = new Map<string, BatchJobAnswer>();
    for (const r of this.input.requests) {
      const entry = this.results.get(r.customId);
      if (entry?.answer) answers.set(r.customId, { ok: true, answer: entry.answer });
      else if (entry?.failure) answers.set(r.customId, { ok: false, failure: entry.failure, submissions: entry.charged });
    }
    return answers;
  }
}

function missingFailure(submission: Submission, view: BatchView): LineFailure {
  if (view.phase === 'cancelled' && submission.cancelRequested)
    return { kind: 'cancelled', message: `batch ${view.id} was cancelled before this request ran`, retryable: true };
  if (view.phase === 'expired') return { kind: 'provider', message: `batch ${view.id} expired before this request ran`, retryable: true };
  if (view.phase === 'failed')
    return { kind: 'provider', message: `batch ${view.id} failed${view.message ? `: ${view.message}` : ''}`, retryable: true };
  if (view.phase === 'cancelled')
    return { kind: 'provider', message: `batch ${view.id} was cancelled at the provider before this request ran`, retryable: true };
  return { kind: 'provider', message: `batch ${view.id} finished without a result for this request`, retryable: true };
}

async function copyRedacted(from: string, to: string, secrets: readonly (string | undefined)[]): Promise<void> {
  const out = createWriteStream(to, 'utf8');
  const written = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  for await (const line of createInterface({ input: createReadStream(from, 'utf8'), crlfDelay: Infinity })) {
    if (!out.write(`${redactSecrets(line, secrets)}\n`)) await once(out, 'drain');
  }
  out.end();
  await written;
  await unlink(from);
}

async function* readOutcomes(file: string, secrets: readonly (string | undefined)[] = []): AsyncGenerator<LineOutcome> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    const outcome = readOutputLine(line, secrets);
    if (outcome) yield outcome;
  }
}
