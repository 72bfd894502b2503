import * as vscode from 'vscode';
import { type CurlRequest, curlCommand, type SecretHeader } from '../core/curl';
import type { RequestLogEntry } from '../core/http';
import type { Connection } from './connection';
import { DEFAULT_TALENTLMS_API_VERSION } from './sources';

/**
 * The last timeline request of each connection, as the HTTP client reported it for the log (method and redacted
 * URL: no header, no secret), so it can be copied as a curl command.
 */
export class LastRequests {
  private readonly last = new Map<string, RequestLogEntry>();

  /** Wraps a connection's request reporter to remember its last GET (token mints are POSTs, not the timeline). */
  recorder(connection: Connection, next: (entry: RequestLogEntry) => void): (entry: RequestLogEntry) => void {
    return (entry) => {
      if (entry.method === 'GET') this.last.set(connection.id, entry);
      next(entry);
    };
  }

  get(connectionId: string): RequestLogEntry | undefined {
    return this.last.get(connectionId);
  }
}

/** The secret as the API expects it, written as a variable reference. */
function secretHeader(connection: Connection): SecretHeader {
  return connection.kind === 'talentlms'
    ? { name: 'X-API-Key', variable: 'TALENTLMS_API_KEY', what: vscode.l10n.t('the TalentLMS API key of "{0}"', connection.name) }
    : { name: 'Authorization', prefix: 'Bearer', variable: 'PISMO_TOKEN', what: vscode.l10n.t('an account token for "{0}"', connection.name) };
}

/** The connection's last request as curl; undefined when it has made none. */
export function curlFor(connection: Connection, entry: RequestLogEntry | undefined): string | undefined {
  if (!entry) return undefined;
  const headers: Record<string, string> = connection.kind === 'talentlms' ? { 'X-API-Version': connection.apiVersion ?? DEFAULT_TALENTLMS_API_VERSION } : {};
  headers.Accept = 'application/json';
  const request: CurlRequest = { method: entry.method, url: entry.url, headers, secret: secretHeader(connection) };
  return curlCommand(request);
}
