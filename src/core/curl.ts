/** A header whose value is a secret: written as a reference to an environment variable, never as the value. */
export interface SecretHeader {
  readonly name: string;
  /** The scheme before the secret, e.g. `Bearer`. */
  readonly prefix?: string;
  /** The variable to set, e.g. `TALENTLMS_API_KEY`. */
  readonly variable: string;
  /** What to put in it, for the comment ("the TalentLMS API key"). */
  readonly what: string;
}

export interface CurlRequest {
  readonly method: string;
  readonly url: string;
  /** Headers that hold no secret, sent as they are. */
  readonly headers: Readonly<Record<string, string>>;
  readonly secret?: SecretHeader;
}

/**
 * The request as a POSIX-shell `curl` command that reproduces it outside the editor. Every value the server or
 * the settings supplied is single-quoted (nothing in it can expand or run); only the secret header is
 * double-quoted, to expand its variable. `--globoff` keeps curl from reading `page[number]` as a range.
 */
export function curlCommand(request: CurlRequest): string {
  const lines: string[] = [];
  const { secret } = request;
  if (secret) lines.push(`# Set ${secret.variable} to ${oneLine(secret.what)} first, e.g. read -rs ${secret.variable} && export ${secret.variable}`);
  const args = ['curl --globoff --silent --show-error'];
  if (request.method.toUpperCase() !== 'GET') args.push(`-X ${quote(request.method.toUpperCase())}`);
  args.push(quote(request.url));
  if (secret) args.push(`-H "${headerName(secret.name)}: ${headerName(secret.prefix ?? '')}${secret.prefix ? ' ' : ''}$${headerName(secret.variable)}"`);
  for (const [name, value] of Object.entries(request.headers)) args.push(`-H ${quote(`${headerName(name)}: ${value}`)}`);
  lines.push(args.join(' \\\n  '));
  return `${lines.join('\n')}\n`;
}

/** Single quotes pass everything literally; a single quote itself is closed, escaped and reopened. Line breaks go. */
function quote(value: string): string {
  return `'${oneLine(value).replace(/'/g, `'\\''`)}'`;
}

function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

/** Header names and the variable are ours, but go inside double quotes: only letters, digits, `-` and `_` pass. */
function headerName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '');
}
