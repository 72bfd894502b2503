import { createHash } from 'node:crypto';
import type { Route } from '../http';
import { TokenRegistry } from '../passportTokens';
import type { ApiTimeline } from './apiTimeline';
import { AUTH0_CLIENT_ID, auth0LogsRoute, auth0TokenRoute } from './auth0Routes';
import { datadogApplicationKey, datadogEventsRoute } from './datadogRoute';
import { githubAuditRoute, githubEventsRoute } from './githubRoutes';
import { kubernetesEventsRoute } from './kubernetesRoute';
import { oktaLogsRoute } from './oktaRoute';
import { pagerdutyLogRoute } from './pagerdutyRoute';
import { slackLogsRoute } from './slackRoute';
import { stripeEventsRoute } from './stripeRoute';
import { svixAttemptsRoute } from './svixRoute';

/** The client secret of the demo's Auth0 machine-to-machine client (its id is AUTH0_CLIENT_ID). */
export function auth0ClientSecret(token: string): string {
  return createHash('sha256').update(`auth0-client-secret:${token}`).digest('hex').slice(0, 48);
}

/**
 * The routes that serve the well-known APIs' styles (see src/sources/generic/presets.ts), each under its own
 * path prefix: the preset's base URL is the server's URL plus API_DEMO_PREFIXES[preset]. Every route takes the
 * server's token in its API's own scheme.
 */
export function apiDemoRoutes(timeline: ApiTimeline, token: string): Route[] {
  const auth0Tokens = new TokenRegistry(token);
  return [
    stripeEventsRoute(timeline, token),
    githubEventsRoute(timeline, token),
    githubAuditRoute(timeline, token),
    oktaLogsRoute(timeline, token),
    auth0LogsRoute(timeline, auth0Tokens),
    auth0TokenRoute(auth0Tokens, auth0ClientSecret(token)),
    slackLogsRoute(timeline, token),
    datadogEventsRoute(timeline, token),
    svixAttemptsRoute(timeline, token),
    kubernetesEventsRoute(timeline, token),
    pagerdutyLogRoute(timeline, token),
  ];
}

/** Each preset's base path on the demo server ('' for the APIs the demo serves at its root). */
export const API_DEMO_PREFIXES: Readonly<Record<string, string>> = {
  pismo: '',
  talentlms: '',
  'stripe-events': '/stripe',
  'github-events': '/github',
  'github-audit-log': '/github',
  'okta-system-log': '/okta',
  'auth0-logs': '/auth0',
  'slack-audit-logs': '/slack',
  'datadog-events': '/datadog',
  'svix-attempts': '/svix',
  'kubernetes-events': '/k8s',
  'pagerduty-log-entries': '/pagerduty',
};

/** The secrets each preset's demo route accepts, by the slot ids of its auth (see secretSlots). */
export function apiDemoSecrets(token: string): Readonly<Record<string, Readonly<Record<string, string>>>> {
  const bearer = { token };
  return {
    pismo: bearer,
    talentlms: { 'header:x-api-key': token },
    'stripe-events': { password: token },
    'github-events': bearer,
    'github-audit-log': bearer,
    'okta-system-log': { 'header:authorization': token },
    'auth0-logs': bearer,
    'slack-audit-logs': bearer,
    'datadog-events': { 'header:dd-api-key': token, 'header:dd-application-key': datadogApplicationKey(token) },
    'svix-attempts': bearer,
    'kubernetes-events': bearer,
    'pagerduty-log-entries': { 'header:authorization': token },
  };
}

/** The demo's Auth0 client, for a mapping with auth scheme oauth2. */
export function auth0DemoClient(token: string): { clientId: string; clientSecret: string } {
  return { clientId: AUTH0_CLIENT_ID, clientSecret: auth0ClientSecret(token) };
}
