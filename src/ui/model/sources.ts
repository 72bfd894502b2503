import * as vscode from 'vscode';
import { TimelineError, isTimelineError } from '../../core/errors';
import { DEFAULT_HTTP_OPTIONS, HttpClient, type RequestLogEntry } from '../../core/http';
import type { Redactor } from '../../core/redact';
import { type BindingAnswer, decideBinding } from '../../core/secretBinding';
import { SecretScope } from '../../core/secretScope';
import { DeferredSource, type TimelineSource } from '../../core/source';
import { isQuotable, isQuotableHeaderValue } from '../../core/quotable';
import { parseBaseUrl } from '../../core/url';
import { PismoSource } from '../../sources/pismo';
import { MINT_SECRET_FIELDS, type MintSecretField, PismoOAuthMinter, PismoTokenMinter } from '../../sources/pismoAuth';
import type { TokenProvider } from '../../sources/tokenCache';
import { isTenant, writesAllowed } from './accounts';
import { type CustomEventAnswer, type CustomEventDraft, postCustomEvent } from '../../sources/pismoCustomEvent';
import { TalentLmsSource } from '../../sources/talentlms';
import { TALENTLMS_CATEGORIES } from '../../sources/talentlmsCatalog';
import { GenericSource } from '../../sources/generic/genericSource';
import { CONNECTION_KINDS, type Connection, DEFAULT_TALENTLMS_API_VERSION, FILE_KIND } from './connection';
import { genericMapping, genericSlots } from './genericConnection';
import type { TimelineFiles } from './timelineFiles';
import type { DemoService } from './demo';
import { credentialName, type ConnectionSecrets, type SecretBundle } from './secrets';
import { readSettings } from './settings';

export interface SourceDeps {
  readonly demo: DemoService;
  readonly redactor: Redactor;
  readonly secrets: ConnectionSecrets;
  /** Asks the user for a connection's missing secrets; undefined when they decline. */
  readonly ask: (connection: Connection) => Promise<SecretBundle | undefined>;
  readonly onRequest: (entry: RequestLogEntry) => void;
  /** The connection as the user's own settings define it, if they do. */
  readonly userConnection: (id: string) => Connection | undefined;
  /** Whether a secret saved before secrets had an address may go to a workspace-only connection's address. */
  readonly confirmAddress: (connection: Connection, base: URL) => Promise<boolean>;
  /** Whether a generic connection that only the workspace defines may read the host it names. */
  readonly confirmWorkspaceApi: (connection: Connection, base: URL) => Promise<boolean>;
  /** The timeline files opened in this window. */
  readonly files: TimelineFiles;
  /** A sentence for the log. */
  readonly note: (line: string) => void;
}

/**
 * Builds the source that reads a connection's timeline. Configuration is checked, and secrets fetched,
 * when the first page is asked for, so a mistake becomes an error node with a sentence saying what to fix.
 * Every request of the connection then goes through one HttpClient bound to its base URL, which refuses
 * anything outside it: the secret only ever travels to the address it was given for.
 */
export function createSource(connection: Connection, deps: SourceDeps): TimelineSource {
  if (connection.kind === FILE_KIND) return deps.files.source(connection);
  let http: HttpClient | undefined;
  // one client per source
  const client = (baseUrl: URL, credential: string): HttpClient => (http = boundClient(baseUrl, credential, deps));
  return new DeferredSource(
    async () => {
      try {
        if (connection.kind === 'generic') {
          const { mapping, baseUrl, secrets } = await genericAccess(connection, deps);
          const generic = client(baseUrl, vscode.l10n.t('API secrets'));
          return new GenericSource({ baseUrl, http: generic, mapping, secrets: async () => secrets.generic ?? {}, redactor: deps.redactor });
        }
        if (!CONNECTION_KINDS.includes(connection.kind as never)) {
          throw new TimelineError('config', vscode.l10n.t('Connection "{0}" has kind "{1}": use "pismo", "talentlms" or "generic".', connection.name, connection.kind));
        }
        if (isTenant(connection)) {
          throw new TimelineError('config', vscode.l10n.t('"{0}" is a tenant: its timelines are its accounts\'. Use Open Account.', connection.name));
        }
        const { baseUrl, secrets } = await pismoOrTalentAccess(connection, deps);
        const http = client(baseUrl, connection.kind === 'talentlms' ? vscode.l10n.t('API key') : vscode.l10n.t('account token'));
        if (connection.kind === 'talentlms') {
          return new TalentLmsSource({ baseUrl, http, apiKey: async () => secrets.apiKey ?? '', apiVersion: talentApiVersion(connection) });
        }
        return new PismoSource({ baseUrl, http, auth: pismoAuth(connection, baseUrl, http, secrets, deps), cursorParam: connection.cursorParam, groupBy: connection.groupBy, filterParams: connection.filterParams });
      } catch (e) {
        // Settings are anybody's text (a URL with a key in its query): what they say is redacted like the rest.
        throw isTimelineError(e) ? new TimelineError(e.kind, deps.redactor.redact(e.message), e.details) : e;
      }
    },
    async () => http?.close(),
  );
}

