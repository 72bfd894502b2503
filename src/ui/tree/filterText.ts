import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { RecentRange, TimelineFilter } from '../../core/filter';
import type { Timeline } from '../../core/timeline';

/** What each recent range is called in the picker. */
export function rangeLabel(range: RecentRange): string {
  const labels: Record<RecentRange, string> = {
    '15m': vscode.l10n.t('Last 15 minutes'),
    '1h': vscode.l10n.t('Last hour'),
    '24h': vscode.l10n.t('Last 24 hours'),
    '7d': vscode.l10n.t('Last 7 days'),
    '30d': vscode.l10n.t('Last 30 days'),
  };
  return labels[range];
}

/** The short form on the node: `last 24 h`. */
function rangeShort(range: RecentRange): string {
  const labels: Record<RecentRange, string> = {
    '15m': vscode.l10n.t('last 15 min'),
    '1h': vscode.l10n.t('last 1 h'),
    '24h': vscode.l10n.t('last 24 h'),
    '7d': vscode.l10n.t('last 7 days'),
    '30d': vscode.l10n.t('last 30 days'),
  };
  return labels[range];
}

/** `2025-06-30 21:00:05.5 UTC`: every digit, for the tooltip. */
function instantText(iso: string): string {
  return vscode.l10n.t('{0} UTC', iso.replace('T', ' ').replace(/Z$/, ''));
}

/** The short form on the node: a whole day as its date (as a bare date was typed), else to the minute. */
function instantShort(iso: string): string {
  const [date, time = ''] = iso.split('T');
  if (time === '00:00:00Z' || time === '23:59:59.999999999Z') return date;
  return vscode.l10n.t('{0} UTC', `${date} ${time.slice(0, 5)}`);
}

/** `CARD, DISPUTE · last 24 h`: values first (a long list is cut), then the range. Event data is shown as text. */
export function filterSummary(filter: TimelineFilter): string {
  const values = [...(filter.categories ?? []), ...(filter.types ?? [])];
  const parts: string[] = [];
  if (values.length > 3) parts.push(vscode.l10n.t('{0} +{1}', values.slice(0, 2).join(', '), values.length - 2));
  else if (values.length) parts.push(values.join(', '));
  if (filter.last) parts.push(rangeShort(filter.last));
  else if (filter.since && filter.until) parts.push(`${instantShort(filter.since)} – ${instantShort(filter.until)}`);
  else if (filter.since) parts.push(vscode.l10n.t('since {0}', instantShort(filter.since)));
  else if (filter.until) parts.push(vscode.l10n.t('until {0}', instantShort(filter.until)));
  return displayText(parts.join(' · '), 80);
}

/** Every part of the filter, one a line, for tooltips. */
export function filterDetails(filter: TimelineFilter): string {
  const lines = [
    filter.categories ? `${vscode.l10n.t('Categories')}: ${filter.categories.join(', ')}` : '',
    filter.types ? `${vscode.l10n.t('Types')}: ${filter.types.join(', ')}` : '',
    filter.last ? rangeLabel(filter.last) : '',
    filter.since ? `${vscode.l10n.t('From')}: ${instantText(filter.since)}` : '',
    filter.until ? `${vscode.l10n.t('To')}: ${instantText(filter.until)}` : '',
    filter.local ? vscode.l10n.t('Matched by the extension on each page (the server refused the filter).') : vscode.l10n.t('Sent to the server where its API can filter; the rest is matched on each page.'),
  ];
  return lines.filter(Boolean).map((line) => displayText(line, 400)).join('\n');
}

/** The connection node's description while filtered: `CARD · last 24 h · 12 events · 26 pages scanned`. */
export function filteredDescription(filter: TimelineFilter, timeline: Timeline): string {
  const parts = [filterSummary(filter)];
  if (!timeline.isFresh) {
    parts.push(timeline.eventCount === 1 ? vscode.l10n.t('1 event') : vscode.l10n.t('{0} events', timeline.eventCount.toLocaleString()));
    parts.push(timeline.pageCount === 1 ? vscode.l10n.t('1 page scanned') : vscode.l10n.t('{0} pages scanned', timeline.pageCount.toLocaleString()));
    if (!timeline.hasMore) parts.push(vscode.l10n.t('all scanned'));
  }
  return parts.join(' · ');
}
