// Per-agent variants of a text, so agents reading the same text get less correlated private observations.
import type { UniformDraw } from './rng';

export type PerturbKind = 'none' | 'shuffle-sentences' | 'drop-sentence';

/** Splits after . ! ? followed by whitespace; a text without such a break is one sentence. */
export function sentences(text: string): string[] {
  return text
    .trim()
    .split(/(?<=[.!?])\s+/)
    .filter((s) => s.length > 0);
}

/** The variant agent k reads. Texts of one sentence are returned unchanged (there is nothing to perturb). */
export function perturbText(text: string, kind: PerturbKind, rng: UniformDraw): string {
  if (kind === 'none') return text;
  const parts = sentences(text);
  if (parts.length < 2) return text;
  if (kind === 'drop-sentence') {
    const drop = Math.floor(rng() * parts.length);
    return parts.filter((_, i) => i !== drop).join(' ');
  }
  for (let i = parts.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [parts[i], parts[j]] = [parts[j], parts[i]];
  }
  return parts.join(' ');
}
