import type { CustomEventDraft } from './accountTimeline';
import { objectMembers } from './jsonMembers';

const FIELDS = ['type', 'category', 'data', 'correlation_id'];
const SHAPE = '{"type","category","data","correlation_id"}';

/**
 * A `POST /timeline/v1/timeline` body as a draft, or the sentence a 400 carries, naming the field. `data`
 * is kept as the exact JSON text sent (absent: `{}`), so the event lists what the client wrote.
 */
export function parseCustomEvent(text: string): CustomEventDraft | { error: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: `The body must be JSON: ${SHAPE}.` };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { error: `The body must be a JSON object: ${SHAPE}.` };
  const members = new Map<string, string>();
  for (const { key, value } of objectMembers(text)) {
    const name = JSON.stringify(key.slice(0, 40));
    if (!FIELDS.includes(key)) return { error: `${name} is not a field of a custom event: only type, category, data and correlation_id are.` };
    if (members.has(key)) return { error: `${name} is given twice.` };
    members.set(key, value);
  }
  const { type, category, correlation_id: correlationId } = body as Record<string, unknown>;
  for (const [name, value] of [['type', type], ['category', category]] as const) {
    if (value === undefined) return { error: `${name} is required` };
    if (typeof value !== 'string' || value === '') return { error: `${name} must be a non-empty string` };
  }
  if (correlationId !== undefined && typeof correlationId !== 'string') return { error: 'correlation_id must be a string' };
  return { type: type as string, category: category as string, data: members.get('data') ?? '{}', correlationId };
}
