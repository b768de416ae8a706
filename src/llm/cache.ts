// Content-addressed on-disk response cache; only deterministic requests (temperature 0) unless forced; errors are never stored.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Clock, realClock } from './clock';
import type { CompletionRequest, CompletionResult, LlmProvider } from './provider';
import { requestKey } from './request-key';

export interface CachedAnswer {
  key: string;
  provider: string;
  model: string;
  text: string;
  usage: { prompt: number; completion: number } | null;
  storedAt: string;
}

export interface ResponseCacheOptions {
  /** Entries older than this are misses. */
  ttlMs?: number;
  clock?: Clock;
}

export class ResponseCache {
  constructor(
    readonly directory: string,
    private readonly options: ResponseCacheOptions = {},
  ) {}

  private pathFor(key: string): string {
    return join(this.directory, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<CachedAnswer | null> {
    let entry: CachedAnswer;
    try {
      entry = JSON.parse(await readFile(this.pathFor(key), 'utf8')) as CachedAnswer;
    } catch {
      return null; // absent or unreadable: a miss
    }
    if (entry.key !== key || typeof entry.text !== 'string') return null;
    const ttl = this.options.ttlMs;
    if (ttl !== undefined && (this.options.clock ?? realClock).now() - Date.parse(entry.storedAt) > ttl) return null;
    return entry;
  }

  /** Writes to a temporary file and renames it into place, so readers never see half an entry. */
  async put(entry: CachedAnswer): Promise<void> {
    const path = this.pathFor(entry.key);
    await mkdir(join(this.directory, entry.key.slice(0, 2)), { recursive: true });
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temp, JSON.stringify(entry), 'utf8');
    await rename(temp, path);
  }
}

export interface CachingOptions {
  /** Part of the key: the server the answers came from. */
  endpoint: string;
  /** Cache even when temperature > 0 (or unset, i.e. the server's default, which is > 0 for OpenAI and Mistral). */
  force?: boolean;
  clock?: Clock;
  /** Told once, the first time a request is passed through uncached because of its temperature. */
  onUncacheable?: (message: string) => void;
}

/** Whether a request may be answered from the cache: a deterministic temperature, or forced. */
export function isCacheable(request: CompletionRequest, force = false): boolean {
  return force || request.temperature === 0;
}

/** Why a request was not cached, for the user: the cache was asked for and silently does nothing otherwise. */
export function uncacheableMessage(request: CompletionRequest): string {
  const temperature = request.temperature === undefined ? "the server's default temperature" : `temperature ${request.temperature}`;
  return `cache: answers at ${temperature} are not cached (only temperature 0 is deterministic); set the profile's agents.temperature to 0 to use the cache`;
}

export class CachingProvider implements LlmProvider {
  readonly id: string;
  private toldUncacheable = false;

  constructor(
    private readonly inner: LlmProvider,
    private readonly cache: ResponseCache,
    private readonly options: CachingOptions,
  ) {
    this.id = inner.id;
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    if (!isCacheable(request, this.options.force)) {
      if (!this.toldUncacheable) {
        this.toldUncacheable = true;
        this.options.onUncacheable?.(uncacheableMessage(request));
      }
      return this.inner.complete(request);
    }
    const clock = this.options.clock ?? realClock;
    const started = clock.now();
    const key = requestKey(this.inner.id, request, this.options.endpoint);
    const hit = await this.cache.get(key);
    if (hit) {
      return {
        text: hit.text,
        provider: hit.provider,
        model: hit.model,
        usage: hit.usage,
        latencyMs: clock.now() - started,
        costUsd: 0,
        attempts: 0,
        cached: true,
      };
    }
    const result = await this.inner.complete(request);
    try {
      await this.cache.put({
        key,
        provider: result.provider,
        model: result.model,
        text: result.text,
        usage: result.usage,
        storedAt: new Date(clock.now()).toISOString(),
      });
    } catch {
      // The cache only saves money; a full or read-only disk must not cost us the answer.
    }
    return result;
  }
}
