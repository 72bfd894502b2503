import * as assert from 'node:assert/strict';
import { ActivityIndex, activityStrip } from '../../../src/core/activity';
import { chainModel, chainPicture } from '../../../src/core/chain';
import type { TimelineEvent } from '../../../src/core/event';
import { RawPage } from '../../../src/core/rawPage';
import { TypeProfiles } from '../../../src/core/typeProfile';
import { parseActivityHostMessage, parseActivityPageMessage, parseActivityPicture, type ActivityPicture } from '../../../src/webview/activity/activityMessages';
import { parseChainHostMessage, parseChainPageMessage, parseChainView, type ChainView } from '../../../src/webview/chain/chainMessages';
import { parseProfileHostMessage, parseProfilePageMessage, parseProfilePicture, type ProfilePicture } from '../../../src/webview/profile/profileMessages';

/** What crosses postMessage: structured data, no functions or undefined-valued keys. */
const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

function event(id: string, label: string, timestamp: string): TimelineEvent {
  return { id, type: 'T', category: 'C', label, timestamp, sortKey: '', raw: undefined as never };
}

const HOSTILE_LABEL = '<img src=x onerror=alert(1)>\u202e\u0000';

function chainView(): ChainView {
  const model = chainModel([event('a', HOSTILE_LABEL, '2024-05-01T10:00:00Z'), event('b', 'B', '2024-05-01T10:00:01.5Z'), event('c', 'C', 'never')]);
  return { key: 'k1', complete: false, searching: false, ...chainPicture(model, 'corr-1') };
}

function activityPicture(): ActivityPicture {
  const index = new ActivityIndex();
  index.add(Date.parse('2024-05-01T10:00:00Z'), HOSTILE_LABEL);
  index.add(Date.parse('2024-05-01T10:20:00Z'), 'B');
  const { view, categories } = activityStrip(index, { widthPx: 300, timeZone: 'America/Sao_Paulo', hasMore: true });
  return { key: 'k2', selection: { fromMs: view.edges[1], toMs: view.edges[2] }, pressed: [categories.indexOf('B')], ...view };
}

function profilePicture(): ProfilePicture {
  const page = new RawPage(Buffer.from('[{"a":1,"b":[null,"x"]},{"a":"2"}]'), undefined);
  const profiles = new TypeProfiles();
  profiles.enqueue([0, 1].map((index) => ({ type: 'T', raw: { page, index } })));
  profiles.step(10);
  const profile = profiles.profile('T');
  assert.ok(profile);
  return { key: 'k3', learning: false, ...profile };
}

describe('pictures messages: what the extension builds, the pages accept', () => {
  it('a chain, its hostile label kept as text to render as text', () => {
    const view = chainView();
    const parsed = parseChainHostMessage(wire({ type: 'chain', view }));
    assert.ok(parsed);
    assert.equal(parsed.view.rows.length, 3);
    assert.equal(parsed.view.rows[0].label, HOSTILE_LABEL);
    assert.ok(parsed.view.rows.every((r) => !('id' in r)), 'no event id travels');
    assert.deepEqual(
      parsed.view.rows.map((r) => [r.offset, r.delta]),
      [
        ['+0 ms', undefined],
        ['+1.500 s', 'Δ 1.500 s'],
        [undefined, undefined],
      ],
    );
  });

  it('an activity strip, with its hatched range, brush and filtered category', () => {
    const picture = activityPicture();
    const parsed = parseActivityHostMessage(wire({ type: 'activity', picture }));
    assert.ok(parsed);
    assert.deepEqual(parsed.picture.edges, picture.edges);
    assert.deepEqual(parsed.picture.series, picture.series);
    assert.equal(parsed.picture.notLoaded.length, 1);
    assert.deepEqual(parsed.picture.pressed, [1]);
    assert.equal(parsed.picture.timeZone, 'America/Sao_Paulo');
  });

  it('a type profile', () => {
    const picture = profilePicture();
    const parsed = parseProfileHostMessage(wire({ type: 'profile', picture }));
    assert.deepEqual(parsed?.picture.paths, [
      { path: '$.a', count: 2, kinds: { number: 1, string: 1 } },
      { path: '$.b', count: 1, kinds: { array: 1 } },
      { path: '$.b[*]', count: 1, kinds: { string: 1, null: 1 } },
    ]);
  });

  it('drops fields nobody sent on, rebuilding each message', () => {
    const view = wire(chainView()) as Record<string, unknown>;
    (view.rows as Record<string, unknown>[])[0].html = '<b>x</b>';
    view.extra = 1;
    const parsed = parseChainView(view);
    assert.ok(parsed && !('extra' in parsed) && !('html' in parsed.rows[0]));
  });
});

