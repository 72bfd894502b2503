import * as assert from 'node:assert/strict';
import { MAX_LINE_LENGTH, findIds, idAt, idKindOf } from '../../../src/core/idShapes';

const UUID = 'cb6d3dc1-be6d-4abf-8ed1-7b40f4d24654';
const PISMO = 'TN-demo::4242001::2025-06-30T21:14:05.151790540Z';

const texts = (text: string): string[] => findIds(text).map((m) => m.text);

describe('ID shapes', () => {
  describe('true positives', () => {
    it('finds a correlation id (a UUID) in a log line, with its offsets', () => {
      const line = `2025-06-30 21:14:05 INFO webhook received correlation_id=${UUID} status=200`;
      const [m] = findIds(line);
      assert.equal(m.kind, 'correlation');
      assert.equal(m.text, UUID);
      assert.equal(line.slice(m.start, m.end), UUID);
    });

    it('finds UUIDs in quotes, brackets, JSON, upper case and at line ends', () => {
      const upper = UUID.toUpperCase();
      assert.deepEqual(texts(`{"correlation_id":"${UUID}"}`), [UUID]);
      assert.deepEqual(texts(`[${UUID}] (${upper})`), [UUID, upper]);
      assert.deepEqual(texts(`ends with ${UUID}.\nnext ${UUID}`), [UUID, UUID]);
    });

    it('finds a Pismo event id, TENANT::ACCOUNT::TIMESTAMP, whole and not its parts', () => {
      const found = findIds(`{"tenant_account_timestamp":"${PISMO}"}`);
      assert.deepEqual(found.map((m) => [m.kind, m.text]), [['pismoEvent', PISMO]]);
    });

    it('takes Pismo ids with a UUID tenant, no fraction, or an offset', () => {
      const tenant = `${UUID}::12::2021-01-01T01:12:23Z`;
      assert.deepEqual(findIds(tenant).map((m) => [m.kind, m.text]), [['pismoEvent', tenant]]);
      assert.deepEqual(texts('id TN_1::123456::2020-08-04T18:08:10.172955069+00:00 ok'), ['TN_1::123456::2020-08-04T18:08:10.172955069+00:00']);
    });

    it('finds a TalentLMS event id only where the text names it', () => {
      const found = findIds('talentlms event_id=48213 course=200 user 1042');
      assert.deepEqual(found.map((m) => [m.kind, m.text]), [['talentlmsEvent', '48213']]);
      assert.equal(found[0].start, 'talentlms event_id='.length);
      assert.deepEqual(texts('{"eventId": "7781"}'), ['7781']);
      assert.deepEqual(texts('TalentLMS event id: 99'), ['99']);
    });
  });

  describe('false positives', () => {
    const negatives: [string, string][] = [
      ['version strings', 'vscode 1.90.0, typescript@5.9.3, v2.3.4-rc.1+build.5, 10.0.19045.3693'],
      ['git hashes', 'commit 12cbb10 and 0384569f3d1e2c4b5a6978877665544332211000 merged'],
      ['md5 and sha256', 'md5 cb6d3dc1be6d4abf8ed17b40f4d24654 sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
      ['dates and times', '2021-01-01 2021-01-01T01:12:23.123456789Z 23/08/2020, 05:58:53 1699999999'],
      ['plain numbers and ids without context', 'user 1042 course 200 took 3600 ms, order #48213'],
      ['the documentation placeholder', 'tenant_account_timestamp: TENANT::ACCOUNT::TIMESTAMP'],
      ['code with ::', 'std::vector<int>::size_type, Foo::Bar::2021'],
      ['the nil and max UUIDs', '00000000-0000-0000-0000-000000000000 FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'],
      ['a UUID glued to more hex or dashes', `x${UUID} ${UUID}-1 ${UUID}ab 1234-${UUID}`],
      ['malformed UUIDs', 'cb6d3dc1-be6d-4abf-8ed1-7b40f4d2465 cb6d3dc1-be6d-4abf-8ed17b40f4d24654 gb6d3dc1-be6d-4abf-8ed1-7b40f4d24654'],
      ['an event id word inside another word', 'preventid=12 prevent_id: 4'],
    ];
    for (const [what, text] of negatives) {
      it(`finds nothing in ${what}`, () => assert.deepEqual(findIds(text), []));
    }
  });

  it('skips lines longer than 10,000 characters, and only them', () => {
    const long = `${'x'.repeat(MAX_LINE_LENGTH)} ${UUID}`;
    assert.deepEqual(texts(`${UUID}\n${long}\nlast ${UUID}`), [UUID, UUID]);
    assert.equal(findIds(`${UUID}\n${long}\nlast ${UUID}`)[1].start, UUID.length + 1 + long.length + 1 + 'last '.length);
    assert.deepEqual(texts(`${'y'.repeat(MAX_LINE_LENGTH - UUID.length - 1)} ${UUID}`), [UUID]);
  });

  it('stops at the limit', () => {
    assert.equal(findIds(`${UUID} `.repeat(50), 7).length, 7);
  });

  it('finds the ID under a hover position, at either end too', () => {
    const line = `corr ${UUID} done`;
    assert.equal(idAt(line, 5)?.text, UUID);
    assert.equal(idAt(line, 5 + UUID.length)?.text, UUID);
    assert.equal(idAt(line, 2), undefined);
    assert.equal(idAt(`${'z'.repeat(MAX_LINE_LENGTH)} ${UUID}`, MAX_LINE_LENGTH + 3), undefined);
  });

  it('tells whether a value is an ID by itself', () => {
    assert.equal(idKindOf(UUID), 'correlation');
    assert.equal(idKindOf(` ${PISMO} `), 'pismoEvent');
    assert.equal(idKindOf(`see ${UUID}`), undefined);
    assert.equal(idKindOf('48213'), undefined);
    assert.equal(idKindOf('1.90.0'), undefined);
    assert.equal(idKindOf(''), undefined);
  });
});
