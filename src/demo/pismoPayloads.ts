import { arr, int, money, obj, str } from './rawJson';
import { type Random, digits, intBetween, pick, uuid } from './random';
import type { Step } from './pismoScenarios';

/** The `data` of each event, as JSON text, shaped after Pismo's documented categories. */

const MERCHANTS = [
  ['Padaria Pão Quente', 5462, 'São Paulo', 'BR'],
  ['Uber *Trip', 4121, 'São Paulo', 'BR'],
  ['Amazon Marketplace', 5942, 'Seattle', 'US'],
  ['Posto Shell Av. Brasil', 5541, 'Campinas', 'BR'],
  ['Netflix.com', 4899, 'Los Gatos', 'US'],
  ['Carrefour Hipermercado', 5411, 'Rio de Janeiro', 'BR'],
  ['Drogaria São João', 5912, 'Porto Alegre', 'BR'],
  ['Starbucks #1123', 5814, 'Lisboa', 'PT'],
  ['Airbnb * HMQ2X8', 7011, 'Dublin', 'IE'],
  ['Steam Games', 5816, 'Bellevue', 'US'],
  ['Renner Loja 042', 5651, 'Curitiba', 'BR'],
  ['iFood *Restaurante Sabor', 5812, 'Osasco', 'BR'],
] as const;
type Merchant = (typeof MERCHANTS)[number];
const LINE_NAMES = new Map<Merchant, string>(MERCHANTS.map((m) => [m, str(m[0])]));

const BANKS = [['341', 'Itaú Unibanco'], ['001', 'Banco do Brasil'], ['260', 'Nu Pagamentos'], ['033', 'Santander'], ['104', 'Caixa']] as const;
const NAMES = ['Ana Souza', 'Bruno Lima', 'Carla Mendes', 'Diego Ferreira', 'Elisa Rocha', 'Felipe Araújo', 'Gabriela Nunes'];

/** Facts shared by every event of one correlation chain (same card, same purchase, same statement). */
export interface ChainContext {
  readonly correlationId: string | undefined;
  readonly cents: number;
  readonly currency: string;
  readonly merchant: Merchant;
  readonly card: { readonly id: number; readonly last4: string; readonly brand: string };
  readonly authorizationId: number;
  readonly operationId: number;
  readonly statementId: number;
  readonly channel: string;
  readonly counterparty: { readonly name: string; readonly bank: readonly [string, string]; readonly last4: string };
  readonly tokenReference: string;
}

/** Draws always happen in the same order, so every member of a chain rebuilds the same context. */
export function chainContext(random: Random, single: boolean): ChainContext {
  const anonymous = random() < 0.3;
  const correlationId = uuid(random);
  return {
    correlationId: single && anonymous ? undefined : correlationId,
    cents: random() < 0.8 ? intBetween(random, 150, 60_000) : intBetween(random, 60_000, 2_500_000),
    currency: random() < 0.85 ? 'BRL' : pick(random, ['USD', 'EUR']),
    merchant: pick(random, MERCHANTS),
    card: { id: intBetween(random, 10_000_000, 99_999_999), last4: digits(random, 4), brand: pick(random, ['VISA', 'MASTERCARD', 'ELO']) },
    authorizationId: intBetween(random, 100_000_000, 999_999_999),
    operationId: intBetween(random, 1_000_000, 9_999_999),
    statementId: intBetween(random, 100_000, 999_999),
    channel: pick(random, ['PIX', 'PIX', 'PIX', 'TED', 'BOLETO']),
    counterparty: { name: pick(random, NAMES), bank: pick(random, BANKS), last4: digits(random, 4) },
    tokenReference: `DNITHE${digits(random, 18)}`,
  };
}

/** `data` for one event; `random` is the event's own stream, `ns` its time. */
export function payload([category, type]: Step, ctx: ChainContext, random: Random, ns: bigint): string {
  switch (category) {
    case 'TRANSACTION':
      return transaction(type, ctx, random);
    case 'CASH_IN':
    case 'CASH_OUT':
      return cash(category, type, ctx, random);
    case 'CARD':
      return card(type, ctx, random, ns);
    case 'CREDIT':
      return credit(type, ctx, random);
    case 'DISPUTE':
      return dispute(ctx, random, ns);
    case 'STATEMENT':
      return statement(type, ctx, random, ns);
    default:
      return tokenization(type, ctx, random);
  }
}

/** `YYYY-MM-DD` of the event's day shifted by whole days (millisecond precision is plenty here). */
const day = (ns: bigint, plusDays = 0): string => new Date(Number(ns / 1_000_000n) + plusDays * 86_400_000).toISOString().slice(0, 10);

function merchantJson(m: Merchant): string {
  return obj({ name: str(m[0]), mcc: int(m[1]), city: str(m[2]), country: str(m[3]) });
}

