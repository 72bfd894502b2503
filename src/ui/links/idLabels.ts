import * as vscode from 'vscode';
import type { IdKind } from '../../core/idShapes';
import { COMMAND_PREFIX } from '../command';

/** What an ID is, in the user's words. */
export function idKindLabel(kind: IdKind): string {
  switch (kind) {
    case 'correlation':
      return vscode.l10n.t('Correlation ID');
    case 'pismoEvent':
      return vscode.l10n.t('Pismo event ID');
    case 'talentlmsEvent':
      return vscode.l10n.t('TalentLMS event ID');
  }
}

/** The command an ID's link runs: Find in Timeline for it. */
export const PIVOT_COMMAND = `${COMMAND_PREFIX}pivot`;
export const OPEN_EVENT_COMMAND = `${COMMAND_PREFIX}openEventById`;
