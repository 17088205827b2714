import { expect } from '@open-wc/testing';
import { overviewPages } from '../src/conformance/overview.js';
import type { LiftAdapter, OverviewQuery } from '../src/data/contract/adapter.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { TimelineKind } from '../src/data/contract/model.js';
import { DEFAULT_ROLES } from '../src/data/engine/roles.js';
import { startTeamServerFirst, teamSpace, TEAM_USERS } from './team.js';
import { oneContact } from './worlds.js';

// Embedded (the rule engine's in-memory index) and on the team server (SQL over PostgreSQL)
// are two implementations of one overview: given the same data they must show the same.

startTeamServerFirst();

const WORDS = ['Offerte', 'café', 'Cafe', 'Ölçek', 'levering', 'Jansen', 'İstanbul', 'project', '100%', 'a_b'];
const KINDS: TimelineKind[] = ['email', 'letter', 'note', 'call', 'meeting', 'task', 'invoice', 'document'];

/** The same history through the contract, on any adapter; entries carry their own dates. */
async function history(adapter: LiftAdapter): Promise<string> {
  const { contact } = await oneContact(adapter, 'Café Noord', { firstName: 'Zoë', lastName: 'Jansen' });
  for (let i = 0; i < 40; i++) {
    await adapter.timeline.add({
      contactId: contact.id,
      kind: KINDS[i % KINDS.length]!,
      subject: `${WORDS[i % WORDS.length]} ${WORDS[(i * 3) % WORDS.length]}`,
      body: `${WORDS[(i * 7) % WORDS.length]} ${i}`,
      occurredAt: new Date(Date.UTC(2024, i % 14, 1 + (i % 27), 9 + (i % 8))).toISOString(),
    });
  }
  await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Inkoper' });
  return contact.id;
}

/** What a reader sees of a query: every page's entries (ids differ per backend), the total and counts. */
async function overview(adapter: LiftAdapter, contactId: string, query: OverviewQuery) {
  const pages = await overviewPages(adapter, contactId, query);
  return {
    rows: pages.flatMap((page) => page.items.map((e) => `${e.occurredAt.slice(0, 10)} ${e.kind} ${e.subject} | ${e.body}`)),
    totals: pages.map((page) => page.total),
    counts: pages.map((page) => page.counts),
  };
}

describe('the overview embedded and on the team server', () => {
  it('shows the same overview, counts and activity report for the same data', async () => {
    const space = await teamSpace({ roles: DEFAULT_ROLES, users: TEAM_USERS });
    try {
      const team = await space.connect(TEAM_USERS[0]);
      const embedded = new MemoryAdapter({ user: TEAM_USERS[0]! });
      const teamContact = await history(team);
      const embeddedContact = await history(embedded);
      const queries: OverviewQuery[] = [
        { limit: 7 },
        { text: 'CAFE', limit: 4 },
        { text: 'offerte ölcek' },
        { text: '100%' },
        { text: 'a_b' },
        { text: 'functie' },
        { kinds: ['note', 'call'], limit: 3 },
        { text: 'cafe', from: '2024-03-01T00:00:00.000Z', to: '2024-09-01T00:00:00.000Z', kinds: ['email'] },
      ];
      for (const query of queries) {
        const [onServer, inBrowser] = [await overview(team, teamContact, query), await overview(embedded, embeddedContact, query)];
        expect(onServer, JSON.stringify(query)).to.deep.equal(inBrowser);
      }
      const [serverReport, browserReport] = [await team.reports!.run('activity', teamContact), await embedded.reports!.run('activity', embeddedContact)];
      expect({ ...serverReport, contactId: '' }).to.deep.equal({ ...browserReport, contactId: '' });
    } finally {
      await space.drop();
    }
  });

  it('never answers a long history in one read: the overview pages, the whole-history read refuses past its bound', async function () {
    this.timeout(60_000);
    const space = await teamSpace({ roles: DEFAULT_ROLES, users: TEAM_USERS });
    try {
      const team = await space.connect(TEAM_USERS[0]);
      const { contact } = await oneContact(team, 'Archief BV', { lastName: 'Lang' });
      // 51 notes of 200 000 characters: ten million characters of history.
      for (let i = 0; i < 51; i++) await team.timeline.add({ contactId: contact.id, kind: 'note', subject: `Lang ${i}`, body: 'x'.repeat(200_000) });
      const first = await team.timeline.query(contact.id, { limit: 500 });
      expect(first.total).to.equal(51);
      expect(first.items.length).to.be.below(51);
      expect(first.next).to.be.a('string');
      expect((await overviewPages(team, contact.id, { limit: 500 })).flatMap((p) => p.items)).to.have.length(51);
      expect(await team.timeline.all(contact.id)).to.have.length(51);
      const whole = await fetch(`${space.baseUrl}/contacts/${contact.id}/timeline/all`, { headers: { authorization: `Bearer ${space.tokens[TEAM_USERS[0]!.id]}` } });
      expect(whole.status).to.equal(400);
      expect((await whole.json()).code).to.equal('validation');
    } finally {
      await space.drop();
    }
  });
});
