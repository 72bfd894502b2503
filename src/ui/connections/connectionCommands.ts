import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { SecretScope } from '../../core/secretScope';
import { parseBaseUrl } from '../../core/url';
import { GENERIC_PRESETS, type GenericPreset } from '../../sources/generic/presets';
import { type Connection, type ConnectionKind, type ConnectionStore, DEFAULT_TALENTLMS_API_VERSION, FILE_KIND } from '../model/connection';
import { genericSlots } from '../model/genericConnection';
import { askForSecrets, type ConnectionSecrets, type SecretBundle } from '../model/secrets';
import type { SessionRegistry } from '../model/sessionRegistry';
import { type ConnectionTarget, knownSession, targetSession } from '../tree/targets';

/** What Add Connection takes as arguments, so it can be scripted and tested without prompts. */
export type NewConnection = Partial<Connection> & { secrets?: SecretBundle };

export class ConnectionCommands {
  constructor(
    private readonly store: ConnectionStore,
    private readonly secrets: ConnectionSecrets,
    private readonly sessions: SessionRegistry,
  ) {}

  /** Guided flow for whatever the arguments leave out; returns the new connection's id. */
  async add(args: NewConnection = {}): Promise<string | undefined> {
    const kind = args.kind ?? (await pickKind());
    if (!kind) return undefined;
    // another API: a preset's mapping to start from, unless a script passes a mapping of its own
    const askPreset = kind === 'generic' && args.preset === undefined && args.mapping === undefined;
    const preset = askPreset ? await pickPreset() : undefined;
    if (askPreset && !preset) return undefined;
    const name = args.name ?? (await ask(vscode.l10n.t('Name of the connection'), preset?.name ?? (kind === 'pismo' ? vscode.l10n.t('Pismo sandbox') : vscode.l10n.t('My TalentLMS'))));
    if (!name) return undefined;
    const baseUrl = args.baseUrl ?? (await askUrl(kind, preset?.baseUrl));
    if (!baseUrl) return undefined;
    // Scripted calls that pass secrets say the auth method through them; only a person is asked.
    const impliedAuth = args.secrets && (args.secrets.serverKey ? 'serverKey' : 'token');
    const auth = kind === 'pismo' ? (args.auth ?? impliedAuth ?? (await pickPismoAuth())) : undefined;
    if (kind === 'pismo' && !auth) return undefined;
    // a tenant (server key or OAuth) opens its accounts later, each by its id: none is asked for here
    const { accountId } = args;
    const connection: Connection = {
      ...args,
      id: args.id ?? this.uniqueId(name),
      name,
      kind,
      baseUrl,
      ...(kind === 'talentlms' ? { apiVersion: args.apiVersion ?? DEFAULT_TALENTLMS_API_VERSION } : kind === 'generic' ? { preset: args.preset ?? preset?.id } : { auth, accountId }),
    };
    const { secrets, ...stored } = connection as NewConnection & Connection;
    const bundle = secrets ?? (await askForSecrets(connection));
    if (bundle) await this.secrets.set(connection.id, bundle, scopeOf(baseUrl));
    await this.store.add(stored);
    return connection.id;
  }

  /**
   * With changes, applies them where the connection is defined; without, opens the settings where connections
   * are defined. A new base URL outside the address the stored secret was given for moves the secret there only
   * when `moveSecret` is true, or when the user confirms a question naming both addresses; otherwise the secret
   * stays tied to the old address (and the connection asks for Set Secret). Cancelling the question cancels the edit.
   */
  async edit(target: ConnectionTarget, changes?: Partial<Connection>, options: { moveSecret?: boolean } = {}): Promise<void> {
    const chosen = target === undefined ? undefined : knownSession(this.sessions, target)?.connection;
    const connection = chosen?.tenant ?? chosen;
    if (!connection || !changes) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'timelineViewer.connections');
      return;
    }
    const stored = connection.demo || changes.baseUrl === undefined ? undefined : (await this.secrets.getBound(connection.id))?.scope;
    const next = changes.baseUrl === undefined ? undefined : scopeOf(changes.baseUrl);
    const moves = stored && next && !stored.covers(new URL(next.toString())) ? (options.moveSecret ?? (await askToMove(connection, stored, next))) : false;
    if (moves === undefined) return;
    await this.store.update(connection, changes);
    if (moves && next) await this.secrets.bind(connection.id, next);
  }

  /**
   * Removes the connection from the settings that define it, asking first unless `confirm` is false. Its secret
   * goes only when no other settings level still defines a connection with that id.
   */
  async remove(target: ConnectionTarget, options: { confirm?: boolean } = {}): Promise<void> {
    const connection = await this.pick(target);
    if (!connection) return;
    if (options.confirm !== false) {
      const remove = vscode.l10n.t('Remove');
      const question =
        connection.kind === FILE_KIND
          ? vscode.l10n.t('Close the timeline file "{0}"? The file stays on the disk.', connection.name)
          : connection.shadowsUser
            ? vscode.l10n.t('Remove the connection "{0}" from this workspace\'s settings? Your user connection with the same id and its secret are kept.', connection.name)
            : vscode.l10n.t('Remove the connection "{0}" and its stored secrets?', connection.name);
      const answer = await vscode.window.showWarningMessage(question, { modal: true }, remove);
      if (answer !== remove) return;
    }
    await this.store.remove(connection);
    if (!connection.demo && !this.store.get(connection.id)) await this.secrets.delete(connection.id);
  }

  /** Stores a secret (given, or asked for) for the connection's current address, and reloads it. */
  async setSecret(target: ConnectionTarget, given?: SecretBundle | string): Promise<void> {
    const connection = await this.pick(target);
    if (!connection || connection.demo) return;
    const scope = scopeOf(connection.baseUrl);
    if (!scope) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Fix the base URL of "{0}" first: a secret is stored for the address it is sent to.', displayText(connection.name, 80)));
      return;
    }
    const bundle = typeof given === 'string' ? singleSecret(connection, given) : (given ?? (await askForSecrets(connection)));
    if (!bundle) return;
    await this.secrets.set(connection.id, bundle, scope);
    // a tenant's accounts read with its secret
    for (const s of this.sessions.list()) if (s.connection.id === connection.id || s.connection.tenant?.id === connection.id) s.reset();
  }

  /**
   * The target's connection (an account's tenant: it holds the secret and the settings); with none, the one the
   * user picks among their own (the demo has nothing to edit).
   */
  private async pick(target: ConnectionTarget): Promise<Connection | undefined> {
    const options = { placeHolder: vscode.l10n.t('Choose a connection'), eligible: (s: { connection: Connection }) => !s.connection.demo && !s.connection.tenant, tenants: true };
    const connection = (await targetSession(this.sessions, target, options))?.connection;
    return connection?.tenant ?? connection;
  }

  private uniqueId(name: string): string {
    const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'connection';
    let id = base;
    for (let n = 2; this.store.get(id); n++) id = `${base}-${n}`;
    return id;
  }
}

