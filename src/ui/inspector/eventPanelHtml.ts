import * as vscode from 'vscode';
import type { PageStrings } from '../../webview/event/eventMessages';
import { webviewHtml } from '../webviewHtml';

/** The inspector's page (media/dist/event.js, media/event.css) with its words. */
export function eventPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewHtml(webview, extensionUri, { page: 'event', strings: pageStrings() });
}

function pageStrings(): PageStrings {
  return {
    type: vscode.l10n.t('Type'),
    category: vscode.l10n.t('Category'),
    timeUtc: vscode.l10n.t('Time (UTC)'),
    timeLocal: vscode.l10n.t('Time (local)'),
    eventId: vscode.l10n.t('Event ID'),
    correlationId: vscode.l10n.t('Correlation ID'),
    accountId: vscode.l10n.t('Account ID'),
    connection: vscode.l10n.t('Connection'),
    actions: vscode.l10n.t('Event actions'),
    copyCorrelationId: vscode.l10n.t('Copy Correlation ID'),
    copyEventId: vscode.l10n.t('Copy Event ID'),
    copyJson: vscode.l10n.t('Copy JSON'),
    openDocument: vscode.l10n.t('Open as JSON Document'),
    compare: vscode.l10n.t('Compare with…'),
    keepOpen: vscode.l10n.t('Keep Open'),
    keptOpen: vscode.l10n.t('Kept Open'),
    copyValue: vscode.l10n.t('Copy Value'),
    copyPath: vscode.l10n.t('Copy JSON Path'),
    showMore: vscode.l10n.t('Show {0} more of {1}', '{0}', '{1}'),
    showAll: vscode.l10n.t('Show all {0} characters', '{0}'),
    oneItem: vscode.l10n.t('1 item'),
    items: vscode.l10n.t('{0} items', '{0}'),
    oneKey: vscode.l10n.t('1 key'),
    keys: vscode.l10n.t('{0} keys', '{0}'),
    jsonTree: vscode.l10n.t('Event JSON'),
    notJson: vscode.l10n.t('This text is not valid JSON; it is shown as received.'),
    filter: vscode.l10n.t('Filter keys and values'),
    matches: vscode.l10n.t('{0} matches', '{0}'),
    copyLink: vscode.l10n.t('Copy Link to Event'),
    findInTimeline: vscode.l10n.t('Find in Timeline (Enter)'),
    showChain: vscode.l10n.t('Show Chain'),
    openAccount: vscode.l10n.t('Open Account'),
    unusualHeading: vscode.l10n.t('Unusual for its type, learnt from {0} loaded events'),
    lacks: vscode.l10n.t('{2}: in {0} of {1} events of this type, not in this one'),
    adds: vscode.l10n.t('{2}: in only {0} of {1}'),
    addsNew: vscode.l10n.t('{2}: in none of the other {1}'),
  };
}
