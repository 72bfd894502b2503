/**
 * The request limits, as settings give them. Any settings file can hold them (a cloned repository's too),
 * so each is clamped to a range where it still protects: no value turns a timeout or the size cap off.
 */
export interface LimitRange {
  readonly min: number;
  readonly max: number;
  readonly fallback: number;
}

export const TIMEOUT_SECONDS: LimitRange = { min: 1, max: 300, fallback: 30 };
export const RESPONSE_MEGABYTES: LimitRange = { min: 1, max: 64, fallback: 8 };
export const PAGE_SIZE: LimitRange = { min: 1, max: 1000, fallback: 100 };

/** A whole response, however slowly it arrives, must come within this many request timeouts. */
export const DEADLINE_TIMEOUTS = 4;

/** The value inside the range; the fallback for anything that is not a finite number. */
export function clampLimit(value: unknown, range: LimitRange): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return range.fallback;
  return Math.min(range.max, Math.max(range.min, value));
}

/**
 * A limit only the user's own settings may set (from `inspect(key)`), clamped. Workspace values are ignored:
 * a cloned repository ships its settings, and must not make the extension read more pages or check more often.
 */
export function userLimit(inspected: { readonly globalValue?: unknown } | undefined, range: LimitRange): number {
  return clampLimit(inspected?.globalValue, range);
}

export interface RequestLimits {
  readonly pageSize: number;
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

/** The limits from raw setting values, clamped. */
export function requestLimits(raw: { pageSize?: unknown; timeoutSeconds?: unknown; maxMegabytes?: unknown }): RequestLimits {
  return {
    pageSize: Math.round(clampLimit(raw.pageSize, PAGE_SIZE)),
    timeoutMs: Math.round(clampLimit(raw.timeoutSeconds, TIMEOUT_SECONDS) * 1000),
    maxBytes: Math.round(clampLimit(raw.maxMegabytes, RESPONSE_MEGABYTES) * 1024 * 1024),
  };
}
