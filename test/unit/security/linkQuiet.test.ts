import * as assert from 'node:assert/strict';
import { NOTICE_BURST_MS, NoticeBurst } from '../../../src/ui/links/noticeBurst';
import { QuietPrompts } from '../../../src/ui/model/quietPrompts';

describe('security: a link from a web page asks for nothing and buries nothing', () => {
  describe('prompts held while a link is followed', () => {
    /** A prompt that counts how often it would have shown. */
    function counted<R>(answer: R): { prompt: (connection: { id: string }) => Promise<R>; shown: string[] } {
      const shown: string[] = [];
      return { prompt: async (connection) => (shown.push(connection.id), answer), shown };
    }

    it("a held connection's secret is not asked for: the prompt answers declined and the hold says so", async () => {
      const quiet = new QuietPrompts();
      const secret = counted({ token: 'typed' });
      const ask = quiet.guard(secret.prompt, undefined);
      const hold = quiet.hold('prod');
      assert.equal(await ask({ id: 'prod' }), undefined);
      assert.equal(await ask({ id: 'prod' }), undefined);
      assert.deepEqual(secret.shown, []);
      assert.equal(hold.declined, true);
      hold.release();
      // the user's own action afterwards, and any other connection, asks as before
      assert.deepEqual(await ask({ id: 'prod' }), { token: 'typed' });
      assert.deepEqual(secret.shown, ['prod']);
    });

    it('a hold concerns its connection only, and says declined only when a prompt was held', async () => {
      const quiet = new QuietPrompts();
      const confirm = counted(true);
      const guarded = quiet.guard(async (connection: { id: string }, base: URL) => (await confirm.prompt(connection)) && base.protocol === 'https:', false);
      const prod = quiet.hold('prod');
      const sandbox = quiet.hold('sandbox');
      assert.equal(await guarded({ id: 'other' }, new URL('https://gw.example.com')), true);
      assert.equal(await guarded({ id: 'prod' }, new URL('https://gw.example.com')), false);
      assert.deepEqual(confirm.shown, ['other']);
      assert.equal(prod.declined, true);
      assert.equal(sandbox.declined, false);
      sandbox.release();
      prod.release();
    });

    it('overlapping holds on one connection all learn of a declined prompt; the last release lets prompts show again', async () => {
      const quiet = new QuietPrompts();
      const secret = counted('typed');
      const ask = quiet.guard(secret.prompt, undefined);
      const first = quiet.hold('prod');
      const second = quiet.hold('prod');
      first.release();
      assert.equal(await ask({ id: 'prod' }), undefined, 'still held by the second');
      assert.equal(second.declined, true);
      assert.equal(first.declined, false, 'released before the prompt');
      second.release();
      assert.equal(await ask({ id: 'prod' }), 'typed');
      assert.deepEqual(secret.shown, ['prod']);
    });
  });

  describe('one notification per burst of links not opened', () => {
    const clock = (): { now: () => number; at: number } => {
      const c = { at: 1_000_000, now: () => c.at };
      return c;
    };

    it('60 refused links in a burst show one notification; the next burst shows one more, saying how many were not shown', () => {
      const time = clock();
      const burst = new NoticeBurst(time);
      const admitted = [];
      for (let i = 0; i < 60; i++) {
        admitted.push(burst.admit());
        time.at += 50; // a page firing a link every 50 ms: 3 s in all
      }
      assert.deepEqual(admitted.filter((a) => a.show), [{ show: true, unshown: 0 }]);
      time.at += NOTICE_BURST_MS;
      assert.deepEqual(burst.admit(), { show: true, unshown: 59 });
      assert.deepEqual(burst.admit(), { show: false });
    });

    it('a link fired every second for a minute shows a notification per burst window, not per link', () => {
      const time = clock();
      const burst = new NoticeBurst(time);
      let shown = 0;
      let counted = 0;
      for (let i = 0; i < 60; i++, time.at += 1000) {
        const a = burst.admit();
        if (a.show) {
          shown++;
          counted += a.unshown;
        }
      }
      assert.equal(shown, (60 * 1000) / NOTICE_BURST_MS);
      assert.equal(shown + counted + 9, 60, 'every link is shown or counted (the last 9 for the next message)');
    });

    it('links far apart each show their message', () => {
      const time = clock();
      const burst = new NoticeBurst(time, 5000);
      for (let i = 0; i < 5; i++, time.at += 5000) assert.deepEqual(burst.admit(), { show: true, unshown: 0 });
    });
  });
});
