import { parseCustomEvent } from './customEventBody';
import { type DemoRequest, type DemoResponse, json, jsonError, readBody } from './http';
import type { PismoTenant } from './pismoTenant';
import { nowNs } from './time';

/** An event larger than one 1 MB read could never be listed. */
export const MAX_CUSTOM_EVENT_BYTES = 1_048_576;

/**
 * `POST /timeline/v1/timeline`: a custom event for the token's account, stamped now (nanoseconds) and newer
 * than every event the account has, so it lists first. 201 with the created item's exact JSON text.
 */
export async function postCustomEvent(tenant: PismoTenant, accountId: string, request: DemoRequest): Promise<DemoResponse> {
  if (!/^application\/json\s*(?:;|$)/i.test(request.headers['content-type'] ?? '')) return jsonError(415, 'The body must be sent as content-type: application/json.');
  const text = await readBody(request, MAX_CUSTOM_EVENT_BYTES);
  if (typeof text !== 'string') return text;
  const draft = parseCustomEvent(text);
  if ('error' in draft) return jsonError(400, draft.error);
  const event = tenant.post(accountId, draft, nowNs());
  return 'refused' in event ? jsonError(409, event.refused) : json(201, event.text);
}
