import type { TimelineEvent } from '../../core/event';
import type { Session } from '../model/session';
import type { SessionRegistry } from '../model/sessionRegistry';
import { EventNode } from './nodes';

export interface EventTarget {
  readonly session: Session;
  readonly event: TimelineEvent;
}

/** A command's event: a tree node, or `{ connectionId, eventId }` of a loaded event when scripted. */
export function eventTarget(sessions: SessionRegistry, target: unknown): EventTarget | undefined {
  if (target instanceof EventNode) return { session: target.session, event: target.event };
  if (typeof target !== 'object' || target === null) return undefined;
  const { connectionId, eventId } = target as Record<string, unknown>;
  if (typeof connectionId !== 'string' || typeof eventId !== 'string') return undefined;
  const session = sessions.get(connectionId);
  const event = session?.timeline.event(eventId);
  return session && event ? { session, event } : undefined;
}

/**
 * The connection an inspector's event belongs to: the one holding it, else (a panel restored after a reload) the
 * one holding an event with its id, else the one of the panel's connection name.
 */
export function sessionOf(sessions: SessionRegistry, event: TimelineEvent, connectionName: string): Session | undefined {
  const all = sessions.list();
  return (
    all.find((s) => s.timeline.event(event.id) === event) ??
    all.find((s) => s.timeline.event(event.id) !== undefined) ??
    all.find((s) => s.connection.name === connectionName)
  );
}
