// The zod schema of an audit profile (DESIGN.md "The audit model"). schemas/profile.schema.json is generated from it.
import { z } from 'zod';

/** Names every JavaScript object already has (`__proto__`, `constructor`, `toString`, …): as keys they read or replace inherited members. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier (letters, digits, _)')
  .refine(
    (name) => !RESERVED_NAMES.has(name),
    'is reserved (a built-in property of JavaScript objects, like __proto__ or constructor); choose another name',
  );
const matrix = z.array(z.array(z.number()).min(1)).min(1);

export const providerKinds = ['openai', 'mistral', 'replay', 'vscode-lm'] as const;
export const perturbKinds = ['none', 'shuffle-sentences', 'drop-sentence'] as const;
export const indexingKinds = ['bits', 'max-severity', 'any', 'product-bits'] as const;

export const attributeSchema = z
  .object({
    name: identifier.describe('Key the model must return in its JSON answer.'),
    type: z.enum(['boolean', 'enum']).describe('boolean (true/false) or enum (one of values).'),
    values: z.array(z.string().min(1)).min(2).optional().describe('Allowed values of an enum attribute.'),
    description: z.string().min(1).describe('What the attribute means; shown to the model in the prompt.'),
  })
  .strict();

export const indexingSchema = z
  .object({
    kind: z.enum(indexingKinds).describe('How attribute values map to the observation index y (spec §2.3).'),
    attributes: z
      .array(identifier)
      .min(1)
      .describe(
        'Boolean attributes used by the index, in order (bit 0 first for bits; least severe first for max-severity; MSB first for product-bits).',
      ),
  })
  .strict();

const countsSource = z.object({ counts: matrix.describe('Counts state × observation from labelled data.') }).strict();
const fileSource = z
  .object({
    file: z
      .string()
      .min(1)
      .describe(
        "CSV or JSONL file, relative to the profile file and inside its folder (in VS Code: inside the profile's workspace folder).",
      ),
    stateColumn: z.string().min(1).describe('Column holding the true state (index or label).'),
    observationColumn: z
      .string()
      .min(1)
      .optional()
      .describe('Column holding the observation index; without it the attribute columns are indexed.'),
  })
  .strict();

export const likelihoodSchema = z.union([
  z.object({ matrix: matrix.describe('B(y|x), rows = states, columns = observations; rows sum to 1.') }).strict(),
  z
    .object({
      estimateFrom: z.union([countsSource, fileSource]),
      smoothing: z.number().min(0).default(1).describe('Added to every count before normalising (Laplace smoothing).'),
    })
    .strict(),
]);

const agentSettings = {
  provider: z.enum(providerKinds).describe('Model backend. Base URLs and keys come from settings/flags, never from a profile.'),
  model: z.string().min(1),
  temperature: z.number().min(0).max(2),
  topP: z.number().gt(0).max(1).optional(),
  maxTokens: z.number().int().min(1).max(32768),
  systemPrompt: z.string().optional(),
  promptTemplate: z
    .string()
    .min(1)
    .describe(
      'User message. Placeholders: {{text}} (required), {{format}}, {{states}}, {{actions}}; interacting mode: {{predecessors}}, {{publicBelief}}.',
    ),
  perturb: z.enum(perturbKinds).describe('Per-agent variant of the text, for independent private observations.'),
};

export const agentOverrideSchema = z
  .object({ agent: z.number().int().min(1).describe('1-based agent position.'), ...mapOptional(agentSettings) })
  .strict();

export const agentsSchema = z
  .object({
    count: z.number().int().min(1).max(10000),
    provider: agentSettings.provider.default('openai'),
    model: agentSettings.model,
    temperature: agentSettings.temperature.default(0.7),
    topP: agentSettings.topP,
    maxTokens: agentSettings.maxTokens.default(512),
    systemPrompt: agentSettings.systemPrompt,
    promptTemplate: agentSettings.promptTemplate,
    perturb: agentSettings.perturb.default('none'),
    showPublicBelief: z.boolean().default(false).describe('Interacting mode: show the public posterior in the prompt.'),
    overrides: z.array(agentOverrideSchema).optional(),
  })
  .strict();

export const profileSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1),
    description: z.string().default(''),
    mode: z
      .enum(['sensor', 'interacting'])
      .default('sensor')
      .describe('sensor: the LLM observes, the Bayesian engine acts. interacting: the LLM sees its predecessors and decides.'),
    states: z.array(z.string().min(1)).min(2),
    actions: z.array(z.string().min(1)).min(2),
    attributes: z.array(attributeSchema).min(1),
    indexing: indexingSchema,
    likelihood: likelihoodSchema,
    utility: matrix.optional().describe('u(x,a), states × actions; give utility or cost.'),
    cost: matrix.optional().describe('c(x,a), states × actions; utility = −cost.'),
    prior: z.array(z.number().min(0)).optional().describe('Initial public belief π_0; uniform when omitted.'),
    transition: matrix.optional().describe('State transition matrix P (states × states); identity when omitted.'),
    agents: agentsSchema,
  })
  .strict();

export type ProfileInput = z.input<typeof profileSchema>;
export type ParsedProfile = z.output<typeof profileSchema>;

function mapOptional<T extends Record<string, z.ZodType>>(shape: T): { [K in keyof T]: z.ZodOptional<T[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };
}

/**
 * The JSON Schema shipped in schemas/profile.schema.json (draft-07, what VS Code's JSON language service reads).
 * Regenerate after changing the zod schema (a test compares them):
 *   npm run build && node -e "require('fs').writeFileSync('schemas/profile.schema.json', require('./out/src/audit/profile-schema.js').profileJsonSchemaText())"
 */
export function profileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(profileSchema, { io: 'input', target: 'draft-7' }),
    title: 'HerdScope audit profile',
  } as Record<string, unknown>;
}

export function profileJsonSchemaText(): string {
  return `${JSON.stringify(profileJsonSchema(), null, 2)}\n`;
}
