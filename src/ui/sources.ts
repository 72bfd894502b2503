import * as vscode from 'vscode';
import { TimelineError } from '../core/errors';
import { DEFAULT_HTTP_OPTIONS, HttpClient, type RequestLogEntry } from '../core/http';
import type { Redactor } from '../core/redact';
import { DeferredSource, type TimelineSource } from '../core/source';
import { parseBaseUrl } from '../core/url';
import { PismoSource, type TokenProvider } from '../sources/pismo';
import { PismoTokenMinter } from '../sources/pismoAuth';
import { TalentLmsSource } from '../sources/talentlms';
import { TALENTLMS_CATEGORIES } from '../sources/talentlmsCatalog';
import { CONNECTION_KINDS, type Connection } from './connection';
import type { DemoService } from './demo';
import type { ConnectionSecrets, SecretBundle } from './secrets';
import { readSettings } from './settings';

export interface SourceDeps {
  readonly demo: DemoService;
  readonly redactor: Redactor;
  readonly secrets: ConnectionSecrets;
  /** Asks the user for a connection's missing secrets; undefined when they decline. */
  readonly ask: (connection: Connection) => Promise<SecretBundle | undefined>;
  readonly onRequest: (entry: RequestLogEntry) => void;
}

export const DEFAULT_TALENTLMS_API_VERSION = '2025-01-01';

/**
 * Builds the source that reads a connection's timeline. Configuration is checked, and secrets fetched,
 * when the first page is asked for, so a mistake becomes an error node with a sentence saying what to fix.
 */
export function createSource(connection: Connection, deps: SourceDeps): TimelineSource {
  const settings = readSettings();
  const credential = connection.kind === 'talentlms' ? vscode.l10n.t('API key') : vscode.l10n.t('account token');
  const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, timeoutMs: settings.timeoutMs, maxBytes: settings.maxBytes, redactor: deps.redactor, onRequest: deps.onRequest, credential });
  return new DeferredSource(
    async () => {
      if (!CONNECTION_KINDS.includes(connection.kind as never)) {
        throw new TimelineError('config', vscode.l10n.t('Connection "{0}" has kind "{1}": use "pismo" or "talentlms".', connection.name, connection.kind));
      }
      const { baseUrl, secrets } = connection.demo ? await demoAccess(deps) : { baseUrl: configuredUrl(connection), secrets: await requireSecrets(connection, deps) };
      if (connection.kind === 'talentlms') {
        return new TalentLmsSource({ baseUrl, http, apiKey: async () => secrets.apiKey ?? '', apiVersion: connection.apiVersion ?? DEFAULT_TALENTLMS_API_VERSION });
      }
      return new PismoSource({ baseUrl, http, auth: pismoAuth(connection, baseUrl, http, secrets, deps.redactor), cursorParam: connection.cursorParam, groupBy: connection.groupBy });
    },
    () => http.close(),
  );
}

function configuredUrl(connection: Connection): URL {
  if (!connection.baseUrl.trim()) {
    throw new TimelineError('config', vscode.l10n.t('Connection "{0}" has no base URL: set "baseUrl" in its settings.', connection.name));
  }
  return parseBaseUrl(connection.baseUrl);
}

async function demoAccess(deps: SourceDeps): Promise<{ baseUrl: URL; secrets: SecretBundle }> {
  const server = await deps.demo.start();
  deps.redactor.add(server.token);
  return { baseUrl: parseBaseUrl(server.url), secrets: { apiKey: server.token, token: server.token } };
}

async function requireSecrets(connection: Connection, deps: SourceDeps): Promise<SecretBundle> {
  const stored = await deps.secrets.get(connection.id);
  if (stored && hasAll(connection, stored)) return stored;
  const asked = await deps.ask(connection);
  // An authentication problem, not a configuration one: the node offers Set Secret.
  if (!asked) throw new TimelineError('auth', vscode.l10n.t('No secret is set for "{0}": use Set Secret.', connection.name));
  await deps.secrets.set(connection.id, asked);
  return asked;
}

function hasAll(connection: Connection, bundle: SecretBundle): boolean {
  if (connection.kind === 'talentlms') return !!bundle.apiKey;
  return connection.auth === 'serverKey' ? !!bundle.serverKey && !!bundle.serverSecret : !!bundle.token;
}

function pismoAuth(connection: Connection, baseUrl: URL, http: HttpClient, secrets: SecretBundle, redactor: Redactor): TokenProvider {
  if (connection.auth !== 'serverKey') return { token: async () => secrets.token ?? '' };
  const credentials = async (): Promise<{ serverKey: string; serverSecret: string; accountId: string }> => {
    if (!connection.accountId) throw new TimelineError('config', vscode.l10n.t('Connection "{0}" mints tokens but has no "accountId".', connection.name));
    return { serverKey: secrets.serverKey ?? '', serverSecret: secrets.serverSecret ?? '', accountId: connection.accountId };
  };
  return new PismoTokenMinter(baseUrl, http, credentials, (token) => redactor.add(token));
}

/** How the tree orders a connection's categories: TalentLMS's as its documentation lists them. */
export function categoryOrder(connection: Connection): readonly string[] | undefined {
  return connection.kind === 'talentlms' ? TALENTLMS_CATEGORIES.map((c) => c.name) : undefined;
}
