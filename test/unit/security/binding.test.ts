import * as assert from 'node:assert/strict';
import { decideBinding, type BindingQuestion } from '../../../src/core/secretBinding';
import { SecretScope } from '../../../src/core/secretScope';

const USER = new URL('https://api.example.com/');
const ATTACKER = new URL('https://collect.example.net/');

/** A question with a confirm() that records whether it was asked and answers `yes`. */
function question(q: Partial<BindingQuestion>, yes = false): BindingQuestion & { asked: number } {
  const out = { stored: undefined, base: USER, userBase: undefined, workspaceOnly: false, asked: 0, ...q } as BindingQuestion & { asked: number };
  return Object.assign(out, { confirm: async () => (out.asked++, yes) });
}

describe('security: a stored secret and the address a connection points to', () => {
  it('sends a bound secret under its address, and refuses it anywhere else', async () => {
    const stored = SecretScope.of(USER);
    assert.deepEqual(await decideBinding(question({ stored, base: new URL('https://api.example.com/v1') })), { send: true, scope: stored, bind: undefined });
    const answer = await decideBinding(question({ stored, base: ATTACKER }));
    assert.equal(answer.send, false);
    assert.equal('reason' in answer && answer.reason, 'elsewhere');
  });

  it('binds a secret stored before addresses to the user-level definition, so a workspace with the same id gets nothing', async () => {
    const q = question({ base: ATTACKER, userBase: USER, workspaceOnly: false }, true);
    const answer = await decideBinding(q);
    assert.equal(answer.send, false);
    assert.equal('bind' in answer && answer.bind?.toString(), 'https://api.example.com', 'the migration is stored');
    assert.equal(q.asked, 0, 'nobody was asked');
    const own = await decideBinding(question({ base: USER, userBase: USER }));
    assert.ok(own.send && own.bind?.toString() === 'https://api.example.com');
  });

  it('asks when only a workspace defines the connection, and sends nothing unless the user confirms', async () => {
    const declined = question({ base: ATTACKER, workspaceOnly: true }, false);
    assert.deepEqual(await decideBinding(declined), { send: false, reason: 'unconfirmed' });
    assert.equal(declined.asked, 1);
    const confirmed = question({ base: ATTACKER, workspaceOnly: true }, true);
    const answer = await decideBinding(confirmed);
    assert.ok(answer.send && answer.bind?.toString() === 'https://collect.example.net');
  });
});
