// Keeps API keys out of anything we print, store or throw.

const bearer = /(Bearer\s+)[A-Za-z0-9._~+/=-]{4,}/gi;

/** Replaces every occurrence of the given secrets, and any bearer token, with "[redacted]". */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out.replace(bearer, '$1[redacted]');
}
