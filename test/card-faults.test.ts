import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { LiftActionEvent } from '../src/events.js';
import { LiftDetailTabsChangeEvent } from '../src/bar-choice-events.js';
import '../src/lift-contact-card.js';
import { dropDatabases } from './db.js';
import { mountCard } from './harness.js';
import { demoWorld } from './worlds.js';
import { withFaults } from './faults.js';

// Every write path of the card under an injected failure: the user's input is kept, the error
// is said in words, a retry lands, and the database (read directly) shows nothing that failed.

const FAULTS = [
  new LiftDataError('quota', 'full'),
  new LiftDataError('unavailable', 'down'),
  Object.assign(new Error('The connection was lost.'), { name: 'UnknownError' }),
];

async function world() {
  const { adapter, seeded } = await demoWorld({ contacts: 4, entriesPerContact: 4 });
  const faults = withFaults(adapter);
  const contact = await adapter.contacts.get(seeded.contactIds[0]!);
  const el = await mountCard(faults.adapter, contact.id);
  return { adapter, faults, contact, el, seeded };
}

const $ = <T extends HTMLElement = HTMLElement>(el: LiftContactCard, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const bar = (el: LiftContactCard) => $(el, 'lift-button-bar')!;
const act = (el: LiftContactCard, detail: ConstructorParameters<typeof LiftActionEvent>[0]) => bar(el).dispatchEvent(new LiftActionEvent(detail));
const said = (el: LiftContactCard) => [...el.shadowRoot!.querySelectorAll('[role="alert"]')].map((a) => a.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');
async function confirm(el: LiftContactCard) {
  await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.ask')?.open, 'the question');
  $<HTMLButtonElement>(el, 'dialog.ask button[value="confirm"]')!.click();
  await waitUntil(() => !$(el, 'dialog.ask form'), 'the answer');
}

describe('card write paths under faults', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  FAULTS.forEach((fault) => {
    it(`archive (${fault.name} ${'code' in fault ? fault.code : ''}): nothing archived, said in words, retry lands`, async () => {
      const { adapter, faults, contact, el } = await world();
      faults.fail('contacts.setArchived', fault);
      act(el, { action: 'archive' });
      await confirm(el);
      await waitUntil(() => said(el).includes('That did not work'), 'the error');
      expect((await adapter.contacts.get(contact.id)).archived).to.equal(false);
      act(el, { action: 'archive' });
      await confirm(el);
      await waitUntil(async () => (await adapter.contacts.get(contact.id)).archived, 'the retry to land');
      await waitUntil(() => $(el, '[part~="badge"]'), 'the badge');
      expect(said(el)).not.to.include('That did not work');
    });
  });

  it('copy: the failed copy writes nothing, the dialog keeps the choice, a retry copies once', async () => {
    const { adapter, faults, contact, el } = await world();
    const before = (await adapter.contacts.list({ limit: 100, includeArchived: true })).items.length;
    faults.fail('contacts.copy', new LiftDataError('unavailable', 'down'));
    act(el, { action: 'copy' });
    const dialog = () => $<HTMLDialogElement>(el, 'dialog.action')!;
    // The copy dialog's code loads when first opened, then it reads the relations: on a busy
    // machine that can take longer than the default second.
    await waitUntil(() => dialog()?.open && dialog().querySelector('[role="option"]'), 'relations');
    const target = [...dialog().querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.dataset.key !== contact.relationId)!;
    target.click();
    await el.updateComplete;
    const copy = () => [...dialog().querySelectorAll<HTMLButtonElement>('button.primary')].find((b) => b.textContent!.trim() === 'Copy')!;
    copy().click();
    await waitUntil(() => dialog().querySelector('[role="alert"]'), 'the error');
    expect(dialog().querySelector('[role="alert"]')!.textContent).to.include('cannot be reached');
    expect((await adapter.contacts.list({ limit: 100, includeArchived: true })).items.length).to.equal(before);
    expect(dialog().textContent, 'the chosen relation is kept').to.include('The copy goes to');
    copy().click();
    await waitUntil(() => dialog().querySelector('.open-copy'), 'the copy');
    expect((await adapter.contacts.list({ limit: 100, includeArchived: true })).items.length).to.equal(before + 1);
  });

  it('new document: a failure records nothing and says so; a retry records one document', async () => {
    const { adapter, faults, contact, el } = await world();
    const [template] = await adapter.templates!.list();
    const count = async () => (await adapter.timeline.all(contact.id)).length;
    const before = await count();
    faults.fail('templates.createDocument', new LiftDataError('quota', 'full'));
    act(el, { action: 'document', id: template!.id });
    const dialog = () => $<HTMLDialogElement>(el, 'dialog.action')!;
    await waitUntil(() => dialog()?.open, 'the preview');
    dialog().querySelector<HTMLButtonElement>('button.primary')!.click();
    await waitUntil(() => dialog().querySelector('[role="alert"]'), 'the error');
    expect(dialog().querySelector('[role="alert"]')!.textContent).to.include('storage is full');
    expect(await count()).to.equal(before);
    dialog().querySelector<HTMLButtonElement>('button.primary')!.click();
    await waitUntil(() => !dialog()?.open, 'the dialog to close');
    expect(await count()).to.equal(before + 1);
  });

  // The dialog's main button is disabled while its write runs, which takes the keyboard's focus
  // from it: when the write fails the user is still in the dialog, on the button to try again.
  it('a failed create, copy or new document leaves focus on the button pressed, for another try', async () => {
    const { adapter, faults, contact, el } = await world();
    const [template] = await adapter.templates!.list();
    const dialog = () => $<HTMLDialogElement>(el, 'dialog.action')!;
    const deepActive = () => {
      let active = el.shadowRoot!.activeElement as HTMLElement | null;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
      return active;
    };
    const tries = [
      { method: 'work.create', open: { action: 'create', kind: 'lead' }, ready: () => {
        const title = dialog().querySelector<HTMLInputElement>('.title-input')!;
        title.value = 'Nieuwe lead';
        title.dispatchEvent(new Event('input'));
      } },
      { method: 'templates.createDocument', open: { action: 'document', id: template!.id }, ready: () => undefined },
      { method: 'contacts.copy', open: { action: 'copy' }, ready: async () => {
        await waitUntil(() => dialog().querySelector('[role="option"]'), 'relations');
        [...dialog().querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.dataset.key !== contact.relationId)!.click();
      } },
    ] as const;
    for (const attempt of tries) {
      const button = () => dialog().querySelector<HTMLButtonElement>('button.primary')!;
      // The answer comes once the button shows the write under way, as a backend's would.
      faults.fail(attempt.method, new LiftDataError('unavailable', 'down'), { after: waitUntil(() => dialog()?.open && button().disabled, 'saving', { timeout: 8000 }) });
      act(el, attempt.open);
      await waitUntil(() => dialog()?.open, `the ${attempt.open.action} dialog`);
      await el.updateComplete;
      await attempt.ready();
      await el.updateComplete;
      const pressed = button();
      pressed.focus();
      pressed.click();
      await waitUntil(() => dialog().querySelector('[role="alert"]'), `the ${attempt.open.action} error`);
      await el.updateComplete;
      await waitUntil(() => deepActive() === pressed, `focus on ${attempt.open.action}'s button, not ${deepActive()?.outerHTML.slice(0, 60)}`);
      dialog().querySelector<HTMLButtonElement>('.actions button:not(.primary)')!.click();
      await waitUntil(() => !dialog()?.open, 'the dialog to close');
    }
  });

  it('layout choices: a failed store says so and a retry stores them', async () => {
    const { adapter, faults, el } = await world();
    faults.fail('preferences.set', new LiftDataError('unavailable', 'down'));
    bar(el).dispatchEvent(new LiftDetailTabsChangeEvent(['personal']));
    await waitUntil(() => said(el).includes('That did not work'), 'the error');
    expect((await adapter.preferences!.get('contact')).detailTabs).to.equal(undefined);
    bar(el).dispatchEvent(new LiftDetailTabsChangeEvent(['personal']));
    await waitUntil(async () => (await adapter.preferences!.get('contact')).detailTabs?.length === 1, 'the retry');
  });

  it('save on a hanging adapter shows saving and never "saved"; the edits stay', async () => {
    const { adapter, faults, contact, el } = await world();
    faults.hang('contacts.update');
    const input = $<HTMLInputElement>(el, '#field-notes')!;
    input.value = 'Wacht op de server';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    void el.save();
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Saving…'), 'saving');
    // The save reached the adapter, whose answer never comes: nothing after this can say "Saved".
    expect(faults.calls.filter((call) => call === 'contacts.update')).to.have.length(1);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('p.visually-hidden[role="status"]')!.textContent).not.to.include('Saved');
    expect(el.dirty).to.equal(true);
    expect(input.value).to.equal('Wacht op de server');
    expect((await adapter.contacts.get(contact.id)).notes).not.to.equal('Wacht op de server');
  });
});
