import { expect } from '@open-wc/testing';
import type { ReactiveElement } from 'lit';
import { ContactLoader } from '../src/contact-card/contact-loader.js';
import { EditSession } from '../src/contact-card/edit-session.js';
import { ProjectsController } from '../src/contact-card/parts/projects.js';
import { UserContext } from '../src/contact-card/user-context.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { ControllerHost, keyVoice } from './controller-host.js';
import { withFaults } from './faults.js';
import { waitUntil } from './helpers.js';

// The card's controllers for loading and for the user's context, each with a stand-in for the
// card and no DOM: what they read, how often, and what they keep.

const voice = () => keyVoice(new ControllerHost());

async function world() {
  const base = new MemoryAdapter();
  const relation = await base.relations.create({ kind: 'client', name: 'Drukkerij Noord' });
  const lotte = await base.contacts.create({ relationId: relation.id, firstName: 'Lotte', lastName: 'Bos' });
  const sem = await base.contacts.create({ relationId: relation.id, firstName: 'Sem', lastName: 'Visser' });
  const faults = withFaults(base);
  return { adapter: faults.adapter, faults, relation, lotte, sem };
}

/** The number of calls made of each method, from a faults wrapper's list. */
const counted = (calls: readonly string[]) => calls.reduce((all, call) => all.set(call, (all.get(call) ?? 0) + 1), new Map<string, number>());

describe("the card's user context, without a card", () => {
  it('reads the choices once per adapter and user, again for another user and on a refresh; a failing part hides only itself', async () => {
    const { adapter, faults } = await world();
    const user = new UserContext(new ControllerHost(), voice());
    const definitions = () => adapter.checklists!.definitions('contact');
    await user.read(adapter, false, definitions);
    await user.read(adapter, false, definitions);
    expect(counted(faults.calls).get('preferences.get'), 'the same user again: nothing read').to.equal(1);
    adapter.session.setUser({ id: 'u-2', name: 'Vera', role: 'admin' });
    await user.read(adapter, false, definitions);
    await user.read(adapter, true, definitions);
    expect(counted(faults.calls).get('preferences.get'), 'another user, then a refresh').to.equal(3);

    faults.fail('templates.list', new LiftDataError('unavailable', 'offline'));
    user.apply(await user.read(adapter, true, definitions));
    expect(user.templates, 'no templates: the document button hides').to.deep.equal([]);
    expect(user.reportList.length, 'the reports are still there').to.be.greaterThan(0);
  });

  it("stores a choice on top of the current user's own stored choices, never those shown for the previous user", async () => {
    const { adapter } = await world();
    const host = new ControllerHost();
    const user = new UserContext(host, voice());
    await adapter.preferences!.set('contact', { detailTabs: ['personal'] });
    user.apply(await user.read(adapter, false, () => adapter.checklists!.definitions('contact')));
    expect(user.preferences.detailTabs).to.deep.equal(['personal']);

    // Vera takes over the device before her own choices have shown.
    adapter.session.setUser({ id: 'u-vera', name: 'Vera', role: 'admin' });
    await adapter.preferences!.set('contact', { buttons: ['save', 'configure'] });
    const errors: string[] = [];
    await user.choose(adapter, { detailTabs: ['function'] }, (words) => words && errors.push(words()));
    expect(errors).to.deep.equal([]);
    expect(await adapter.preferences!.get('contact'), "Vera's own buttons kept, the previous user's tabs not taken").to.deep.equal({ buttons: ['save', 'configure'], detailTabs: ['function'] });
    expect(user.preferences).to.deep.equal({ buttons: ['save', 'configure'], detailTabs: ['function'] });
  });

  it('says so when a choice cannot be stored, and keeps it shown', async () => {
    const { adapter, faults } = await world();
    const user = new UserContext(new ControllerHost(), voice());
    user.apply(await user.read(adapter, false, () => adapter.checklists!.definitions('contact')));
    faults.fail('preferences.set', new LiftDataError('quota', 'full'));
    const errors: string[] = [];
    await user.choose(adapter, { buttons: ['save'] }, (words) => words && errors.push(words()));
    expect(errors).to.deep.equal(['actionFailed {"reason":"quota"}']);
    expect(user.preferences.buttons).to.deep.equal(['save']);
  });

  it('stores two quick choices in the order they were made: the later one stays, stored and shown, when the first is slow on its way', async () => {
    const { adapter } = await world();
    const user = new UserContext(new ControllerHost(), voice());
    user.apply(await user.read(adapter, false, () => adapter.checklists!.definitions('contact')));
    const preferences = adapter.preferences!;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let sent = 0;
    // A network that delivers the first request after the second.
    const slow = Object.assign(Object.create(adapter) as LiftAdapter, {
      preferences: { get: preferences.get.bind(preferences), set: async (...args: Parameters<typeof preferences.set>) => (++sent === 1 && (await held), preferences.set(...args)) },
    });
    const errors: string[] = [];
    const first = user.choose(slow, { buttons: ['save'] }, (words) => words && errors.push(words()));
    const second = user.choose(slow, { buttons: ['save', 'undo'] }, (words) => words && errors.push(words()));
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await Promise.all([first, second]);
    expect(errors).to.deep.equal([]);
    expect((await preferences.get('contact')).buttons, 'stored: the later choice').to.deep.equal(['save', 'undo']);
    expect(user.preferences.buttons, 'shown: the later choice').to.deep.equal(['save', 'undo']);
  });
});

