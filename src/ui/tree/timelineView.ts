import type * as vscode from 'vscode';
import type { Session } from '../model/session';
import type { TimelineTreeProvider } from './provider';
import type { TimelineStatusBar } from './statusBar';

/** The Timeline view as the features see it: its rows, and a way to show a connection in it. */
export interface TimelineView {
  readonly tree: TimelineTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly statusBar: TimelineStatusBar;
  /** Shows the connection's row, expanded, where VS Code can (see revealRow); `focus` moves the keyboard to it. */
  reveal(session: Session, options?: { focus?: boolean; select?: boolean }): Promise<void>;
}
