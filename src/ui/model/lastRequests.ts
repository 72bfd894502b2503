import type { RequestLogEntry } from '../../core/http';
import type { Connection } from './connection';

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
