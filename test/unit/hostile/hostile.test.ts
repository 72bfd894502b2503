import * as assert from 'node:assert/strict';
import { displayText } from '../../../src/core/displayText';
import { TimelineError } from '../../../src/core/errors';
import { formatJson, reindentJson } from '../../../src/core/jsonFormat';
import { JsonIndex } from '../../../src/core/jsonIndex';
import { parseTimestamp, sortKey } from '../../../src/core/time';
import { Timeline } from '../../../src/core/timeline';
import { PismoSource, parsePismoPage } from '../../../src/sources/pismo';
import { ITEMS_PER_LIMIT } from '../../../src/sources/pageItems';
import { TalentLmsSource, parseTalentPage } from '../../../src/sources/talentlms';
import { describeTalentType } from '../../../src/sources/talentlmsTypes';
import { EventJson } from '../../../src/ui/inspector/eventPanelModel';
import { HostileServer, retainedMb } from './server';
import { FRACTION_OF_A_PASS, bestOf, passMs } from './timing';

// The sizes below are the ones each case was reproduced at (issue "Hostile data cannot stall or break the view").

const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__'];

const talentItem = (id: number, type: string): string =>
  `{"id":${id},"event_type":${JSON.stringify(type)},"created_at":"2024-05-0${(id % 9) + 1}T10:00:00Z","user":{"id":7,"name":"Ann"}}`;

const deep = (depth: number): string => `{"deep":${'['.repeat(depth)}"x"${']'.repeat(depth)}}`;

async function failure(promise: Promise<unknown>): Promise<TimelineError> {
  const e = await promise.then(
    () => assert.fail('expected a failure'),
    (error: unknown) => error,
  );
  assert.ok(e instanceof TimelineError, String(e));
  return e;
}

