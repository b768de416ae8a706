// What HerdScope uses of the openai SDK. The bundles keep it in its own file (dist/sdk/openai.js, see esbuild.mjs),
// loaded by sdkOpenAI() on the first request, so activating the extension or starting the CLI does not load it.
export { default as OpenAI, APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, OpenAIError, toFile } from 'openai';
