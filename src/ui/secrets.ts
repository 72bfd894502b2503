import * as vscode from 'vscode';
import type { Redactor } from '../core/redact';
import type { Connection } from './connection';

/** What a connection needs to authenticate; which fields depend on its kind and auth method. */
export interface SecretBundle {
  /** TalentLMS API key. */
  readonly apiKey?: string;
  /** A pasted Pismo account token. */
  readonly token?: string;
  /** Pismo server key and secret, to mint account tokens. */
  readonly serverKey?: string;
  readonly serverSecret?: string;
}

/**
 * Connection secrets, one SecretStorage entry per connection. Every secret read or written is also given
 * to the Redactor, so it is masked wherever text leaves the extension.
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
    const stored = await this.storage.get(ConnectionSecrets.key(connectionId));
    if (!stored) return undefined;
    try {
      const bundle = JSON.parse(stored) as SecretBundle;
      this.remember(bundle);
      return bundle;
    } catch {
      return undefined;
    }
  }

  async set(connectionId: string, bundle: SecretBundle): Promise<void> {
    this.remember(bundle);
    await this.storage.store(ConnectionSecrets.key(connectionId), JSON.stringify(bundle));
  }

  async delete(connectionId: string): Promise<void> {
    await this.storage.delete(ConnectionSecrets.key(connectionId));
  }

  private remember(bundle: SecretBundle): void {
    for (const value of Object.values(bundle)) if (typeof value === 'string') this.redactor.add(value);
  }
}

/** The secret fields a connection needs, with the prompt for each. */
export function secretFields(connection: Connection): { field: keyof SecretBundle; prompt: string }[] {
  if (connection.kind === 'talentlms') {
    return [{ field: 'apiKey', prompt: vscode.l10n.t('TalentLMS API key for {0} (Account & Settings → Integrations → API)', connection.name) }];
  }
  if (connection.auth === 'serverKey') {
    return [
      { field: 'serverKey', prompt: vscode.l10n.t('Pismo server key for {0}', connection.name) },
      { field: 'serverSecret', prompt: vscode.l10n.t('Pismo server secret for {0}', connection.name) },
    ];
  }
  return [{ field: 'token', prompt: vscode.l10n.t('Pismo account token for {0}', connection.name) }];
}

/** Asks for each missing secret with a password box; undefined when the user cancels. */
export async function askForSecrets(connection: Connection): Promise<SecretBundle | undefined> {
  const bundle: Record<string, string> = {};
  for (const { field, prompt } of secretFields(connection)) {
    const value = await vscode.window.showInputBox({ prompt, password: true, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Required')) });
    if (!value) return undefined;
    bundle[field] = value.trim();
  }
  return bundle;
}