function cardJson(ctx: ChainContext): string {
  return obj({ id: int(ctx.card.id), last4: str(ctx.card.last4), brand: str(ctx.card.brand) });
}

function transaction(type: string, ctx: ChainContext, random: Random): string {
  const refused = type === 'REFUSAL';
  const cancelled = type === 'CANCELLATION';
  return obj({
    authorization_id: int(ctx.authorizationId),
    nsu: str(digits(random, 6)),
    amount: money(ctx.cents),
    currency: str(ctx.currency),
    installments: int(ctx.cents > 50_000 ? intBetween(random, 2, 12) : 1),
    merchant: merchantJson(ctx.merchant),
    card: cardJson(ctx),
    entry_mode: str(pick(random, ['CHIP', 'CONTACTLESS', 'ECOMMERCE', 'MAGSTRIPE'])),
    status: str(refused ? 'REFUSED' : cancelled ? 'CANCELLED' : 'APPROVED'),
    response_code: str(refused ? pick(random, ['51', '55', '57', '59']) : '00'),
    reason: refused
      ? str(pick(random, ['INSUFFICIENT_LIMIT', 'INVALID_CVV', 'CARD_BLOCKED', 'SUSPECTED_FRAUD']))
      : cancelled
        ? str(pick(random, ['MERCHANT_REVERSAL', 'CUSTOMER_REQUEST', 'DISPUTE_ACCEPTED']))
        : undefined,
  });
}

function cash(category: string, type: string, ctx: ChainContext, random: Random): string {
  const pix = ctx.channel === 'PIX';
  const status = { AUTHORIZATION: 'AUTHORIZED', CONFIRMATION: 'CONFIRMED', CANCELLATION: 'CANCELLED', DENIED: 'DENIED' }[type] ?? type;
  return obj({
    operation_id: int(ctx.operationId),
    direction: str(category === 'CASH_IN' ? 'IN' : 'OUT'),
    amount: money(ctx.cents),
    currency: str('BRL'),
    channel: str(ctx.channel),
    end_to_end_id: pix ? str(`E${ctx.counterparty.bank[0].padStart(8, '0')}${digits(random, 12)}${digits(random, 11)}`) : undefined,
    counterparty: obj({
      name: str(ctx.counterparty.name),
      bank_code: str(ctx.counterparty.bank[0]),
      bank_name: str(ctx.counterparty.bank[1]),
      branch: str('0001'),
      account_last4: str(ctx.counterparty.last4),
    }),
    status: str(status),
    reason: type === 'DENIED' ? str(pick(random, ['INSUFFICIENT_BALANCE', 'LIMIT_EXCEEDED', 'COUNTERPARTY_INVALID'])) : undefined,
  });
}

function card(type: string, ctx: ChainContext, random: Random, ns: bigint): string {
  const status = { BLOCK: 'BLOCKED', CREATION: 'CREATED', PRODUCTION: 'IN_PRODUCTION', DELIVERY: 'SHIPPED' }[type] ?? 'NORMAL';
  return obj({
    card_id: int(ctx.card.id),
    last4: str(ctx.card.last4),
    brand: str(ctx.card.brand),
    mode: str('CREDIT'),
    card_type: str(ctx.card.id % 3 === 0 ? 'VIRTUAL' : 'PLASTIC'),
    status: str(status),
    printed_name: type === 'CREATION' ? str(ctx.counterparty.name.toUpperCase()) : undefined,
    embosser: type === 'PRODUCTION' ? str(pick(random, ['IDEMIA', 'THALES', 'VALID'])) : undefined,
    batch_id: type === 'PRODUCTION' ? str(`B${day(ns).replace(/-/g, '')}-${digits(random, 4)}`) : undefined,
    carrier: type === 'DELIVERY' ? str(pick(random, ['CORREIOS', 'LOGGI', 'FLASH'])) : undefined,
    tracking_code: type === 'DELIVERY' ? str(`BR${digits(random, 9)}BR`) : undefined,
    estimated_delivery: type === 'DELIVERY' ? str(day(ns, intBetween(random, 2, 9))) : undefined,
    reason: type === 'BLOCK' ? str(pick(random, ['LOST', 'STOLEN', 'SUSPECTED_FRAUD', 'CUSTOMER_REQUEST'])) : undefined,
    channel: type === 'ACTIVATION' || type === 'UNBLOCK' ? str(pick(random, ['APP', 'IVR', 'BACKOFFICE'])) : undefined,
  });
}

function credit(type: string, ctx: ChainContext, random: Random): string {
  const total = intBetween(random, 10, 400) * 10_000;
  const threshold = type === 'LIMIT_REACHED' ? 100 : pick(random, [80, 90]);
  const used = type === 'LIMIT_REACHED' ? total : Math.floor((total * intBetween(random, threshold, 99)) / 100);
  return obj({
    total_limit: money(total),
    available_limit: money(total - used),
    used_percent: int(Math.floor((used * 100) / total)),
    threshold_percent: int(threshold),
    currency: str(ctx.currency),
    last_authorization_id: int(ctx.authorizationId),
  });
}

