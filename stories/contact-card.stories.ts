import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { LiftActionEvent, type LiftActionDetail } from '../src/events.js';
import '../src/lift-contact-card.js';
import { brokenWorld, demoWorld, draftWorld, offlineWorld, slowSaves, until, WITH_PRESENT_ONLY } from './fixtures.js';
import { tokens } from './tokens.js';

interface Args {
  'contact-id'?: string;
  buttons?: string[];
  'detail-tabs'?: string[];
  tab?: string;
  lang?: string;
  selection?: string;
}

type Loaded = { adapter: LiftAdapter; contactId: string; seeded?: { contactIds: string[] } };

/** The card in the story, once it has loaded its contact. */
async function card(canvas: HTMLElement): Promise<LiftContactCard> {
  const el = canvas.querySelector('lift-contact-card')!;
  await el.loaded;
  await el.updateComplete;
  return el;
}

/** Types into a field of the personal details as a user would. */
function edit(el: LiftContactCard, field: string, value: string) {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(`#field-${field}`)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Presses a bar action (or chooses a menu item) the way a user would, opening its dialog. */
async function action(canvas: HTMLElement, detail: LiftActionDetail): Promise<LiftContactCard> {
  const el = await card(canvas);
  el.shadowRoot!.querySelector('lift-button-bar')!.dispatchEvent(new LiftActionEvent(detail));
  return el;
}

const meta: Meta<Args> = {
  title: 'Elements/lift-contact-card',
  component: 'lift-contact-card',
  argTypes: {
    buttons: { description: 'The bar\'s buttons, in this order; none chosen means the defaults.' },
    'detail-tabs': { description: 'The detail tabs, in this order; none chosen means all.' },
  },
  loaders: [async () => demoWorld()],
  render: (args, { loaded, parameters }) => {
    const { adapter, contactId, seeded } = loaded as Loaded;
    // In a story's own box the card takes the box's width; alone it stops at 64rem.
    const boxed = Boolean(parameters.boxed);
    // Every attribute control works: a contact id or selection typed in replaces the demo's.
    return html`<lift-contact-card
      contact-id=${args['contact-id'] || contactId}
      buttons=${tokens(args.buttons)}
      detail-tabs=${tokens(args['detail-tabs'])}
      tab=${args.tab || nothing}
      lang=${args.lang || nothing}
      selection=${tokens(args.selection) === nothing ? seeded?.contactIds.slice(0, 4).join(' ') || nothing : tokens(args.selection)}
      .adapter=${adapter}
      style=${boxed ? nothing : 'max-width: 64rem'}
    ></lift-contact-card>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** A demo contact: header, bar, the overview, and the personal details ready to edit. */
export const Card: Story = {};

/** The card in a box `width` wide, as a host's column gives it (the card takes that width). */
const inBox = (style: string): Story['render'] => (args, context) =>
  html`<div style=${style}>${meta.render!({ ...args }, context)}</div>`;

/** On a phone: 390 px. Overview entries put their "by … · date" line under the title. */
export const Phone390: Story = { name: 'At 390 px', parameters: { boxed: true }, render: inBox('width: 390px') };

/** On a tablet: 768 px. */
export const Tablet768: Story = { name: 'At 768 px', parameters: { boxed: true }, render: inBox('width: 768px') };

/** On a desktop: 1280 px. */
export const Desktop1280: Story = { name: 'At 1280 px', parameters: { boxed: true }, render: inBox('width: 1280px') };

/**
 * In a narrow flex column that does not stretch its items (`align-items: flex-start`), as the
 * demo's narrow layout is: the card still takes the column's width instead of shrinking.
 */
export const NarrowFlexColumn: Story = {
  name: 'In a narrow flex column',
  parameters: { boxed: true },
  render: inBox('display: flex; flex-direction: column; align-items: flex-start; width: 358px'),
};

/** The Projects tab: linked leads, requests and projects, newest first. */
export const Projects: Story = { args: { tab: 'projects' } };

/** The Correspondence tab: e-mails, letters, documents and invoices only. */
export const Correspondence: Story = { args: { tab: 'correspondence' } };

/** The Checklist tab. */
export const Checklist: Story = { args: { tab: 'checklist' } };

/** Only two detail tabs, in the order the attribute gives. */
export const DetailTabs: Story = { args: { 'detail-tabs': ['function', 'personal'] } };

/** Unsaved edits: Save is lit, the changed fields are marked. */
export const Dirty: Story = {
  play: async ({ canvasElement }) => {
    const el = await card(canvasElement);
    edit(el, 'jobTitle', 'Creatief directeur');
    edit(el, 'email', 'niet-geldig@');
  },
};

/** Saving: the adapter has not answered yet. */
export const Saving: Story = {
  loaders: [async () => demoWorld().then((world) => ({ ...world, adapter: slowSaves(world.adapter) }))],
  play: async ({ canvasElement }) => {
    const el = await card(canvasElement);
    edit(el, 'department', 'Strategie');
    void el.save();
  },
};

/** A draft kept from an earlier visit, offered back with a notice. */
export const DraftRestored: Story = { loaders: [async () => draftWorld()] };

/** Saving that draft met someone else's change to the same field: the user chooses per field. */
export const Conflict: Story = {
  loaders: [async () => draftWorld()],
  play: async ({ canvasElement }) => {
    const el = await card(canvasElement);
    void el.save();
  },
};

/** Someone else saved while the user was editing: "changed elsewhere" with compare and refresh. */
export const ChangedElsewhere: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { adapter, contactId } = loaded as Loaded;
    const el = await card(canvasElement);
    edit(el, 'notes', 'Wil in januari een nieuwe offerte.');
    const current = await adapter.contacts.get(contactId);
    await adapter.contacts.update(contactId, current.version, { jobTitle: 'Eigenaar' });
  },
};

/** An archived contact: banner, badge, read-only; the bar offers Unarchive. */
export const Archived: Story = { loaders: [async () => demoWorld({ archived: true })] };

/**
 * A user who may not see archived contacts, while a colleague archives the one on her card: the
 * card refuses it as opening it would ("no right to see this contact"), instead of staying
 * editable. (Her edits would come back were it unarchived.)
 */
export const ArchivedElsewhere: Story = {
  name: 'Archived elsewhere, for a user who may not see archived contacts',
  loaders: [async () => demoWorld({ role: 'present', roles: WITH_PRESENT_ONLY })],
  play: async ({ canvasElement, loaded }) => {
    const { adapter, contactId } = loaded as Loaded;
    const el = await card(canvasElement);
    edit(el, 'jobTitle', 'Hoofd inkoop en logistiek');
    const shown = await adapter.contacts.get(contactId);
    await adapter.contacts.setArchived(contactId, shown.version, true);
    await until(() => !el.shadowRoot!.querySelector('#field-firstName'), 'the fields no longer offered for editing');
  },
};

/** A role without the edit and archive rights: everything shown, nothing editable. */
export const NoRights: Story = { loaders: [async () => demoWorld({ role: 'viewer' })] };

type Offline = Loaded & Awaited<ReturnType<typeof offlineWorld>>;

/** Offline on the team server: the card shows what the device kept, and says so. */
export const Offline: Story = {
  loaders: [async () => offlineWorld()],
  play: async ({ canvasElement, loaded }) => {
    const { adapter, net } = loaded as Offline;
    await card(canvasElement);
    net.offline = true;
    await adapter.sync.retry();
  },
};

/** Offline, with a save kept on the device: "kept", never "saved", and the change waits. */
export const OfflineWaiting: Story = {
  loaders: [async () => offlineWorld()],
  play: async ({ canvasElement, loaded }) => {
    const { adapter, net } = loaded as Offline;
    const el = await card(canvasElement);
    net.offline = true;
    await adapter.sync.retry();
    edit(el, 'jobTitle', 'Hoofd inkoop');
    await el.save();
  },
};

/** The server answers, but no longer takes the user's sign-in (an expired token): the card asks to sign in again, and changes wait. */
export const OfflineSignInRefused: Story = {
  loaders: [async () => offlineWorld()],
  play: async ({ canvasElement, loaded }) => {
    const { adapter, net, credentials } = loaded as Offline;
    const el = await card(canvasElement);
    net.offline = true;
    credentials.take(true);
    await adapter.sync.retry();
    edit(el, 'jobTitle', 'Hoofd inkoop');
    await el.save();
  },
};

/** Back online, a note made offline was refused: why, what the user wrote, and what can be done. */
export const OfflineRefused: Story = {
  loaders: [async () => offlineWorld()],
  play: async ({ canvasElement, loaded }) => {
    const { adapter, net, contactId } = loaded as Offline;
    await card(canvasElement);
    net.offline = true;
    await adapter.sync.retry();
    await adapter.timeline.add({ contactId, kind: 'note', subject: 'Offerte besproken', body: 'Drie varianten, de middelste had de voorkeur.' });
    net.offline = false;
    net.refuse = true;
    await adapter.sync.retry();
  },
};

/**
 * Back online, a note the server failed on each time it was sent, while it answered otherwise:
 * sent three times, less and less often, then listed as not saved ("the server failed on this
 * change every time"), with what the user wrote, Send again and Discard. What waited behind it
 * went on.
 */
export const OfflineFailingChange: Story = {
  name: 'Offline: a change the server keeps failing',
  loaders: [async () => offlineWorld({ probeMs: 50 })],
  play: async ({ canvasElement, loaded }) => {
    const { adapter, failing, contactId } = loaded as Offline;
    const el = await card(canvasElement);
    failing.notes = true;
    await adapter.timeline.add({ contactId, kind: 'note', subject: 'Offerte besproken', body: 'Drie varianten, de middelste had de voorkeur.' });
    await until(() => adapter.sync.state().failed.length === 1 && adapter.sync.state().connection === 'online', 'the note given up after three sends');
    await until(() => el.shadowRoot!.querySelector('.sync-failed li'), 'the card to list the note as not saved');
  },
};

/** Waiting for the adapter: a skeleton. */
export const Loading: Story = { loaders: [async () => brokenWorld('hanging')] };

/** The adapter failed: the reason and a retry. */
export const Unavailable: Story = { loaders: [async () => brokenWorld('failing')] };

/** A contact id the adapter does not know. */
export const NotFound: Story = { loaders: [async () => demoWorld().then((world) => ({ ...world, contactId: 'no-such-contact' }))] };

/** Archive: the card asks first, naming the contact, with Cancel focused. */
export const ArchiveConfirm: Story = { play: async ({ canvasElement }) => void (await action(canvasElement, { action: 'archive' })) };

/**
 * Next with unsaved edits: before going to the next card of the selection, the card asks whether
 * to save them, discard them or stay.
 */
export const UnsavedQuestion: Story = {
  play: async ({ canvasElement }) => {
    const el = await card(canvasElement);
    // Not the demo contact's own job title (Hoofd inkoop): the same value would leave nothing unsaved.
    edit(el, 'jobTitle', 'Adjunct-directeur inkoop');
    await el.updateComplete;
    await action(canvasElement, { action: 'next' });
  },
};

/** Search: the contact search (a combobox over name, e-mail and relation, newest modified first). */
export const SearchDialog: Story = { play: async ({ canvasElement }) => void (await action(canvasElement, { action: 'search' })) };

/** New: a new lead, request or project for this contact. */
export const CreateDialog: Story = { play: async ({ canvasElement }) => void (await action(canvasElement, { action: 'create', kind: 'project' })) };

/** Copy: the contact copied to another relation. */
export const CopyDialog: Story = { play: async ({ canvasElement }) => void (await action(canvasElement, { action: 'copy' })) };

/** New document: a document from a template, previewed with this contact's details. */
export const DocumentDialog: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { adapter } = loaded as Loaded;
    const [template] = (await adapter.templates?.list()) ?? [];
    if (template) await action(canvasElement, { action: 'document', id: template.id });
  },
};

/** Reports: activity per kind per month, as a chart and as a table. */
export const ActivityReport: Story = { play: async ({ canvasElement }) => void (await action(canvasElement, { action: 'reports', id: 'activity' })) };

/**
 * Reports, the activity report with its table open: the table scrolls inside the dialog, and
 * the chart's months take focus one at a time (arrow keys), showing their numbers. Narrow the
 * window to see it at 390 px.
 */
export const ActivityReportTable: Story = {
  play: async ({ canvasElement }) => {
    const el = await action(canvasElement, { action: 'reports', id: 'activity' });
    for (let tries = 0; tries < 50 && !el.shadowRoot!.querySelector('details.as-table'); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    el.shadowRoot!.querySelector<HTMLDetailsElement>('details.as-table')?.setAttribute('open', '');
  },
};

/** Reports: the printable contact summary. */
export const SummaryReport: Story = { play: async ({ canvasElement }) => void (await action(canvasElement, { action: 'reports', id: 'summary' })) };
