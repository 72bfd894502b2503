import type { DemoRequest, DemoResponse, Route } from '../http';
import { pick, uuid } from '../random';
import { int, obj, str } from '../rawJson';
import { afterCursor, alnum, answer, apiRoute, cursorAfter, hasScheme, whole } from './apiHttp';
import { isoMicros, isoSeconds } from './apiTime';
import { API_SALT, type ApiTimeline } from './apiTimeline';
import { newestFirst } from './listing';

export const KUBERNETES_EVENTS_PATH = '/k8s/api/v1/namespaces/default/events';
const REASONS: readonly (readonly [string, string, string])[] = [
  ['Scheduled', 'Normal', 'Successfully assigned default/{pod} to node-1'],
  ['Pulling', 'Normal', 'Pulling image "registry.example.com/web:1.42"'],
  ['Pulled', 'Normal', 'Successfully pulled image "registry.example.com/web:1.42"'],
  ['Created', 'Normal', 'Created container web'],
  ['Started', 'Normal', 'Started container web'],
  ['Killing', 'Normal', 'Stopping container web'],
  ['BackOff', 'Warning', 'Back-off restarting failed container web in pod {pod}'],
  ['Unhealthy', 'Warning', 'Readiness probe failed: HTTP probe failed with statuscode: 503'],
  ['FailedScheduling', 'Warning', '0/3 nodes are available: 3 Insufficient memory.'],
];
const PODS = ['web-7d4b9c6f5-x2k9p', 'web-7d4b9c6f5-q8m3r', 'worker-5f6c8d9b7-lz4tn'];
const POD_UIDS = ['0f8e1c2a-3b4d-4e5f-8a6b-7c8d9e0f1a2b', '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e'];

/**
 * `GET /api/v1/namespaces/default/events`: `limit` and `continue` from `metadata.continue` (absent at the end),
 * an EventList of core/v1 Events. A third of them carry an `eventTime` (MicroTime); the others only
 * `lastTimestamp`, as events from older components do. Listed newest first.
 */
export function kubernetesEventsRoute(timeline: ApiTimeline, token: string): Route {
  const authorized = (r: DemoRequest): boolean => hasScheme(r, 'Bearer', token);
  const refusal = (): DemoResponse => status(401, 'Unauthorized', 'Unauthorized');
  return apiRoute(KUBERNETES_EVENTS_PATH, authorized, refusal, (request) => {
    const limit = whole(request.query.get('limit'), timeline.count, 1, 100_000);
    const last = afterCursor(timeline, request.query.get('continue'));
    if (limit === undefined) return status(400, 'BadRequest', 'limit must be a whole number');
    if (last === null) return status(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
    const listing = newestFirst(timeline, last === undefined ? 0 : last + 1, limit);
    const cont = listing.next === undefined ? undefined : cursorAfter(timeline, listing.positions);
    const metadata = obj({ resourceVersion: str(String(500_000 + timeline.count)), continue: cont && str(cont), remainingItemCount: listing.next === undefined ? undefined : int(timeline.count - listing.next) });
    return answer(200, `{"kind":"EventList","apiVersion":"v1","metadata":${metadata},"items":[${listing.positions.map((p) => k8sEvent(timeline, p)).join(',')}]}`);
  });
}

function status(code: number, reason: string, message: string): DemoResponse {
  return answer(code, JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }));
}

function k8sEvent(timeline: ApiTimeline, p: number): string {
  const random = timeline.random(p, API_SALT.kubernetes);
  const [reason, type, note] = pick(random, REASONS);
  const pod = Math.floor(random() * PODS.length);
  const ns = timeline.ns(p);
  const micro = random() < 1 / 3;
  const seconds = isoSeconds(ns);
  return obj({
    metadata: obj({ name: str(`${PODS[pod]}.${timeline.seq(p).toString(16)}${alnum(random, 4).toLowerCase()}`), namespace: str('default'), uid: str(uuid(random)), resourceVersion: str(String(400_000 + timeline.seq(p) % 100_000)), creationTimestamp: str(seconds) }),
    involvedObject: obj({ kind: str('Pod'), namespace: str('default'), name: str(PODS[pod]), uid: str(POD_UIDS[pod]), apiVersion: str('v1'), fieldPath: str('spec.containers{web}') }),
    reason: str(reason),
    message: str(note.replace('{pod}', PODS[pod])),
    source: obj({ component: str('kubelet'), host: str('node-1') }),
    firstTimestamp: micro ? 'null' : str(seconds),
    lastTimestamp: micro ? 'null' : str(seconds),
    count: int(1),
    type: str(type),
    eventTime: micro ? str(isoMicros(ns)) : 'null',
    reportingComponent: str(micro ? 'kubelet' : ''),
    reportingInstance: str(micro ? 'node-1' : ''),
  });
}
