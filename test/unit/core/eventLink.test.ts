import * as assert from 'node:assert/strict';
import { canLink, eventLinkQuery, parseEventLink, type EventLink } from '../../../src/core/eventLink';

const PISMO = 'TN-demo::4242001::2025-06-30T21:14:05.151790540+00:00';
const UUID = 'cb6d3dc1-be6d-4abf-8ed1-7b40f4d24654';

/** What the URI handler receives: VS Code has already percent-decoded the query once. */
const parse = (query: string, path = '/event') => parseEventLink(path, decodeURIComponent(query));
const refusal = (query: string, path?: string) => {
  const r = parse(query, path);
  return r.ok ? undefined : r.refusal;
};

describe('event links', () => {
  it('reads a link to an event and one to a correlation id', () => {
    assert.deepEqual(parse(`connection=demo-pismo&event=${encodeURIComponent(PISMO)}`), { ok: true, link: { connectionId: 'demo-pismo', eventId: PISMO } });
    assert.deepEqual(parse(`correlation=${UUID}&connection=acme.lms_2`), { ok: true, link: { connectionId: 'acme.lms_2', correlationId: UUID } });
    assert.equal(parse(`connection=c&event=1`, '/event/').ok, true);
  });

  it('round-trips what Copy Link writes, a + kept as a +', () => {
    const links: EventLink[] = [
      { connectionId: 'demo-pismo', eventId: PISMO },
      { connectionId: 'x', eventId: '2024-01-01T00:00:00Z|course|course_completion|' },
      { connectionId: 'x', correlationId: UUID },
    ];
    for (const link of links) assert.deepEqual(parse(eventLinkQuery(link)), { ok: true, link });
  });

  it('refuses what is not a link to an event', () => {
    assert.equal(refusal('connection=c&event=1', '/settings'), 'notEventLink');
    assert.equal(refusal('connection=c&event=1', '/event/../../x'), 'notEventLink');
    assert.equal(refusal(`connection=c&event=${'1'.repeat(3000)}`), 'notEventLink');
  });

  it('refuses a base URL, a secret or any other parameter, and a parameter given twice', () => {
    assert.equal(refusal('connection=c&event=1&baseUrl=https%3A%2F%2Fevil.invalid'), 'unexpectedParameter');
    assert.equal(refusal('connection=c&event=1&token=abc'), 'unexpectedParameter');
    assert.equal(refusal('connection=c&connection=d&event=1'), 'unexpectedParameter');
    assert.equal(refusal('connection=c&event=1&event=2'), 'unexpectedParameter');
    assert.equal(refusal('connection=c&__proto__=1&event=1'), 'unexpectedParameter');
  });

  it('refuses a missing or malformed connection id', () => {
    assert.equal(refusal('event=1'), 'badConnection');
    assert.equal(refusal('connection=&event=1'), 'badConnection');
    assert.equal(refusal('connection=https%3A%2F%2Fevil.invalid&event=1'), 'badConnection');
    assert.equal(refusal(`connection=${'a'.repeat(101)}&event=1`), 'badConnection');
    assert.equal(refusal('connection=a%20b&event=1'), 'badConnection');
  });

  it('wants exactly one of event and correlation', () => {
    assert.equal(refusal('connection=c'), 'noTarget');
    assert.equal(refusal(`connection=c&event=1&correlation=${UUID}`), 'noTarget');
  });

  it('refuses empty, long, padded and invisible-character values', () => {
    assert.equal(refusal('connection=c&event='), 'badValue');
    assert.equal(refusal('connection=c&event'), 'badValue');
    assert.equal(refusal(`connection=c&event=${'e'.repeat(513)}`), 'badValue');
    assert.equal(refusal('connection=c&event=%20x'), 'badValue');
    assert.equal(refusal('connection=c&correlation=a%E2%80%AEb'), 'badValue');
    assert.equal(refusal('connection=c&event=a%0Ab'), 'badValue');
  });

  it('says which ids can be linked', () => {
    assert.equal(canLink('demo-pismo', PISMO), true);
    assert.equal(canLink('has space', PISMO), false);
    assert.equal(canLink('c', 'a&b'), false);
    assert.equal(canLink('c', ''), false);
  });

  it('names an account under a tenant by its number, alone or with an event, and writes it back', () => {
    const parsed = parseEventLink('/event', 'connection=tenant&account=4242003');
    assert.deepEqual(parsed, { ok: true, link: { connectionId: 'tenant', accountId: '4242003', account: true } });
    const withEvent = parseEventLink('/event', `connection=tenant&account=4242003&event=${PISMO}`);
    assert.ok(withEvent.ok);
    assert.deepEqual(withEvent.link, { connectionId: 'tenant', accountId: '4242003', eventId: PISMO });
    assert.equal(eventLinkQuery(withEvent.link), `connection=tenant&account=4242003&event=${encodeURIComponent(PISMO)}`);
    const again = parse(eventLinkQuery(withEvent.link));
    assert.deepEqual(again, withEvent);
  });

  it('refuses an account that is not a number: a link never names an external id to mint for', () => {
    assert.equal(refusal('connection=tenant&account=EXT-1'), 'badValue');
    assert.equal(refusal('connection=tenant&account='), 'badValue');
    assert.equal(refusal(`connection=tenant&account=${'1'.repeat(31)}`), 'badValue');
    assert.equal(refusal('connection=tenant&account=1&account=2'), 'unexpectedParameter');
    assert.equal(canLink('tenant', PISMO, '4242003'), true);
    assert.equal(canLink('tenant', PISMO, 'external:x'), false);
  });
});
