import { CONFIG_ROWS, FAULT_ROWS, type FaultRow } from './table';
import { backoffs } from './harness';

/** docs/reliability.md holds each table between these markers; everything else in it is prose. */
export const TABLES = {
  faults: { start: '<!-- fault-table:start (generated from test/unit/faults/table.ts) -->', end: '<!-- fault-table:end -->', render: renderFaults },
  config: { start: '<!-- config-table:start (generated from test/unit/faults/table.ts) -->', end: '<!-- config-table:end -->', render: renderConfig },
} as const;

const cell = (text: string): string => text.replace(/\|/g, '\\|');
const seconds = (ms: number): string => `${ms / 1000} s`;

function renderFaults(): string {
  const lines = [
    '| Fault (`x-demo-fault`) | What the server does | What the client does | What the user sees | What is kept |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const row of FAULT_ROWS) {
    const fault = `\`${row.fault}\`${row.times > 1 ? ` ×${row.times}` : ''}`;
    const sees = 'ok' in row.outcome ? row.outcome.ok : `\`${row.outcome.kind}\` error node: “${row.outcome.message}”`;
    lines.push(`| ${[fault, row.server, client(row), sees, row.kept].map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Requests made and the waits between them, as the test measured them. */
function client(row: FaultRow): string {
  const requests = `${row.requests} request${row.requests > 1 ? 's' : ''}`;
  if (!row.waits) return requests;
  if ('backoff' in row.waits) return `${requests}, waiting ${backoffs(row.waits.backoff).map(seconds).join(', ')} (±50% jitter)`;
  const [min, max] = row.waits.retryAfter;
  const wait = min === max ? seconds(max) : `${seconds(min)}–${seconds(max)}`;
  return `${requests}, waiting ${wait} as asked${row.waits.count > 1 ? ` (×${row.waits.count})` : ''}`;
}

function renderConfig(): string {
  const lines = ['| Base URL | Problem | What the user sees |', '| --- | --- | --- |'];
  for (const row of CONFIG_ROWS) lines.push(`| ${[`\`${row.baseUrl}\``, row.problem, `“${row.message}”`].map(cell).join(' | ')} |`);
  return lines.join('\n');
}

/** The document with each table's region replaced by its rendering; throws if a marker is missing. */
export function withTables(doc: string): string {
  let out = doc;
  for (const { start, end, render } of Object.values(TABLES)) {
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`docs/reliability.md lacks the markers ${start} … ${end}`);
    out = `${out.slice(0, from + start.length)}\n${render()}\n${out.slice(to)}`;
  }
  return out;
}

