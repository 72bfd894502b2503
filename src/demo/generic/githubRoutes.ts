import type { DemoRequest, DemoResponse, Route } from '../http';
import { type Random, pick } from '../random';
import { int, obj, str } from '../rawJson';
import { afterCursor, alnum, answer, apiRoute, cursorAfter, hasScheme, origin, whole } from './apiHttp';
import { isoSeconds, unixMillis } from './apiTime';
import { API_SALT, type ApiTimeline } from './apiTimeline';
import { newestFirst, oldestFirst, pageOf } from './listing';

export const GITHUB_EVENTS_PATH = '/github/users/octocat/events';
export const GITHUB_AUDIT_PATH = '/github/orgs/octo-org/audit-log';
/** GitHub lists at most 300 events of a user. */
const MAX_EVENTS = 300;
const EVENT_TYPES = ['PushEvent', 'PushEvent', 'PullRequestEvent', 'IssuesEvent', 'IssueCommentEvent', 'WatchEvent', 'CreateEvent', 'ForkEvent', 'ReleaseEvent'];
const REPOS = ['octocat/Hello-World', 'octocat/Spoon-Knife', 'octocat/linguist', 'octo-org/app'];
const ACTIONS = ['repo.create', 'repo.access', 'repo.destroy', 'org.invite_member', 'org.add_member', 'team.add_member', 'git.clone', 'git.push', 'protected_branch.update', 'oauth_application.create'];
const ACTORS = ['monalisa', 'octocat', 'hubot', 'mona-bot'];

const authorizedFor = (token: string) => (r: DemoRequest): boolean => hasScheme(r, 'Bearer', token) || hasScheme(r, 'token', token);
const refusal = (): DemoResponse => answer(401, '{"message":"Requires authentication","documentation_url":"https://docs.github.com/rest"}');

/** Every GitHub answer carries the rate-limit headers; this demo never runs out. */
function rateHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-used': '1', 'x-ratelimit-reset': '1751318045', ...extra };
}

/**
 * `GET /users/octocat/events`: newest first, `per_page` (≤ 100, default 30) and 1-based `page`, at most 300
 * events, a bare array, and a Link header with next, last, first and prev.
 */
export function githubEventsRoute(timeline: ApiTimeline, token: string): Route {
  return apiRoute(GITHUB_EVENTS_PATH, authorizedFor(token), refusal, (request) => {
    const size = whole(request.query.get('per_page'), 30, 1, 100);
    const page = whole(request.query.get('page'), 1, 1, 1_000_000);
    if (size === undefined || page === undefined) return answer(400, '{"message":"per_page and page must be whole numbers"}');
    const total = Math.min(MAX_EVENTS, timeline.count);
    const { from, to, more } = pageOf(total, page, size);
    const items: string[] = [];
    for (let p = from; p < to; p++) items.push(githubEvent(timeline, p));
    const url = (n: number): string => `${origin(request)}${GITHUB_EVENTS_PATH}?per_page=${size}&page=${n}`;
    const last = Math.max(1, Math.ceil(total / size));
    const links = [more && `<${url(page + 1)}>; rel="next"`, `<${url(last)}>; rel="last"`, page > 1 && `<${url(1)}>; rel="first"`, page > 1 && `<${url(page - 1)}>; rel="prev"`];
    return answer(200, `[${items.join(',')}]`, rateHeaders({ link: links.filter(Boolean).join(', '), 'x-poll-interval': '60' }));
  });
}

function githubEvent(timeline: ApiTimeline, p: number): string {
  const random = timeline.random(p, API_SALT.github);
  const type = pick(random, EVENT_TYPES);
  const repo = pick(random, REPOS);
  const login = pick(random, ACTORS);
  return obj({
    id: str(String(40_000_000_000 + timeline.seq(p))),
    type: str(type),
    actor: obj({ id: int(583231 + ACTORS.indexOf(login)), login: str(login), display_login: str(login), url: str(`https://api.github.com/users/${login}`) }),
    repo: obj({ id: int(1296269 + REPOS.indexOf(repo)), name: str(repo), url: str(`https://api.github.com/repos/${repo}`) }),
    payload: payload(type, random),
    public: 'true',
    created_at: str(isoSeconds(timeline.ns(p))),
  });
}

