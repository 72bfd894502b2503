/**
 * Builds JSON text directly. Item JSON must carry values a JavaScript Number cannot hold
 * (12345678901234567890, `1.10`), so items are assembled from text pieces, never JSON.stringify of an object.
 */

/** A JSON string literal. */
export const str = (value: string): string => JSON.stringify(value);

/** A safe integer as JSON. */
export function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not a safe integer`);
  return String(value);
}

/** An amount in cents as a two-decimal JSON number: 4250 → `42.50` (the trailing zero is kept). */
export function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** An object from already-encoded values, in the given key order; undefined values are left out. */
export function obj(fields: Record<string, string | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) parts.push(`${str(key)}:${value}`);
  return `{${parts.join(',')}}`;
}

export function arr(values: readonly string[]): string {
  return `[${values.join(',')}]`;
}
