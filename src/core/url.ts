import { TimelineError } from './errors';
import { Redactor } from './redact';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
/** Only credential shapes: a URL the user typed is echoed back with what may be a secret masked. */
const SHAPES = new Redactor();
const ECHO_MAX = 80;

/**
 * Checks a connection's base URL before any request: it must parse, use https (plain http only to this
 * machine, e.g. the demo), and carry no credentials or query of its own.
 */
export function parseBaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new TimelineError('config', `"${echo(text)}" is not a valid URL: write it like https://sandbox.pismolabs.io.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    throw new TimelineError('config', `Use https:// for ${url.hostname}: plain http is only allowed to this machine (localhost).`);
  }
  if (url.username || url.password) {
    throw new TimelineError('config', 'Remove the user name and password from the base URL: secrets belong in the secret store.');
  }
  if (hasAmbiguousPath(url)) {
    throw new TimelineError('config', 'Remove ";" and "%25" from the base URL\'s path: some servers read them as a step out of it (Tomcat takes "..;" for "..").');
  }
  url.search = '';
  url.hash = '';
  return url;
}

/** What the user typed, with credential shapes masked and cut short: it is shown in an error. */
function echo(text: string): string {
  const masked = SHAPES.redact(text.trim());
  return masked.length > ECHO_MAX ? `${masked.slice(0, ECHO_MAX - 1)}…` : masked;
}

/** Appends an API path to a base URL that may itself carry a path prefix (a gateway, a proxy). */
export function apiUrl(base: URL, path: string): URL {
  const url = new URL(base.toString());
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return url;
}

/** A base URL's path without its trailing slashes: "" for the root. */
export function basePath(base: URL): string {
  return base.pathname.replace(/\/+$/, '');
}

/** Encoded slashes and backslashes: a server may decode them into a path outside the base. */
const ENCODED_SEPARATOR = /%2f|%5c/i;
/**
 * Path parameters and an encoded `%`: Tomcat and Spring read `/a/..;/b` as `/b`, and a server (or proxy) that
 * decodes twice reads `%252e%252e` as `..`. The URL parser sees neither as a step up, so the path is refused.
 */
const AMBIGUOUS_PATH = /;|%25/;

/** Whether a URL's path holds what some servers read as a step out of it, though the URL parser does not. */
function hasAmbiguousPath(url: URL): boolean {
  return AMBIGUOUS_PATH.test(url.pathname);
}

/**
 * Whether `url` lies under `base`: the same scheme, host and port, no user name or password, and a path
 * equal to the base path or below it by whole segments (`/tenant-a/x`, never `/tenant-ab`). The URL parser
 * has already resolved `..` and `%2e%2e`; encoded separators, `;` and `%25` are refused.
 */
export function isUnderBase(url: URL, base: URL): boolean {
  if (url.origin !== base.origin || url.username || url.password) return false;
  if (ENCODED_SEPARATOR.test(url.pathname) || hasAmbiguousPath(url)) return false;
  const prefix = basePath(base);
  return prefix === '' || url.pathname === prefix || url.pathname.startsWith(`${prefix}/`);
}
