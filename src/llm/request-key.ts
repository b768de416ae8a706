// The content address of a request, shared by the response cache and replay cassettes.
import { createHash } from 'node:crypto';
import type { ChatMessage, CompletionRequest } from './provider';

/** What a request asked for, minus transport details (signal); stored beside cassette answers. */
export interface RequestMaterial {
  messages: ChatMessage[];
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
  jsonSchema?: { name: string; schema: Record<string, unknown> };
}

export function requestMaterial(request: CompletionRequest): RequestMaterial {
  const material: RequestMaterial = { messages: request.messages.map((m) => ({ role: m.role, content: m.content })) };
  if (request.temperature !== undefined) material.temperature = request.temperature;
  if (request.topP !== undefined) material.topP = request.topP;
  if (request.maxTokens !== undefined) material.maxTokens = request.maxTokens;
  if (request.seed !== undefined) material.seed = request.seed;
  if (request.jsonSchema !== undefined) material.jsonSchema = request.jsonSchema;
  return material;
}

/**
 * sha256 (hex) of provider, model, messages and parameters (schema included), in a canonical JSON form.
 * The cache also passes the endpoint (base URL); cassettes leave it out so a recording replays against any server.
 */
export function requestKey(provider: string, request: CompletionRequest, endpoint?: string): string {
  const material: Record<string, unknown> = { provider, model: request.model, ...requestMaterial(request) };
  if (endpoint !== undefined) material.endpoint = endpoint;
  return createHash('sha256').update(canonicalJson(material)).digest('hex');
}

/** JSON with object keys sorted at every depth, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
