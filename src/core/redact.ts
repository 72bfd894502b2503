/**
 * The one place secrets are masked. Every log line, error message and exported text goes through a
 * Redactor that knows the secrets in use, so a key can leak only by bypassing this module.
 */
const MASK = '••••';
const SECRET_QUERY = /([?&](?:api[_-]?key|key|token|access[_-]?token|secret|password|server[_-]?secret)=)[^&#]*/gi;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remembers a secret for masking; ignores values too short to mask without wrecking ordinary text. */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text.replace(SECRET_QUERY, `$1${MASK}`).replace(BEARER, `$1${MASK}`);
    for (const s of this.secrets) out = out.split(s).join(MASK);
    return out;
  }
}
