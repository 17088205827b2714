// Elements inside a <lift-data-provider> whose code has not arrived offer nothing to write: what
// they wrote would only wait for an adapter that is not theirs, and be dropped with it when the
// provider comes. A viewer is offered nothing the provider's user may not do. This file defines
// the provider only at the end of its one test (a page of its own).
import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import type { User } from '../src/data/contract/model.js';
import { oneContact } from './worlds.js';
import '../src/lift-contact-timeline.js';

type Provider = HTMLElement & { adapter?: LiftAdapter; user?: User };
const added: Element[] = [];
after(() => added.forEach((element) => element.remove()));

describe('a timeline inside a provider still loading', () => {
  it('offers "Record activity" only once the provider is defined, and then only to a user who may', async () => {
    expect(customElements.get('lift-data-provider'), 'the provider, not defined yet').to.equal(undefined);
    const timelineFor = async (user: User) => {
      const adapter = new MemoryAdapter();
      const { contact } = await oneContact(adapter, 'Traag BV', { firstName: 'Tom', lastName: 'Traag' });
      const provider = Object.assign(document.createElement('lift-data-provider'), { adapter, user }) as Provider;
      provider.setAttribute('lang', 'en');
      const timeline = provider.appendChild(Object.assign(document.createElement('lift-contact-timeline'), { contactId: contact.id }));
      added.push(document.body.appendChild(provider));
      return timeline;
    };
    const employee = await timelineFor({ id: 'anna', name: 'Anna', role: 'employee' });
    const viewer = await timelineFor({ id: 'vera', name: 'Vera', role: 'viewer' });
    const compose = (timeline: Element) => timeline.shadowRoot?.querySelector('button.compose') ?? null;
    await waitUntil(() => employee.shadowRoot && viewer.shadowRoot, 'both timelines rendered');
    await employee.updateComplete;
    await viewer.updateComplete;
    expect([compose(employee), compose(viewer)], 'nothing to write while the provider loads').to.deep.equal([null, null]);
    // The provider's code arrives.
    await import('../src/lift-data-provider.js');
    await waitUntil(() => compose(employee), '"Record activity" for the employee once the provider answers');
    await viewer.updateComplete;
    expect(compose(viewer), 'none for the viewer').to.equal(null);
  });
});
