import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawText } from '../../../src/core/rawPage';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { secretSlots } from '../../../src/sources/generic/auth';
import { parseMapping } from '../../../src/sources/generic/mappingSchema';
import { valueAt } from '../../../src/sources/generic/path';
import { GENERIC_PRESETS } from '../../../src/sources/generic/presets';
import { sampleMapping } from '../../../src/sources/generic/sample';
import { Clients, failure, loadAll, newTimeline, presetMapping, presetSource } from './harness';

const EVENTS = 230;
const LIMIT = 40;
/** The seed APIs have their own test (seedEquality); these are the well-known APIs the demo serves by style. */
const API_PRESETS = GENERIC_PRESETS.filter((p) => p.id !== 'pismo' && p.id !== 'talentlms');

describe('generic presets against their demo routes', () => {
  let server: DemoServer;
  const clients = new Clients();

  before(async () => {
    server = await startDemoServer({ apiEventCount: EVENTS });
  });

  after(async () => {
    // No secret in any log line, across every test of this file.
    for (const entry of clients.log) assert.ok(!JSON.stringify(entry).includes(server.token), JSON.stringify(entry));
    await clients.closeAll();
    await server.close();
  });

  it('covers the eight well-known APIs of the issue, and the offset style', () => {
    const ids = API_PRESETS.map((p) => p.id);
    for (const id of ['stripe-events', 'github-events', 'github-audit-log', 'okta-system-log', 'auth0-logs', 'slack-audit-logs', 'datadog-events', 'svix-attempts', 'kubernetes-events']) assert.ok(ids.includes(id), id);
    assert.deepEqual(new Set(GENERIC_PRESETS.map((p) => parseMapping(p.mapping).paging.style)), new Set(['cursor', 'nextUrl', 'linkHeader', 'page', 'offset']));
    for (const preset of GENERIC_PRESETS) assert.match(preset.description, /inferred|as the built-in|choice/, `${preset.id} says what is inferred`);
  });

  it('Test mapping shows the first events of one page, or the path that failed', async () => {
    const sample = await sampleMapping(presetSource(server, clients, 'okta-system-log'), new AbortController().signal, 3);
    assert.ok('events' in sample);
    assert.equal(sample.events.length, 3);
    assert.equal(sample.next, 'more');
    for (const e of sample.events) assert.ok(e.id && e.time.endsWith('Z') && e.type.includes('.') && e.category === e.type.split('.')[0], JSON.stringify(e));
    const wrong = presetMapping('okta-system-log', { fields: { id: '$.id', time: '$.published', type: '$.eventType' } });
    const failed = await sampleMapping(presetSource(server, clients, 'okta-system-log', { mapping: wrong }), new AbortController().signal);
    assert.ok('error' in failed);
    assert.match(failed.error, /^Item 1 of the page has no id at \$\.id: \{"actor"/);
  });

  for (const preset of API_PRESETS) {
    it(`${preset.name}: every event once, its id, time and type read from the API's own shape`, async () => {
      const mapping = parseMapping(preset.mapping);
      const timeline = newTimeline(presetSource(server, clients, preset.id), LIMIT);
      await loadAll(timeline);
      assert.equal(timeline.error, undefined);
      assert.equal(timeline.eventCount, EVENTS);
      assert.ok(timeline.pageCount >= Math.ceil(EVENTS / LIMIT), `${timeline.pageCount} pages`);
      const events = [...timeline.events()];
      for (const e of events) {
        const item = JSON.parse(rawText(e.raw)) as unknown;
        const id = mapping.fields.id.map((p) => valueAt(item, p.segments)).find((v) => v !== undefined);
        assert.equal(String(id), e.id);
        assert.notEqual(e.sortKey, '', `${e.id} has a readable time`);
        assert.ok(e.type && e.category, e.id);
      }
      assert.ok(timeline.categories.length > 1, 'grouped into several categories');
      assert.ok(events.some((e) => e.correlationId !== undefined), 'correlation ids are read');
    });

    it(`${preset.name}: no secret is an error naming it; a wrong one is the server's refusal`, async () => {
      const missing = await failure(presetSource(server, clients, preset.id, { secrets: {} }).fetchPage({ limit: LIMIT }, new AbortController().signal));
      assert.equal(missing.kind, 'auth');
      assert.match(missing.message, /^No .+ is set for this connection: use Set Secret\.$/);
      const wrong = Object.fromEntries(secretSlots(parseMapping(preset.mapping).auth).map((slot) => [slot.id, 'not-the-secret']));
      const refused = await failure(presetSource(server, clients, preset.id, { secrets: wrong }).fetchPage({ limit: LIMIT }, new AbortController().signal));
      assert.ok(refused.details.status === 401 || refused.details.status === 403, refused.message);
    });
  }
});

describe('the connections setting', () => {
  it("offers exactly the presets' ids as a generic connection's preset", () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { items?: { properties?: Record<string, { enum?: string[] }> } }> } };
    };
    const offered = manifest.contributes.configuration.properties['timelineViewer.connections'].items?.properties?.preset?.enum;
    assert.deepEqual(offered, GENERIC_PRESETS.map((p) => p.id));
  });
});
