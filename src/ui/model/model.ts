import type * as vscode from 'vscode';
import { Redactor } from '../../core/redact';
import { TenantAccounts } from './accounts';
import { type Connection, ConnectionStore } from './connection';
import { DemoService } from './demo';
import { FilterStore } from './filterStore';
import { LastRequests } from './lastRequests';
import { RequestLog } from './log';
import { QuietPrompts } from './quietPrompts';
import { askForSecrets, confirmSecretAddress, ConnectionSecrets } from './secrets';
import { SessionRegistry } from './sessionRegistry';
import { readSettings } from './settings';
import { createSource, sendCustomEvent } from './sources';
import type { CustomEventAnswer, CustomEventDraft } from '../../sources/pismoCustomEvent';
import { confirmWorkspaceApi } from './genericConnection';
import { TimelineFiles } from './timelineFiles';

/** The extension's state, built once: what the view shows and the features act on. Nothing here draws or registers a command. */
export interface Model {
  readonly log: RequestLog;
  readonly redactor: Redactor;
  readonly demo: DemoService;
  readonly secrets: ConnectionSecrets;
  readonly store: ConnectionStore;
  readonly lastRequests: LastRequests;
  readonly sessions: SessionRegistry;
  /** Holds a connection's prompts while a link is followed on it: a link never asks for a secret. */
  readonly quiet: QuietPrompts;
  /** Timeline files opened in this window, read-only connections. */
  readonly files: TimelineFiles;
  /** Posts a custom event to a Pismo account (writes allowed and confirmed by the caller). */
  readonly sendCustomEvent: (connection: Connection, draft: CustomEventDraft, signal: AbortSignal) => Promise<CustomEventAnswer>;
}

export function createModel(context: vscode.ExtensionContext): Model {
  const log = new RequestLog();
  const redactor = new Redactor();
  const demo = new DemoService();
  const secrets = new ConnectionSecrets(context.secrets, redactor);
  const tenantAccounts = new TenantAccounts(context.globalState);
  const store = new ConnectionStore(context.globalState, tenantAccounts);
  const quiet = new QuietPrompts();
  const lastRequests = new LastRequests();
  const files = new TimelineFiles();
  const sourceDeps = {
    demo,
    redactor,
    secrets,
    ask: quiet.guard(askForSecrets, undefined),
    confirmAddress: quiet.guard(confirmSecretAddress, false),
    confirmWorkspaceApi: quiet.guard(confirmWorkspaceApi, false),
    files,
    userConnection: (id: string) => store.userConnection(id),
    note: (line: string) => log.note(redactor.redact(line)),
  };
  const sessions = new SessionRegistry(
    store,
    (c) => createSource(c, { ...sourceDeps, onRequest: lastRequests.recorder(c, log.write) }),
    () => readSettings().pageSize,
    new FilterStore(context.workspaceState),
  );
  context.subscriptions.push(log, demo, tenantAccounts, store, sessions);
  const send = (c: Connection, draft: CustomEventDraft, signal: AbortSignal) => sendCustomEvent(c, draft, { ...sourceDeps, onRequest: lastRequests.recorder(c, log.write) }, signal);
  return { log, redactor, demo, secrets, store, lastRequests, sessions, quiet, files, sendCustomEvent: send };
}
