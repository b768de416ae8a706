// The built-in profiles shipped in profiles/ (bundled into the CLI and the extension).
import hateSpeech from '../../profiles/hate-speech.json';
import hateSpeechBinary from '../../profiles/hate-speech-binary.json';
import productQuality from '../../profiles/product-quality.json';

export const builtinProfiles: Readonly<Record<string, unknown>> = {
  'hate-speech': hateSpeech,
  'hate-speech-binary': hateSpeechBinary,
  'product-quality': productQuality,
};

export const builtinProfileNames = Object.keys(builtinProfiles);
