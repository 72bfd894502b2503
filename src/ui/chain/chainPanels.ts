import * as vscode from 'vscode';
import { type ChainModel, chainModel, chainPicture } from '../../core/chain';
import { displayText } from '../../core/displayText';
import type { TimelineEvent } from '../../core/event';
import { type ChainHostMessage, type ChainPageMessage, type ChainStrings, parseChainPageMessage } from '../../webview/chain/chainMessages';
import type { Session } from '../model/session';
import { KeyedPanels } from '../keyedPanels';
import { webviewHtml, webviewOptions } from '../webviewHtml';

/** What the chain needs of other features, handed over by product.ts (a feature imports no other). */
export interface ChainHost {
  /** Opens an event in the inspector. */
  openEvent(event: TimelineEvent, session: Session): void;
  /** Find's search for the correlation id across pages, as Show Related runs it; resolves to whether it read to the end. */
  search(session: Session, correlationId: string): Promise<boolean>;
  /** The same search, read further after it stopped at its page limit. */
  searchFurther(session: Session): Promise<boolean>;
}

/** What `timelineViewer.showChain` resolves to. */
export interface ChainOutcome {
  /** Event ids, oldest first. */
  readonly events: string[];
  /** The whole timeline was searched: no event of the chain is missing. */
  readonly complete: boolean;
}

/** One open waterfall: a correlation id of one connection. */
interface Chain {
  readonly session: Session;
  readonly correlationId: string;
  readonly panel: vscode.WebviewPanel;
  /** What the last picture sent was drawn from: an `open` names one of its rows. */
  model: ChainModel | undefined;
  key: number;
  searching: boolean;
  complete: boolean;
  redrawQueued: boolean;
}

/**
 * The chain panels: one per correlation id and connection, drawn from the loaded events of that id, redrawn as
 * Find reads pages (coalesced, and only while the panel can be seen), its rows opening events in the inspector.
 */
export class ChainPanels implements vscode.Disposable {
  static readonly viewType = 'timelineViewer.chain';
  private readonly chains = new KeyedPanels<Chain>();
  private readonly rendered = new vscode.EventEmitter<{ readonly correlationId: string; readonly key: string; readonly rows: number; readonly forbidden: number }>();
  /** What each page drew (for tests: rows, and elements that could run something, always 0). */
  readonly onDidRender = this.rendered.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly host: ChainHost,
  ) {}

  /** Shows the chain at once from what is loaded, then searches the pages not read yet; resolves once it has. */
  async show(session: Session, correlationId: string): Promise<ChainOutcome> {
    const chain = this.open(session, correlationId);
    chain.searching = true;
    this.draw(chain);
    try {
      chain.complete = await this.host.search(session, correlationId);
    } finally {
      chain.searching = false;
      this.draw(chain);
    }
    return this.outcome(chain);
  }

  /** A page's message, validated here: the webview's, or a test's standing in for it. */
  async receive(connectionId: string, correlationId: string, message: unknown): Promise<void> {
    const chain = this.chains.get(chainKey(connectionId, correlationId));
    const parsed = parseChainPageMessage(message);
    if (chain && parsed) await this.handle(chain, parsed);
  }

  dispose(): void {
    this.chains.dispose();
    this.rendered.dispose();
  }

  private open(session: Session, correlationId: string): Chain {
    return this.chains.show(chainKey(session.connection.id, correlationId), () => {
      const panel = vscode.window.createWebviewPanel(ChainPanels.viewType, '', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(this.extensionUri));
      panel.title = vscode.l10n.t('Chain {0}', displayText(correlationId, { max: 24 }));
      panel.webview.html = webviewHtml(panel.webview, this.extensionUri, { page: 'chain', strings: chainStrings() });
      const chain: Chain = { session, correlationId, panel, model: undefined, key: 0, searching: false, complete: false, redrawQueued: false };
      const subscriptions = [
        session.onDidChange(() => this.queueDraw(chain)),
        panel.onDidChangeViewState(() => this.queueDraw(chain)),
        panel.webview.onDidReceiveMessage((m: unknown) => this.receive(session.connection.id, correlationId, m)),
      ];
      return { entry: chain, subscriptions };
    });
  }

  private async handle(chain: Chain, message: ChainPageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.draw(chain);
        return;
      case 'open': {
        // a row of the picture sent last only: one drawn before cannot open another event
        const row = message.key === String(chain.key) ? chain.model?.rows[message.index] : undefined;
        if (row) this.host.openEvent(row.event, chain.session);
        return;
      }
      case 'searchFurther':
        if (chain.searching) return;
        chain.searching = true;
        this.draw(chain);
        try {
          chain.complete = await this.host.searchFurther(chain.session);
        } finally {
          chain.searching = false;
          this.draw(chain);
        }
        return;
      case 'rendered':
        if (message.key === String(chain.key)) this.rendered.fire({ correlationId: chain.correlationId, key: message.key, rows: message.rows, forbidden: message.forbidden });
        return;
    }
  }

  /** Pages arrive in bursts while Find reads: one redraw per turn of the event loop, none while hidden. */
  private queueDraw(chain: Chain): void {
    if (chain.redrawQueued || !chain.panel.visible) return;
    chain.redrawQueued = true;
    setImmediate(() => {
      chain.redrawQueued = false;
      if (this.chains.get(chainKey(chain.session.connection.id, chain.correlationId)) === chain) this.draw(chain);
    });
  }

  private draw(chain: Chain): void {
    const { timeline } = chain.session;
    chain.model = chainModel(timeline.related(chain.correlationId));
    chain.key++;
    const message: ChainHostMessage = {
      type: 'chain',
      view: {
        key: String(chain.key),
        ...chainPicture(chain.model, chain.correlationId, vscode.env.language),
        complete: chain.complete || !timeline.hasMore,
        searching: chain.searching,
      },
    };
    void chain.panel.webview.postMessage(message);
  }

  private outcome(chain: Chain): ChainOutcome {
    return { events: chain.model?.rows.map((r) => r.event.id) ?? [], complete: chain.complete || !chain.session.timeline.hasMore };
  }
}

function chainKey(connectionId: string, correlationId: string): string {
  return JSON.stringify([connectionId, correlationId]);
}

function chainStrings(): ChainStrings {
  return {
    summary: vscode.l10n.t('{0} events over {1}'),
    correlationId: vscode.l10n.t('Correlation ID'),
    mayContinue: vscode.l10n.t('The chain may go on in pages not read yet'),
    searchFurther: vscode.l10n.t('Search further'),
    searching: vscode.l10n.t('Searching further pages…'),
    timeUnknown: vscode.l10n.t('time unknown'),
    rows: vscode.l10n.t('Events of the chain, oldest first'),
    gap: vscode.l10n.t('{0} later'),
    empty: vscode.l10n.t('No loaded event has this correlation ID yet.'),
  };
}
