import { TimelineError } from './errors';
import type { Page, PageRequest, TimelineSource } from './source';

/**
 * One request in flight per connection. Every page a connection reads (Load more, Find, Check for Newer, the
 * live tail, each filter's timeline) goes through the connection's queue, so they never race or double the load
 * on a rate-limited API. Requests run in the order asked; one whose signal aborts while waiting leaves the line.
 */
export class RequestQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  /** Requests waiting behind the one in flight. */
  get queued(): number {
    return this.waiting;
  }

  run<T>(task: () => Promise<T>, signal: AbortSignal): Promise<T> {
    const previous = this.tail;
    this.waiting++;
    const result = (async () => {
      try {
        await untilSettledOrAborted(previous, signal);
      } finally {
        this.waiting--;
      }
      signal.throwIfAborted();
      return task();
    })();
    // The next request starts when this one and the one before it settle (one that left the line early must
    // not let the next overtake a request still in flight), whether or not they failed.
    this.tail = Promise.allSettled([previous, result]);
    return result;
  }
}

/** Resolves when `previous` settles; rejects at once when the signal aborts (its place in line is given up). */
function untilSettledOrAborted(previous: Promise<unknown>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    void previous.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

function cancelled(): TimelineError {
  return new TimelineError('cancelled', 'The request was cancelled.');
}

/** A source whose pages are read through a queue shared by everything reading the same connection. */
export class QueuedSource implements TimelineSource {
  constructor(
    private readonly source: TimelineSource,
    private readonly queue: RequestQueue,
  ) {}

  fetchPage(request: PageRequest, signal: AbortSignal): Promise<Page> {
    return this.queue.run(() => this.source.fetchPage(request, signal), signal);
  }

  close(): Promise<void> {
    return this.source.close?.() ?? Promise.resolve();
  }
}
