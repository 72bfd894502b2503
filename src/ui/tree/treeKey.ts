import { createHash } from 'node:crypto';

/** Server text longer than this stands in a tree item's id by its digest. */
const MAX_KEY_CHARS = 200;

/**
 * Server text as part of a tree item's id. VS Code sends the id with the row on every refresh, so an event id
 * or category name of megabytes would be sent again and again: a long one is replaced by its SHA-256, which
 * keeps ids unique and stable.
 */
export function treeKey(text: string): string {
  return text.length <= MAX_KEY_CHARS ? text : `sha256:${createHash('sha256').update(text).digest('base64url')}`;
}
