// Renders an agent's chat messages from the profile's templates (the answer's JSON Schema is src/llm/attribute-schema.ts).
import { createHash } from 'node:crypto';
import type { ChatMessage } from '../llm/provider';
import type { AgentSettings, Profile } from './profile';

export interface PromptContext {
  text: string;
  /** Interacting mode: the actions of agents 1..k−1 (null = that agent gave no decision). */
  predecessors?: Array<number | null>;
  /** Interacting mode with showPublicBelief: π_{k−1}. */
  publicBelief?: number[];
}

/** Appended to the user message in interacting mode when the template has no {{predecessors}} placeholder. */
export const INTERACTING_BLOCK =
  '\n\nEarlier agents have already decided about this text:\n{{predecessors}}{{publicBeliefLine}}\nAlso decide yourself: include "action" in the JSON, one of {{actions}}.';

export function renderMessages(profile: Profile, settings: AgentSettings, context: PromptContext): ChatMessage[] {
  const interacting = profile.mode === 'interacting';
  let user = settings.promptTemplate;
  if (interacting && !user.includes('{{predecessors}}')) user += INTERACTING_BLOCK;
  // A Map, not an object: a placeholder such as {{constructor}} must not find an inherited property.
  const values = new Map<string, string>(
    Object.entries({
      format: formatBlock(profile),
      attributes: profile.attributes.map((a, i) => `${i + 1}. ${a.name}: ${a.description}`).join('\n'),
      states: profile.states.map((s) => JSON.stringify(s)).join(', '),
      actions: profile.actions.map((s) => JSON.stringify(s)).join(', '),
      predecessors: predecessorLines(profile, context.predecessors ?? []),
      publicBelief: context.publicBelief ? beliefText(profile, context.publicBelief) : '',
      publicBeliefLine:
        interacting && profile.agents.showPublicBelief && context.publicBelief
          ? `\nPublic belief from their decisions: ${beliefText(profile, context.publicBelief)}`
          : '',
    }),
  );
  const fill = (template: string) =>
    // {{text}} last and in one pass, so text containing "{{...}}" is never expanded.
    template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name === 'text' ? context.text : (values.get(name) ?? whole)));
  const messages: ChatMessage[] = [];
  if (settings.systemPrompt) messages.push({ role: 'system', content: fill(settings.systemPrompt) });
  messages.push({ role: 'user', content: fill(user) });
  return messages;
}

/** The JSON skeleton the model must fill: one key per attribute (and "action" in interacting mode). */
export function formatBlock(profile: Profile): string {
  const lines = profile.attributes.map(
    (a) => `"${a.name}": ${a.type === 'boolean' ? 'Bool' : a.values!.map((v) => JSON.stringify(v)).join(' | ')},`,
  );
  if (profile.mode === 'interacting') lines.push(`"action": ${profile.actions.map((v) => JSON.stringify(v)).join(' | ')},`);
  return `{\n${lines.join('\n')}\n}`;
}

/** SHA-256 (hex, first 16 chars) of the rendered messages (StepRecord.promptHash). */
export function promptHash(messages: ChatMessage[]): string {
  return createHash('sha256')
    .update(JSON.stringify(messages.map((m) => [m.role, m.content])))
    .digest('hex')
    .slice(0, 16);
}

function predecessorLines(profile: Profile, actions: Array<number | null>): string {
  if (actions.length === 0) return '(none: you are the first agent)';
  return actions.map((a, i) => `Agent ${i + 1}: ${a === null ? '(no decision)' : profile.actions[a]}`).join('\n');
}

function beliefText(profile: Profile, belief: number[]): string {
  return belief.map((p, i) => `${profile.states[i]} ${(100 * p).toFixed(1)}%`).join(', ');
}
