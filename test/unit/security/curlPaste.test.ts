import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { curlCommand, type CurlSource, timelineCurlRequest } from '../../../src/core/curl';
import { TimelineError } from '../../../src/core/errors';
import { DEFAULT_HTTP_OPTIONS, HttpClient, type RequestLogEntry } from '../../../src/core/http';
import { isQuotable } from '../../../src/core/quotable';
import { Redactor } from '../../../src/core/redact';
import { PismoSource } from '../../../src/sources/pismo';
import { TalentLmsSource } from '../../../src/sources/talentlms';
import { json, localServer, type LocalServer, type Received } from './localServer';
import { SHELLS, type Shell, Terminal } from './terminalPaste';

const API_KEY = 'talent-test-key-0123';
const TOKEN = 'pismo-test-token-4567';
const signal = new AbortController().signal;

/**
 * Each payload tries to create `probe` when a shell or a line editor acts on it: the issue's fragment that closes
 * fish's quote early, command substitution and backticks (a connection name once stood in a zsh `#` line), a
 * double quote, C-u and C-o (erase the line, run it), an early end of bracketed paste, PowerShell's quote
 * look-alike, and what bash and zsh expand outside single quotes.
 */
function payloads(probe: string): string[] {
  return [
    `\\';{touch,${probe}};\\'`,
    `Sandbox $(touch ${probe})`,
    `\`touch ${probe}\``,
    `"; touch ${probe}; "`,
    `\x15touch ${probe}\x0f`,
    `\x1b[201~\x15touch ${probe}\r`,
    `\u2019; touch ${probe}; \u2019`,
    // fish reads `\\` inside single quotes as one backslash
    '!! $HOME \\\\ \x7f\u009b\u202e',
  ];
}

/** A request header the extension sent, as the server saw it (undici adds only host and connection). */
function sentHeaders(received: Received): Record<string, string> {
  return Object.fromEntries(Object.entries(received.headers).filter(([name]) => name !== 'host' && name !== 'connection').map(([name, value]) => [name, String(value)]));
}

/**
 * What PowerShell parses, where it is not installed: quotes end on `'` and its look-alikes U+2018..U+201B (and
 * `"` on U+201C..U+201E too). The text between quotes must be the fixed words; each quoted span is returned.
 */
function powerShellSpans(command: string): { skeleton: string; single: string[]; double: string[] } {
  const single: string[] = [];
  const double: string[] = [];
  let skeleton = '';
  for (let i = 0; i < command.length; i++) {
    const quote = /['\u2018-\u201b]/.test(command[i]) ? /['\u2018-\u201b]/ : /["\u201c-\u201e]/.test(command[i]) ? /["\u201c-\u201e]/ : undefined;
    if (!quote) {
      skeleton += command[i];
      continue;
    }
    let end = i + 1;
    while (end < command.length && !quote.test(command[end])) end++;
    assert.ok(end < command.length, `a quote is never closed in ${JSON.stringify(command)}`);
    (quote.test("'") ? single : double).push(command.slice(i + 1, end));
    skeleton += quote.test("'") ? 'S' : 'D';
    i = end;
  }
  return { skeleton, single, double };
}

