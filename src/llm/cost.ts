// Estimated USD cost from token usage. An ESTIMATE from a small list-price table; unknown models (local ones included) give null.

export interface ModelPrice {
  /** USD per 1M prompt (input) tokens. */
  input: number;
  /** USD per 1M completion (output) tokens. */
  output: number;
}

/** Public list prices (standard tier, USD per 1M tokens) as of June 2025; edit or override when they change. */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5': { input: 1.25, output: 10 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  'open-mistral-7b': { input: 0.25, output: 0.25 },
  'open-mistral-nemo': { input: 0.15, output: 0.15 },
  'ministral-8b': { input: 0.1, output: 0.1 },
  'ministral-3b': { input: 0.04, output: 0.04 },
  'mistral-small': { input: 0.1, output: 0.3 },
  'mistral-medium': { input: 0.4, output: 2 },
  'mistral-large': { input: 2, output: 6 },
};

/** The price entry for a model: exact name, else the longest table name it starts with ("gpt-4o-mini-2024-07-18" → "gpt-4o-mini"). */
export function priceFor(model: string, prices: Readonly<Record<string, ModelPrice>> = DEFAULT_PRICES): ModelPrice | null {
  const name = model.toLowerCase();
  if (prices[name]) return prices[name];
  let best: string | null = null;
  for (const key of Object.keys(prices)) {
    if (name.startsWith(key) && (best === null || key.length > best.length)) best = key;
  }
  return best === null ? null : prices[best];
}

/** Estimated cost in USD, or null when the model is not in the table or usage is unknown. */
export function estimateCostUsd(
  model: string,
  usage: { prompt: number; completion: number } | null,
  prices?: Readonly<Record<string, ModelPrice>>,
): number | null {
  if (!usage) return null;
  const price = priceFor(model, prices);
  if (!price) return null;
  return (usage.prompt * price.input + usage.completion * price.output) / 1_000_000;
}
