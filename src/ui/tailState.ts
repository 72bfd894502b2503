import type { LiveTail } from '../core/tail';
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
