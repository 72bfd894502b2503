import { SecretScope } from './secretScope';

/** What is known about a stored secret and the connection about to use it. */
export interface BindingQuestion {
  /** The address the secret was given for; undefined for one stored before secrets had an address. */
  readonly stored: SecretScope | undefined;
  /** The connection's base URL now. */
  readonly base: URL;
  /** The base URL of the user's own definition of the connection, if any (and valid). */
  readonly userBase: URL | undefined;
  /** Only a workspace's settings define the connection. */
  readonly workspaceOnly: boolean;
  /** Asks the user whether an unbound secret may go to `base`. */
  readonly confirm: () => Promise<boolean>;
}

export type BindingAnswer =
  /** Send it; `bind` is set when an unbound secret was just tied to that address (store it). */
  | { readonly send: true; readonly scope: SecretScope; readonly bind?: SecretScope }
  /** The secret was given for `scope`, which does not cover the connection's base URL. */
  | { readonly send: false; readonly reason: 'elsewhere'; readonly scope: SecretScope; readonly bind?: SecretScope }
  /** An unbound secret of a workspace-only connection, and the user did not confirm its address. */
  | { readonly send: false; readonly reason: 'unconfirmed' };

/**
 * Decides whether a stored secret may go to a connection's base URL. A bound secret goes only under the
 * address it was given for. An unbound one (stored before secrets had an address) is tied on first use to
 * the user's own definition of the connection, so a workspace reusing the id cannot claim it; when only a
 * workspace defines the connection, the user is asked.
 */
export async function decideBinding(q: BindingQuestion): Promise<BindingAnswer> {
  let scope = q.stored;
  let bind: SecretScope | undefined;
  if (!scope) {
    if (q.userBase) bind = SecretScope.of(q.userBase);
    else if (q.workspaceOnly && (await q.confirm())) bind = SecretScope.of(q.base);
    if (!bind) return { send: false, reason: 'unconfirmed' };
    scope = bind;
  }
  return scope.covers(q.base) ? { send: true, scope, bind } : { send: false, reason: 'elsewhere', scope, bind };
}
