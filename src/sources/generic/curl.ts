import type { CurlRequest, SecretHeader } from '../../core/curl';
import type { GenericMapping } from './mapping';

/**
 * The request a generic connection sent, as Copy Request as cURL repeats it: the mapping's headers, and its one
 * secret header written as an environment variable. Basic and OAuth 2 auth, and several secret headers, have no
 * such one header: the sentence says so.
 */
export function genericCurlRequest(sent: { method: string; url: string }, mapping: GenericMapping): (CurlRequest & { readonly secret?: SecretHeader }) | { error: string } {
  const headers = { Accept: 'application/json', ...Object.fromEntries(mapping.headers) };
  const { auth } = mapping;
  const request = { method: sent.method, url: sent.url, headers };
  switch (auth.scheme) {
    case 'none':
      return request;
    case 'bearer':
      return { ...request, secret: { name: 'Authorization', prefix: 'Bearer', variable: 'TIMELINE_TOKEN' } };
    case 'header': {
      if (auth.headers.length !== 1) return { error: `This connection sends ${auth.headers.length} secret headers; a copied command reads one from the environment.` };
      const [{ name, prefix }] = auth.headers;
      const scheme = prefix.trim();
      if (scheme !== '' && !/^[A-Za-z0-9_-]+$/.test(scheme)) return { error: `The prefix of ${name} cannot be written outside quotes in a command.` };
      return { ...request, secret: { name, prefix: scheme || undefined, variable: name.toUpperCase().replace(/[^A-Z0-9]+/g, '_') } };
    }
    case 'basic':
    case 'oauth2':
      return { error: `This connection signs in with ${auth.scheme === 'basic' ? 'Basic auth' : 'an OAuth 2 token'}, which a copied command cannot read from one variable.` };
  }
}