describe('hostile data', function () {
  this.timeout(60_000);
  const server = new HostileServer();
  const talent = (): TalentLmsSource =>
    new TalentLmsSource({ baseUrl: new URL(server.url), http: server.http, apiKey: async () => 'key', apiVersion: '2025-01-01' });
  const pismo = (): PismoSource => new PismoSource({ baseUrl: new URL(server.url), http: server.http, auth: { token: async () => 'token' } });

  before(() => server.start());
  after(() => server.stop());

  describe('case 1: server strings that name Object members', () => {
    it('describes every prototype-named TalentLMS type as an unknown type, without throwing', () => {
      for (const name of PROTOTYPE_NAMES) {
        const { label, category } = describeTalentType(name);
        assert.equal(category, 'Other', name);
        assert.equal(typeof label, 'string', name);
        assert.ok(label.length > 0, name);
      }
    });

    it('loads a page of prototype-named types, and the page after it', async () => {
      const first = PROTOTYPE_NAMES.map((name, i) => talentItem(i + 1, name));
      server.serve('/api/v2/timeline', `{"_data":[${first.join(',')}],"_links":{"next":"${server.url}/page2"}}`);
      server.serve('/page2', `{"_data":[${talentItem(100, 'user_login_user')}],"_links":{"next":null}}`);
      const timeline = new Timeline(talent(), { limit: 100, maxEmptyPages: 10 });
      await timeline.loadMore();
      assert.equal(timeline.eventCount, PROTOTYPE_NAMES.length);
      assert.deepEqual(timeline.categories.map((c) => c.name), ['Other']);
      await timeline.loadMore();
      assert.equal(timeline.eventCount, PROTOTYPE_NAMES.length + 1);
      assert.equal(timeline.hasMore, false);
      assert.equal(timeline.event('100')?.label, 'User log in');
    });

    it('groups Pismo events by categories and correlation ids named like Object members', async () => {
      const items = PROTOTYPE_NAMES.map(
        (name, i) => `{"type":${JSON.stringify(name)},"category":${JSON.stringify(name)},"tenant_account_timestamp":"T::1::${i}","timestamp":"2022-02-15T20:27:0${i}Z","correlation_id":${JSON.stringify(name)}}`,
      );
      server.serve('/timeline/v1/timeline', `{"has_next":false,"next_cursor":null,"items":[${items.join(',')}]}`);
      const timeline = new Timeline(pismo(), { limit: 100, maxEmptyPages: 10 });
      await timeline.loadMore();
      assert.deepEqual(timeline.categories.map((c) => c.name).sort(), [...PROTOTYPE_NAMES].sort());
      for (const name of PROTOTYPE_NAMES) assert.equal(timeline.related(name).length, 1, name);
    });
  });

  describe('case 2: re-indenting hostile nesting', () => {
    it('keeps a 31 KB event nested 16,000 deep as sent, in linear time and memory, and says why', async () => {
      const text = deep(16_000);
      assert.ok(text.length > 31_000);
      const { result, mb } = await retainedMb(() => formatJson(text));
      assert.equal(result.text, text);
      assert.equal(result.asSent?.depth, 16_001);
      assert.ok((result.asSent?.chars ?? 0) > 500_000_000, 'the size it would have had is reported');
      assert.ok(mb < 5, `${mb.toFixed(1)} MB retained`);
      // Measured: linear in the input, so doubling the depth at most about doubles the time.
      const double = deep(32_000);
      const ms = bestOf(10, () => formatJson(text));
      const twice = bestOf(10, () => formatJson(double));
      assert.ok(twice < 4 * ms + 5, `${twice.toFixed(1)} ms for twice the depth vs ${ms.toFixed(1)} ms`);
    });

    it('never throws RangeError past 16,500 levels, from any caller', () => {
      const text = deep(100_000);
      assert.equal(reindentJson(text), text);
      const json = new EventJson(text);
      assert.equal(json.valueAt(0)?.text, text);
      assert.equal(json.valueAt(text.indexOf('['))?.asSent !== undefined, true);
    });

    it('still re-indents ordinary nesting, with a shared indent per depth', () => {
      const text = deep(200);
      const out = formatJson(text);
      assert.equal(out.asSent, undefined);
      const lines = out.text.split('\n');
      assert.equal(lines[2], `${'  '.repeat(2)}[`);
      assert.equal(lines[201], `${'  '.repeat(201)}"x"`);
      assert.deepEqual(JSON.parse(out.text), JSON.parse(text));
    });

    it('re-indents text that is not JSON (unbalanced brackets) without throwing', () => {
      assert.equal(reindentJson('}}]{'), '\n}\n}\n]{\n  ');
    });
  });

  describe('case 3: Copy Value and Copy Path on big events', () => {
    it('indexes an 8 MB event once and answers every copy from the index', () => {
      const values = Array.from({ length: 400_000 }, (_, i) => `{"i":${i},"s":"v${i}"}`);
      const text = `{"rows":[${values.join(',')}]}`;
      assert.ok(text.length > 8_000_000, `${text.length}`);
      const json = new EventJson(text);
      const last = text.lastIndexOf('"v');
      const first = bestOf(1, () => assert.equal(json.pathAt(last), '$.rows[399999].s'));
      // every copy after the first: a binary search and a walk up the parents
      const each = bestOf(20, () => {
        assert.equal(json.valueAt(last)?.text, 'v399999');
        assert.equal(json.pathAt(text.indexOf('{"i":7,')), '$.rows[7]');
      });
      const pass = passMs(text);
      assert.ok(each < pass * FRACTION_OF_A_PASS, `${each.toFixed(3)} ms per copy after a first of ${first.toFixed(0)} ms, ${pass.toFixed(1)} ms to read the text once`);
      const whole = json.valueAt(0);
      assert.equal(whole?.asSent, undefined, 'a wide event is re-indented, however big');
    });

    it('answers each copy on a flat 1 MB array without reading it again', () => {
      const text = `[${Array.from({ length: 500_000 }, (_, i) => i % 10).join(',')}]`;
      assert.ok(text.length > 999_999);
      const json = new EventJson(text);
      json.pathAt(1);
      const each = bestOf(20, () => assert.equal(json.pathAt(text.length - 2), '$[499999]'));
      const pass = passMs(text);
      assert.ok(each < pass * FRACTION_OF_A_PASS, `${each.toFixed(3)} ms per copy, ${pass.toFixed(1)} ms to read the text once`);
    });

    it('holds an index of about 29 bytes a value', async () => {
      const text = `[${Array(1_000_000).fill('0').join(',')}]`;
      const { result, mb } = await retainedMb(() => JsonIndex.of(text));
      assert.ok(result?.valueAt(text.length - 2));
      assert.ok(mb < 40, `${mb.toFixed(1)} MB for 1,000,001 values`);
    });
  });

  describe('case 4: a row costs the characters it shows', () => {
    it('draws a 2.7 M-character zero-width type without reading it all', () => {
      const type = '\u200b'.repeat(2_700_000);
      let shown = '';
      const ms = bestOf(5, () => (shown = displayText(type, 120)));
      assert.equal(shown.length, 120);
      assert.ok(shown.startsWith('\\u200b\\u200b'));
      assert.ok(shown.endsWith('…'));
      const pass = passMs(type);
      assert.ok(ms < pass * FRACTION_OF_A_PASS, `${ms.toFixed(3)} ms, ${pass.toFixed(1)} ms to read the type once`);
    });

    it('reads the label of an event typed with 2.7 M characters without reading the type, from either source', () => {
      const type = '\u200b'.repeat(2_700_000);
      const pass = passMs(type);
      const pismoEvent = parsePismoPage(Buffer.from(`{"has_next":false,"items":[{"type":"${type}","category":"C","tenant_account_timestamp":"t"}]}`), 'category').events[0];
      const talentEvent = parseTalentPage(Buffer.from(`{"_data":[${talentItem(1, `user_${type}`)}]}`), (next) => next).events[0];
      for (const event of [pismoEvent, talentEvent]) {
        assert.equal(event.type.length, type.length + (event === talentEvent ? 5 : 0), 'the type itself is kept whole');
        const ms = bestOf(5, () => displayText(event.label, 120));
        assert.ok(event.label.length < 500, `a label of ${event.label.length} characters`);
        assert.ok(ms < pass * FRACTION_OF_A_PASS, `${ms.toFixed(3)} ms, ${pass.toFixed(1)} ms to read the type once`);
      }
    });

    it('refuses a 2.6 MB timestamp before its patterns run', () => {
      const timestamp = `2022-02-15T20:27:02.${'1'.repeat(2_600_000)}Z`;
      const ms = bestOf(5, () => {
        assert.equal(parseTimestamp(timestamp), undefined);
        assert.equal(sortKey(timestamp), '');
      });
      const pass = passMs(timestamp);
      assert.ok(ms < pass * FRACTION_OF_A_PASS, `${ms.toFixed(3)} ms, ${pass.toFixed(1)} ms to read the timestamp once`);
      assert.equal(parseTimestamp('2022-02-15T20:27:02.151790540Z')?.nanos, '151790540');
    });
  });

  describe('case 5: pages far larger than asked for', () => {
    const tiny = (n: number, offset = 0): string[] => Array.from({ length: n }, (_, i) => `{"id":${offset + i}}`);

    it('refuses a TalentLMS page of 472,000 tiny events with a clear error, keeping what was loaded', async () => {
      const huge = tiny(472_000, 1000);
      const body = `{"_data":[${huge.join(',')}],"_links":{"next":null}}`;
      assert.ok(body.length < 8 * 1024 * 1024, `${body.length} bytes: within the size cap`);
      server.serve('/api/v2/timeline', `{"_data":[${talentItem(1, 'user_login_user')}],"_links":{"next":"${server.url}/huge"}}`);
      server.serve('/huge', body);
      const timeline = new Timeline(talent(), { limit: 100, maxEmptyPages: 10 });
      await timeline.loadMore();
      const { result: error, mb } = await retainedMb(() => failure(timeline.loadMore()));
      assert.equal(error.kind, 'tooLarge');
      assert.match(error.message, /472,000 events in one page, where 100 were asked for \(at most 1,000 are accepted\)/);
      assert.equal(timeline.eventCount, 1, 'the events already loaded stay');
      assert.equal(timeline.hasMore, true, 'Retry continues with the refused page');
      assert.ok(mb < 20, `${mb.toFixed(1)} MB retained after refusing the page (accepting it cost ~105 MB)`);
    });

    it('refuses a Pismo page beyond ten times its limit, and accepts one within', async () => {
      const items = (n: number): string => Array.from({ length: n }, (_, i) => `{"tenant_account_timestamp":"T::1::${i}"}`).join(',');
      const envelope = (n: number): string => `{"has_next":false,"next_cursor":null,"items":[${items(n)}]}`;
      server.serve('/timeline/v1/timeline', envelope(20 * ITEMS_PER_LIMIT + 1));
      const refused = await failure(new Timeline(pismo(), { limit: 20, maxEmptyPages: 10 }).loadMore());
      assert.equal(refused.kind, 'tooLarge');
      server.serve('/timeline/v1/timeline', envelope(20 * ITEMS_PER_LIMIT));
      const accepted = new Timeline(pismo(), { limit: 20, maxEmptyPages: 10 });
      await accepted.loadMore();
      assert.equal(accepted.eventCount, 20 * ITEMS_PER_LIMIT);
    });
  });

  describe('case 7: one sanitizer for server text', () => {
    it('shows every invisible, bidi and filler character as an escape', () => {
      const cases: [string, string][] = [
        ['\u061C', '\\u061c'],
        ['\u2028', '\\u2028'],
        ['\u2029', '\\u2029'],
        ['\u00AD', '\\u00ad'],
        ['\u180E', '\\u180e'],
        ['\u3164', '\\u3164'],
        ['\uFE0F', '\\ufe0f'],
        ['\u{E0041}', '\\u{e0041}'],
        ['\u{E007F}', '\\u{e007f}'],
        ['\u202E', '\\u202e'],
        ['\u2066', '\\u2066'],
        ['\u200B', '\\u200b'],
        ['\u0000', '\\u0000'],
        ['\u0085', '\\u0085'],
      ];
      for (const [raw, escaped] of cases) assert.equal(displayText(`a${raw}b`), `a${escaped}b`, escaped);
      assert.equal(displayText('line\r\nbreak\ttab'), 'line break tab');
    });

    it('keeps $( as typed where VS Code draws icons, and only there', () => {
      assert.equal(displayText('$(zap) Pay $(x', { icons: true }), '\\$(zap) Pay \\$(x');
      assert.equal(displayText('$(zap)'), '$(zap)');
    });

    it('bounds every length, never splitting a surrogate pair', () => {
      assert.equal(displayText('🎉'.repeat(100), 10), `${'🎉'.repeat(4)}…`);
      assert.equal(displayText('\u202E'.repeat(100), 20).length, 20);
      assert.equal(displayText('x'.repeat(10), 10), 'x'.repeat(10));
    });
  });
});
