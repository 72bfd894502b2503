import * as vscode from 'vscode';
import type { LiveTail, TailState } from '../../core/tail';
import type { Session } from './session';

/**
 * What watching adds to one connection: its live tail, if running, and the events marked new (until opened or
 * until the view is hidden). Kept apart from Session, which may hold several timelines (one per filter).
 */
export class SessionWatch {
  tail: LiveTail | undefined;
  readonly marked = new Set<string>();

  isNew(eventId: string): boolean {
    return this.marked.has(eventId);
  }
}

const watches = new WeakMap<Session, SessionWatch>();

export function watchOf(session: Session): SessionWatch {
  let watch = watches.get(session);
  if (!watch) {
    watch = new SessionWatch();
    watches.set(session, watch);
  }
  return watch;
}

const STATES: Record<TailState, () => string> = {
  waiting: () => vscode.l10n.t('live'),
  checking: () => vscode.l10n.t('live'),
  paused: () => vscode.l10n.t('live (paused)'),
  backoff: () => vscode.l10n.t('live (retrying later)'),
  budget: () => vscode.l10n.t('live tail stopped'),
  failed: () => vscode.l10n.t('live tail stopped'),
  deferred: () => vscode.l10n.t('live tail stopped'),
  stopped: () => '',
};

/** The tail's state for the connection's row ("live", "live (paused)"…), or undefined when it has none. */
export function tailDescription(session: Session): string | undefined {
  const tail = watchOf(session).tail;
  if (!tail) return undefined;
  const rate = session.timeline.rateLimit;
  if (tail.state === 'budget' && rate) {
    return vscode.l10n.t('live tail stopped: {0} of {1} calls left this hour (rate limit)', rate.remaining.toLocaleString(), rate.limit?.toLocaleString() ?? '?');
  }
  const until = tail.state === 'deferred' ? shownTime(tail.retryAt) : undefined;
  if (until) return vscode.l10n.t('live tail stopped: the server asked to wait until {0}', until);
  return STATES[tail.state]() || undefined;
}

/** A sentence for the row's tooltip when the tail stopped or is backing off. */
export function tailProblem(session: Session): string | undefined {
  const tail = watchOf(session).tail;
  if (!tail) return undefined;
  if (tail.state === 'budget') return vscode.l10n.t('The live tail stopped to leave the rest of the rate-limit budget (X-RateLimit-Remaining) to you. Start it again when the budget renews.');
  if (tail.state === 'deferred') {
    const until = shownTime(tail.retryAt);
    return until
      ? vscode.l10n.t('The server asked to wait until {0} before the next request (Retry-After), longer than a live tail waits, so the tail stopped. Start it again after that time.', until)
      : vscode.l10n.t('The server asked to wait longer than a live tail waits before the next request (Retry-After), so the tail stopped. Start it again later.');
  }
  if (tail.state === 'failed' || tail.state === 'backoff') return tail.error?.message;
  return undefined;
}

/** A clock time in the display language; undefined past the dates JavaScript can show (a server may ask for any). */
function shownTime(at: number | undefined): string | undefined {
  const date = new Date(at ?? Number.NaN);
  return Number.isNaN(date.getTime()) ? undefined : date.toLocaleString(vscode.env.language);
}
