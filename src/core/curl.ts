import { isQuotable, quotableUrl } from './quotable';

/** A header whose value is a secret: written as a reference to an environment variable, never as the value. */
export interface SecretHeader {
  readonly name: string;
  /** The scheme before the secret, e.g. `Bearer`. */
  readonly prefix?: string;
  /** The variable to set, e.g. `TALENTLMS_API_KEY`. */
  readonly variable: string;
}

export interface CurlRequest {
  readonly method: string;
  readonly url: string;
  /** Headers that hold no secret, sent as they are. */
  readonly headers: Readonly<Record<string, string>>;
  readonly secret?: SecretHeader;
}

/** The source that sent a request, with what it sends besides the secret. */
export type CurlSource = { readonly kind: 'pismo' } | { readonly kind: 'talentlms'; readonly apiVersion: string };

/**
 * The request a source sent, as the copied command repeats it: the URL the HTTP client logged and the headers
 * the source sends besides its secret (a test compares them with what a server received).
 */
export function timelineCurlRequest(sent: { method: string; url: string }, source: CurlSource): CurlRequest & { readonly secret: SecretHeader } {
  const { method, url } = sent;
  return source.kind === 'talentlms'
    ? { method, url, headers: { 'X-API-Version': source.apiVersion, Accept: 'application/json' }, secret: { name: 'X-API-Key', variable: 'TALENTLMS_API_KEY' } }
    : { method, url, headers: { Accept: 'application/json' }, secret: { name: 'Authorization', prefix: 'Bearer', variable: 'PISMO_TOKEN' } };
}

/**
 * The request as a `curl` command that reproduces it outside the editor, and that runs nothing else when pasted
 * into bash, dash, zsh, fish or PowerShell: outside quotes stand only fixed words; every value the server or the
 * settings supplied is single-quoted and holds no character that ends or escapes a quote in any of them, or that
 * a line editor acts on (see quotable.ts). The URL is percent-encoded to that; a header value that is not is
 * refused (settings are checked before any request, so it never was sent). Only the secret header is
 * double-quoted, to expand its variable, and it holds nothing but fixed names. No comment line: interactive zsh
 * runs `#` as a command. `--globoff` keeps curl from reading `page[number]` as a range.
 */
export function curlCommand(request: CurlRequest): string {
  const { secret } = request;
  const args = ['curl --globoff --silent --show-error'];
  if (request.method.toUpperCase() !== 'GET') args.push(`-X ${token(request.method.toUpperCase())}`);
  args.push(quote(quotableUrl(request.url)));
  if (secret) args.push(`-H "${token(secret.name)}: ${secret.prefix ? `${token(secret.prefix)} ` : ''}$${variable(secret.variable)}"`);
  for (const [name, value] of Object.entries(request.headers)) args.push(`-H ${quote(`${token(name)}: ${value}`)}`);
  return `${args.join(' \\\n  ')}\n`;
}

function quote(value: string): string {
  if (!isQuotable(value)) throw new RangeError('A header value holds a quote, a backslash or a control character: no shell could be given it as typed.');
  return `'${value}'`;
}

/** Header names, the scheme and the method are ours; they stand outside single quotes, so only these pass. */
function token(name: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new RangeError(`"${name}" cannot stand unquoted in a command.`);
  return name;
}

/** A variable name every shell expands the same way inside double quotes. */
function variable(name: string): string {
  if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) throw new RangeError(`"${name}" is not an environment variable name.`);
  return name;
}
