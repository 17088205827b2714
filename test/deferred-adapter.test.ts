import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import type { DataChange, LiftAdapter, LifecycleNotice } from '../src/data/contract/adapter.js';
import { DeferredAdapter } from '../src/data/adapters/deferred-adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { DEFAULT_ROLES, LOCAL_USER } from '../src/data/engine/roles.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';

/** A deferred adapter over a fresh database, with a load that can be held back and is counted. */
function deferred() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const loads: LiftAdapter[] = [];
  const adapter = new DeferredAdapter({
    user: LOCAL_USER,
    roles: DEFAULT_ROLES,
    scope: 'test',
    load: async () => {
      await held;
      const real = freshIndexedDbAdapter();
      loads.push(real);
      return real;
    },
  });
  return { adapter, loads, release };
}

describe('DeferredAdapter (the built-in default whose code loads on the first call)', () => {
  afterEach(() => dropDatabases());

  it('answers the user, rights, capabilities and scope before its code has loaded, and loads it once', async () => {
    const { adapter, loads, release } = deferred();
    expect(adapter.session.currentUser().id).to.equal(LOCAL_USER.id);
    expect(adapter.session.can('edit')).to.equal(true);
    expect([...adapter.capabilities]).to.include.members(['work', 'checklists', 'preferences']);
    expect(adapter.scope).to.equal('test');
    adapter.session.setUser({ id: 'v', name: 'Vera', role: 'viewer' });
    expect(adapter.session.can('edit'), 'a viewer, before loading').to.equal(false);
    expect(loads.length, 'nothing loaded yet').to.equal(0);
    const reads = Promise.all([adapter.relations.list(), adapter.contacts.list(), adapter.session.users()]);
    release();
    await reads;
    expect(loads.length, 'loaded once for three calls').to.equal(1);
    expect(loads[0]!.session.currentUser().id, 'the loaded adapter acts for the user set before').to.equal('v');
    expect(adapter.session.can('edit')).to.equal(false);
  });

  it('tells listeners subscribed before loading what changes after, and stops when they unsubscribe', async () => {
    const { adapter, release } = deferred();
    const heard: (DataChange | LifecycleNotice)[] = [];
    const off = adapter.subscribe((change) => heard.push(change));
    release();
    const relation = await adapter.relations.create({ kind: 'client', name: 'Studio Zuid' });
    await waitUntil(() => heard.some((c) => 'resource' in c && c.resource === 'relation' && c.ids.includes(relation.id)), 'the change');
    off();
    const before = heard.length;
    await adapter.relations.create({ kind: 'client', name: 'Studio West' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard.length, 'nothing after unsubscribing').to.equal(before);
  });

  it('refuses a write the loaded adapter refuses, with its error', async () => {
    const { adapter, release } = deferred();
    release();
    const error = await adapter.contacts.create({ relationId: 'nope', lastName: 'Bos' }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).to.equal('not-found');
  });

  it('fails its calls as unreachable data when its code does not arrive, and loads it again on the next call', async () => {
    let arrives = false;
    const loads: LiftAdapter[] = [];
    const adapter = new DeferredAdapter({
      user: LOCAL_USER,
      roles: DEFAULT_ROLES,
      load: async () => {
        if (!arrives) throw new TypeError('Failed to fetch dynamically imported module');
        const real = freshIndexedDbAdapter();
        loads.push(real);
        return real;
      },
    });
    const failures = await Promise.all([adapter.contacts.list(), adapter.relations.list()].map((call) => call.catch((e: unknown) => e)));
    for (const error of failures) {
      expect(LiftDataError.is(error, 'unavailable'), String(error)).to.equal(true);
      expect((error as Error).cause).to.be.instanceOf(TypeError);
    }
    arrives = true;
    const relation = await adapter.relations.create({ kind: 'client', name: 'Studio Noord' });
    expect((await adapter.relations.get(relation.id)).name).to.equal('Studio Noord');
    expect(loads.length, 'loaded once it arrived').to.equal(1);
  });

  for (const [lang, words, retry, notFound] of [
    ['en', 'The contact could not be loaded: the data cannot be reached.', 'Try again', 'does not exist'],
    ['nl', 'De contactpersoon kon niet worden geladen: de gegevens zijn niet bereikbaar.', 'Opnieuw proberen', 'bestaat niet'],
  ] as const) {
    it(`has a card say in words that its storage code did not arrive, and load it on Try again (${lang})`, async () => {
      let arrives = false;
      const adapter = new DeferredAdapter({
        user: LOCAL_USER,
        roles: DEFAULT_ROLES,
        load: async () => {
          if (!arrives) throw new TypeError('Failed to fetch dynamically imported module');
          return freshIndexedDbAdapter();
        },
      });
      const el = await fixture<LiftContactCard>(html`<lift-contact-card lang=${lang} contact-id="c-1" .adapter=${adapter}></lift-contact-card>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'the failure');
      // What failed, then why, each said once.
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(words);
      expect(el.shadowRoot!.textContent, 'no browser message').not.to.include('dynamically imported');
      arrives = true;
      const button = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === retry)!;
      button.click();
      // The code arrived: the card now reads, and the contact it was given does not exist.
      await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]')?.textContent?.includes(notFound), 'the card reads again');
    });
  }

  it('lets a card say it is loading before the storage code has arrived, then answer', async () => {
    const { adapter, release, loads } = deferred();
    const el = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id="c-1" .adapter=${adapter}></lift-contact-card>`);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.include('Loading');
    expect(loads.length).to.equal(0);
    release();
    await waitUntil(() => el.shadowRoot!.textContent!.includes('does not exist'), 'the answer for an unknown contact');
  });
});
