// What each OpenAI-compatible endpoint turned out not to support, remembered for the process lifetime.

export type WireFormat = 'json_schema' | 'json_object' | 'text';

interface Quirks {
  /** The richest response_format the endpoint accepted (absent: not yet rejected anything). */
  format?: WireFormat;
  /** The endpoint wants max_completion_tokens instead of max_tokens (newer OpenAI models). */
  maxCompletionTokens?: boolean;
}

const byEndpoint = new Map<string, Quirks>();

export function quirksOf(endpoint: string): Readonly<Quirks> {
  return byEndpoint.get(endpoint) ?? {};
}

export function rememberQuirk(endpoint: string, quirk: Quirks): void {
  byEndpoint.set(endpoint, { ...quirksOf(endpoint), ...quirk });
}

/** The next weaker way to ask for JSON, or null when plain prompting was already used. */
export function weakerFormat(format: WireFormat): WireFormat | null {
  return format === 'json_schema' ? 'json_object' : format === 'json_object' ? 'text' : null;
}

/** A 400 whose message says the server does not understand how we asked for JSON. */
export function rejectsResponseFormat(status: number | undefined, message: string): boolean {
  return (status === 400 || status === 422) && /response_format|json_schema|json_object|structured output/i.test(message);
}

export function rejectsMaxTokens(status: number | undefined, message: string): boolean {
  return status === 400 && /max_tokens/.test(message) && /max_completion_tokens/.test(message);
}
