import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { Contact } from '../src/data/contract/model.js';
import '../src/lift-contact-card.js';
import { dropDatabases } from './db.js';
import { $, act, deepActive, inDialog, search, world } from './dialog-helpers.js';
import { withFaults } from './faults.js';
import { answerQuestion, mountCard, pressBar } from './harness.js';
import { waitUntil } from './helpers.js';

/**
 * A write the card sends at the version it shows is refused when a colleague changed the contact
 * unheard (the feed is late). The card says the latest version is loaded and offers its button
 * again: that version is then in place, so a press right away goes at it and lands, also while
 * the card's own reads of the contact are slow.
 */
describe('<lift-contact-card>: trying again right after a conflict', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  /**
   * A card over a muted feed; `hold()` makes its reads of the contact wait until `release()`;
   * the versions each copy and archive was sent at, and their outcomes.
   */
  async function slowCard() {
    const { adapter, contact } = await world();
    const read = adapter.contacts.get.bind(adapter.contacts);
    let held: Promise<void> | undefined;
    let release = () => {};
    adapter.contacts.get = async (...args) => {
      await held;
      return read(...args);
    };
    const sent: number[] = [];
    const outcomes: string[] = [];
    const track = <T>(version: number | undefined, write: Promise<T>): Promise<T> => {
      sent.push(version ?? -1);
      return write.then(
        (value) => (outcomes.push('landed'), value),
        (error: unknown) => {
          outcomes.push(LiftDataError.is(error) ? error.code : 'failed');
          throw error;
        },
      );
    };
    const copy = adapter.contacts.copy.bind(adapter.contacts);
    adapter.contacts.copy = (id, options) => track(options.expectedVersion, copy(id, options));
    const setArchived = adapter.contacts.setArchived.bind(adapter.contacts);
    adapter.contacts.setArchived = (id, version, archived) => track(version, setArchived(id, version, archived));
    const faults = withFaults(adapter);
    // The change feed is late: the card does not hear of the colleague's change.
    faults.muteFeed();
    const el = await mountCard(faults.adapter, contact.id);
    return {
      adapter,
      contact,
      faults,
      el,
      sent,
      outcomes,
      read,
      hold() {
        held = new Promise<void>((resolve) => (release = resolve));
      },
      release: () => release(),
      /** A colleague changes the contact, straight in the store. */
      async colleague(): Promise<Contact> {
        const stored = await read(contact.id);
        return adapter.contacts.update(contact.id, stored.version, { jobTitle: 'Elders gewijzigd' });
      },
    };
  }

  const jobTitle = (el: LiftContactCard) => $<HTMLInputElement>(el, '#field-jobTitle')!.value;
  const alerts = (el: LiftContactCard) => [...el.shadowRoot!.querySelectorAll('[role="alert"]')].map((a) => a.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');

  async function copyDialog(adapter: IndexedDbAdapter, el: LiftContactCard, contact: Contact) {
    const target = (await adapter.relations.list({ limit: 50 })).items.find((r) => r.id !== contact.relationId)!;
    await act(el, { action: 'copy' });
    await search(el, target.name);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    return { target, button: () => inDialog<HTMLButtonElement>(el, 'button.primary')! };
  }

  it('Copy: when the conflict is said, the latest version shows and a second press copies it', async () => {
    const { adapter, contact, el, sent, outcomes, hold, release, colleague } = await slowCard();
    const { target, button } = await copyDialog(adapter, el, contact);
    const changed = await colleague();
    hold();
    button().focus();
    button().click();
    await waitUntil(() => inDialog(el, '[role="alert"]')?.textContent?.includes('the latest version is loaded'), 'the conflict said');
    expect(button().disabled, 'Copy offered again').to.equal(false);
    await waitUntil(() => deepActive(el) === button(), 'focus back on Copy');
    // Pressed at once, while a read of the contact would still be on its way.
    button().click();
    await waitUntil(() => outcomes.length === 2, 'the second copy answered');
    expect(outcomes, 'the second press lands').to.deep.equal(['conflict', 'landed']);
    expect(sent, 'at the version the colleague saved').to.deep.equal([contact.version, changed.version]);
    expect(jobTitle(el), 'the version the words spoke of, in place').to.equal('Elders gewijzigd');
    release();
    await waitUntil(() => inDialog(el, '.open-copy'), 'the copy offered to open');
    const copies = (await adapter.contacts.list({ relationId: target.id })).items.filter((c) => c.lastName === contact.lastName);
    expect(copies.map((c) => c.jobTitle)).to.deep.equal(['Elders gewijzigd']);
  });

  it('Archive: when the conflict is said, the latest version shows and archiving again archives it', async () => {
    const { contact, el, sent, outcomes, hold, release, colleague, read } = await slowCard();
    const changed = await colleague();
    hold();
    await pressBar(el, 'archive');
    await answerQuestion(el, 'confirm');
    await waitUntil(() => alerts(el).includes('someone else just changed this contact; the latest version is loaded.'), 'the conflict said');
    // Archived again at once, while a read of the contact would still be on its way.
    await pressBar(el, 'archive');
    await answerQuestion(el, 'confirm');
    await waitUntil(() => outcomes.length === 2, 'the second archive answered');
    expect(outcomes, 'the second archive lands').to.deep.equal(['conflict', 'landed']);
    expect(sent, 'at the version the colleague saved').to.deep.equal([contact.version, changed.version]);
    release();
    expect((await read(contact.id)).archived).to.equal(true);
    await waitUntil(() => $(el, '[part~="badge"]'), 'the badge');
    expect(alerts(el)).not.to.include('That did not work');
  });

  it('Copy, refused without the current record: the words wait for the read, then a second press copies the latest version', async () => {
    const { adapter, contact, el, faults, sent, hold, release, colleague } = await slowCard();
    const { button } = await copyDialog(adapter, el, contact);
    const changed = await colleague();
    hold();
    // A server whose refusal names no record: the card reads the contact again.
    faults.fail('contacts.copy', new LiftDataError('conflict', 'not at that version'));
    const gets = faults.calls.filter((call) => call === 'contacts.get').length;
    button().focus();
    button().click();
    await waitUntil(() => faults.calls.filter((call) => call === 'contacts.get').length > gets, 'the contact read again');
    await el.updateComplete;
    expect(inDialog(el, '[role="alert"]'), 'not said before the latest version is there').to.equal(null);
    expect(button().disabled, 'Copy waits for it').to.equal(true);
    release();
    await waitUntil(() => inDialog(el, '[role="alert"]')?.textContent?.includes('the latest version is loaded'), 'the conflict said');
    await el.updateComplete;
    expect(jobTitle(el)).to.equal('Elders gewijzigd');
    await waitUntil(() => deepActive(el) === button(), 'focus back on Copy');
    button().click();
    await waitUntil(() => inDialog(el, '.open-copy'), 'the copy offered to open');
    expect(sent).to.deep.equal([changed.version]);
  });

  it('Archive, refused without the current record and the read failing too: that failure is said, and archiving again works once it reads', async () => {
    const { contact, el, faults, sent, outcomes, colleague, read } = await slowCard();
    const changed = await colleague();
    faults.fail('contacts.setArchived', new LiftDataError('conflict', 'not at that version'));
    faults.fail('contacts.get', new LiftDataError('unavailable', 'the server went away'));
    await pressBar(el, 'archive');
    await answerQuestion(el, 'confirm');
    await waitUntil(() => alerts(el).includes('That did not work: the data cannot be reached.'), 'the read’s failure said');
    expect(alerts(el), 'no latest version claimed').not.to.include('the latest version is loaded');
    expect(jobTitle(el)).to.equal(contact.jobTitle);
    // The card's Refresh reads the contact: archiving then goes at its version.
    await pressBar(el, 'refresh');
    await waitUntil(() => jobTitle(el) === 'Elders gewijzigd', 'read again');
    await pressBar(el, 'archive');
    await answerQuestion(el, 'confirm');
    await waitUntil(async () => (await read(contact.id)).archived, 'archived');
    expect(sent).to.deep.equal([changed.version]);
    expect(outcomes).to.deep.equal(['landed']);
  });
});
