/**
 * The one place secrets are masked. Every log line, error message and exported text goes through a
 * Redactor that knows the secrets in use, so a key can leak only by bypassing this module. A Redactor
 * that knows no secret still masks the shapes secrets travel in (query parameters, Authorization values,
 * `user:password@` in URLs). Redact raw text, before any reformatting: collapsing whitespace or quoting
 * can change a secret so that it no longer matches.
 */
const MASK = '••••';
const SECRET_QUERY = /([?&](?:api[_-]?key|key|token|access[_-]?token|secret|password|server[_-]?secret)=)[^&#\s"']*/gi;
const AUTH_SCHEME = /((?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=%-]+/g;
/** `scheme://user:password@`: everything between the scheme and the last `@` of the authority. */
const USER_INFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi;

export class Redactor {
  private readonly secrets = new Set<string>();

  /**
   * Remembers a secret for masking, with the forms a URL, a form body or a JSON string gives it (`/` →
   * `%2F`, space → `+`, `"` → `\"`); ignores values too short to mask without wrecking ordinary text.
   */
  add(secret: string | undefined): void {
    if (!secret || secret.length < 4) return;
    this.secrets.add(secret);
    this.secrets.add(encodeURIComponent(secret));
    this.secrets.add(new URLSearchParams({ s: secret }).toString().slice(2));
    this.secrets.add(JSON.stringify(secret).slice(1, -1));
  }

  /** Known secrets first (longest first, so one containing another goes whole), then the shapes. */
  redact(text: string): string {
    let out = text;
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(MASK);
    return out.replace(USER_INFO, `$1${MASK}@`).replace(SECRET_QUERY, `$1${MASK}`).replace(AUTH_SCHEME, `$1${MASK}`);
  }
}
