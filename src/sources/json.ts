import { TimelineError } from '../core/errors';

/** Parses a response body, turning an HTML error page or a cut-off body into a sentence. */
export function parseJsonBody(body: Buffer): unknown {
  const source = body.toString('utf8');
  try {
    return JSON.parse(source);
  } catch {
    const start = source.trimStart().slice(0, 40).replace(/\s+/g, ' ');
    const hint = start.startsWith('<') ? 'an HTML page' : start.length === 0 ? 'an empty body' : 'text that is not JSON (or JSON cut short)';
    throw new TimelineError('badJson', `The server answered with ${hint} instead of JSON.`);
  }
}

/** A field as display text: strings as they are, numbers and booleans printed, anything else absent. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
