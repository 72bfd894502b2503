import { CANONICAL_TIMESTAMP } from './time';

/**
 * Pismo's cursor is base64 of a JSON key (the documented sample decodes to TenantAccountTimestamp,
 * TenantAccount, Timestamp), like a DynamoDB last-evaluated key. Clients must treat it as opaque.
 */
export interface CursorKey {
  /** `TENANT::ACCOUNT_ID` */
  readonly tenantAccount: string;
  /** The last item read, exactly as its `timestamp` field. */
  readonly timestamp: string;
}

export function encodeCursor(key: CursorKey): string {
  const json = JSON.stringify(
    { TenantAccountTimestamp: `${key.tenantAccount}::${key.timestamp}`, TenantAccount: key.tenantAccount, Timestamp: key.timestamp },
    null,
    2,
  );
  return Buffer.from(json, 'utf8').toString('base64');
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The key, or undefined for anything that is not a cursor this server wrote (Node's base64 decoder never throws, so the text is checked first). */
export function decodeCursor(text: string): CursorKey | undefined {
  if (text === '' || !BASE64.test(text)) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof key !== 'object' || key === null) return undefined;
  const { TenantAccountTimestamp: full, TenantAccount: tenantAccount, Timestamp: timestamp } = key as Record<string, unknown>;
  if (typeof tenantAccount !== 'string' || typeof timestamp !== 'string' || !CANONICAL_TIMESTAMP.test(timestamp)) return undefined;
  if (full !== `${tenantAccount}::${timestamp}`) return undefined;
  return { tenantAccount, timestamp };
}