/** A client bound to the address its secret was given for, which refuses any other; `credential` names it in errors. */
function boundClient(baseUrl: URL, credential: string, deps: SourceDeps): HttpClient {
  const settings = readSettings();
  return new HttpClient({ ...DEFAULT_HTTP_OPTIONS, timeoutMs: settings.timeoutMs, maxBytes: settings.maxBytes, redactor: deps.redactor, onRequest: deps.onRequest, credential, scope: SecretScope.of(baseUrl) });
}

/**
 * Sends a custom event to a Pismo account with the account's own token, through a client bound like its
 * timeline's. The caller has checked that writes are allowed and the user confirmed.
 */
export async function sendCustomEvent(connection: Connection, draft: CustomEventDraft, deps: SourceDeps, signal: AbortSignal): Promise<CustomEventAnswer> {
  const { baseUrl, secrets } = await pismoOrTalentAccess(connection, deps);
  const http = boundClient(baseUrl, vscode.l10n.t('account token'), deps);
  try {
    return await postCustomEvent(baseUrl, http, pismoAuth(connection, baseUrl, http, secrets, deps), draft, signal);
  } finally {
    await http.close();
  }
}

/** The host a Pismo account's writes go to (its tenant's base URL); undefined for the demo or a base URL not valid yet. */
export function writeHost(connection: Connection): string | undefined {
  if (connection.demo) return undefined;
  try {
    return configuredUrl(connection.tenant ?? connection).host;
  } catch {
    return undefined;
  }
}

function configuredUrl(connection: Connection): URL {
  if (!connection.baseUrl.trim()) {
    throw new TimelineError('config', vscode.l10n.t('Connection "{0}" has no base URL: set "baseUrl" in its settings.', connection.name));
  }
  const url = parseBaseUrl(connection.baseUrl);
  // A parsed URL keeps an apostrophe as typed; a copied curl command must percent-encode it, and would differ.
  if (!isQuotable(url.href)) throw new TimelineError('config', vscode.l10n.t('The base URL of "{0}" holds an apostrophe: write it as %27.', connection.name));
  return url;
}

/**
 * A TalentLMS connection's `X-API-Version`, checked before any request: what HTTP and a copied curl command
 * carry as typed, nothing a shell or a terminal would act on.
 */
export function talentApiVersion(connection: Connection): string {
  const version: unknown = connection.apiVersion ?? DEFAULT_TALENTLMS_API_VERSION;
  if (typeof version === 'string' && isQuotableHeaderValue(version)) return version;
  throw new TimelineError(
    'config',
    vscode.l10n.t('The "apiVersion" of "{0}" cannot be sent as a header: write it in visible ASCII characters other than \' and \\, like {1}.', connection.name, DEFAULT_TALENTLMS_API_VERSION),
  );
}

/** Where a Pismo or TalentLMS connection reads and with what: an account reads with its tenant's secret. */
export async function pismoOrTalentAccess(connection: Connection, deps: SourceDeps): Promise<{ baseUrl: URL; secrets: SecretBundle }> {
  if (connection.demo) return demoAccess(deps);
  const owner = connection.tenant ?? connection;
  const baseUrl = configuredUrl(owner);
  return { baseUrl, secrets: await boundSecrets(owner, baseUrl, deps) };
}

/**
 * A generic connection's mapping, base URL and secrets. Its base URL, path, auth and headers come from user
 * settings; one that only the workspace defines reads nothing before the user confirms the host.
 */
async function genericAccess(connection: Connection, deps: SourceDeps): Promise<{ mapping: ReturnType<typeof genericMapping>; baseUrl: URL; secrets: SecretBundle }> {
  const user = connection.shadowsUser ? deps.userConnection(connection.id) : undefined;
  const mapping = genericMapping(connection, user);
  const baseUrl = configuredUrl(user ?? connection);
  if (connection.definedIn === 'workspace' && !user && !(await deps.confirmWorkspaceApi(connection, baseUrl))) {
    throw new TimelineError('config', vscode.l10n.t('"{0}" was not read: only this workspace\'s settings define it, and reading {1} was declined.', connection.name, baseUrl.host));
  }
  return { mapping, baseUrl, secrets: genericSlots(connection).length === 0 ? {} : await boundSecrets(connection, baseUrl, deps) };
}

async function demoAccess(deps: SourceDeps): Promise<{ baseUrl: URL; secrets: SecretBundle }> {
  const server = await deps.demo.start();
  for (const secret of [server.token, server.serverKey, server.serverSecret]) deps.redactor.add(secret);
  return { baseUrl: parseBaseUrl(server.url), secrets: { apiKey: server.token, token: server.token, serverKey: server.serverKey, serverSecret: server.serverSecret } };
}