/** The address a secret entered for this base URL may go to; undefined while the URL is not valid. */
function scopeOf(baseUrl: string): SecretScope | undefined {
  try {
    return SecretScope.of(parseBaseUrl(baseUrl));
  } catch {
    return undefined;
  }
}

/** true: move the secret; false: keep it for the old address; undefined: cancel the edit. */
async function askToMove(connection: Connection, from: SecretScope, to: SecretScope): Promise<boolean | undefined> {
  const move = vscode.l10n.t('Move the Secret');
  const keep = vscode.l10n.t('Change the Address Only');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('"{0}" will point to {1}. Send its stored secret, given for {2}, to {1} from now on?', connection.name, to.toString(), from.toString()),
    { modal: true, detail: vscode.l10n.t('Change the Address Only keeps the secret for {0}; the connection then asks for a new one.', from.toString()) },
    move,
    keep,
  );
  return answer === move ? true : answer === keep ? false : undefined;
}

/** A secret passed as text, for a connection that needs one; undefined (said) for one that needs several. */
function singleSecret(connection: Connection, value: string): SecretBundle | undefined {
  if (connection.kind !== 'generic') return connection.kind === 'talentlms' ? { apiKey: value } : { token: value };
  const slots = genericSlots(connection);
  if (slots.length === 1) return { generic: { [slots[0].id]: value } };
  void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" needs {1} secrets: pass them as {2}.', displayText(connection.name, 80), slots.length, '{ generic: { … } }'));
  return undefined;
}

async function pickKind(): Promise<ConnectionKind | undefined> {
  const items: (vscode.QuickPickItem & { value: ConnectionKind })[] = [
    { label: 'Pismo', description: vscode.l10n.t('account timeline, cursor pages'), value: 'pismo' },
    { label: 'TalentLMS', description: vscode.l10n.t('platform timeline, API v2'), value: 'talentlms' },
    { label: vscode.l10n.t('Another API…'), description: vscode.l10n.t('Stripe, GitHub, Okta, Auth0, Slack, Datadog, Svix, Kubernetes, PagerDuty: by a mapping'), value: 'generic' },
  ];
  return (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Which platform?') }))?.value;
}

/** The preset a generic connection's mapping starts from (its `mapping` setting can change any of it later). */
async function pickPreset(): Promise<GenericPreset | undefined> {
  const items = GENERIC_PRESETS.map((preset) => ({ label: preset.name, detail: preset.description, preset }));
  return (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Which API? Its mapping can be changed in settings afterwards.'), matchOnDetail: true }))?.preset;
}

async function pickPismoAuth(): Promise<'token' | 'serverKey' | 'oauth' | undefined> {
  const items: (vscode.QuickPickItem & { auth: 'token' | 'serverKey' | 'oauth' })[] = [
    { label: vscode.l10n.t('Paste an account token'), description: vscode.l10n.t('one account'), auth: 'token' },
    { label: vscode.l10n.t('Mint tokens with a server key and secret'), description: vscode.l10n.t('a tenant: open any of its accounts'), auth: 'serverKey' },
    { label: vscode.l10n.t('OAuth client credentials'), description: vscode.l10n.t('a tenant: open any of its accounts'), auth: 'oauth' },
  ];
  return (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('How should it authenticate?') }))?.auth;
}

function ask(prompt: string, placeHolder: string): Promise<string | undefined> {
  return Promise.resolve(vscode.window.showInputBox({ prompt, placeHolder, ignoreFocusOut: true })).then((v) => v?.trim() || undefined);
}

function askUrl(kind: string, presetUrl?: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    prompt: vscode.l10n.t('Base URL'),
    value: presetUrl,
    placeHolder: kind === 'pismo' ? 'https://sandbox.pismolabs.io' : 'https://yourdomain.talentlms.com',
    ignoreFocusOut: true,
    validateInput: (value) => {
      try {
        parseBaseUrl(value);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
  });
}