describe("the card's contact loader, without a card", () => {
  afterEach(() => localStorage.clear());

  /**
   * `adapter` with its `group.get` reads held: a read asked for between `hold()` and
   * `hold.stop()` answers once the function `hold()` returned is called.
   */
  function heldReads(adapter: LiftAdapter, group: 'contacts' | 'relations') {
    let held: Promise<void> | undefined;
    const slow = new Proxy(adapter, {
      get(target, prop) {
        const value = Reflect.get(target, prop) as unknown;
        if (prop === group) {
          const api = value as { get: (...args: unknown[]) => Promise<unknown> };
          const wait = held;
          return {
            ...api,
            get: async (...args: unknown[]) => {
              if (wait) hold.waiting++;
              return (await wait, api.get(...args));
            },
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const hold = Object.assign(
      () => {
        let release!: () => void;
        held = new Promise((resolve) => (release = resolve));
        return release;
      },
      // `waiting`: the reads asked while held.
      { stop: () => void (held = undefined), waiting: 0 },
    );
    return { slow, hold };
  }

  function loader(adapter: LiftAdapter, contactId: () => string | undefined) {
    const host = new ControllerHost();
    const card = host as unknown as ReactiveElement;
    const v = voice();
    const session = new EditSession(card, {
      adapter: () => adapter,
      contactId,
      voice: v,
      ask: async () => 'cancel',
      showField: async () => undefined,
      keepFocus: () => undefined,
    });
    const user = new UserContext(card, v);
    const projects = new ProjectsController(card, v);
    const load = new ContactLoader(card, {
      contactId,
      session,
      user,
      projects,
      voice: v,
      cleared: () => undefined,
      checklistDetailShown: () => false,
    });
    return { load, session, user, host };
  }

  it('loads the contact into the edit session with its relation, the contact once per open, the relation two contacts share and the user context once', async () => {
    const { adapter, faults, relation, lotte, sem } = await world();
    let contactId = lotte.id;
    const { load, session } = loader(adapter, () => contactId);
    load.sync(adapter);
    load.sync(adapter);
    await load.loaded;
    expect(load.state).to.equal('ready');
    expect(session.record?.firstName).to.equal('Lotte');
    expect(load.relation?.name).to.equal(relation.name);
    contactId = sem.id;
    load.sync(adapter);
    await load.loaded;
    expect(session.record?.firstName).to.equal('Sem');
    const calls = counted(faults.calls);
    expect([calls.get('contacts.get'), calls.get('relations.get')], 'each contact read, the relation they share once').to.deep.equal([2, 1]);
    expect(load.relation?.name, 'the relation, kept').to.equal(relation.name);
    expect(calls.get('preferences.get'), "the user's choices: once for both contacts").to.equal(1);
  });

  it("drops an older open's answer when a newer open started before it came", async () => {
    const { adapter, lotte, sem } = await world();
    const { slow, hold } = heldReads(adapter, 'contacts');
    let contactId = lotte.id;
    const { load, session } = loader(slow, () => contactId);
    const release = hold();
    load.sync(slow);
    hold.stop();
    contactId = sem.id;
    load.sync(slow);
    await load.loaded;
    expect(session.record?.firstName).to.equal('Sem');
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(session.record?.firstName, 'the older answer came later and was dropped').to.equal('Sem');
    expect(load.state).to.equal('ready');
  });

  it('keeps a save that landed while a reload waited for the relation, rather than showing the record it read before', async () => {
    const { adapter, lotte } = await world();
    const { slow, hold } = heldReads(adapter, 'relations');
    const { load, session } = loader(slow, () => lotte.id);
    load.sync(slow);
    await load.loaded;
    // Refresh: the contact is read at once (version 1), the relation waits; the form stays usable.
    const release = hold();
    const reloading = load.reload(slow, { restoreDraft: false, fresh: true });
    await waitUntil(() => hold.waiting > 0, 'the relation asked, and held');
    hold.stop();
    session.edit('jobTitle', 'Directeur');
    expect(await session.save()).to.equal(true);
    expect(session.record?.version).to.equal(2);
    release();
    await reloading;
    expect(session.record?.version, 'the saved version stays').to.equal(2);
    expect(session.draft?.value('jobTitle'), 'the saved value stays on screen').to.equal('Directeur');
    session.edit('jobTitle', 'Directeur verkoop');
    expect(await session.save(), 'the next save meets no conflict with its own save').to.equal(true);
    expect(session.conflict).to.equal(undefined);
  });

  it('says when a contact does not exist or cannot be read, and loads again when asked', async () => {
    const { adapter, faults, lotte } = await world();
    const missing = loader(adapter, () => 'c-nobody');
    missing.load.sync(adapter);
    await missing.load.loaded;
    expect(missing.load.state).to.equal('not-found');

    faults.fail('contacts.get', new LiftDataError('unavailable', 'offline'));
    const failing = loader(adapter, () => lotte.id);
    failing.load.sync(adapter);
    await failing.load.loaded;
    expect(failing.load.state).to.equal('error');
    expect(LiftDataError.is(failing.load.error, 'unavailable')).to.equal(true);
    await failing.load.reload(adapter, { restoreDraft: true, fresh: true });
    expect(failing.load.state).to.equal('ready');
    expect(failing.session.record?.lastName).to.equal('Bos');
  });
});
