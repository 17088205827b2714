import { expect, fixture, html } from '@open-wc/testing';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import '../src/lift-button-bar.js';

const button = (bar: LiftButtonBar, action: string) => bar.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="toolbar"] [data-action="${action}"]`)!;

describe('<lift-button-bar> disabled-actions with a selection', () => {
  it('disables Previous and Next the host names in disabled-actions, in the middle of a selection too, and sends nothing for them', async () => {
    const bar = await fixture<LiftButtonBar>(html`<lift-button-bar
      lang="en"
      buttons="selection refresh"
      selection-position="2"
      selection-size="3"
      disabled-actions="previous next refresh"
    ></lift-button-bar>`);
    const sent: string[] = [];
    bar.addEventListener('lift-action', (event) => sent.push(event.detail.action));
    for (const action of ['previous', 'next', 'refresh']) {
      expect(button(bar, action).getAttribute('aria-disabled'), action).to.equal('true');
      button(bar, action).click();
    }
    expect(sent, 'no lift-action for a disabled button').to.deep.equal([]);
    // Taken off the host's list, they are available again where the selection allows.
    bar.disabledActions = ['next'];
    await bar.updateComplete;
    expect(['previous', 'next'].map((action) => button(bar, action).getAttribute('aria-disabled'))).to.deep.equal(['false', 'true']);
    button(bar, 'previous').click();
    button(bar, 'next').click();
    expect(sent).to.deep.equal(['previous']);
  });
});
