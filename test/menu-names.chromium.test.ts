import { expect, fixture, html } from '@open-wc/testing';
import { a11ySnapshot } from '@web/test-runner-commands';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import '../src/lift-button-bar.js';

// What a screen reader is told of the bar's menus, from the browser's own accessibility tree
// (Chromium's is the one the test runner can read): a check mark drawn beside a chosen item is
// the item's state (aria-checked), not part of its name.

type AxNode = { role?: string; name?: string; checked?: boolean | string; children?: AxNode[] };
const all = (node: AxNode): AxNode[] => [node, ...(node.children ?? []).flatMap(all)];

describe('<lift-button-bar> menus in the accessibility tree', () => {
  it('names a chosen item by its words alone; the check mark is its state', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 2000px"><lift-button-bar lang="en"></lift-button-bar></div>`);
    const bar = wrapper.querySelector<LiftButtonBar>('lift-button-bar')!;
    await bar.updateComplete;
    bar.shadowRoot!.querySelector<HTMLButtonElement>('[part~="toolbar"] [data-action="configure"]')!.click();
    await bar.updateComplete;
    const items = all((await a11ySnapshot({})) as unknown as AxNode).filter((node) => node.role === 'menuitemcheckbox');
    const chosen = items.filter((node) => node.checked === true || node.checked === 'true');
    expect(chosen.length, 'the buttons shown are chosen').to.be.greaterThan(0);
    expect(items.map((node) => node.name).filter((name) => name?.includes('✓')), 'names with a check mark').to.deep.equal([]);
    expect(chosen.map((node) => node.name)).to.include('Save');
    // Still drawn beside each chosen item.
    const checked = [...bar.shadowRoot!.querySelectorAll('[part~="menu-item"][aria-checked="true"]')];
    expect(checked.map((item) => getComputedStyle(item, '::before').content).filter((content) => !content.includes('✓'))).to.deep.equal([]);
  });
});
