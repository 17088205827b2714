import { expect } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import '../src/lift-contact-card.js';
import { dropDatabases } from './db.js';
import { $, act, dialog, inDialog, mount, world } from './dialog-helpers.js';
import { waitUntil } from './helpers.js';

// What the card puts on paper. The test browsers cannot all be switched to print media, so the
// card's own print rules are read from its shadow root and matched against what it shows: the
// same rules the browser applies when the user prints.

afterEach(dropDatabases);

/** The sheets of the card's shadow root, adopted or in <style> elements. */
const sheetsOf = (card: LiftContactCard) => [
  ...card.shadowRoot!.adoptedStyleSheets,
  ...[...card.shadowRoot!.querySelectorAll('style')].map((style) => style.sheet!).filter(Boolean),
];

/** True when a rule for print media hides `element` (`display: none`). */
function hiddenOnPaper(card: LiftContactCard, element: Element): boolean {
  for (const sheet of sheetsOf(card)) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSMediaRule) || !rule.media.mediaText.includes('print')) continue;
      for (const inner of rule.cssRules) {
        if (inner instanceof CSSStyleRule && inner.style.display === 'none' && element.matches(inner.selectorText)) return true;
      }
    }
  }
  return false;
}

describe('<lift-contact-card> on paper', () => {
  it('prints the card itself when no summary is open, and the summary alone while it is', async () => {
    const { adapter, contact } = await world();
    const card = await mount(adapter, contact.id);
    const shown = ['header', '[part~="detail"]', 'lift-button-bar'].map((selector) => $(card, selector)!);
    expect(shown.map((element) => hiddenOnPaper(card, element)), 'header, detail and bar on paper').to.deep.equal([false, false, false]);

    await act(card, { action: 'reports', id: 'summary' });
    await waitUntil(() => inDialog(card, '.summary'), 'the summary');
    expect(shown.map((element) => hiddenOnPaper(card, element)), 'the card behind the summary').to.deep.equal([true, true, true]);
    expect(hiddenOnPaper(card, inDialog(card, '.summary')!), 'the summary').to.equal(false);

    dialog(card).querySelector<HTMLButtonElement>('.report-close')!.click();
    await waitUntil(() => !$(card, '.summary'), 'the summary closed');
    expect(shown.map((element) => hiddenOnPaper(card, element)), 'the card again once it closed').to.deep.equal([false, false, false]);
  });

  it('prints the card, not the dialog alone, while another action dialog is open', async () => {
    const { adapter, contact } = await world();
    const card = await mount(adapter, contact.id);
    await act(card, { action: 'reports', id: 'activity' });
    await waitUntil(() => inDialog(card, 'table, .empty'), 'the activity report');
    expect(hiddenOnPaper(card, $(card, 'header')!), 'the header').to.equal(false);
  });
});
