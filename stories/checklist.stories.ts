import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import '../src/lift-checklist.js';
import { brokenWorld, demoWorld } from './fixtures.js';

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
