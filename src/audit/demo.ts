// The offline demo: demo/profile.json, demo/texts.json and demo/cassette.jsonl, whose answers were written by hand
// (demo/answers.json) in the style real models answer. demoCassette() rebuilds the cassette from those answers.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors';
import type { CassetteEntry } from '../llm/cassette';
import { requestKey, requestMaterial } from '../llm/request-key';
import { LlmSensor } from './llm-sensor';
import { createProvider } from '../llm/create-provider';
import { resolveProfile, type LoadedProfile } from './profile-loader';
import type { BuiltSource } from './source-spec';

export interface DemoText {
  title: string;
  text: string;
  /** The state the text was written to illustrate. */
  label: number;
  note: string;
}

export interface Demo {
  dir: string;
  loaded: LoadedProfile;
  texts: DemoText[];
  cassette: string;
}

/** The provider the hand-written answers pretend to come from (the cassette key includes it). */
export const DEMO_PROVIDER = 'mistral';
const RECORDED_AT = '2025-01-01T00:00:00.000Z';

/** demo/ beside the bundle or the repository root above the compiled module. */
export function findDemoDir(start = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'demo', 'texts.json')) && existsSync(path.join(dir, 'demo', 'profile.json')))
      return path.join(dir, 'demo');
    if (path.dirname(dir) === dir) throw new InputError('demo', `no demo/ folder above ${start}`);
  }
}

export async function loadDemo(dir = findDemoDir()): Promise<Demo> {
  const profilePath = path.join(dir, 'profile.json');
  const loaded = await resolveProfile(JSON.parse(await readFile(profilePath, 'utf8')), profilePath, dir);
  const texts = JSON.parse(await readFile(path.join(dir, 'texts.json'), 'utf8')) as DemoText[];
  return { dir, loaded, texts, cassette: path.join(dir, 'cassette.jsonl') };
}

/** The cassette lines for the hand-written answers: answers[i][k] answers agent k+1 reading text i, keyed exactly as a live request. */
export function demoCassette(loaded: LoadedProfile, texts: readonly DemoText[], answers: readonly (readonly string[])[]): string {
  const sensor = new LlmSensor(loaded.profile, () => {
    throw new Error('the demo cassette is built without calling a provider');
  });
  const entries: CassetteEntry[] = [];
  texts.forEach((t, item) => {
    answers[item].forEach((text, k) => {
      const { completion } = sensor.completionRequest({
        item,
        agent: k + 1,
        text: t.text,
        predecessors: [],
        publicBelief: loaded.model.prior,
      });
      const usage = {
        prompt: Math.ceil(completion.messages.reduce((n, m) => n + m.content.length, 0) / 4),
        completion: Math.ceil(text.length / 4),
      };
      entries.push({
        key: requestKey(DEMO_PROVIDER, completion),
        provider: DEMO_PROVIDER,
        model: completion.model,
        request: requestMaterial(completion),
        response: { text, usage },
        recordedAt: RECORDED_AT,
      });
    });
  });
  return entries.map((e) => `${JSON.stringify(e)}\n`).join('');
}

/** The demo's source: the hand-written answers replayed; every step is labelled simulated. */
export function demoSource(demo: Demo): BuiltSource {
  const model = demo.loaded.profile.agents.model;
  const provider = createProvider({ kind: 'replay', model, cassette: demo.cassette });
  const source = new LlmSensor(demo.loaded.profile, () => provider, { simulated: true });
  return {
    source,
    snapshot: {
      providers: ['replay'],
      models: [model],
      endpoints: { replay: 'replay:demo/cassette.jsonl (hand-written answers)' },
      cassette: 'demo/cassette.jsonl',
      record: false,
      seed: 0,
      reproducible: true,
      cache: false,
      demo: true,
    },
    description: source.description,
  };
}
