/**
 * What a generic mapping may name in a request: query parameters, headers and the API path. Settings are
 * anybody's text (a cloned workspace's too), and the source sends them next to the user's secret, so each
 * is checked before any request: no secret in a query string, no header that changes where or how a request
 * goes, no path that steps out of the base URL. Each check returns the sentence that says what is wrong.
 */

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_.[\]-]{0,63}$/;
/** RFC 9110 token characters, bounded. */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/;
/** Headers that decide where a request goes, how its body is framed, or that carry ambient credentials. */
const FORBIDDEN_HEADERS = new Set(['host', 'cookie', 'authorization', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'expect']);
/** Words a parameter or plain header name reads as a credential by, once lowercased and stripped of `-_.[]`. */
const CREDENTIAL_PARTS = ['apikey', 'accesstoken', 'authtoken', 'idtoken', 'refreshtoken', 'secret', 'password', 'passwd', 'authorization', 'credential', 'signature', 'privatekey', 'accesskey', 'sessionid', 'bearer'];
/** Short words that are a credential only as the whole name: `pageToken` is a cursor, `keyword` a filter. */
const CREDENTIAL_NAMES = ['token', 'key', 'auth', 'session', 'sid', 'sig', 'pass', 'pwd', 'jwt', 'code'];
/** Plain headers hold no secret: a name with one of these words is one, and belongs in auth. */
const SECRET_HEADER_WORDS = ['key', 'token', 'secret', 'password', 'auth', 'cookie', 'session', 'signature', 'credential'];
const MAX_VALUE_CHARS = 1024;
const MAX_PATH_CHARS = 512;

const bare = (name: string): string => name.toLowerCase().replace(/[-_.[\]]/g, '');

/** `what` is a query parameter name the source may send, or why not. */
export function paramNameProblem(name: string, what: string): string | undefined {
  if (!PARAM_NAME.test(name)) return `${what} must be a query parameter name (letters, digits, _ . - [ ], at most 64), not ${quote(name)}`;
  const b = bare(name);
  if (CREDENTIAL_NAMES.includes(b) || CREDENTIAL_PARTS.some((part) => b.includes(part))) {
    return `${what} must not be ${quote(name)}, which reads as a credential's name: a secret never travels in a query string, use auth instead`;
  }
  return undefined;
}

/** `what` is a header name; `secret`: it carries a secret (auth.headers), so Authorization is allowed. */
export function headerNameProblem(name: string, what: string, secret: boolean): string | undefined {
  if (!HEADER_NAME.test(name)) return `${what} must be a header name (letters, digits and - _ . at most 64), not ${quote(name)}`;
  const lower = name.toLowerCase();
  if ((FORBIDDEN_HEADERS.has(lower) && !(secret && lower === 'authorization')) || lower.startsWith('proxy-')) {
    return `${what} must not be ${quote(name)}: Host, Cookie, Authorization, Content-Length, Transfer-Encoding, Connection and Proxy-* headers are set by the extension or not at all`;
  }
  if (!secret && SECRET_HEADER_WORDS.some((word) => bare(name).includes(word))) {
    return `${what} ${quote(name)} reads as a secret's header: put it in auth (scheme "header") so its value is kept in the secret store, not in settings`;
  }
  return undefined;
}

/** A header or query value: one line of printable text. */
export function valueProblem(value: string, what: string): string | undefined {
  if (value.length > MAX_VALUE_CHARS) return `${what} is ${value.length.toLocaleString('en-US')} characters long: at most ${MAX_VALUE_CHARS}`;
  // eslint-disable-next-line no-control-regex -- a control character (a line break above all) would split a header
  if (/[\u0000-\u001f\u007f]/.test(value)) return `${what} holds a control character or a line break`;
  return undefined;
}

/**
 * An API path joined to the base URL: `/v1/events`. Only the path: no scheme or host, no query or fragment,
 * no `.` or `..` step, and none of what some servers read as a step out of it (`;`, `%25`, encoded slashes).
 */
export function requestPathProblem(path: string, what: string): string | undefined {
  if (path.length > MAX_PATH_CHARS) return `${what} is ${path.length.toLocaleString('en-US')} characters long: at most ${MAX_PATH_CHARS}`;
  if (!path.startsWith('/') || path.startsWith('//')) return `${what} must be a path starting with one "/", such as /v1/events (the host belongs in the base URL)`;
  if (/[?#]/.test(path)) return `${what} must be a path without "?" or "#": put query parameters in mapping.query`;
  if (/[;\\]|%25|%2f|%5c/i.test(path)) return `${what} must not hold ";", "%25" or an encoded slash: some servers read them as a step out of the base URL`;
  if (!/^[A-Za-z0-9\-._~!$&'()*+,=:@/%]*$/.test(path)) return `${what} holds characters a URL path cannot: write it as it appears in the API's documentation, such as /api/v1/logs`;
  if (path.split('/').some((step) => step === '.' || step === '..' || /^%2e/i.test(step))) return `${what} must not hold "." or ".." steps`;
  return undefined;
}

/** A name or value shown in a message: quoted, and cut short (it may be a hostile 10,000-character key). */
export function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
