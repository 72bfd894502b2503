import * as vscode from 'vscode';
import type { Redactor } from '../../core/redact';
import { SecretScope } from '../../core/secretScope';
import { parseBaseUrl } from '../../core/url';
import type { Connection } from './connection';
import { genericSlots } from './genericConnection';

/** What a connection needs to authenticate; which fields depend on its kind and auth method. */
export interface SecretBundle {
  /** TalentLMS API key. */
  readonly apiKey?: string;
  /** A pasted Pismo account token. */
  readonly token?: string;
  /** Pismo server key and secret, to mint account tokens. */
  readonly serverKey?: string;
  readonly serverSecret?: string;
  /** A generic connection's secrets by the slot ids of its auth (`token`, `header:dd-api-key`, see secretSlots). */
  readonly generic?: Readonly<Record<string, string>>;
}

/** A stored secret and the address it was given for; no scope for one saved before secrets were tied to one. */
export interface StoredSecret {
  readonly bundle: SecretBundle;
  readonly scope?: SecretScope;
}

/**
 * Connection secrets, one SecretStorage entry per connection, each stored with the origin and base path it
 * was given for (`{"secrets": {…}, "boundTo": "https://…"}`; entries from before are the bare bundle). Every
 * secret read or written is also given to the Redactor, so it is masked wherever text leaves the extension.
 */
export class ConnectionSecrets {
  constructor(
    private readonly storage: vscode.SecretStorage,
    private readonly redactor: Redactor,
  ) {}

  private static key(connectionId: string): string {
    return `timelineViewer.connection.${connectionId}`;
  }

  async get(connectionId: string): Promise<SecretBundle | undefined> {
    return (await this.getBound(connectionId))?.bundle;
  }

  async getBound(connectionId: string): Promise<StoredSecret | undefined> {
    const stored = await this.storage.get(ConnectionSecrets.key(connectionId));
    if (!stored) return undefined;
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(stored) as Record<string, unknown>;
    } catch {
      return undefined;
    }
    if (!json || typeof json !== 'object') return undefined;
    const bound = json.secrets && typeof json.secrets === 'object';
    const bundle = (bound ? json.secrets : json) as SecretBundle;
    this.remember(bundle);
    return { bundle, scope: bound ? SecretScope.parse(json.boundTo) : undefined };
  }

  /** Stores a secret for the address it is given for (undefined only when the address is not valid yet). */
  async set(connectionId: string, bundle: SecretBundle, scope: SecretScope | undefined): Promise<void> {
    this.remember(bundle);
    const value = scope ? { secrets: bundle, boundTo: scope.toString() } : bundle;
    await this.storage.store(ConnectionSecrets.key(connectionId), JSON.stringify(value));
  }

  /** Ties the stored secret to another address: only for an explicit, confirmed request of the user. */
  async bind(connectionId: string, scope: SecretScope): Promise<void> {
    const stored = await this.getBound(connectionId);
    if (stored) await this.set(connectionId, stored.bundle, scope);
  }

  async delete(connectionId: string): Promise<void> {
    await this.storage.delete(ConnectionSecrets.key(connectionId));
  }

  private remember(bundle: SecretBundle): void {
    for (const value of [...Object.values(bundle), ...Object.values(bundle.generic ?? {})]) if (typeof value === 'string') this.redactor.add(value);
  }
}

/** How the user knows a connection's secret: "API key", "account token", "server key and secret". */
export function credentialName(connection: Connection): string {
  if (connection.kind === 'talentlms') return vscode.l10n.t('API key');
  if (connection.kind === 'generic') return vscode.l10n.t('API secrets');
  if (connection.auth === 'oauth') return vscode.l10n.t('OAuth client id and secret');
  return connection.auth === 'serverKey' ? vscode.l10n.t('server key and secret') : vscode.l10n.t('account token');
}

/**
 * Asks whether a secret stored before secrets were tied to an address may go to the one a workspace-only
 * connection names. A modal question that names the host: declining sends nothing.
 */
export async function confirmSecretAddress(connection: Connection, base: URL): Promise<boolean> {
  const send = vscode.l10n.t('Send It to {0}', base.host);
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Send the stored {0} of "{1}" to {2}?', credentialName(connection), connection.name, base.origin),
    {
      modal: true,
      detail: vscode.l10n.t(
        "It was saved before secrets were tied to an address, and only this workspace's settings define this connection. Send it only if you gave it for this address.",
      ),
    },
    send,
  );
  return answer === send;
}

/** The secret fields a connection needs, with the prompt for each. */
export function secretFields(connection: Connection): { field: keyof SecretBundle; prompt: string }[] {
  if (connection.kind === 'talentlms') {
    return [{ field: 'apiKey', prompt: vscode.l10n.t('TalentLMS API key for {0} (Account & Settings → Integrations → API)', connection.name) }];
  }
  if (connection.auth === 'oauth') {
    return [
      { field: 'serverKey', prompt: vscode.l10n.t('Pismo OAuth client id (the server key) for {0}', connection.name) },
      { field: 'serverSecret', prompt: vscode.l10n.t('Pismo OAuth client secret for {0}', connection.name) },
    ];
  }
  if (connection.auth === 'serverKey') {
    return [
      { field: 'serverKey', prompt: vscode.l10n.t('Pismo server key for {0}', connection.name) },
      { field: 'serverSecret', prompt: vscode.l10n.t('Pismo server secret for {0}', connection.name) },
    ];
  }
  return [{ field: 'token', prompt: vscode.l10n.t('Pismo account token for {0}', connection.name) }];
}

/** Asks for each missing secret with a password box, naming where it will be sent; undefined when the user cancels. */
export async function askForSecrets(connection: Connection): Promise<SecretBundle | undefined> {
  const title = sentTo(connection.baseUrl);
  const ask = (prompt: string): Thenable<string | undefined> =>
    vscode.window.showInputBox({ title, prompt, password: true, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Required')) });
  if (connection.kind === 'generic') {
    const generic: Record<string, string> = {};
    for (const slot of genericSlots(connection)) {
      const value = await ask(vscode.l10n.t('{0} for {1}', slot.label, connection.name));
      if (!value) return undefined;
      generic[slot.id] = value.trim();
    }
    return { generic };
  }
  const bundle: Record<string, string> = {};
  for (const { field, prompt } of secretFields(connection)) {
    const value = await ask(prompt);
    if (!value) return undefined;
    bundle[field] = value.trim();
  }
  return bundle;
}

function sentTo(baseUrl: string): string | undefined {
  try {
    return vscode.l10n.t('Sent only to {0}', SecretScope.of(parseBaseUrl(baseUrl)).toString());
  } catch {
    return undefined;
  }
}