describe('Copy Request as cURL pasted into a terminal', function () {
  let dir: string;
  let probe: string;
  let terminal: Terminal;
  const servers: LocalServer[] = [];
  const clients: HttpClient[] = [];

  before(() => {
    for (const shell of SHELLS) Terminal.requireInstalled(shell);
    dir = mkdtempSync(join(tmpdir(), 'curl-paste-'));
    probe = join(dir, 'x');
    terminal = new Terminal(dir);
  });

  afterEach(() => rmSync(probe, { force: true }));

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all(servers.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  function client(log: RequestLogEntry[]): HttpClient {
    const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: new Redactor(), onRequest: (e) => log.push(e), delay: async () => undefined });
    clients.push(http);
    return http;
  }

  async function serve(pages: string[]): Promise<LocalServer> {
    const server = await localServer((_req, res) => json(res, 200, pages[Math.min(server.received.length, pages.length) - 1]));
    servers.push(server);
    return server;
  }

  /** Pastes the command into every shell: curl gets `expected`, and nothing else runs. */
  function pasteEverywhere(command: string, env: Record<string, string>, expected: string[]): void {
    for (const shell of SHELLS) {
      const { curlArgs, transcript } = terminal.paste(shell, command, env);
      assert.deepEqual(curlArgs, expected, `${shell.name} gave curl other arguments:\n${transcript}`);
      assert.equal(existsSync(probe), false, `${shell.name} ran a command from the pasted text:\n${transcript}`);
    }
  }

  it('sees a command run when the text is not inert: the fish fragment and the zsh comment of before', () => {
    const posixQuoted = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
    const controls: [Shell['name'], string][] = [
      ['fish', `curl --globoff ${posixQuoted(`https://h.invalid/api/v2/timeline?page=2#${payloads(probe)[0]}`)}\n`],
      ['zsh', `# Set TALENTLMS_API_KEY to the TalentLMS API key of "${payloads(probe)[1]}" first\ncurl 'https://h.invalid/'\n`],
    ];
    for (const [name, text] of controls) {
      const shell = SHELLS.find((s) => s.name === name) as Shell;
      const { transcript } = terminal.paste(shell, text);
      assert.equal(existsSync(probe), true, `the pasted control did not run in ${name}:\n${transcript}`);
      rmSync(probe);
    }
  });

  it("TalentLMS: a hostile _links.next and API version reach curl exactly as they were sent, and run nothing", async () => {
    const hostile = payloads(probe);
    // `;` and `%25` are refused in a followed path; the query takes everything.
    const next = `/api/v2/timeline/'{touch,${probe}}'$(touch ${probe})!!?page[number]=2&${hostile.map((p, i) => `p${i}=${p}`).join('&')}`;
    const server = await serve([JSON.stringify({ _data: [], _links: { next } }), '{"_data":[],"_links":{}}']);
    const apiVersion = `2025-01-01 $(touch ${probe}) \`touch ${probe}\` "x" ;touch ${probe}; #{touch,${probe}} !! $HOME %s`;
    const log: RequestLogEntry[] = [];
    const source = new TalentLmsSource({ baseUrl: new URL(server.url), http: client(log), apiKey: async () => API_KEY, apiVersion });
    const first = await source.fetchPage({ limit: 100 }, signal);
    await source.fetchPage({ limit: 100, cursor: first.nextCursor }, signal);

    const sent = server.received[1];
    assert.match(sent.url, /^\/api\/v2\/timeline\/%27/, 'the link is followed percent-encoded, as the command quotes it');
    const request = timelineCurlRequest(log[1], { kind: 'talentlms', apiVersion });
    const command = curlCommand(request);
    const headers = sentHeaders(sent);
    assert.deepEqual(headers, { 'x-api-key': API_KEY, 'x-api-version': apiVersion, accept: 'application/json' });
    const copied = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
    assert.deepEqual({ ...copied, [request.secret.name.toLowerCase()]: API_KEY }, headers, 'the copy lists every header the source sent');
    pasteEverywhere(command, { TALENTLMS_API_KEY: API_KEY }, [
      '--globoff',
      '--silent',
      '--show-error',
      `${server.url}${sent.url}`,
      '-H',
      `X-API-Key: ${headers['x-api-key']}`,
      '-H',
      `X-API-Version: ${headers['x-api-version']}`,
      '-H',
      `Accept: ${headers.accept}`,
    ]);
  });

  it('Pismo: a hostile next_cursor reaches curl exactly as it was sent, and runs nothing', async () => {
    const cursor = payloads(probe).join('|');
    const server = await serve([JSON.stringify({ items: [], has_next: true, next_cursor: cursor }), '{"items":[],"has_next":false,"next_cursor":null}']);
    const log: RequestLogEntry[] = [];
    const source = new PismoSource({ baseUrl: new URL(server.url), http: client(log), auth: { token: async () => TOKEN } });
    const first = await source.fetchPage({ limit: 100 }, signal);
    await source.fetchPage({ limit: 100, cursor: first.nextCursor }, signal);

    const sent = server.received[1];
    assert.equal(new URL(sent.url, server.url).searchParams.get('cursor'), cursor);
    const request = timelineCurlRequest(log[1], { kind: 'pismo' });
    const headers = sentHeaders(sent);
    assert.deepEqual(headers, { authorization: `Bearer ${TOKEN}`, accept: 'application/json' });
    assert.deepEqual(Object.keys(request.headers).map((n) => n.toLowerCase()), ['accept']);
    pasteEverywhere(curlCommand(request), { PISMO_TOKEN: TOKEN }, ['--globoff', '--silent', '--show-error', `${server.url}${sent.url}`, '-H', `Authorization: ${headers.authorization}`, '-H', `Accept: ${headers.accept}`]);
  });

  it("refuses a _links.next with a fragment (the issue's fish payload), and sends nothing to it", async () => {
    const server = await serve([JSON.stringify({ _data: [], _links: { next: `/api/v2/timeline?page=2#${payloads(probe)[0]}` } })]);
    const source = new TalentLmsSource({ baseUrl: new URL(server.url), http: client([]), apiKey: async () => API_KEY, apiVersion: '2025-01-01' });
    await assert.rejects(source.fetchPage({ limit: 100 }, signal), (e: unknown) => e instanceof TimelineError && e.kind === 'badShape' && /fragment/.test(e.message));
    assert.equal(server.received.length, 1);
  });

  it('holds nothing PowerShell would run: outside quotes only fixed words, no quote ends early', () => {
    const url = `https://h.invalid/api/v2/timeline/'x'?${payloads(probe).map((p, i) => `p${i}=${p}`).join('&')}#${payloads(probe)[0]}`;
    const sources: [CurlSource, string][] = [
      [{ kind: 'talentlms', apiVersion: `2025-01-01 $(touch ${probe}) "x" \`x\`` }, "curl --globoff --silent --show-error \\\n  S \\\n  -H D \\\n  -H S \\\n  -H S\n"],
      [{ kind: 'pismo' }, 'curl --globoff --silent --show-error \\\n  S \\\n  -H D \\\n  -H S\n'],
    ];
    for (const [source, skeleton] of sources) {
      const request = timelineCurlRequest({ method: 'GET', url }, source);
      const spans = powerShellSpans(curlCommand(request));
      assert.equal(spans.skeleton, skeleton);
      assert.deepEqual(spans.double, [`${request.secret.name}: ${request.secret.prefix ? `${request.secret.prefix} ` : ''}$${request.secret.variable}`]);
      assert.ok(spans.double.every((d) => /^[A-Za-z0-9_: -]+\$[A-Z_]+$/.test(d)), 'PowerShell expands only a variable in the secret header');
      assert.ok(spans.single.every(isQuotable), 'a single-quoted span holds a control character or a backslash');
      assert.deepEqual(spans.single.slice(1), Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`));
      assert.ok(!spans.single[0].includes('#'), 'the fragment is never sent, so it is not copied');
    }
  });
});
