import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { AccountRef } from '../../sources/pismoAuth';
import { refuse } from '../command';
import { accountConnectionId, accountName, isTenant, parseAccountRef, type TenantAccounts } from '../model/accounts';
import type { Connection, ConnectionStore } from '../model/connection';
import type { Session } from '../model/session';
import type { SessionRegistry } from '../model/sessionRegistry';
import { TreeNode } from '../tree/treeNode';
import { knownSession } from '../tree/targets';

/** How an account comes to be opened: a person or a script (no question), or a link or a pivot (asked once). */
export interface OpenOptions {
  /** An account the user has not opened under this tenant before is opened only once they confirm. */
  readonly confirmNew?: boolean;
}

/**
 * Open Account / Close Account, and the pivots to an account: from an `account_id` in the inspector, a number
 * selected in an editor, or a link. Each account is a connection of its own under its tenant.
 */
export class AccountCommands {
  constructor(
    private readonly store: ConnectionStore,
    private readonly accounts: TenantAccounts,
    private readonly sessions: SessionRegistry,
    /** Shows an account in the Timeline view (which loads its first page). */
    private readonly reveal: (session: Session) => Promise<void>,
  ) {}

  /**
   * Opens an account under a tenant (a row or id; asked when absent) and resolves to the account's connection id.
   * The account is typed or picked among the tenant's recent ones when not passed.
   */
  async open(tenantTarget?: TreeNode | string, account?: unknown, options: OpenOptions = {}): Promise<string | undefined> {
    if (account !== undefined && typeof account !== 'string' && typeof account !== 'number') return refuse(vscode.l10n.t('Pass the account id as text or a number.'));
    const tenant = await this.tenant(tenantTarget, vscode.l10n.t('Open an account of which tenant?'));
    if (!tenant) return undefined;
    let ref: AccountRef | undefined;
    if (account === undefined) ref = await this.askAccount(tenant);
    else {
      ref = parseAccountRef(String(account));
      if (!ref) return refuse(vscode.l10n.t('"{0}" is not an account id.', displayText(String(account), 40)));
    }
    if (!ref) return undefined;
    if (options.confirmNew && !this.accounts.known(tenant, ref) && !(await confirmNewAccount(tenant, ref))) return undefined;
    await this.accounts.add(tenant, ref);
    const session = this.sessions.get(accountConnectionId(tenant.id, ref));
    if (session) await this.reveal(session);
    return session?.connection.id;
  }

  /** Closes an open account (its row or connection id): its timeline, filter and token go; its id stays in the recent list. */
  async close(target?: TreeNode | string): Promise<boolean> {
    const session = target === undefined ? await this.pickAccount() : knownSession(this.sessions, target);
    const { tenant, accountId, externalAccount } = session?.connection ?? {};
    if (!tenant || accountId === undefined) {
      if (session) void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is not an account under a tenant.', displayText(session.connection.name, 60)));
      return false;
    }
    await this.accounts.remove(tenant, { accountId, external: externalAccount });
    return true;
  }

  /** An account id in text (a selection, an `account_id` value): opened under the tenant that can, asking which when several. */
  async openFromText(text: string | undefined, near?: Connection): Promise<string | undefined> {
    const ref = text === undefined ? undefined : parseAccountRef(text);
    if (!ref || ref.external) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select an account id (its number) to open it.'));
      return undefined;
    }
    // the tenant the text came from (an event of one of its accounts), else the one the user picks
    const tenant = near?.tenant ?? (near && isTenant(near) ? near : undefined);
    return this.open(tenant?.id, ref.accountId, { confirmNew: false });
  }

  private async tenant(target: TreeNode | string | undefined, placeHolder: string): Promise<Connection | undefined> {
    if (target !== undefined) {
      const connection = knownSession(this.sessions, target)?.connection;
      const tenant = connection?.tenant ?? connection;
      if (tenant && isTenant(tenant)) return tenant;
      if (connection) void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" opens no accounts: only a Pismo connection with a server key or an OAuth client does.', displayText(connection.name, 60)));
      return undefined;
    }
    const tenants = this.store.list().filter(isTenant);
    if (tenants.length <= 1) {
      if (tenants.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('No tenant is set up: add a Pismo connection that mints tokens with a server key or an OAuth client.'));
      return tenants[0];
    }
    const picked = await vscode.window.showQuickPick(
      tenants.map((t) => ({ label: displayText(t.name, 120), description: t.demo ? undefined : displayText(t.baseUrl, 80), tenant: t })),
      { placeHolder },
    );
    return picked?.tenant;
  }

  /** The account to open: typed, or one of the tenant's recent ones. */
  private askAccount(tenant: Connection): Promise<AccountRef | undefined> {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { ref?: AccountRef }>();
    pick.title = vscode.l10n.t('Open Account under {0}', displayText(tenant.name, 60));
    pick.placeholder = vscode.l10n.t('An account id, or external:<id> for the tenant\'s own id');
    const recent = this.accounts.recent(tenant).map((ref) => ({ label: accountName(ref), description: vscode.l10n.t('recent'), ref }));
    const update = (): void => {
      const typed = parseAccountRef(pick.value);
      const offer = typed && !recent.some((r) => r.ref.accountId === typed.accountId && !r.ref.external === !typed.external);
      pick.items = [...(offer ? [{ label: accountName(typed), description: vscode.l10n.t('open this account'), ref: typed, alwaysShow: true }] : []), ...recent];
    };
    update();
    return new Promise((resolve) => {
      pick.onDidChangeValue(update);
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0]?.ref ?? parseAccountRef(pick.value));
        pick.hide();
      });
      pick.onDidHide(() => {
        resolve(undefined);
        pick.dispose();
      });
      pick.show();
    });
  }

  private async pickAccount(): Promise<Session | undefined> {
    const open = this.sessions.list().filter((s) => s.connection.tenant);
    const picked = await vscode.window.showQuickPick(
      open.map((s) => ({ label: displayText(s.connection.name, 60), description: displayText(s.connection.tenant?.name ?? '', 60), session: s })),
      { placeHolder: vscode.l10n.t('Close which account?') },
    );
    return picked?.session;
  }
}

/** A link or a pivot names an account not opened here before: minting a token for it is the user's call. */
async function confirmNewAccount(tenant: Connection, ref: AccountRef): Promise<boolean> {
  const open = vscode.l10n.t('Open Account');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Open account {0} under "{1}"?', accountName(ref), displayText(tenant.name, 60)),
    { modal: true, detail: vscode.l10n.t('It has not been opened under this tenant before: a token is minted for it with the tenant\'s stored secret.') },
    open,
  );
  return answer === open;
}
