/** A hold on one connection: while it lasts, nothing is asked of the user on that connection's behalf. */
export interface QuietHold {
  /** A prompt was answered as declined during the hold: the connection needs something only the user can give. */
  readonly declined: boolean;
  release(): void;
}

/**
 * Keeps a connection's prompts (its secret, whether a stored secret may go to an address) from showing while
 * a link from a web page is being followed on it: a prompt asked during a hold answers as declined without
 * showing, and the hold says so, so the link can tell the user what to open instead. Plain logic, no VS Code.
 */
export class QuietPrompts {
  private readonly holds = new Map<string, Set<{ declined: boolean }>>();

  hold(connectionId: string): QuietHold {
    const state = { declined: false };
    const holds = this.holds.get(connectionId) ?? new Set();
    holds.add(state);
    this.holds.set(connectionId, holds);
    return {
      get declined() {
        return state.declined;
      },
      release: () => {
        holds.delete(state);
        if (holds.size === 0 && this.holds.get(connectionId) === holds) this.holds.delete(connectionId);
      },
    };
  }

  /** `prompt`, except that on a held connection it answers `declined` without asking. */
  guard<C extends { readonly id: string }, A extends unknown[], R>(prompt: (connection: C, ...rest: A) => Promise<R>, declined: R): (connection: C, ...rest: A) => Promise<R> {
    return (connection, ...rest) => {
      const holds = this.holds.get(connection.id);
      if (!holds) return prompt(connection, ...rest);
      for (const state of holds) state.declined = true;
      return Promise.resolve(declined);
    };
  }
}