/**
 * The connection's secrets, if they were given for the address it points to now (see decideBinding). A
 * stored secret goes nowhere else: a workspace that reuses the id of a user connection with another base URL
 * gets an error node, not the secret. A secret missing altogether is asked for (the prompt names the address).
 */
async function boundSecrets(connection: Connection, base: URL, deps: SourceDeps): Promise<SecretBundle> {
  const stored = await deps.secrets.getBound(connection.id);
  if (stored) {
    const answer = await decideBinding({
      stored: stored.scope,
      base,
      userBase: validUrl(deps.userConnection(connection.id)?.baseUrl),
      workspaceOnly: connection.definedIn === 'workspace' && !connection.shadowsUser,
      confirm: () => deps.confirmAddress(connection, base),
    });
    if ('bind' in answer && answer.bind) await deps.secrets.bind(connection.id, answer.bind);
    if (!answer.send) throw bindingError(connection, base, answer);
    if (hasAll(connection, stored.bundle)) return stored.bundle;
  }
  const asked = await deps.ask(connection);
  // An authentication problem, not a configuration one: the node offers Set Secret.
  if (!asked) throw new TimelineError('auth', vscode.l10n.t('No secret is set for "{0}": use Set Secret.', connection.name));
  await deps.secrets.set(connection.id, asked, SecretScope.of(base));
  return asked;
}

function bindingError(connection: Connection, base: URL, answer: Extract<BindingAnswer, { send: false }>): TimelineError {
  const credential = credentialName(connection);
  const here = SecretScope.of(base).toString();
  const message =
    answer.reason === 'elsewhere'
      ? vscode.l10n.t('The stored {0} was given for {1}; this connection now points to {2}. Set Secret to use a secret with the new address.', credential, answer.scope.toString(), here)
      : vscode.l10n.t(
          'The stored {0} of "{1}" was not sent to {2}: it was saved before secrets were tied to an address, and only this workspace\'s settings define the connection. Set Secret to give one for this address.',
          credential,
          connection.name,
          here,
        );
  // An authentication problem: the error node offers Set Secret.
  return new TimelineError('auth', message);
}

function validUrl(text: string | undefined): URL | undefined {
  try {
    return text === undefined ? undefined : parseBaseUrl(text);
  } catch {
    return undefined;
  }
}

function hasAll(connection: Connection, bundle: SecretBundle): boolean {
  if (connection.kind === 'talentlms') return !!bundle.apiKey;
  if (connection.kind === 'generic') return genericSlots(connection).every((slot) => !!bundle.generic?.[slot.id]);
  return connection.auth === 'serverKey' || connection.auth === 'oauth' ? !!bundle.serverKey && !!bundle.serverSecret : !!bundle.token;
}

/** What a Pismo OAuth client asks for unless its settings say otherwise: the timeline only, as narrow as Pismo recommends. */
export const DEFAULT_PISMO_SCOPE = 'pismo-v1:timeline:r';
/** The scope once the user allows custom events to be sent: the timeline, written too. */
export const DEFAULT_PISMO_WRITE_SCOPE = 'pismo-v1:timeline:rw';

/**
 * An account's token: pasted, or minted for this account alone with the tenant's server key and secret (or OAuth
 * client), kept in memory by this source only, so each account has its own.
 */
export function pismoAuth(connection: Connection, baseUrl: URL, http: HttpClient, secrets: SecretBundle, deps: Pick<SourceDeps, 'redactor' | 'note'>): TokenProvider {
  if (connection.auth !== 'serverKey' && connection.auth !== 'oauth') return { token: async () => secrets.token ?? '' };
  const { accountId, externalAccount: external } = connection;
  const account = (): string => accountId ?? '';
  const hooks = { onToken: (token: string) => deps.redactor.add(token), onNote: (line: string) => deps.note(`${connection.name}: ${line}`) };
  if (connection.auth === 'oauth') {
    const scope = typeof connection.scope === 'string' && connection.scope.trim() ? connection.scope.trim() : writesAllowed(connection) ? DEFAULT_PISMO_WRITE_SCOPE : DEFAULT_PISMO_SCOPE;
    return new PismoOAuthMinter(baseUrl, http, async () => ({ clientId: secrets.serverKey ?? '', clientSecret: secrets.serverSecret ?? '', scope, accountId: account(), external }), hooks);
  }
  const secretField = MINT_SECRET_FIELDS.includes(connection.mintSecretField as MintSecretField) ? (connection.mintSecretField as MintSecretField) : undefined;
  return new PismoTokenMinter(baseUrl, http, async () => ({ serverKey: secrets.serverKey ?? '', serverSecret: secrets.serverSecret ?? '', accountId: account(), external, secretField }), hooks);
}

/** How the tree orders a connection's categories: TalentLMS's as its documentation lists them. */
export function categoryOrder(connection: Connection): readonly string[] | undefined {
  return connection.kind === 'talentlms' ? TALENTLMS_CATEGORIES.map((c) => c.name) : undefined;
}
