// Manifest strings: package.json references package.nls.json for everything a user reads, and every
// translation (package.nls.<locale>.json, l10n/bundle.l10n.<locale>.json) has exactly the English keys and
// keeps their placeholders, codicons, command links and code spans.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Json, fixedParts, literalStrings, referencedKeys, translationProblems } from './manifestStrings';

const REPO = path.resolve(__dirname, '../../../..');
const read = (file: string): Record<string, Json> => JSON.parse(fs.readFileSync(path.join(REPO, file), 'utf8')) as Record<string, Json>;
/** Translations of `english` beside it: package.nls.json → package.nls.pt-br.json, … */
function translationsOf(english: string): string[] {
  const dir = path.dirname(english);
  const stem = path.basename(english, '.json');
  const locale = /^\.[a-z]{2,3}(?:-[a-z\d]+)*\.json$/;
  return fs.readdirSync(path.join(REPO, dir)).filter((f) => f.startsWith(stem) && locale.test(f.slice(stem.length))).map((f) => path.join(dir, f));
}

const SOURCES = ['package.nls.json', 'l10n/bundle.l10n.json'];
const LOCALES = ['pt-br'];

describe('manifest localization', () => {
  describe('the checks', () => {
    const sample = {
      name: 'timeline-viewer',
      displayName: 'Timeline Viewer',
      description: '%extension.description%',
      keywords: ['audit log'],
      contributes: {
        commands: [{ command: 'x.find', title: 'Find…', category: '%command.category%', icon: '$(search)' }],
        views: { x: [{ id: 'x.timeline', name: '%view.name%' }] },
        configuration: {
          properties: {
            'x.kind': { type: 'string', enum: ['a', 'b'], enumDescriptions: ['%a%', 'Kind B'], default: 'a' },
            'x.list': { type: 'object', properties: { name: { type: 'string', description: 'The name shown' } } },
          },
        },
        walkthroughs: [{ id: 'w', title: '%w%', steps: [{ id: 's', media: { image: 'a.png', altText: 'A picture' } }] }],
      },
      capabilities: { untrustedWorkspaces: { supported: 'limited', description: 'Restricted' } },
    };

    it('finds every user-facing literal and no id, icon, enum value or keyword', () => {
      assert.deepEqual(literalStrings(sample), [
        'displayName: "Timeline Viewer"',
        'contributes.commands[0].title: "Find…"',
        'contributes.configuration.properties.x.kind.enumDescriptions[1]: "Kind B"',
        'contributes.configuration.properties.x.list.properties.name.description: "The name shown"',
        'contributes.walkthroughs[0].steps[0].media.altText: "A picture"',
        'capabilities.untrustedWorkspaces.description: "Restricted"',
      ]);
    });

    it('lists the keys the manifest references', () => {
      assert.deepEqual(referencedKeys(sample).sort(), ['a', 'command.category', 'extension.description', 'view.name', 'w']);
    });

    it('reports missing, stale and empty keys', () => {
      assert.deepEqual(translationProblems({ a: 'A', b: 'B', c: 'C' }, { a: 'Á', c: ' ', d: 'D' }), ['missing: "b"', 'empty: "c"', 'stale: "d"']);
    });

    it('reports a dropped or added placeholder, codicon, command link or code span, not a reordered one', () => {
      const en = { p: '{0} of {1} loaded', i: '$(add) Add', l: '[Add](command:x.add)', c: 'Set `x.pageSize`', r: '{0} in {1}' };
      assert.deepEqual(translationProblems(en, { p: '{0} carregados', i: '$(add) $(add) Adicionar', l: '[Adicionar](command:x.remove)', c: 'Defina `x.tamanho`', r: '{1}: {0}' }), [
        '"p" keeps ["{0}"], not ["{0}","{1}"]',
        '"i" keeps ["$(add)","$(add)"], not ["$(add)"]',
        '"l" keeps ["(command:x.remove)"], not ["(command:x.add)"]',
        '"c" keeps ["`x.tamanho`"], not ["`x.pageSize`"]',
      ]);
      assert.deepEqual(fixedParts('{1} `a` $(b) [c](command:d) {0}'), ['$(b)', '(command:d)', '`a`', '{0}', '{1}']);
    });
  });

  const manifest = read('package.json');

  it('package.json holds no user-facing literal: each is a %key% of package.nls.json', () => {
    assert.deepEqual(literalStrings(manifest), [], 'move these to package.nls.json and reference them as %key%');
  });

  it('package.nls.json has every key package.json references, and no other', () => {
    const nls = read('package.nls.json');
    const refs = referencedKeys(manifest);
    assert.deepEqual(refs.filter((k) => !(k in nls)), [], 'referenced but not in package.nls.json');
    assert.deepEqual(Object.keys(nls).filter((k) => !refs.includes(k)), [], 'in package.nls.json but referenced nowhere');
  });

  for (const source of SOURCES) {
    it(`${source} has a ${LOCALES.join(', ')} translation`, () => {
      const translations = translationsOf(source);
      for (const locale of LOCALES) assert.ok(translations.some((t) => t.endsWith(`.${locale}.json`)), `no ${locale} translation of ${source}`);
    });

    for (const translation of translationsOf(source)) {
      it(`${translation} has exactly the keys of ${source} and keeps their fixed parts`, () => {
        assert.deepEqual(translationProblems(read(source), read(translation)), []);
      });
    }
  }
});