const DISPUTE_REASONS = [
  ['10.4', 'Fraud: card-absent environment'],
  ['13.1', 'Merchandise or services not received'],
  ['12.6', 'Duplicate processing'],
  ['13.3', 'Not as described or defective merchandise'],
] as const;
const COMPLAINTS = [
  'I did not make this purchase.',
  'The order never arrived and the merchant stopped answering.',
  'I was charged twice for the same order.',
  'My card was in my possession the whole time.',
  'The product was returned on the same day, with a receipt.',
  'The subscription was cancelled last month.',
];

function dispute(ctx: ChainContext, random: Random, ns: bigint): string {
  const [code, reason] = pick(random, DISPUTE_REASONS);
  const sentences = Array.from({ length: intBetween(random, 2, 12) }, () => pick(random, COMPLAINTS));
  const attachments = Array.from({ length: intBetween(random, 0, 4) }, (_, i) =>
    obj({ name: str(`evidence-${i + 1}.${pick(random, ['pdf', 'jpg', 'png'])}`), size_bytes: int(intBetween(random, 20_000, 4_000_000)) }),
  );
  return obj({
    dispute_id: int(intBetween(random, 1_000_000, 9_999_999)),
    authorization_id: int(ctx.authorizationId),
    amount: money(ctx.cents),
    currency: str(ctx.currency),
    reason_code: str(code),
    reason: str(reason),
    merchant: merchantJson(ctx.merchant),
    customer_statement: str(sentences.join(' ')),
    attachments: arr(attachments),
    deadline: str(day(ns, 30)),
  });
}

/** CLOSE carries every line of the cycle, so statements are the bulky events (several KB) that make the 1 MB cap bite. */
function statement(type: string, ctx: ChainContext, random: Random, ns: bigint): string {
  const total = ctx.cents * 7;
  if (type === 'PAYMENT') {
    return obj({
      statement_id: int(ctx.statementId),
      payment_id: int(intBetween(random, 10_000_000, 99_999_999)),
      amount: money(random() < 0.7 ? total : Math.floor(total * 0.15)),
      currency: str(ctx.currency),
      method: str(pick(random, ['PIX', 'BOLETO', 'DIRECT_DEBIT'])),
      paid_at: str(day(ns)),
    });
  }
  if (type === 'OVERDUE') {
    return obj({
      statement_id: int(ctx.statementId),
      due_date: str(day(ns, -intBetween(random, 1, 20))),
      amount_due: money(total),
      late_fee: money(Math.floor(total * 0.02)),
      monthly_interest_rate: `${intBetween(random, 1, 14)}.${digits(random, 2)}`,
      currency: str(ctx.currency),
    });
  }
  // Hundreds of lines per statement: written as one template each, the hot path of generation.
  const cycleDays = Array.from({ length: 30 }, (_, i) => str(day(ns, -1 - i)));
  const lines = Array.from({ length: intBetween(random, 20, 260) }, () => {
    const m = pick(random, MERCHANTS);
    const installments = random() < 0.2 ? intBetween(random, 2, 12) : 1;
    const installment = `${intBetween(random, 1, installments)}/${installments}`;
    return `{"date":${pick(random, cycleDays)},"description":${LINE_NAMES.get(m)},"mcc":${m[1]},"amount":${money(intBetween(random, 150, 80_000))},"installment":"${installment}"}`;
  });
  return obj({
    statement_id: int(ctx.statementId),
    cycle_closing_date: str(day(ns)),
    due_date: str(day(ns, 10)),
    total_amount: money(total),
    minimum_payment: money(Math.floor(total * 0.15)),
    currency: str(ctx.currency),
    lines: arr(lines),
  });
}

function tokenization(type: string, ctx: ChainContext, random: Random): string {
  const status = { PROVISIONING: 'INACTIVE', ACTIVATION: 'ACTIVE', SUSPENSION: 'SUSPENDED', DELETION: 'DELETED' }[type] ?? type;
  return obj({
    token_reference_id: str(ctx.tokenReference),
    card_id: int(ctx.card.id),
    last4: str(ctx.card.last4),
    wallet: str(['APPLE_PAY', 'GOOGLE_PAY', 'SAMSUNG_PAY'][ctx.card.id % 3]),
    token_requestor_id: str('40010030273'),
    device: obj({ type: str(pick(random, ['PHONE', 'WATCH', 'TABLET'])), name: str(pick(random, ['iPhone 15', 'Pixel 8', 'Galaxy S24', 'Apple Watch'])) }),
    status: str(status),
  });
}
