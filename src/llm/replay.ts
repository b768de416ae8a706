// Answers from a recorded cassette (offline, byte-identical re-runs), and a wrapper that records live answers into one.
import { type Clock, realClock } from './clock';
import { type CassetteEntry, CassetteWriter, readCassette } from './cassette';
import { cancelledError, ReplayMissError } from './errors';
import type { CompletionRequest, CompletionResult, LlmProvider } from './provider';
import { requestKey, requestMaterial } from './request-key';

export interface ReplayOptions {
  /** Only answer from entries recorded for this provider (default: any provider in the cassette). */
  provider?: string;
  /** Named in error messages. */
  source?: string;
}

/**
 * Identical requests (e.g. several agents reading the same text at temperature > 0) were recorded once each;
 * they are replayed in recorded order, starting over when a key's answers run out.
 */
export class ReplayProvider implements LlmProvider {
  readonly id = 'replay';
  private readonly byKey = new Map<string, CassetteEntry[]>();
  private readonly served = new Map<string, number>();
  private readonly providers: string[];

  constructor(
    entries: readonly CassetteEntry[],
    private readonly options: ReplayOptions = {},
  ) {
    const providers = new Set<string>();
    for (const entry of entries) {
      const list = this.byKey.get(entry.key) ?? [];
      list.push(entry);
      this.byKey.set(entry.key, list);
      providers.add(entry.provider);
    }
    this.providers = options.provider ? [options.provider] : [...providers];
  }

  static async fromFile(path: string, options: ReplayOptions = {}): Promise<ReplayProvider> {
    return new ReplayProvider(await readCassette(path), { source: path, ...options });
  }

  /** Start every key's sequence from its first recorded answer again. */
  reset(): void {
    this.served.clear();
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    if (request.signal?.aborted) throw cancelledError(0);
    const keys = this.providers.map((provider) => requestKey(provider, request));
    for (const key of keys) {
      const list = this.byKey.get(key);
      if (!list) continue;
      const n = this.served.get(key) ?? 0;
      this.served.set(key, n + 1);
      const entry = list[n % list.length];
      return {
        text: entry.response.text,
        provider: this.id,
        model: entry.model,
        usage: entry.response.usage,
        latencyMs: 0,
        costUsd: null,
        attempts: 0,
        cached: false,
      };
    }
    const where = this.options.source ? `cassette ${this.options.source}` : 'the cassette';
    const shown = keys.length > 0 ? keys.join(' or ') : requestKey(this.options.provider ?? '(none)', request);
    throw new ReplayMissError(
      shown,
      `no recorded answer in ${where} for key ${shown} (model ${request.model}); record it with a live run and the record flag`,
    );
  }
}

/** A ReplayProvider that reads its cassette on first use, so it can be built synchronously. */
export class CassetteReplayProvider implements LlmProvider {
  readonly id = 'replay';
  private loaded: Promise<ReplayProvider> | null = null;

  constructor(
    readonly path: string,
    private readonly options: ReplayOptions = {},
  ) {}

  complete(request: CompletionRequest): Promise<CompletionResult> {
    this.loaded ??= ReplayProvider.fromFile(this.path, this.options);
    const loading = this.loaded;
    loading.catch(() => {
      if (this.loaded === loading) this.loaded = null; // a cassette that failed to load is read again next time
    });
    return loading.then((replay) => replay.complete(request));
  }
}

export interface RecordingOptions {
  clock?: Clock;
}

/** Passes requests through and appends every answer (never an error) to a cassette. */
export class RecordingProvider implements LlmProvider {
  readonly id: string;
  private readonly writer: CassetteWriter;

  constructor(
    private readonly inner: LlmProvider,
    cassettePath: string,
    private readonly options: RecordingOptions = {},
  ) {
    this.id = inner.id;
    this.writer = new CassetteWriter(cassettePath);
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    const result = await this.inner.complete(request);
    await this.writer.append({
      key: requestKey(this.inner.id, request),
      provider: this.inner.id,
      model: request.model,
      request: requestMaterial(request),
      response: { text: result.text, usage: result.usage },
      recordedAt: new Date((this.options.clock ?? realClock).now()).toISOString(),
    });
    return result;
  }
}
