// Where the CLI finds API keys; the extension uses SecretStorage instead.

export function apiKeyFromEnv(kind: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const names =
    kind === 'openai'
      ? ['HERDSCOPE_OPENAI_API_KEY', 'OPENAI_API_KEY']
      : kind === 'mistral'
        ? ['HERDSCOPE_MISTRAL_API_KEY', 'MISTRAL_API_KEY']
        : [];
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}
