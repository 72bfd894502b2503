import * as assert from 'node:assert/strict';
import { RawPage } from '../../../src/core/rawPage';
import { TypeProfiles, DEFAULT_PROFILE_LIMITS } from '../../../src/core/typeProfile';

/** Events of `type` whose item texts are `items`, held in one page's bytes as a source would hold them. */
function events(type: string, items: readonly string[]): { type: string; raw: { page: RawPage; index: number } }[] {
  const page = new RawPage(Buffer.from(`{"items":[${items.join(',')}]}`), 'items');
  return items.map((_, index) => ({ type, raw: { page, index } }));
}

function learnt(...batches: ReturnType<typeof events>[]): TypeProfiles {
  const profiles = new TypeProfiles();
  for (const batch of batches) profiles.enqueue(batch);
  while (profiles.step(7));
  return profiles;
}

const cashIn = (i: number): string => `{"id":"e${i}","data":{"amount":${i}.10,"currency":"BRL","tags":["a","b"]}}`;

describe('type profile: counts', () => {
  it('counts the events carrying each path once, in Copy Path syntax, with array elements as [*]', () => {
    const profiles = learnt(events('CASH_IN', [cashIn(1), cashIn(2), '{"id":"e3","data":{"amount":null,"tags":[]},"note":"x"}']));
    const profile = profiles.profile('CASH_IN');
    assert.ok(profile);
    assert.equal(profile.events, 3);
    assert.deepEqual(
      profile.paths.map((p) => [p.path, p.count, p.kinds]),
      [
        ['$.id', 3, { string: 3 }],
        ['$.data', 3, { object: 3 }],
        ['$.data.amount', 3, { number: 2, null: 1 }],
        ['$.data.currency', 2, { string: 2 }],
        ['$.data.tags', 3, { array: 3 }],
        ['$.data.tags[*]', 2, { string: 2 }],
        ['$.note', 1, { string: 1 }],
      ],
    );
    assert.equal(profile.truncated, false);
  });

  it('writes keys that are not identifiers as Copy Path does, and reads escaped keys as the same key', () => {
    const profiles = learnt(events('T', ['{"a b":1,"ação":2,"\\u0061":3,"a":4}']));
    assert.deepEqual(
      profiles.profile('T')?.paths.map((p) => [p.path, p.count]),
      [
        ['$["a b"]', 1],
        ['$["ação"]', 1],
        ['$.a', 1],
      ],
    );
  });

  it('keeps types apart, counts text that is not JSON as unreadable, and learns in slices', () => {
    const profiles = new TypeProfiles();
    profiles.enqueue(events('A', Array.from({ length: 25 }, (_, i) => `{"a":${i}}`)));
    profiles.enqueue(events('B', ['{"b":true}', '"just a string"']));
    assert.equal(profiles.pending, 27);
    assert.equal(profiles.step(10), true);
    assert.equal(profiles.pending, 17);
    assert.equal(profiles.profile('A')?.events, 10);
    while (profiles.step(10));
    assert.equal(profiles.pending, 0);
    assert.equal(profiles.profile('A')?.events, 25);
    assert.deepEqual(profiles.profile('B')?.paths, [{ path: '$.b', count: 1, kinds: { boolean: 1 } }]);
    assert.equal(profiles.profile('B')?.events, 2, 'a bare string is JSON: an event with no paths');
    assert.equal(profiles.profile('C'), undefined);
    const huge = 'T'.repeat(1_000_000);
    profiles.enqueue(events(huge, ['{}']));
    profiles.step(1);
    assert.ok((profiles.profile(huge)?.label.length ?? Infinity) <= 201, 'a type a megabyte long is shown cut');
  });
});

