import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/lift-contact-card.js';
import type { LiftContactCard } from '../src/lift-contact-card.js';

// Each of Lit's parts adds its version to a list on globalThis as it loads: a page that loaded
// two copies of a part, or another release than meant, shows it here.
declare global {
  var litHtmlVersions: string[] | undefined;
  var litElementVersions: string[] | undefined;
  var reactiveElementVersions: string[] | undefined;
}

/** The page of the strict-CSP group names the oldest Lit it loads (`name@version …`); others load the locked one. */
async function expectedVersions(): Promise<Record<string, string>> {
  const floor = document.querySelector('meta[name="lift-lit-floor"]')?.getAttribute('content');
  if (!floor) return (await executeServerCommand('lift-lit-locked')) as Record<string, string>;
  return Object.fromEntries(floor.split(' ').map((entry) => [entry.slice(0, entry.lastIndexOf('@')), entry.slice(entry.lastIndexOf('@') + 1)]));
}

describe('the Lit a page loads', () => {
  it('is one copy of each part, the card and the test fixtures alike: the locked release, or the oldest package.json allows in its own group', async () => {
    const card = await fixture<LiftContactCard>(html`<lift-contact-card lang="en"></lift-contact-card>`);
    await card.updateComplete;
    expect(card.shadowRoot, 'the card rendered with this Lit').to.not.equal(null);
    const expected = await expectedVersions();
    expect(expected.lit, 'a version of lit itself to compare with').to.be.a('string');
    expect({
      'lit-html': globalThis.litHtmlVersions,
      'lit-element': globalThis.litElementVersions,
      '@lit/reactive-element': globalThis.reactiveElementVersions,
    }).to.deep.equal({
      'lit-html': [expected['lit-html']],
      'lit-element': [expected['lit-element']],
      '@lit/reactive-element': [expected['@lit/reactive-element']],
    });
  });
});
