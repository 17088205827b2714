import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { seedDemoData } from '../src/data/demo/demo-data.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import '../src/lift-contact-timeline.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { draftKey, keepDraft } from '../src/internal/browser-drafts.js';
import { brokenWorld, demoWorld } from './fixtures.js';
import { tokens } from './tokens.js';

interface Args {
  'contact-id'?: string;
  kinds?: string[];
  query?: string;
  from?: string;
  to?: string;
  'read-only'?: boolean;
  scope?: 'all' | 'correspondence';
}

type Loaded = { adapter: LiftAdapter; contactId: string };

/** One contact with `entries` timeline entries (0 allowed), in memory. */
async function withEntries(entries: number): Promise<Loaded> {
  const adapter = new MemoryAdapter();
  const seeded = await seedDemoData(adapter, { contacts: 3, entriesPerContact: 0, bigContactEntries: entries || 0 });
  return { adapter, contactId: seeded.contactIds[0]! };
}

const meta: Meta<Args> = {
  title: 'Elements/lift-contact-timeline',
  component: 'lift-contact-timeline',
  argTypes: {
    kinds: { description: 'The kinds shown; none chosen means all.' },
  },
  loaders: [async () => withEntries(20)],
  render: (args, { loaded }) => {
    const { adapter, contactId } = loaded as Loaded;
    // Every attribute control works: a contact id typed in replaces the loader's.
    return html`<lift-contact-timeline
      contact-id=${args['contact-id'] || contactId}
      kinds=${tokens(args.kinds)}
      query=${args.query || nothing}
      from=${args.from || nothing}
      to=${args.to || nothing}
      ?read-only=${args['read-only']}
      scope=${args.scope || nothing}
      .adapter=${adapter}
      style="max-width: 60rem"
    ></lift-contact-timeline>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Twenty entries of every kind, grouped by month. */
export const TwentyEntries: Story = {};

/** A new contact: nothing recorded yet. */
export const Empty: Story = { loaders: [async () => withEntries(0)] };

/** 100 000 entries: only the rows near the viewport exist; search the whole history. */
export const HundredThousand: Story = { loaders: [async () => withEntries(100_000)] };

/** A search with a kind filter, and its highlighted matches. */
export const Searched: Story = { args: { query: 'prijsopgave', kinds: ['email', 'letter', 'document'] } };

/** Filters that hide everything: the empty state names them. */
export const NothingMatches: Story = { args: { query: 'geen-enkele-treffer', kinds: ['invoice'] } };

/** The Correspondence tab: its own view of documents, e-mails, invoices and letters, with no "Record activity". */
export const Correspondence: Story = { args: { scope: 'correspondence' } };

/** The Correspondence tab of a contact with notes and a call but no correspondence yet: it says so, not that nothing was recorded. */
export const NoCorrespondenceYet: Story = {
  args: { scope: 'correspondence' },
  loaders: [
    async () => {
      const world = await withEntries(0);
      for (const [kind, subject] of [['note', 'Koffie gedronken'], ['call', 'Teruggebeld over de offerte']] as const) {
        await world.adapter.timeline.add({ contactId: world.contactId, kind, subject, body: '' });
      }
      return world;
    },
  ],
};

/**
 * A checklist item's history in the overview, newest first: its note removed, unticked, a note
 * added, ticked. Each row says which it was (the tick and untick have no text of their own).
 */
export const ChecklistRows: Story = {
  name: 'Checklist rows: ticked, unticked, note removed',
  loaders: [
    async () => {
      const world = await withEntries(0);
      const checklists = world.adapter.checklists!;
      const item = await checklists.saveDefinition({ cardType: 'contact', text: 'Toestemming vastgelegd', category: 'Privacy', order: 99, mode: 'editable', modeByStatus: {} });
      let state = await checklists.setState(world.contactId, item.id, 0, { done: true });
      state = await checklists.setState(world.contactId, item.id, state.version, { note: 'Telefonisch akkoord gegeven.' });
      state = await checklists.setState(world.contactId, item.id, state.version, { done: false });
      await checklists.setState(world.contactId, item.id, state.version, { note: '' });
      return world;
    },
  ],
};

/** "Record activity" open: the kind, when it happened (empty: now), a subject and the note. */
export const RecordingActivity: Story = {
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    await el.loaded;
    // Found by its class rather than its words, so the story works in every language.
    const record = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="filters"] button.compose');
    if (!record) throw new Error('RecordingActivity: the overview shows no "Record activity" button (button.compose)');
    record.click();
    await el.updateComplete;
  },
};

/**
 * After a reload: a call whose save had not answered when the page closed, kept in the browser,
 * shows as perhaps not saved, with Try again and Discard. (Its own user, so no other story finds it.)
 */
export const NotSavedBeforeReload: Story = {
  loaders: [
    async () => {
      const adapter = new MemoryAdapter({ user: { id: 'u-story-reload', name: 'Sanne de Boer', role: 'admin' } });
      const seeded = await seedDemoData(adapter, { contacts: 3, entriesPerContact: 0, bigContactEntries: 5 });
      const contactId = seeded.contactIds[0]!;
      const call = { kind: 'call', subject: 'Teruggebeld over de offerte', body: 'Akkoord op de planning; de factuur volgt.' };
      keepDraft(draftKey(adapter, 'notes', contactId), { notes: [call] });
      return { adapter, contactId };
    },
  ],
};

/** A reader without the edit right: no "add a note". */
export const ReadOnly: Story = {
  loaders: [async () => {
    const world = await demoWorld({ role: 'viewer' });
    return world;
  }],
};

/** Waiting for the first page. */
export const Loading: Story = { loaders: [async () => brokenWorld('hanging')] };

/** The adapter failed: the reason and a retry. */
export const LoadError: Story = { loaders: [async () => brokenWorld('failing')] };
