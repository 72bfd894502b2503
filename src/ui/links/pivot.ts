import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { TimelineEvent } from '../../core/event';
import type { IdKind } from '../../core/idShapes';
import type { EventPanelManager } from '../inspector/eventPanel';
import type { Session } from '../model/session';
import type { SessionRegistry } from '../model/sessionRegistry';
import { configuredMaxPages, type FindCommands, type FindOutcome } from '../find/findCommands';

/** `timelineViewer.pivot`: find an ID (or any text) in a timeline. */
export interface PivotArgs {
  readonly query: string;
  /** The ID's shape, which narrows the connections it can belong to. */
  readonly kind?: IdKind;
  /** Skips choosing a connection. */
  readonly connectionId?: string;
}

/** `timelineViewer.openEventById`: show a loaded event in the inspector. */
export interface OpenEventArgs {
  readonly connectionId: string;
  readonly eventId: string;
}

export interface LoadedMatch {
  readonly session: Session;
  readonly event: TimelineEvent;
}

const KINDS: readonly IdKind[] = ['correlation', 'pismoEvent', 'talentlmsEvent'];
const MAX_QUERY = 1000;
/** Loaded events a hover lists for one ID; the chain itself is Find's to show. */
const MAX_LISTED = 5;

/**
 * Where hovers, links, the terminal and the inspector lead: from an ID to its events. It chooses the connection
 * and asks Find; the paging and matching are Find's.
 */
export class Pivot {
  constructor(
    private readonly sessions: SessionRegistry,
    private readonly findCommands: FindCommands,
    private readonly eventPanels: EventPanelManager,
    /** Shows the connection in the Timeline view, where Find's progress and results appear. */
    private readonly reveal: (session: Session) => Promise<void>,
  ) {}

  /** The loaded events an ID names, across connections: the event itself, or a correlation id's chain. */
  loaded(text: string, kind: IdKind): LoadedMatch[] {
    const found: LoadedMatch[] = [];
    for (const session of this.sessions.timelines()) {
      if (!fits(session, kind)) continue;
      const { timeline } = session;
      // a log may print a UUID in upper case; servers send them in lower case
      const events = kind === 'correlation' ? (timeline.related(text).length ? timeline.related(text) : timeline.related(text.toLowerCase())) : [timeline.event(text)];
      for (const event of events) {
        if (event && found.length < MAX_LISTED) found.push({ session, event });
      }
    }
    return found;
  }

  /**
   * Runs Find for the text in the connection given, or the one it fits (asking when several do). An event id that
   * is found opens in the inspector. Resolves to Find's result, or undefined when nothing was searched.
   */
  async find(args: unknown): Promise<FindOutcome | undefined> {
    const parsed = parsePivotArgs(args);
    if (!parsed) return undefined;
    const session = parsed.connectionId !== undefined ? this.sessions.get(parsed.connectionId) : await this.choose(parsed);
    if (!session) return undefined;
    return this.search(session, parsed.query, parsed.kind !== undefined && parsed.kind !== 'correlation');
  }

  /** Find in one connection; `isEventId`: the query names one event, opened once found. */
  async search(session: Session, query: string, isEventId: boolean): Promise<FindOutcome | undefined> {
    await this.reveal(session);
    let result: FindOutcome | undefined;
    try {
      result = await this.findCommands.find({ connectionId: session.connection.id, query, maxPages: configuredMaxPages(), text: true });
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Find in Timeline failed: {0}', displayText(error instanceof Error ? error.message : String(error), 500)));
      return undefined;
    }
    if (result && isEventId && result.matches.includes(query)) this.show(session, query);
    return result;
  }

  /** An ID clicked in the inspector: looked for in the inspected event's connection when it fits there. */
  async findNear(query: string, kind: IdKind, near: Session | undefined): Promise<FindOutcome | undefined> {
    return near && fits(near, kind) ? this.search(near, query, kind !== 'correlation') : this.find({ query, kind });
  }

  /** Shows a loaded event; an event no longer loaded is looked for with Find. */
  async openEvent(args: unknown): Promise<boolean> {
    const parsed = parseOpenArgs(args);
    const session = parsed && this.sessions.get(parsed.connectionId);
    if (!parsed || !session) return false;
    if (this.show(session, parsed.eventId)) return true;
    const result = await this.search(session, parsed.eventId, true);
    return result?.matches.includes(parsed.eventId) ?? false;
  }

  /** Opens a loaded event in the inspector. */
  show(session: Session, eventId: string): boolean {
    const event = session.timeline.event(eventId);
    if (event) this.eventPanels.show(event, session.connection.name);
    return event !== undefined;
  }

  private async choose({ query, kind }: PivotArgs): Promise<Session | undefined> {
    const fitting = this.sessions.timelines().filter((s) => kind === undefined || fits(s, kind));
    const holding = kind === undefined ? [] : fitting.filter((s) => this.loaded(query, kind).some((m) => m.session === s));
    if (holding.length === 1) return holding[0];
    if (fitting.length === 1) return fitting[0];
    if (fitting.length === 0) {
      const add = vscode.l10n.t('Add Connection…');
      const demo = vscode.l10n.t('Try the Demo');
      const platform = kind === 'pismoEvent' ? 'Pismo' : kind === 'talentlmsEvent' ? 'TalentLMS' : undefined;
      const message = platform
        ? vscode.l10n.t('There is no {0} connection to look for this ID in.', platform)
        : vscode.l10n.t('There is no timeline connection to look in.');
      const picked = await vscode.window.showInformationMessage(message, add, demo);
      if (picked) await vscode.commands.executeCommand(picked === add ? 'timelineViewer.addConnection' : 'timelineViewer.tryDemo');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      fitting.map((session) => ({ label: session.connection.name, description: session.connection.kind, session })),
      { placeHolder: vscode.l10n.t('Find "{0}" in which connection?', query.length > 60 ? `${query.slice(0, 59)}…` : query) },
    );
    return picked?.session;
  }
}

/** An event id of one platform is looked for only in that platform's connections; a correlation id anywhere. */
function fits(session: Session, kind: IdKind): boolean {
  if (kind === 'pismoEvent') return session.connection.kind === 'pismo';
  if (kind === 'talentlmsEvent') return session.connection.kind === 'talentlms';
  return true;
}

/** Arguments arrive from command links and other extensions: each field is checked. */
export function parsePivotArgs(value: unknown): PivotArgs | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { query, kind, connectionId } = value as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '' || query.length > MAX_QUERY) return undefined;
  if (kind !== undefined && !KINDS.includes(kind as IdKind)) return undefined;
  if (connectionId !== undefined && typeof connectionId !== 'string') return undefined;
  return { query: query.trim(), kind: kind as IdKind | undefined, connectionId: connectionId as string | undefined };
}

function parseOpenArgs(value: unknown): OpenEventArgs | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { connectionId, eventId } = value as Record<string, unknown>;
  return typeof connectionId === 'string' && typeof eventId === 'string' ? { connectionId, eventId } : undefined;
}
