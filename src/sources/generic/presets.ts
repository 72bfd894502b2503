import { TALENTLMS_CATEGORIES } from '../talentlmsCatalog';

/**
 * A starting mapping for a well-known API, written from its public documentation (see the survey in
 * docs/generic-sources.md). Where the documentation does not say (a field's name, a time's unit, the auth
 * header's form), the description says what was inferred: check it against a real answer with Test mapping.
 */
export interface GenericPreset {
  readonly id: string;
  readonly name: string;
  /** What it reads, and what in it is inferred rather than documented. */
  readonly description: string;
  /** The API's public base URL (a site or tenant host to replace where it says so). */
  readonly baseUrl: string;
  /** As a connection's `generic` setting holds it, to be checked with checkMapping. */
  readonly mapping: Readonly<Record<string, unknown>>;
}

const GITHUB_HEADERS = { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' };
const GITHUB_RATE = { remaining: 'X-RateLimit-Remaining', limit: 'X-RateLimit-Limit' };

/** TalentLMS's nine documented categories by the prefix of the event type, unknown prefixes under "Other". */
const TALENT_CATEGORY_NAMES = Object.fromEntries(TALENTLMS_CATEGORIES.map((c) => [c.prefix.replace(/_$/, ''), c.name]));

export const GENERIC_PRESETS: readonly GenericPreset[] = [
  {
    id: 'pismo',
    name: 'Pismo account timeline',
    description:
      'GET /timeline/v1/timeline with an account token, as the built-in Pismo kind reads it. Minting tokens from a server key stays with the built-in kind; the filter parameter names (type, category, beginDate, endDate) come from a third-party client.',
    baseUrl: 'https://sandbox.pismolabs.io',
    mapping: {
      path: '/timeline/v1/timeline',
      query: { limit: '{pageSize}' },
      auth: { scheme: 'bearer' },
      items: '$.items',
      fields: { id: '$.tenant_account_timestamp', time: '$.timestamp', type: '$.type', category: '$.category', correlation: '$.correlation_id', summary: '$.data.amount', account: '$.account_id' },
      paging: { style: 'cursor', next: '$.next_cursor', param: 'cursor', hasMore: '$.has_next' },
      filters: { type: 'type', category: 'category', since: 'beginDate', until: 'endDate' },
    },
  },
  {
    id: 'talentlms',
    name: 'TalentLMS timeline (v2)',
    description:
      'GET /api/v2/timeline with an API key in X-API-Key, following _links.next. The item fields (id, event_type, created_at, user) and the filter syntax are inferred from the other v2 list endpoints; the event labels of the documented table stay with the built-in kind. Use your portal as the base URL: https://{domain}.talentlms.com.',
    baseUrl: 'https://example.talentlms.com',
    mapping: {
      path: '/api/v2/timeline',
      query: { 'page[number]': '1', 'page[size]': '{pageSize}' },
      headers: { 'X-API-Version': '2025-01-01', Accept: 'application/json' },
      auth: { scheme: 'header', headers: [{ name: 'X-API-Key' }] },
      maxPageSize: 100,
      items: '$._data',
      fields: { id: '$.id', time: '$.created_at', type: '$.event_type', category: { path: '$.event_type', before: '_', names: TALENT_CATEGORY_NAMES, other: 'Other' }, summary: ['$.user.name', '$.course.name'] },
      paging: { style: 'nextUrl', next: '$._links.next' },
      filters: { type: 'filter[event_type][eq]', since: 'filter[created_at][gte]', until: 'filter[created_at][lte]' },
      rateLimit: { remaining: 'X-RateLimit-Remaining', limit: 'X-RateLimit-Limit' },
    },
  },
  {
    id: 'stripe-events',
    name: 'Stripe events',
    description:
      'GET /v1/events, newest first, paged with starting_after = the last event\'s id while has_more, the secret key sent as the Basic user name. That created is in unix seconds, and the correlation fields (request.id, data.object.id), are inferred. Stripe keeps 30 days of events.',
    baseUrl: 'https://api.stripe.com',
    mapping: {
      path: '/v1/events',
      query: { limit: '{pageSize}' },
      auth: { scheme: 'basic' },
      maxPageSize: 100,
      items: '$.data',
      fields: { id: '$.id', time: '$.created', timeFormat: 'unixSeconds', type: '$.type', category: { path: '$.type', before: '.' }, correlation: ['$.request.id', '$.data.object.id'], summary: '$.data.object.description' },
      paging: { style: 'cursor', next: '$last.id', param: 'starting_after', hasMore: '$.has_more' },
      filters: { type: 'type', since: { param: 'created[gte]', format: 'unixSeconds' }, until: { param: 'created[lte]', format: 'unixSeconds' } },
    },
  },
  {
    id: 'github-events',
    name: 'GitHub user events',
    description:
      'GET /users/{user}/events (replace octocat in the path), page by page with per_page up to 100; GitHub keeps at most 300 events of the last 90 days. That the token goes as Bearer is inferred; the correlation ids (repository name, actor login) are a choice.',
    baseUrl: 'https://api.github.com',
    mapping: {
      path: '/users/octocat/events',
      query: { per_page: '{pageSize}' },
      headers: GITHUB_HEADERS,
      auth: { scheme: 'bearer' },
      maxPageSize: 100,
      items: '$',
      fields: { id: '$.id', time: '$.created_at', type: '$.type', correlation: ['$.repo.name', '$.actor.login'], summary: '$.actor.login' },
      paging: { style: 'page', param: 'page', start: 1 },
      rateLimit: GITHUB_RATE,
    },
  },
  {
    id: 'github-audit-log',
    name: 'GitHub organization audit log',
    description:
      'GET /orgs/{org}/audit-log (replace octo-org in the path), newest first, following the Link header\'s next cursor; times are epoch milliseconds. The item fields _document_id, action, actor and repo are inferred. The token needs admin:org (read:audit_log for an enterprise).',
    baseUrl: 'https://api.github.com',
    mapping: {
      path: '/orgs/octo-org/audit-log',
      query: { per_page: '{pageSize}', include: 'all', order: 'desc' },
      headers: GITHUB_HEADERS,
      auth: { scheme: 'bearer' },
      maxPageSize: 100,
      items: '$',
      fields: { id: '$._document_id', time: ['$["@timestamp"]', '$.created_at'], timeFormat: 'unixMillis', type: '$.action', category: { path: '$.action', before: '.' }, correlation: ['$.actor', '$.repo'], summary: '$.actor' },
      paging: { style: 'linkHeader' },
      filters: { text: 'phrase' },
      rateLimit: GITHUB_RATE,
    },
  },
  {
    id: 'okta-system-log',
    name: 'Okta System Log',
    description:
      'GET /api/v1/logs, newest first (sortOrder=DESCENDING), following the Link header\'s next. The header form "Authorization: SSWS <token>" and the rate-limit header names are inferred. Use your Okta org as the base URL.',
    baseUrl: 'https://example.okta.com',
    mapping: {
      path: '/api/v1/logs',
      query: { limit: '{pageSize}', sortOrder: 'DESCENDING' },
      auth: { scheme: 'header', headers: [{ name: 'Authorization', prefix: 'SSWS ' }] },
      maxPageSize: 1000,
      items: '$',
      fields: {
        id: '$.uuid',
        time: '$.published',
        type: '$.eventType',
        category: { path: '$.eventType', before: '.' },
        correlation: ['$.transaction.id', '$.authenticationContext.externalSessionId', '$.debugContext.debugData.requestId'],
        summary: '$.displayMessage',
        severity: '$.severity',
      },
      paging: { style: 'linkHeader' },
      filters: { since: 'since', until: 'until', text: 'q' },
      rateLimit: { remaining: 'X-Rate-Limit-Remaining', limit: 'X-Rate-Limit-Limit' },
    },
  },
  {
    id: 'auth0-logs',
    name: 'Auth0 logs (checkpoint)',
    description:
      'GET /api/v2/logs in checkpoint mode: oldest first by log_id, take up to 100, then the Link header\'s next; once nothing is newer Auth0 answers [] with the same next link, which is where newer events are read from. That a first request without from starts at the oldest retained log, and the date, user_id, client_id and description fields, are inferred. The Management API token can also be minted with auth scheme oauth2 (tokenPath /oauth/token, params audience).',
    baseUrl: 'https://example.auth0.com',
    mapping: {
      path: '/api/v2/logs',
      query: { take: '{pageSize}' },
      auth: { scheme: 'bearer' },
      maxPageSize: 100,
      items: '$',
      order: 'oldestFirst',
      fields: { id: '$.log_id', time: '$.date', type: '$.type', correlation: ['$.user_id', '$.client_id'], summary: '$.description' },
      paging: { style: 'linkHeader' },
    },
  },
  {
    id: 'slack-audit-logs',
    name: 'Slack audit logs',
    description:
      'GET https://api.slack.com/audit/v1/logs with an Enterprise Grid owner\'s user token (auditlogs:read), newest first, cursor in response_metadata.next_cursor. The correlation ids (actor and entity user ids) are inferred.',
    baseUrl: 'https://api.slack.com',
    mapping: {
      path: '/audit/v1/logs',
      query: { limit: '{pageSize}' },
      auth: { scheme: 'bearer' },
      items: '$.entries',
      fields: { id: '$.id', time: '$.date_create', timeFormat: 'unixSeconds', type: '$.action', correlation: ['$.actor.user.id', '$.entity.user.id'], summary: '$.actor.user.name' },
      paging: { style: 'cursor', next: '$.response_metadata.next_cursor', param: 'cursor' },
      filters: { type: 'action', since: { param: 'oldest', format: 'unixSeconds' }, until: { param: 'latest', format: 'unixSeconds' } },
    },
  },
  {
    id: 'datadog-events',
    name: 'Datadog events',
    description:
      'GET /api/v2/events with DD-API-KEY and DD-APPLICATION-KEY, newest first, cursor meta.page.after (a short or empty page is not the end). Use your site\'s API host (api.datadoghq.eu, api.us3.datadoghq.com…). The item fields under attributes (timestamp, message, evt.type, service, status, aggregation_key) are inferred.',
    baseUrl: 'https://api.datadoghq.com',
    mapping: {
      path: '/api/v2/events',
      query: { 'page[limit]': '{pageSize}', sort: '-timestamp' },
      auth: { scheme: 'header', headers: [{ name: 'DD-API-KEY' }, { name: 'DD-APPLICATION-KEY' }] },
      maxPageSize: 1000,
      items: '$.data',
      fields: {
        id: '$.id',
        time: '$.attributes.timestamp',
        type: ['$.attributes.attributes.evt.type', '$.type'],
        category: { path: '$.attributes.attributes.service', other: 'Other' },
        correlation: '$.attributes.attributes.aggregation_key',
        summary: '$.attributes.message',
        severity: '$.attributes.attributes.status',
      },
      paging: { style: 'cursor', next: '$.meta.page.after', param: 'page[cursor]' },
      filters: { text: 'filter[query]', since: { param: 'filter[from]', format: 'unixMillis' }, until: { param: 'filter[to]', format: 'unixMillis' } },
      rateLimit: { remaining: 'X-RateLimit-Remaining', limit: 'X-RateLimit-Limit' },
    },
  },
  {
    id: 'svix-attempts',
    name: 'Svix message attempts of an endpoint',
    description:
      'GET /api/v1/app/{app}/attempt/endpoint/{endpoint} (replace app_demo and ep_demo), newest first, the iterator followed until done. Grouped by status (0 success, 1 pending, 2 fail, 3 sending); that with_msg adds the message\'s eventType, and the timestamp field, are inferred.',
    baseUrl: 'https://api.eu.svix.com',
    mapping: {
      path: '/api/v1/app/app_demo/attempt/endpoint/ep_demo',
      query: { limit: '{pageSize}', with_msg: 'true' },
      auth: { scheme: 'bearer' },
      maxPageSize: 250,
      items: '$.data',
      fields: {
        id: '$.id',
        time: '$.timestamp',
        type: ['$.msg.eventType', '$.status'],
        category: { path: '$.status', names: { 0: 'Success', 1: 'Pending', 2: 'Fail', 3: 'Sending' }, other: 'Other' },
        correlation: ['$.msgId', '$.endpointId'],
        summary: '$.url',
      },
      paging: { style: 'cursor', next: '$.iterator', param: 'iterator', hasMore: '!$.done' },
      filters: { since: 'after', until: 'before' },
    },
  },
  {
    id: 'kubernetes-events',
    name: 'Kubernetes events of a namespace',
    description:
      'GET /api/v1/namespaces/{namespace}/events (replace default), paged with limit and metadata.continue; a continue token expires after a few minutes (410), and then the list starts over. The API lists by name, not by time: newest first is assumed for newer-event checks. The time is eventTime, else lastTimestamp; the uid as id is inferred.',
    baseUrl: 'https://kubernetes.default.svc',
    mapping: {
      path: '/api/v1/namespaces/default/events',
      query: { limit: '{pageSize}' },
      auth: { scheme: 'bearer' },
      items: '$.items',
      fields: {
        id: '$.metadata.uid',
        time: ['$.eventTime', '$.lastTimestamp', '$.metadata.creationTimestamp'],
        type: '$.reason',
        category: '$.type',
        correlation: ['$.involvedObject.uid', '$.regarding.uid'],
        summary: ['$.message', '$.note'],
        severity: '$.type',
      },
      paging: { style: 'cursor', next: '$.metadata.continue', param: 'continue' },
    },
  },
  {
    id: 'pagerduty-log-entries',
    name: 'PagerDuty log entries',
    description:
      'GET /log_entries with "Authorization: Token token=<key>", offset and limit while more. The envelope (log_entries, limit, offset, more) is inferred.',
    baseUrl: 'https://api.pagerduty.com',
    mapping: {
      path: '/log_entries',
      query: { limit: '{pageSize}' },
      headers: { Accept: 'application/vnd.pagerduty+json;version=2' },
      auth: { scheme: 'header', headers: [{ name: 'Authorization', prefix: 'Token token=' }] },
      maxPageSize: 100,
      items: '$.log_entries',
      fields: { id: '$.id', time: '$.created_at', type: '$.type', correlation: '$.incident.id', summary: '$.summary' },
      paging: { style: 'offset', param: 'offset', hasMore: '$.more' },
      filters: { since: 'since', until: 'until' },
    },
  },
];

export function presetById(id: string): GenericPreset | undefined {
  return GENERIC_PRESETS.find((p) => p.id === id);
}