describe('pictures messages: hostile input to a page is dropped whole', () => {
  const chain = (): Record<string, unknown> => wire(chainView()) as Record<string, unknown>;
  const rowsOf = (v: Record<string, unknown>): Record<string, unknown>[] => v.rows as Record<string, unknown>[];

  it('a chain whose rows, marks or flags are not what the protocol allows', () => {
    const cases: [string, (v: Record<string, unknown>) => void][] = [
      ['a mark off the ruler', (v) => (rowsOf(v)[0].x = 1.5)],
      ['a mark that is not a number', (v) => (rowsOf(v)[0].x = '0.5')],
      ['NaN', (v) => (rowsOf(v)[1].x = NaN)],
      ['a ref that is not text', (v) => (rowsOf(v)[0].ref = { toString: 'x' })],
      ['a label that is markup as an object', (v) => (rowsOf(v)[0].label = ['<b>'])],
      ['rows that are not a list', (v) => (v.rows = { 0: rowsOf(v)[0], length: 1 })],
      ['a missing flag', (v) => delete v.complete],
      ['a break mark with no gap text', (v) => (v.breaks = [{ x: 0.5 }])],
      ['too many ticks', (v) => (v.ticks = Array.from({ length: 10_001 }, () => ({ x: 0, label: '+0 ms' })))],
      ['text past any field’s length', (v) => (v.correlationId = 'x'.repeat(1_000_001))],
    ];
    for (const [name, spoil] of cases) {
      const v = chain();
      spoil(v);
      assert.equal(parseChainView(v), undefined, name);
      assert.equal(parseChainHostMessage({ type: 'chain', view: v }), undefined, name);
    }
    for (const junk of [null, undefined, 'chain', 42, [], { type: 'chain' }, { type: 'other', view: chainView() }]) assert.equal(parseChainHostMessage(junk), undefined);
  });

  it('an activity strip whose buckets do not add up or whose zone is not a zone name', () => {
    const base = (): Record<string, unknown> => wire(activityPicture()) as Record<string, unknown>;
    const cases: [string, (v: Record<string, unknown>) => void][] = [
      ['counts for fewer buckets than edges', (v) => ((v.series as { counts: number[] }[])[0].counts = [1])],
      ['a negative count', (v) => ((v.series as { counts: number[] }[])[0].counts[0] = -1)],
      ['a fractional count', (v) => ((v.series as { counts: number[] }[])[0].counts[0] = 0.5)],
      ['edges out of order', (v) => (v.edges as number[]).reverse()],
      ['an edge past what a Date holds', (v) => ((v.edges as number[])[0] = -1e300)],
      ['one edge', (v) => (v.edges = [0])],
      ['an unknown step', (v) => (v.step = { unit: 'fortnight', count: 1 })],
      ['a step of nothing', (v) => (v.step = { unit: 'hour', count: 0 })],
      ['a zone that is markup', (v) => (v.timeZone = '<script>alert(1)</script>')],
      ['a zone of spaces', (v) => (v.timeZone = 'America/New York')],
      ['a selection ending before it starts', (v) => (v.selection = { fromMs: 10, toMs: 5 })],
      ['a hatched range that is text', (v) => (v.notLoaded = [{ fromMs: '0', toMs: '1' }])],
      ['other counts that do not add up', (v) => (v.otherCounts = [1, 2])],
      ['a pressed category that is not a position', (v) => (v.pressed = ['B'])],
      ['a pressed category past the legend', (v) => (v.pressed = [2])],
      ['a label that is not text', (v) => ((v.series as { label: unknown }[])[0].label = { text: 'A' })],
    ];
    for (const [name, spoil] of cases) {
      const v = base();
      spoil(v);
      assert.equal(parseActivityPicture(v), undefined, name);
    }
    assert.ok(parseActivityPicture(base()), 'the unspoilt picture parses');
  });

  it('a profile with kinds that are not value kinds, or counts that are not counts', () => {
    const base = (): Record<string, unknown> => wire(profilePicture()) as Record<string, unknown>;
    const pathsOf = (v: Record<string, unknown>): Record<string, unknown>[] => v.paths as Record<string, unknown>[];
    const cases: [string, (v: Record<string, unknown>) => void][] = [
      ['a kind named __proto__', (v) => (pathsOf(v)[0].kinds = JSON.parse('{"__proto__":1}'))],
      ['a kind named constructor', (v) => (pathsOf(v)[0].kinds = { constructor: 1 })],
      ['a kind counted as text', (v) => (pathsOf(v)[0].kinds = { number: '1' })],
      ['a negative count', (v) => (pathsOf(v)[0].count = -1)],
      ['a path that is not text', (v) => (pathsOf(v)[0].path = ['$', 'a'])],
      ['kinds as a list', (v) => (pathsOf(v)[0].kinds = ['number'])],
      ['learning as text', (v) => (v.learning = 'yes')],
    ];
    for (const [name, spoil] of cases) {
      const v = base();
      spoil(v);
      assert.equal(parseProfilePicture(v), undefined, name);
    }
  });
});

