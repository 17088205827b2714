import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import '../src/lift-checklist.js';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import { brokenWorld, demoWorld, failingCall, until } from './fixtures.js';

interface Args {
  'contact-id'?: string;
  'card-type': string;
  status?: string;
  statuses?: string;
  manage: boolean;
}

type Loaded = { adapter: LiftAdapter; contactId: string };

const meta: Meta<Args> = {
  title: 'Elements/lift-checklist',
  component: 'lift-checklist',
  // The demo list sets other modes for the status `archived` only (the one the built-in adapters
  // apply to an archived contact), so that is the status Manage offers.
  args: { 'card-type': 'contact', manage: false, statuses: 'archived' },
  argTypes: {
    'card-type': { control: 'text' },
    status: {
      control: 'text',
      description:
        'The card\'s status, which picks the mode each item shows. The demo list sets other modes for "archived"; any other status shows the items\' own modes. The in-memory adapter here still saves by the stored contact\'s modes.',
    },
    statuses: { control: 'text' },
    manage: { control: 'boolean' },
  },
  loaders: [async () => demoWorld()],
  render: (args, { loaded }) => {
    const { adapter, contactId } = loaded as Loaded;
    // A contact id typed in replaces the loader's.
    return html`<lift-checklist
      contact-id=${args['contact-id'] || contactId}
      card-type=${args['card-type']}
      status=${args.status || nothing}
      statuses=${args.statuses || nothing}
      ?manage=${args.manage}
      .adapter=${adapter}
      style="max-width: 48rem"
    ></lift-checklist>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** A contact's checklist from the demo lookup list: some items ticked, some with notes. */
export const Items: Story = {};

/** The lookup list managed in place (add, rename, reorder, categorise, modes per status, delete). */
export const Manage: Story = { args: { manage: true } };

/**
 * Manage, with a change the adapter refused: the renamed item keeps the name typed, marked, the
 * reason is said above the table, and Try again (or Enter in the field) sends it again as it is.
 */
export const ManageRefused: Story = {
  name: 'Manage: a refused change and Try again',
  args: { manage: true },
  loaders: [async () => demoWorld().then((world) => ({ ...world, adapter: failingCall(world.adapter, 'checklists', 'saveDefinition') }))],
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<LiftChecklist>('lift-checklist')!;
    await el.loaded;
    await el.updateComplete;
    // The first item's name, renamed as a user would (found by its place, so in every language).
    const manage = () => el.shadowRoot!.querySelector('[part~="manage"]');
    const name = manage()?.querySelector<HTMLInputElement>('tbody tr:first-child input[type="text"]');
    if (!name) throw new Error('ManageRefused: the manage table shows no first item name (tbody tr:first-child input)');
    name.value = `${name.value} (herzien)`;
    name.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => manage()?.querySelector('[part~="error"]') && manage()?.querySelector('[part~="error"] ~ button'), 'the refusal said, with Try again');
  },
};

/** A card type without checklist items: the card would hide its Checklist tab. */
export const NoItems: Story = { args: { 'card-type': 'medewerker' } };

/** A role without the checklist right: everything shown, nothing changeable. */
export const NoRights: Story = { loaders: [async () => demoWorld({ role: 'viewer' })] };

/** Manage asked for by a user without the manage right: ignored, with a notice. */
export const ManageWithoutRight: Story = { args: { manage: true }, loaders: [async () => demoWorld({ role: 'employee' })] };

/** An archived contact: read-only, with a banner. */
export const Archived: Story = { loaders: [async () => demoWorld({ archived: true })] };

/** Waiting for the adapter. */
export const Loading: Story = { loaders: [async () => brokenWorld('hanging')] };

/** The adapter failed: the reason and a retry. */
export const LoadError: Story = { loaders: [async () => brokenWorld('failing')] };