function payload(type: string, random: Random): string {
  if (type === 'PushEvent') return obj({ push_id: int(10_000_000 + Math.floor(random() * 1e6)), size: int(1 + Math.floor(random() * 3)), ref: str('refs/heads/main'), head: str(alnum(random, 40).toLowerCase()) });
  if (type === 'WatchEvent') return '{"action":"started"}';
  return obj({ action: str(pick(random, ['opened', 'closed', 'created'])), number: int(1 + Math.floor(random() * 400)) });
}

/**
 * `GET /orgs/octo-org/audit-log`: `per_page` (≤ 100, default 30), `order` desc (default) or asc, `after` /
 * `before` cursors "as given in the Link header", `phrase` (`action:repo.create`, or words matched in the
 * actor and action). Times are epoch milliseconds; a bare array.
 */
export function githubAuditRoute(timeline: ApiTimeline, token: string): Route {
  return apiRoute(GITHUB_AUDIT_PATH, authorizedFor(token), refusal, (request) => {
    const q = request.query;
    const size = whole(q.get('per_page'), 30, 1, 100);
    const order = q.get('order') ?? 'desc';
    if (size === undefined || (order !== 'desc' && order !== 'asc')) return answer(422, '{"message":"Validation Failed: per_page must be a number, order desc or asc"}');
    const last = afterCursor(timeline, q.get('after'));
    if (last === null) return answer(422, '{"message":"Invalid cursor"}');
    const phrase = (q.get('phrase') ?? '').trim();
    const keep = (p: number): boolean => phraseMatches(auditFields(timeline, p), phrase);
    const listing = order === 'desc' ? newestFirst(timeline, last === undefined ? 0 : last + 1, size, {}, keep) : oldestFirst(timeline, last, size);
    const items = listing.positions.map((p) => auditEvent(timeline, p));
    const cursor = listing.next === undefined ? undefined : cursorAfter(timeline, listing.positions);
    const next = cursor === undefined ? [] : [`<${origin(request)}${GITHUB_AUDIT_PATH}?${auditQuery(q, size, cursor)}>; rel="next"`];
    return answer(200, `[${items.join(',')}]`, rateHeaders(next.length ? { link: next.join(', ') } : {}));
  });
}


/** The request's own query for the next page: what it asked, with the new cursor. */
function auditQuery(q: URLSearchParams, size: number, after: string): string {
  const next = new URLSearchParams();
  for (const name of ['phrase', 'include', 'order']) if (q.has(name)) next.set(name, q.get(name) ?? '');
  next.set('per_page', String(size));
  next.set('after', after);
  return next.toString();
}

function auditFields(timeline: ApiTimeline, p: number): { action: string; actor: string; random: Random } {
  const random = timeline.random(p, API_SALT.audit);
  return { action: pick(random, ACTIONS), actor: pick(random, ACTORS), random };
}

function phraseMatches({ action, actor }: { action: string; actor: string }, phrase: string): boolean {
  return phrase.split(/\s+/).filter(Boolean).every((term) => (term.startsWith('action:') ? action.startsWith(term.slice(7)) : action.includes(term) || actor.includes(term)));
}

function auditEvent(timeline: ApiTimeline, p: number): string {
  const { action, actor, random } = auditFields(timeline, p);
  const ms = int(unixMillis(timeline.ns(p)));
  return obj({
    '@timestamp': ms,
    _document_id: str(`${timeline.seq(p).toString(36)}${alnum(random, 16)}`),
    action: str(action),
    actor: str(actor),
    actor_id: int(583231 + ACTORS.indexOf(actor)),
    actor_location: obj({ country_code: str(pick(random, ['US', 'BR', 'PT', 'DE'])) }),
    created_at: ms,
    org: str('octo-org'),
    org_id: int(9919),
    repo: action.startsWith('repo.') || action.startsWith('git.') ? str(pick(random, REPOS.slice(3).concat(['octo-org/api', 'octo-org/web']))) : undefined,
    user: action.includes('member') ? str(pick(random, ACTORS)) : undefined,
  });
}
