// What HerdScope uses of the @mistralai/mistralai SDK. The bundles keep it in its own file (dist/sdk/mistral.js, see
// esbuild.mjs), loaded by sdkMistral() on the first request, so activating the extension does not load it.
export { Mistral } from '@mistralai/mistralai';
export {
  ConnectionError,
  MistralError,
  RequestAbortedError,
  RequestTimeoutError,
  ResponseValidationError,
  SDKValidationError,
} from '@mistralai/mistralai/models/errors';
export { ChatCompletionRequest$outboundSchema } from '@mistralai/mistralai/models/components';
