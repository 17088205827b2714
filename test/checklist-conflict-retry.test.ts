import { expect, fixture, html } from '@open-wc/testing';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import '../src/lift-checklist.js';
import { withFaults } from './faults.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

/**
 * A tick or a note refused because a colleague changed the item unheard (the feed muted) says
 * "Someone else just changed this item. The latest state is loaded; please try again." What it
 * speaks of is in place by the time the box or Save can be pressed again, though the list is read
 * again slowly: the press the message asks for goes at the new version, and is stored.
 */
describe('<lift-checklist>: trying again after a conflict while the list is read again', () => {
  const CONFLICT = 'Someone else just changed this item';

  async function world() {
    const adapter: LiftAdapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Reclamebureau Zon', { firstName: 'Lotte', lastName: 'Bos' });
    const item = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG-toestemming', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
    const faults = withFaults(adapter);
    faults.muteFeed();
    const el = await fixture<LiftChecklist>(html`<lift-checklist lang="en" contact-id=${contact.id} .adapter=${faults.adapter}></lift-checklist>`);
    await el.loaded;
    await el.updateComplete;
    // From now on the states' reads wait while `held` is set: a slow server answering the re-read.
    let held: Promise<void> | undefined;
    let reads = 0;
    const states = adapter.checklists!.states.bind(adapter.checklists);
    adapter.checklists!.states = async (...args) => {
      reads++;
      await held;
      return states(...args);
    };
    let answer!: () => void;
    const hold = () => void (held = new Promise<void>((resolve) => (answer = resolve)));
    const saves = () => faults.calls.filter((call) => call === 'checklists.setState').length;
    return { adapter, contact, item, faults, el, hold, release: () => answer(), reads: () => reads, saves };
  }

  const row = (el: LiftChecklist) => el.shadowRoot!.querySelector<HTMLLIElement>('[part~="item"]')!;
  const box = (el: LiftChecklist) => row(el).querySelector<HTMLInputElement>('input[type="checkbox"]')!;
  const alert = (el: LiftChecklist) => row(el).querySelector('[part~="error"]')?.textContent ?? '';
  const saveButton = (el: LiftChecklist) => [...row(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Save');

  /**
   * After the refusal, the user presses `control` again as soon as the message shows and it can be
   * pressed. The re-read is held until then (or a while, should nothing be offered before it lands).
   * `inPlace` tells whether the colleague's change shows: it does once the message does.
   */
  async function pressAgainAtOnce(el: LiftChecklist, control: () => HTMLElement | undefined, inPlace: () => boolean, { reads, release, before }: { reads: () => number; release: () => void; before: number }): Promise<void> {
    // What shows the first time the message does (the press takes the message away).
    let said: boolean | undefined;
    const ready = () => {
      if (!alert(el).includes(CONFLICT)) return false;
      said ??= inPlace();
      const pressable = control() as HTMLButtonElement | undefined;
      return Boolean(pressable && !pressable.disabled);
    };
    const pressed = waitUntil(ready, 'the message, and the control enabled').then(() => control()!.click());
    await waitUntil(() => reads() > before, 'the list read again');
    await Promise.race([pressed, new Promise((resolve) => setTimeout(resolve, 500))]);
    release();
    await pressed;
    expect(said, "the colleague's change in place when the message shows").to.equal(true);
  }

  it('a tick pressed again as soon as it can be goes at the new version and is stored', async () => {
    const { adapter, contact, item, el, hold, release, reads, saves } = await world();
    // A colleague notes the item after this view read the list; the view is not told.
    await adapter.checklists!.setState(contact.id, item.id, 0, { note: 'Per mail gevraagd' });
    hold();
    const before = reads();
    box(el).click(); // sent at the version read: refused
    await pressAgainAtOnce(el, () => box(el), () => Boolean(row(el).querySelector('[part~="note"]')?.textContent?.includes('Per mail gevraagd')), { reads, release, before });
    expect(saves(), 'the tick sent twice').to.equal(2);
    await waitUntil(async () => (await adapter.checklists!.states(contact.id))[0]?.done === true, 'the second tick stored');
    await waitUntil(() => !alert(el), 'the message gone once stored');
    await el.loaded;
    await el.updateComplete;
    expect(box(el).checked).to.equal(true);
    expect(row(el).querySelector('[part~="note"]')!.textContent, "the colleague's note kept").to.contain('Per mail gevraagd');
  });

  it('a note saved again as soon as Save can be pressed goes at the new version and is stored', async () => {
    const { adapter, contact, item, el, hold, release, reads, saves } = await world();
    row(el).querySelector<HTMLButtonElement>('.line button')!.click();
    await el.updateComplete;
    const area = row(el).querySelector('textarea')!;
    area.value = 'Toestemming per mail';
    area.dispatchEvent(new Event('input'));
    await el.updateComplete;
    // A colleague ticks the item after this view read the list; the view is not told.
    await adapter.checklists!.setState(contact.id, item.id, 0, { done: true });
    hold();
    const before = reads();
    saveButton(el)!.click(); // sent at the version read: refused
    await pressAgainAtOnce(el, () => saveButton(el), () => box(el).checked, { reads, release, before });
    expect(saves(), 'the note sent twice').to.equal(2);
    await waitUntil(async () => (await adapter.checklists!.states(contact.id))[0]?.note === 'Toestemming per mail', 'the note stored');
    const stored = (await adapter.checklists!.states(contact.id))[0]!;
    expect(stored.done, "the colleague's tick kept").to.equal(true);
    await waitUntil(() => !alert(el) && !row(el).querySelector('textarea'), 'the editor closed, without the message');
    await el.loaded;
    await el.updateComplete;
    expect(box(el).checked).to.equal(true);
    expect(row(el).querySelector('[part~="note"]')!.textContent).to.contain('Toestemming per mail');
  });
});
