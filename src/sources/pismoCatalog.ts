/**
 * The categories and types Pismo's documentation gives as examples, offered in the filter's pick lists.
 * Each organisation configures its own, so any other value may appear and can be typed in.
 */
export const PISMO_CATALOG: Readonly<Record<string, readonly string[]>> = {
  CARD: ['ACTIVATION', 'BLOCK', 'CREATION', 'DELIVERY', 'PRODUCTION', 'UNBLOCK'],
  CASH_IN: ['AUTHORIZATION', 'CANCELLATION', 'CONFIRMATION', 'DENIED'],
  CASH_OUT: ['AUTHORIZATION', 'CANCELLATION', 'CONFIRMATION', 'DENIED'],
  CREDIT: ['LIMIT_NEAR', 'LIMIT_REACHED'],
  DISPUTE: ['CREATE'],
  STATEMENT: ['OVERDUE', 'CLOSE', 'PAYMENT'],
  TRANSACTION: ['AUTHORIZE', 'CANCELLATION', 'REFUSAL'],
  TOKENIZATION: [],
};
