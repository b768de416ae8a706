// Shared test fixtures: a small two-state profile (the spec §4.3 example) and providers talking to the fake server.
import { OpenAIProvider } from '../../src/llm/openai-provider';
import type { LlmProvider } from '../../src/llm/provider';
import { parseProfile, profileModel, type Profile } from '../../src/audit/profile';
import type { FakeLlmServer, FakeReply, RecordedRequest } from '../support/fake-llm-server';
import { reply } from '../support/fake-llm-server';

/** B = [[0.7,0.3],[0.3,0.7]], 0-1 utility, π_0 = [0.55, 0.45]: herding begins at agent 4 for y = (1,0,0,1,...) (spec §4.3). */
export function twoStateProfileJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'two-state test',
    states: ['clean', 'toxic'],
    actions: ['pass', 'flag'],
    attributes: [
      { name: 'is_toxic', type: 'boolean', description: 'The text is toxic.' },
      { name: 'is_polite', type: 'boolean', description: 'The text is polite.' },
    ],
    indexing: { kind: 'any', attributes: ['is_toxic'] },
    likelihood: {
      matrix: [
        [0.7, 0.3],
        [0.3, 0.7],
      ],
    },
    utility: [
      [1, 0],
      [0, 1],
    ],
    prior: [0.55, 0.45],
    agents: {
      count: 6,
      provider: 'openai',
      model: 'test-model',
      temperature: 0.7,
      maxTokens: 64,
      promptTemplate: 'Rate this text.\n{{format}}\nText: {{text}}',
    },
    ...overrides,
  };
}

export function twoStateProfile(overrides: Record<string, unknown> = {}): { profile: Profile; model: ReturnType<typeof profileModel> } {
  const profile = parseProfile(twoStateProfileJson(overrides));
  return { profile, model: profileModel(profile) };
}

export function openAiProvider(server: FakeLlmServer, overrides: { timeoutMs?: number; maxRetries?: number } = {}): LlmProvider {
  return new OpenAIProvider({
    baseURL: server.baseUrlOpenAI,
    apiKey: 'test-key',
    timeoutMs: overrides.timeoutMs ?? 5000,
    maxRetries: overrides.maxRetries ?? 0,
    baseDelayMs: 1,
    maxDelayMs: 5,
  });
}

/** The agent position of a request: the chain sends seed = agent. */
export function agentOf(request: RecordedRequest): number {
  return Number(request.body?.seed);
}

/** A well-formed answer whose `any` index is y. */
export function answerFor(y: number, extra: Record<string, unknown> = {}): FakeReply {
  return reply.content(JSON.stringify({ is_toxic: y === 1, is_polite: y === 0, ...extra }), { usage: { prompt: 50, completion: 12 } });
}