describe('type profile: bounded', () => {
  it('caps the paths of a type, says so, and stops following what it did not keep', () => {
    const limits = { ...DEFAULT_PROFILE_LIMITS, maxPathsPerType: 5 };
    const profiles = new TypeProfiles(limits);
    const keys = Array.from({ length: 50 }, (_, i) => `"k${i}":{"x":1}`).join(',');
    profiles.enqueue(events('WIDE', [`{${keys}}`]));
    while (profiles.step(100));
    const profile = profiles.profile('WIDE');
    assert.equal(profile?.paths.length, 5);
    assert.equal(profile?.truncated, true);
  });

  it('collapses a long array to one path and survives nesting thousands deep without keeping its paths', () => {
    const long = `{"items":[${Array.from({ length: 10_000 }, (_, i) => `{"n":${i}}`).join(',')}]}`;
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const profiles = learnt(events('T', [long, deep]));
    const profile = profiles.profile('T');
    assert.deepEqual(
      profile?.paths.slice(0, 3).map((p) => [p.path, p.count]),
      [
        ['$.items', 1],
        ['$.items[*]', 1],
        ['$.items[*].n', 1],
      ],
    );
    assert.ok((profile?.paths.length ?? 0) <= 3 + Math.ceil(DEFAULT_PROFILE_LIMITS.maxPathChars / 3));
    assert.ok(profile?.paths.every((p) => p.path.length <= DEFAULT_PROFILE_LIMITS.maxPathChars));
    assert.equal(profile?.truncated, true);
  });

  it('stops making types and paths at the caps for all types together', () => {
    const profiles = new TypeProfiles({ ...DEFAULT_PROFILE_LIMITS, maxTypes: 3, maxPaths: 4 });
    for (let t = 0; t < 10; t++) profiles.enqueue(events(`T${t}`, ['{"a":1,"b":2}']));
    while (profiles.step(100));
    assert.deepEqual(profiles.types, ['T0', 'T1', 'T2']);
    const kept = profiles.types.reduce((n, t) => n + (profiles.profile(t)?.paths.length ?? 0), 0);
    assert.equal(kept, 4);
  });
});

describe('type profile: what an event lacks and adds', () => {
  const usual = Array.from({ length: 414 }, (_, i) => cashIn(i));
  const odd = '{"id":"odd","data":{"currency":"BRL","tags":["a"],"refund":{"of":"e1"}},"debug":true}';

  it('names the usual paths the event lacks, with how many of its type carry them', () => {
    const all = events('CASH_IN', [...usual, odd]);
    const profiles = learnt(all);
    const lacks = profiles.lacks(all[all.length - 1]);
    assert.deepEqual(lacks, [{ path: '$.data.amount', count: 414, events: 415 }]);
    assert.deepEqual(profiles.lacks(all[0]), []);
  });

  it('names only the outermost path an event lacks', () => {
    const all = events('CASH_IN', [...usual, '{"id":"bare"}']);
    const profiles = learnt(all);
    assert.deepEqual(profiles.lacks(all[all.length - 1]), [{ path: '$.data', count: 414, events: 415 }]);
  });

  it('names the rare paths the event adds, outermost only, and those none of its type has', () => {
    const all = events('CASH_IN', [...usual, odd]);
    const profiles = learnt(all);
    assert.deepEqual(profiles.adds(all[all.length - 1]), [
      { path: '$.data.refund', count: 1, events: 415 },
      { path: '$.debug', count: 1, events: 415 },
    ]);
    const later = events('CASH_IN', ['{"id":"new","data":{"amount":1,"currency":"BRL","tags":[{"deep":1},{"deep":2}]},"extra":{"x":1}}'])[0];
    assert.deepEqual(profiles.adds(later), [
      { path: '$.data.tags[*].deep', count: 0, events: 415 },
      { path: '$.extra', count: 0, events: 415 },
    ]);
  });

  it('says nothing while a type has too few events to have a usual shape, or of text that is not JSON', () => {
    const few = events('NEW', ['{"a":1}', '{"a":1}', '{"b":1}']);
    const profiles = learnt(few);
    assert.deepEqual(profiles.lacks(few[2]), []);
    assert.deepEqual(profiles.lacks(few[2], { minEvents: 3, share: 0.6 }), [{ path: '$.a', count: 2, events: 3 }]);
    const all = events('CASH_IN', usual);
    const learned = learnt(all);
    const broken = { type: 'CASH_IN', raw: { page: new RawPage(Buffer.from('[{"id":}]'), undefined), index: 0 } };
    assert.deepEqual([learned.lacks(broken), learned.adds(broken)], [[], []]);
  });
});
