import { TimelineError } from './errors';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Checks a connection's base URL before any request: it must parse, use https (plain http only to this
 * machine, e.g. the demo), and carry no credentials or query of its own.
 */
export function parseBaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new TimelineError('config', `"${text}" is not a valid URL: write it like https://sandbox.pismolabs.io.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    throw new TimelineError('config', `Use https:// for ${url.hostname}: plain http is only allowed to this machine (localhost).`);
  }
  if (url.username || url.password) {
    throw new TimelineError('config', 'Remove the user name and password from the base URL: secrets belong in the secret store.');
  }
  url.search = '';
  url.hash = '';
  return url;
}

/** Appends an API path to a base URL that may itself carry a path prefix (a gateway, a proxy). */
export function apiUrl(base: URL, path: string): URL {
  const url = new URL(base.toString());
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return url;
}
