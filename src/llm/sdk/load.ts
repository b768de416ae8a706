// Loads a provider SDK on first use. esbuild.mjs turns these two requires into requires of dist/sdk/*.js.
import type * as OpenAISdk from './openai';
import type * as MistralSdk from './mistral';

let openai: typeof OpenAISdk | undefined;
let mistral: typeof MistralSdk | undefined;

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const sdkOpenAI = (): typeof OpenAISdk => (openai ??= require('./openai') as typeof OpenAISdk);
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const sdkMistral = (): typeof MistralSdk => (mistral ??= require('./mistral') as typeof MistralSdk);
