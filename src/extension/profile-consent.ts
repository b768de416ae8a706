// Workspace trust for profiles: a profile file decides which prompts are sent where, so in an untrusted workspace
// one runs only after the user consents (once per file per session). Built-in profiles always run.
export type ProfileOrigin = { kind: 'builtin'; name: string } | { kind: 'file'; path: string };

export interface ConsentDeps {
  isTrusted: () => boolean;
  /** Asks the user; resolves true only on an explicit yes. */
  ask: (path: string) => Promise<boolean>;
}

export class ProfileConsent {
  private readonly granted = new Set<string>();

  constructor(private readonly deps: ConsentDeps) {}

  /** Whether the profile may run now without asking (built-in, trusted workspace, or consented to this session). */
  allowedWithoutAsking(origin: ProfileOrigin): boolean {
    return origin.kind === 'builtin' || this.deps.isTrusted() || this.granted.has(origin.path);
  }

  async mayRun(origin: ProfileOrigin): Promise<boolean> {
    if (origin.kind === 'builtin' || this.allowedWithoutAsking(origin)) return true;
    const yes = await this.deps.ask(origin.path);
    if (yes) this.granted.add(origin.path);
    return yes;
  }
}
