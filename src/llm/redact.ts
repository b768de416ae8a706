// Keeps API keys out of anything we print, store or throw.

const bearer = /(Bearer\s+)[A-Za-z0-9._~+/=-]{4,}/gi;
/** The user-info part of a URL (`https://user:pass@host`): a credential whatever it looks like. */
const urlCredentials = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;

/** Replaces every occurrence of the given secrets, any bearer token and URL credentials with "[redacted]". */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  return redactSecrets(text, secrets).replace(bearer, '$1[redacted]').replace(urlCredentials, '$1[redacted]@');
}

/** Replaces only the given secrets (each of at least 4 characters): for model answers, whose other text must stay as sent. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** A URL safe to show or store: credentials replaced; anything that does not parse is redacted as text. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    return `${parsed.protocol}//[redacted]@${parsed.host}${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return redact(url.replace(/^([^:/]*:\/\/)[^/]*@/, '$1[redacted]@'));
  }
}
