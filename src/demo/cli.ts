import { DEFAULT_EVENT_COUNT, DEFAULT_SEED, startDemoServer } from './server';
import { OAUTH_TOKEN_PATH } from './oauthRoute';
import { DEFAULT_TOKEN_TTL_SECONDS, PASSPORT_TOKEN_PATH } from './passportRoute';
import { PISMO_TIMELINE_PATH } from './pismoRoute';
import { DEFAULT_RATE_LIMIT } from './talentlmsRateLimit';
import { TALENT_TIMELINE_PATH } from './talentlmsRoute';

/**
 * Standalone demo server: `node dist/demo-server.js [--port 8787] [--events N] [--seed S] [--token T]`.
 * The token is a synthetic local credential, so printing it here is fine (the server itself never logs it).
 */
const USAGE = 'Usage: node dist/demo-server.js [--port 8787] [--events N] [--seed S] [--token T]';
const DEFAULT_PORT = 8787;
const DEFAULT_TOKEN = 'demo-token';
/** Fixed like the token, so the printed curl lines keep working between runs. */
const SERVER_KEY = 'demo-server-key';
const SERVER_SECRET = 'demo-server-secret';

interface CliOptions {
  port: number;
  eventCount: number;
  seed: number;
  token: string;
}

function parseArgs(argv: readonly string[]): CliOptions | string {
  const options: CliOptions = { port: DEFAULT_PORT, eventCount: DEFAULT_EVENT_COUNT, seed: DEFAULT_SEED, token: DEFAULT_TOKEN };
  const integers = { '--port': 'port', '--events': 'eventCount', '--seed': 'seed' } as const;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') return USAGE;
    if (flag !== '--token' && !Object.hasOwn(integers, flag)) return `Unknown option ${flag}.\n${USAGE}`;
    const value = inline ?? argv[++i];
    if (value === undefined) return `${flag} needs a value.\n${USAGE}`;
    if (flag === '--token') options.token = value;
    else if (!/^-?\d+$/.test(value)) return `${flag} must be an integer.\n${USAGE}`;
    else options[integers[flag as keyof typeof integers]] = Number(value);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (typeof options === 'string') {
    if (options === USAGE) console.log(options);
    else {
      console.error(options);
      process.exitCode = 2;
    }
    return;
  }
  const server = await startDemoServer({ ...options, serverKey: SERVER_KEY, serverSecret: SERVER_SECRET });
  const endpoint = `${server.url}${PISMO_TIMELINE_PATH}`;
  const talent = `${server.url}${TALENT_TIMELINE_PATH}`;
  const mint = `${server.url}${PASSPORT_TOKEN_PATH}`;
  const mintBody = JSON.stringify({ server_key: server.serverKey, server_secret: server.serverSecret, account_id: server.accountIds[1] });
  const oauth = `${server.url}${OAUTH_TOKEN_PATH}`;
  const oauthForm = `grant_type=client_credentials&client_id=${server.serverKey}&client_secret=${server.serverSecret}&scope=pismo-v1:timeline:rw&uid=${server.accountIds[2]}`;
  const accounts = server.accountIds;
  console.log(`Timeline demo server on ${server.url} (seed ${options.seed})`);
  console.log(`Pismo: tenant TN-demo, accounts ${accounts[0]} to ${accounts[accounts.length - 1]} (external ids EXT-<account>)`);
  console.log(`  Endpoint: GET ${endpoint}?limit=100[&order=asc][&cursor=<next_cursor>][&category=DISPUTE]`);
  console.log(`  Token:    send "Authorization: Bearer ${server.token}" for account ${server.accountId} (${server.eventCount} events), or a minted token`);
  console.log(`  Try:      curl -H "Authorization: Bearer ${server.token}" "${endpoint}?limit=3"`);
  console.log(`  Mint:     POST ${mint}  (tokens last ${DEFAULT_TOKEN_TTL_SECONDS} s; secret_key works as well as server_secret)`);
  console.log(`            curl -H "Content-Type: application/json" -d '${mintBody}' "${mint}"`);
  console.log(`  OAuth:    curl -d '${oauthForm}' "${oauth}"  (without uid: a tenant-wide token)`);
  console.log(`  Post:     curl -H "Authorization: Bearer ${server.token}" -H "Content-Type: application/json" -d '{"type":"PING","category":"TEST","data":{}}' "${endpoint}"`);
  console.log(`TalentLMS: ${server.talentEventCount} synthetic platform events, ${DEFAULT_RATE_LIMIT} calls per hour`);
  console.log(`  Endpoint: GET ${talent}?page[number]=1&page[size]=20 (max 100)[&filter[event_type][eq]=course_completion][&filter[created_at][gte]=2025-06-29]`);
  console.log(`  Headers:  X-API-Key: ${server.token}, X-API-Version: 2025-01-01`);
  console.log(`  Try:      curl -g -H "X-API-Key: ${server.token}" -H "X-API-Version: 2025-01-01" "${talent}?page[size]=3"`);
  console.log('Press Ctrl-C to stop.');
  const shutdown = (): void => {
    void server.close().then(() => console.log('Stopped.'));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  console.error(`Could not start the demo server: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
