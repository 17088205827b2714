/**
 * Every page cursor the server hands out is taken back: a relations cursor carries the relation's
 * folded name, so a name at its length limit in a script that encodes long (Japanese, emoji, and
 * Korean, whose syllables fold into three letters each) still leads to the next page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LIMITS } from '../../src/data/contract/validation.js';
import { startServer, suiteSpaces, type ServerProcess } from './helpers.js';

describe('page cursors', () => {
  let server: ServerProcess;
  const suite = suiteSpaces(() => server.url);
  before(async () => {
    server = await startServer('lift_node_page_cursors');
  });
  after(() => suite.cleanUp());

  const scripts: [string, string, string][] = [
    ['Japanese', '株式会社東京印刷'.repeat(25), '有限会社大阪製本'.repeat(25)],
    // 100 emoji: two UTF-16 units each.
    ['emoji', '🏭'.repeat(100), '🏢'.repeat(100)],
    // Every syllable one that folding decomposes into three letters (initial, vowel, final): the longest cursor there is.
    ['Korean', '한국'.repeat(100), '삼성'.repeat(100)],
  ];
  for (const [script, one, other] of scripts) {
    it(`walks the relations page by page when their names are ${LIMITS.relationName} characters of ${script}`, async () => {
      for (const name of [one, other]) assert.equal(name.length, LIMITS.relationName, `${name.slice(0, 4)}… at the limit`);
      const space = await suite.newSpace();
      const anna = await space.connect('u-anna');
      for (const name of [one, other]) await anna.relations.create({ kind: 'client', name });

      const first = await anna.relations.list({ limit: 1 });
      assert.equal(first.items.length, 1);
      assert.ok(first.next, 'a next page');
      const second = await anna.relations.list({ limit: 1, cursor: first.next });
      assert.equal(second.items.length, 1, 'the next page');
      assert.equal(second.next, undefined, 'the last page');
      assert.deepEqual([first.items[0]!.name, second.items[0]!.name].sort(), [one, other].sort(), 'each relation once');
    });
  }
});
