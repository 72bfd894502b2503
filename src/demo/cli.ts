import { DEFAULT_EVENT_COUNT, DEFAULT_SEED, startDemoServer } from './server';
import { PISMO_TIMELINE_PATH } from './pismoRoute';

/**
 * Standalone demo server: `node dist/demo-server.js [--port 8787] [--events N] [--seed S] [--token T]`.
 * The token is a synthetic local credential, so printing it here is fine (the server itself never logs it).
 */
const USAGE = 'Usage: node dist/demo-server.js [--port 8787] [--events N] [--seed S] [--token T]';
const DEFAULT_PORT = 8787;
const DEFAULT_TOKEN = 'demo-token';

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
  const server = await startDemoServer(options);
  const endpoint = `${server.url}${PISMO_TIMELINE_PATH}`;
  console.log(`Timeline demo server on ${server.url} (${server.eventCount} synthetic Pismo events, seed ${options.seed})`);
  console.log(`  Endpoint: GET ${endpoint}?limit=100[&order=asc][&cursor=<next_cursor>][&category=DISPUTE]`);
  console.log(`  Token:    send the header "Authorization: Bearer ${server.token}"`);
  console.log(`  Try:      curl -H "Authorization: Bearer ${server.token}" "${endpoint}?limit=3"`);
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
