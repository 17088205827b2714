import { expect } from '@open-wc/testing';
import { LiftElement } from '../src/internal/lift-element.js';
import { VERSION } from '../src/internal/version.js';
import { parseTokenList } from '../src/internal/token-list.js';
import { captureWarnings, uniqueToken } from './helpers.js';

describe('LiftElement.define', () => {
  it('registers a tag once and treats the same version again as a no-op', async () => {
    const tag = `lift-test-${uniqueToken('define')}`;
    class First extends LiftElement {}
    class Second extends LiftElement {}
    const warnings = await captureWarnings(() => {
      expect(First.define(tag)).to.equal(true);
      expect(Second.define(tag)).to.equal(false);
      expect(First.define(tag)).to.equal(false);
    });
    expect(customElements.get(tag)).to.equal(First);
    expect(warnings).to.deep.equal([]);
  });

  it('keeps the first definition and warns when another version defined the tag', async () => {
    const tag = `lift-test-${uniqueToken('version')}`;
    class Foreign extends HTMLElement {}
    customElements.define(tag, Foreign);
    class Ours extends LiftElement {}
    const warnings = await captureWarnings(() => expect(Ours.define(tag)).to.equal(false));
    expect(customElements.get(tag)).to.equal(Foreign);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain(tag).and.contain(VERSION);
  });
});

describe('token lists', () => {
  const allowed = ['save', 'undo', 'refresh'] as const;

  it('keeps known tokens in the given order, without duplicates', () => {
    expect(parseTokenList('  refresh save\tsave\nundo ', allowed, 'test')).to.deep.equal(['refresh', 'save', 'undo']);
  });

  it('treats an absent attribute as "use the default" and an empty one as "none"', () => {
    expect(parseTokenList(null, allowed, 'test')).to.equal(undefined);
    expect(parseTokenList('', allowed, 'test')).to.deep.equal([]);
  });

  it('drops unknown tokens with one warning that names them', async () => {
    const junk = uniqueToken();
    const warnings = await captureWarnings(() => {
      expect(parseTokenList(`save ${junk} ${junk} <b>`, allowed, 'ctx')).to.deep.equal(['save']);
      parseTokenList(`save ${junk} ${junk} <b>`, allowed, 'ctx');
    });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain(junk).and.contain('<b>').and.contain('ctx');
  });
});
