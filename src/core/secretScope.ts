import { TimelineError } from './errors';
import { basePath, isUnderBase } from './url';

/**
 * Where a secret may be sent: the origin and base path of the address it was given for. Every request of a
 * connection is checked against it in HttpClient, so no path (pages, `_links.next`, the token mint, and
 * whatever else goes through a source) can carry the secret anywhere else.
 */
export class SecretScope {
  private constructor(private readonly base: URL) {}

  /** The scope of a (checked) base URL: its origin and path, nothing else. */
  static of(base: URL): SecretScope {
    const url = new URL(base.origin);
    url.pathname = basePath(base) || '/';
    return new SecretScope(url);
  }

  /** A scope as `toString` wrote it; undefined for anything else. */
  static parse(text: unknown): SecretScope | undefined {
    if (typeof text !== 'string') return undefined;
    try {
      return SecretScope.of(new URL(text));
    } catch {
      return undefined;
    }
  }

  allows(url: URL): boolean {
    return isUnderBase(url, this.base);
  }

  /** Whether every request under `base` stays in this scope. */
  covers(base: URL): boolean {
    return this.allows(base);
  }

  /** `https://gw.example.com/tenant-a`, or the bare origin for the root. */
  toString(): string {
    return `${this.base.origin}${basePath(this.base)}`;
  }

  /** The error a request outside the scope becomes; it is never sent. */
  refusal(url: URL): TimelineError {
    const where = url.origin === this.base.origin ? `${url.origin}${cut(url.pathname)}` : url.origin;
    return new TimelineError('config', `A request to ${where} was not sent: the secret was given for ${this.toString()} only.`);
  }
}

function cut(path: string): string {
  return path.length > 60 ? `${path.slice(0, 59)}…` : path;
}
