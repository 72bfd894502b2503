import { parseJsonPath, type JsonPath } from './path';
import type { PathChoice } from './mapping';
import { quote } from './names';

/** Alternatives a field may list (`[$.eventTime, $.lastTimestamp]`). */
const MAX_CHOICES = 4;
/** Keys of a map-like setting (query, headers, names): a request carries a few, never thousands. */
const MAX_ENTRIES = 64;

interface TextOptions {
  /** What follows "is" when the value is missing: `required: the API path, such as /v1/events`. */
  readonly required?: string;
  readonly max?: number;
  readonly shape?: RegExp;
  readonly shapeText?: string;
}

/**
 * Reads settings values one by one, collecting a sentence for each problem instead of stopping at the first,
 * so one look at the error shows everything to fix. Only own properties are read: a key named `__proto__`
 * or `constructor` is an unknown key like any other.
 */
export class Check {
  readonly problems: string[] = [];

  /** Adds a problem, if there is one; true when it did. */
  add(problem: string | undefined): boolean {
    if (problem === undefined) return false;
    this.problems.push(/[.!?]$/.test(problem) ? problem : `${problem}.`);
    return true;
  }

  /**
   * A plain object, its known keys copied onto an object without a prototype. `keys` undefined: any key;
   * absent and not `optional`: a problem.
   */
  object(value: unknown, at: string, keys: readonly string[] | undefined, shape: string, options: { keysText?: string; optional?: boolean } = {}): Record<string, unknown> | undefined {
    if (value === undefined || value === null) {
      if (!options.optional) this.add(`${at} is required: ${shape}`);
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.add(`${at} must be ${shape}`);
      return undefined;
    }
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) {
      if (keys && !keys.includes(key)) this.add(`${at} has an unknown key ${quote(key)} (${options.keysText ?? `the keys are ${keys.join(', ')}`})`);
      else out[key] = (value as Record<string, unknown>)[key];
    }
    return out;
  }

  /** Checks an object's keys after the fact (once its `style` or `scheme` says which are allowed). */
  keys(o: Record<string, unknown>, at: string, keys: readonly string[], keysText: string): void {
    for (const key of Object.keys(o)) if (!keys.includes(key)) this.add(`${at} has an unknown key ${quote(key)} (${keysText})`);
  }

  /** The `[key, value]` pairs of a map-like object; none when absent. */
  entries(value: unknown, at: string): [string, unknown][] {
    if (value === undefined || value === null) return [];
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.add(`${at} must be an object of names and values`);
      return [];
    }
    const entries = Object.entries(value);
    if (entries.length > MAX_ENTRIES) {
      this.add(`${at} has ${entries.length.toLocaleString('en-US')} keys: at most ${MAX_ENTRIES}`);
      return [];
    }
    return entries;
  }

  text(value: unknown, at: string, options: TextOptions = {}): string | undefined {
    if (value === undefined || value === null || value === '') {
      if (options.required) this.add(`${at} is ${options.required}`);
      return undefined;
    }
    if (typeof value !== 'string') return void this.add(`${at} must be a string`);
    const max = options.max ?? 256;
    if (value.length > max) return void this.add(`${at} is ${value.length.toLocaleString('en-US')} characters long: at most ${max}`);
    if (options.shape && !options.shape.test(value)) return void this.add(`${at} must be ${options.shapeText}, not ${quote(value)}`);
    return value;
  }

  /** One of `options`; a missing value is a problem only when `required`. */
  oneOf<T extends string>(value: unknown, at: string, options: readonly T[], required = false): T | undefined {
    if (value === undefined || value === null) {
      if (required) this.add(`${at} is required: one of ${options.join(', ')}`);
      return undefined;
    }
    if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T;
    return void this.add(`${at} must be one of ${options.join(', ')}, not ${quote(String(value))}`);
  }

  integer(value: unknown, at: string, min: number, max: number): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    return void this.add(`${at} must be a whole number from ${min} to ${max}`);
  }

  /** A path in Copy Path's syntax, from `$` (or `root`). */
  path(value: unknown, at: string, options: { required?: string; root?: string } = {}): JsonPath | undefined {
    if (value === undefined || value === null || value === '') {
      if (options.required) this.add(`${at} is ${options.required}`);
      return undefined;
    }
    if (typeof value !== 'string') return void this.add(`${at} must be a path such as $.id, written as a string`);
    const path = parseJsonPath(value, options.root);
    if ('error' in path) return void this.add(`${at} ${path.error}`);
    return path;
  }

  /** A path, or a list of alternatives of which the first present wins. */
  choice(value: unknown, at: string, options: { required?: string } = {}): PathChoice | undefined {
    if (!Array.isArray(value)) {
      const path = this.path(value, at, options);
      return path && [path];
    }
    if (value.length === 0 || value.length > MAX_CHOICES) return void this.add(`${at} must list from 1 to ${MAX_CHOICES} paths`);
    const paths = value.map((item, k) => this.path(item, `${at}[${k}]`, { required: 'required: a path' }));
    return paths.every((p) => p !== undefined) ? (paths as JsonPath[]) : undefined;
  }
}