describe('pictures messages: what a page sends is checked before the extension acts', () => {
  it('the chain page may ask to open a row of a picture and to search further, nothing else', () => {
    assert.deepEqual(parseChainPageMessage({ type: 'open', key: 'k1', index: 2, command: 'rm' }), { type: 'open', key: 'k1', index: 2 });
    assert.deepEqual(parseChainPageMessage({ type: 'searchFurther', pages: 1e9 }), { type: 'searchFurther' });
    for (const junk of [{ type: 'open' }, { type: 'open', eventId: 'e1' }, { type: 'open', key: 'k1', index: 1.5 }, { type: 'open', key: ['k1'], index: 0 }, { type: 'rendered', key: 'k', rows: -1, forbidden: 0 }, { type: 'exec' }, 'open', null]) {
      assert.equal(parseChainPageMessage(junk), undefined, JSON.stringify(junk));
    }
  });

  it('the strip may brush a real range, report a sane width and name a category of a picture by position', () => {
    assert.deepEqual(parseActivityPageMessage({ type: 'brush', range: { fromMs: 0, toMs: 60_000 } }), { type: 'brush', range: { fromMs: 0, toMs: 60_000 } });
    assert.deepEqual(parseActivityPageMessage({ type: 'ready', widthPx: 800 }), { type: 'ready', key: undefined, widthPx: 800 });
    assert.deepEqual(parseActivityPageMessage({ type: 'category', key: 'k2', index: 0, category: HOSTILE_LABEL }), { type: 'category', key: 'k2', index: 0 });
    const junk: unknown[] = [
      { type: 'brush', range: { fromMs: 5, toMs: 5 } },
      { type: 'brush', range: { fromMs: 0, toMs: Infinity } },
      { type: 'brush', range: { fromMs: '0', toMs: '1' } },
      { type: 'brush', fromMs: 0, toMs: 1 },
      { type: 'resize', widthPx: 0 },
      { type: 'resize', widthPx: 1e9 },
      { type: 'ready', widthPx: 10.5 },
      { type: 'ready', key: 3, widthPx: 100 },
      { type: 'category', key: 'k2', index: -1 },
      { type: 'category', key: 'k2', index: '0' },
      { type: 'category', index: 0 },
      { type: 'category', category: 'A' },
    ];
    for (const m of junk) assert.equal(parseActivityPageMessage(m), undefined, JSON.stringify(m));
  });

  it('the profile page may ask to copy a path given as text', () => {
    assert.deepEqual(parseProfilePageMessage({ type: 'copyPath', path: '$.data.amount' }), { type: 'copyPath', path: '$.data.amount' });
    for (const junk of [{ type: 'copyPath' }, { type: 'copyPath', path: 1 }, { type: 'copyPath', at: 3 }, { type: 'ready', key: {} }, { type: 'rendered', key: 'k', rows: 1 }]) {
      assert.equal(parseProfilePageMessage(junk), undefined, JSON.stringify(junk));
    }
  });
});
